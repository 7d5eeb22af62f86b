/**
 * The gan4j service interfaces, their common {@link org.gan4j.api.Component} contract, config documentation
 * ({@link org.gan4j.api.Param}) and the documented exception types.
 */
package org.gan4j.api;
