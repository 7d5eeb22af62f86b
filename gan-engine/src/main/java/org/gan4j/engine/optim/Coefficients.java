package org.gan4j.engine.optim;

/**
 * One step's scalars of an update rule, in float as the rules use them, shared by the host and native rules so both
 * see the same values; each {@link UpdateRule} says which it fills.
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
}
