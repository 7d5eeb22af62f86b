/** Discovery of providers by kind and name. */
package org.gan4j.api.registry;
