package org.gan4j.engine.optim;

import org.gan4j.engine.config.OptimizerSettings;

/**
 * One step's scalars of an update rule, in float as the rules use them, shared by the host and native rules so both
 * see the same values. Adam: β1, β2, 1−β1, 1−β2, lr·scale/(1−β1ᵗ), 1/√(1−β2ᵗ), ε. SGD: lr·scale and μ (as b1).
 * RMSprop: lr·scale, α (as b2), 1−α (as c2), ε.
 *
 * @param settings the optimizer's settings
 * @param b1 Adam's β1; SGD's momentum
 * @param b2 Adam's β2; RMSprop's α
 * @param c1 1 − β1
 * @param c2 1 − β2; 1 − α
 * @param lr the step's learning rate (Adam's already bias-corrected)
 * @param invSqrtBc2 Adam's 1/√(1−β2ᵗ)
 * @param eps ε
 * @param firstStep whether this is update 1 (SGD's momentum buffer starts as the gradient)
 */
record Coefficients(Record settings, float b1, float b2, float c1, float c2, float lr, float invSqrtBc2, float eps,
                    boolean firstStep) {

    static Coefficients of(Record settings, long iterations, double lrScale) {
        if (settings instanceof OptimizerSettings.Adam a) {
            float b1 = (float) a.beta1();
            float b2 = (float) a.beta2();
            double bc1 = 1 - Math.pow(a.beta1(), iterations);
            double bc2 = 1 - Math.pow(a.beta2(), iterations);
            return new Coefficients(settings, b1, b2, 1 - b1, 1 - b2, (float) (lrScale * a.lr() / bc1),
                    (float) (1 / Math.sqrt(bc2)), (float) a.epsilon(), iterations == 1);
        }
        if (settings instanceof OptimizerSettings.Sgd s) {
            return new Coefficients(settings, (float) s.momentum(), 0, 0, 0, (float) (lrScale * s.lr()), 0, 0,
                    iterations == 1);
        }
        OptimizerSettings.RmsProp r = (OptimizerSettings.RmsProp) settings;
        float alpha = (float) r.decay();
        return new Coefficients(settings, 0, alpha, 0, 1 - alpha, (float) (lrScale * r.lr()), 0, (float) r.epsilon(),
                iterations == 1);
    }
}
