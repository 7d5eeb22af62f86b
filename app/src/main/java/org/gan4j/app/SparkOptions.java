package org.gan4j.app;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gan4j.api.ConfigException;
import org.gan4j.engine.cluster.Cluster;
import org.gan4j.spark.SparkCluster;
import picocli.CommandLine.Option;

/** {@code --spark MASTER} and {@code --spark-conf KEY=VALUE} of {@code gan train} and {@code gan resume}. */
final class SparkOptions {
    @Option(names = "--spark", paramLabel = "MASTER",
            description = "train on Apache Spark: local[N], spark://host:port, or any master URL Spark accepts "
                    + "(docs/distributed.md)")
    String master;

    @Option(names = "--spark-conf", paramLabel = "KEY=VALUE",
            description = "a Spark setting, e.g. spark.executor.memory=4g (repeatable; with --spark)")
    List<String> conf = new java.util.ArrayList<>();

    /**
     * The cluster asked for, connected; null when the run trains on this machine.
     *
     * @param pluginsDir the CLI's {@code --plugins-dir}, whose jars the executors need too
     * @throws ConfigException for {@code --spark-conf} without {@code --spark} or a setting without '='
     */
    Cluster open(java.nio.file.Path pluginsDir) {
        if (master == null) {
            if (!conf.isEmpty()) {
                throw new ConfigException("--spark-conf " + conf.get(0) + ": only with --spark MASTER");
            }
            return null;
        }
        try {
            // before SparkCluster is touched: its class refers to Spark's
            Class.forName("org.apache.spark.SparkConf", false, SparkOptions.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ConfigException("--spark: Apache Spark is not on the class path (the gan launcher adds "
                    + "$SPARK_HOME/jars, or the jars scripts/spark-home.sh assembles)");
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (String c : conf) {
            int eq = c.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException("--spark-conf " + c + ": expected KEY=VALUE");
            }
            settings.put(c.substring(0, eq).trim(), c.substring(eq + 1).trim());
        }
        return SparkCluster.connect(master, settings, List.of(pluginsDir));
    }
}
