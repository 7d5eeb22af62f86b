package org.gan4j.engine.eval;

import java.util.List;
import org.gan4j.api.DataSource;
import org.gan4j.api.data.Dataset;
import org.gan4j.api.registry.Registry;
import org.gan4j.engine.config.ConfigLoader;
import org.gan4j.engine.config.ExperimentConfig;

/** Another split of a run's data, whole: evaluations score the test split whatever the run trained on. */
final class Splits {
    private Splits() {
    }

    /**
     * The experiment with its data block switched to another split and no limit.
     *
     * @throws org.gan4j.api.ConfigException when the data source has no such split
     */
    static ExperimentConfig bind(ExperimentConfig config, Registry registry, String split) {
        return new ConfigLoader(registry).bind(ConfigLoader.parse(ConfigLoader.toYaml(config), "evaluation"),
                List.of("data.split=" + split, "data.limit=0"));
    }

    /** Opens the data of an experiment bound by {@link #bind}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Dataset open(ExperimentConfig config, Registry registry) {
        DataSource source = registry.require(DataSource.class, config.data().type());
        return source.open(config.data().settings());
    }
}
