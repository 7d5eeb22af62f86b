/**
 * The gan4j engine: one training loop for every variant, with configs, checkpoints, samples, metrics and plugin
 * loading. Guice wires it internally; plugins never see Guice.
 */
module gan4j.engine {
    requires transitive gan4j.api;
    requires gan4j.nn;
    requires org.slf4j;
    requires com.google.guice;
    requires jakarta.inject;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires org.knowm.xchart;
    requires transitive java.desktop;

    exports org.gan4j.engine;
    exports org.gan4j.engine.board;
    exports org.gan4j.engine.cluster;
    exports org.gan4j.engine.config;
    exports org.gan4j.engine.eval;
    exports org.gan4j.engine.experiment;
    exports org.gan4j.engine.optim;
    exports org.gan4j.engine.testing;
    // config records of the built-ins must be reachable by the binder and by library users
    exports org.gan4j.engine.builtin;

    opens org.gan4j.engine to com.google.guice;

    provides org.gan4j.api.TrainingSchedule with org.gan4j.engine.builtin.AlternatingSchedule;
    provides org.gan4j.api.DataSource with org.gan4j.engine.builtin.IdxDataSource.Mnist,
            org.gan4j.engine.builtin.IdxDataSource.Fashion, org.gan4j.engine.builtin.ToyDataSource.Ring,
            org.gan4j.engine.builtin.ToyDataSource.Grid, org.gan4j.engine.builtin.SyntheticDataSource,
            org.gan4j.engine.builtin.ImageFolderDataSource,
            org.gan4j.engine.builtin.PairedImagesDataSource, org.gan4j.engine.builtin.UnpairedImagesDataSource,
            org.gan4j.engine.builtin.InMemoryDataSource;
    provides org.gan4j.api.UpdateRule with org.gan4j.engine.optim.Adam, org.gan4j.engine.optim.Sgd,
            org.gan4j.engine.optim.RmsProp;
    provides org.gan4j.api.Metric with org.gan4j.engine.eval.BuiltinMetrics.ModeCoverageMetric,
            org.gan4j.engine.eval.BuiltinMetrics.ClassifierMetric;
}
