package org.gan4j.api;

import org.gan4j.api.nn.Network;
import org.gan4j.api.nn.NetworkContext;

/**
 * A factory of generator networks. The network maps a latent batch of shape {@code [n, ...inputShape]} (drawn from
 * N(0, 1) by the schedule) to samples of shape {@code [n, ...sampleShape]} scaled like the data, usually [-1, 1].
 *
 * @param <C> the config record type
 */
public interface Generator<C extends Record> extends Component<C> {

    /**
     * Builds a freshly initialised generator.
     *
     * @param config the bound config
     * @param context the data shape, class count and the seed for initialisation
     * @return a new network
     */
    Network build(C config, NetworkContext context);
}
