/** The training-step contract: what a schedule receives from the engine and what it returns. */
package org.gan4j.api.train;
