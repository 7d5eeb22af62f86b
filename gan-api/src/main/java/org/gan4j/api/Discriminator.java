package org.gan4j.api;

import org.gan4j.api.nn.Network;
import org.gan4j.api.nn.NetworkContext;

/**
 * A factory of discriminator (or critic) networks. The network maps samples {@code [n, ...sampleShape]} to raw
 * scores {@code [n, 1]}: logits for probabilistic losses, unbounded values for critics. Losses apply the link.
 *
 * @param <C> the config record type
 */
public interface Discriminator<C extends Record> extends Component<C> {

    /**
     * Builds a freshly initialised discriminator.
     *
     * @param config the bound config
     * @param context the data shape, class count and the seed for initialisation
     * @return a new network
     */
    Network build(C config, NetworkContext context);
}
