package org.gan4j.api;

import org.gan4j.api.train.AdversarialLoss;

/**
 * A factory of adversarial losses: the GAN term only, as functions of the discriminator's raw outputs. Any schedule
 * can use any loss by name.
 *
 * @param <C> the config record type
 */
public interface Loss<C extends Record> extends Component<C> {

    /**
     * Creates the loss.
     *
     * @param config the bound config
     * @return a stateless loss function
     */
    AdversarialLoss create(C config);
}
