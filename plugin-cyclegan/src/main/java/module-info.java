/**
 * CycleGAN (Zhu et al. 2017): unpaired translation with two generators, two discriminators, cycle consistency both
 * ways, an identity term and image pools. The networks (ResNet generator, PatchGAN) come from plugin-layers by name.
 */
module gan4j.plugin.cyclegan {
    requires gan4j.nn;

    exports org.gan4j.cyclegan;

    provides org.gan4j.api.TrainingSchedule with org.gan4j.cyclegan.CycleGanSchedule;
}
