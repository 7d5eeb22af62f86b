/** The built-in optimizers (Adam, SGD with momentum, RMSprop) over a network's flat parameter vector. */
package org.gan4j.engine.optim;
