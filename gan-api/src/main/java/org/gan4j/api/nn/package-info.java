/** The network contract the engine trains, independent of how a network is built. */
package org.gan4j.api.nn;
