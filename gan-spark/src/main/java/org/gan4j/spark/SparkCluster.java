package org.gan4j.spark;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.gan4j.api.GanException;
import org.gan4j.engine.PluginLoader;
import org.gan4j.engine.cluster.Cluster;
import org.gan4j.engine.cluster.PartitionTrainer;
import org.gan4j.engine.cluster.RunTrainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Cluster} on Apache Spark. Each round is one Spark job of one task per partition: the task reads the round's
 * request (a broadcast), its partition's shard (a broadcast of its own, so an executor fetches only the shards of the
 * partitions it runs) and the job, and runs {@link PartitionTrainer#round}. No barrier mode: the driver averages
 * between jobs, and a task whose executor is lost is simply run again by Spark ({@code spark.task.maxFailures}),
 * which returns what the first try would have, since a round is a pure function of what it is sent.
 *
 * <pre>{@code
 * try (SparkCluster spark = SparkCluster.connect("spark://host:7077", Map.of())) {
 *     gan.train(TrainRequest.of(config).runDir(runDir).listener(listener).cluster(spark));
 * }
 * }</pre>
 */
public final class SparkCluster implements Cluster {
    private static final Logger LOG = LoggerFactory.getLogger(SparkCluster.class);
    /** The error when Spark's classes are missing. */
    public static final String NO_SPARK = "--spark: Apache Spark is not on the class path (the gan launcher adds "
            + "$SPARK_HOME/jars, or the jars scripts/spark-home.sh assembles; a Java application needs "
            + "org.apache.spark:spark-core_2.13)";

    private final JavaSparkContext sc;
    private final String master;
    private Broadcast<byte[]> job;
    private final List<Broadcast<byte[]>> shards = new ArrayList<>();

    private SparkCluster(JavaSparkContext sc, String master) {
        this.sc = sc;
        this.master = master;
    }

    /**
     * Connects to a Spark master as the driver of an application named gan4j.
     *
     * <p>Executors need gan4j, its plugins and ND4J on their class path. On a {@code local} master they are this
     * JVM's. Otherwise, unless {@code conf} sets {@code spark.executor.extraClassPath} (gan4j installed at the same
     * path on every node) or {@code spark.jars}, the jars of this JVM's class and module path that are not Spark's
     * own, and the plugin jars, are listed in {@code spark.jars}, which Spark serves to each executor.
     *
     * @param master the master URL: {@code local[N]}, {@code local[N,F]} (F tries per task), {@code spark://host:port},
     *     or any that Spark accepts
     * @param conf Spark settings over gan4j's defaults (UI off, one OpenMP thread and 2g per executor)
     * @return the cluster
     * @throws GanException when Spark is not on the class path or the master cannot be reached
     */
    public static SparkCluster connect(String master, Map<String, String> conf) {
        return connect(master, conf, List.of());
    }

    /**
     * {@link #connect(String, Map)} for a run whose plugins come from directories of their own (the CLI's
     * {@code --plugins-dir}): their jars are served to the executors too.
     *
     * @param master the master URL
     * @param conf Spark settings over gan4j's defaults
     * @param pluginDirs directories of plugin jars beyond the built-in ones
     * @return the cluster
     * @throws GanException when Spark is not on the class path or the master cannot be reached
     */
    public static SparkCluster connect(String master, Map<String, String> conf, List<Path> pluginDirs) {
        try {
            Class.forName("org.apache.spark.SparkConf", false, SparkCluster.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new org.gan4j.api.ConfigException(NO_SPARK);
        }
        quietSpark();
        SparkConf c = new SparkConf().setAppName("gan4j").setMaster(master)
                .set("spark.ui.enabled", "false")
                .set("spark.executorEnv.OMP_NUM_THREADS", "1")
                .set("spark.driver.maxResultSize", "0")
                // ND4J's off-heap arrays are bounded by the heap's size (JavaCPP's maxBytes): 1g is tight for images
                .set("spark.executor.memory", "2g");
        conf.forEach(c::set);
        if (!master.startsWith("local") && !c.contains("spark.executor.extraClassPath") && !c.contains("spark.jars")) {
            List<String> jars = gan4jJars(pluginDirs);
            c.set("spark.jars", String.join(",", jars));
            LOG.info("spark: serving {} gan4j jars to the executors (spark.jars)", jars.size());
        }
        try {
            JavaSparkContext sc = new JavaSparkContext(c);
            return new SparkCluster(sc, master);
        } catch (Exception e) {
            // Scala throws SparkException (checked in Java) without declaring it
            throw new GanException("--spark " + master + ": cannot start the Spark application: " + rootMessage(e), e);
        }
    }

    /**
     * Spark, Hadoop and Netty log through gan4j's slf4j binding: their INFO lines would bury gan4j's progress, and
     * Spark logs its own failures with stack traces that gan4j reports in one line. {@code -Dgan4j.spark.log=warn}
     * (or info) brings them back.
     */
    private static void quietSpark() {
        String level = System.getProperty("gan4j.spark.log", "off");
        for (String logger : List.of("org.apache.spark", "org.apache.hadoop", "org.sparkproject", "io.netty")) {
            System.setProperty("org.slf4j.simpleLogger.log." + logger, level);
        }
    }

    @Override
    public int defaultPartitions() {
        return Math.max(1, sc.defaultParallelism());
    }

    @Override
    public int coresPerPartition() {
        return Math.max(1, sc.getConf().getInt("spark.task.cpus", 1));
    }

    @Override
    public void start(byte[] jobMessage, List<byte[]> shardMessages) {
        try {
            job = sc.broadcast(jobMessage);
            shardMessages.forEach(s -> shards.add(sc.broadcast(s)));
        } catch (Exception e) {
            throw new GanException("spark: cannot send the job to the cluster: " + rootMessage(e), e);
        }
    }

    @Override
    public List<byte[]> round(byte[] request) {
        Broadcast<byte[]> r = null;
        try {
            r = sc.broadcast(request);
            List<Integer> partitions = IntStream.range(0, shards.size()).boxed().toList();
            return sc.parallelize(partitions, shards.size()).map(new Round(job, List.copyOf(shards), r)).collect();
        } catch (Exception e) {
            // a stopped context: the master gave the application up (every executor failed to start, for one)
            throw new GanException("spark: the round failed" + (sc.sc().isStopped() ? " and the Spark application "
                    + "stopped" : " after Spark's retries") + ": " + rootMessage(e), e);
        } finally {
            if (r != null && !sc.sc().isStopped()) {
                r.destroy();
            }
        }
    }

    /** Each run is one Spark task: a cluster trains as many side by side as it has task slots. */
    @Override
    public List<byte[]> each(List<byte[]> tasks) {
        try {
            List<Integer> index = IntStream.range(0, tasks.size()).boxed().toList();
            return sc.parallelize(index, Math.max(1, tasks.size())).map(new Each(List.copyOf(tasks))).collect();
        } catch (Exception e) {
            throw new GanException("spark: a run failed" + (sc.sc().isStopped() ? " and the Spark application "
                    + "stopped" : " after Spark's retries") + ": " + rootMessage(e), e);
        }
    }

    @Override
    public String describe() {
        return "spark " + master + " (" + sc.sc().applicationId() + ")";
    }

    @Override
    public void close() {
        sc.stop();
    }

    /** The jars executors need that a Spark installation lacks: gan4j's, its plugins', ND4J's. */
    static List<String> gan4jJars(List<Path> pluginDirs) {
        Path sparkDir = jarOf(SparkConf.class).getParent();
        Set<String> out = new LinkedHashSet<>();
        String path = System.getProperty("jdk.module.path", "") + File.pathSeparator
                + System.getProperty("java.class.path", "");
        for (String entry : path.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                expand(Path.of(entry), out);
            }
        }
        PluginLoader.builtInDirs().forEach(d -> expand(d, out));
        pluginDirs.stream().filter(Files::isDirectory).forEach(d -> expand(d, out));
        out.removeIf(j -> Path.of(j).getParent().equals(sparkDir));
        return new ArrayList<>(out);
    }

    private static void expand(Path entry, Set<String> out) {
        if (Files.isDirectory(entry)) {
            try (Stream<Path> s = Files.list(entry)) {
                s.filter(p -> p.toString().endsWith(".jar")).sorted()
                        .forEach(p -> out.add(p.toAbsolutePath().normalize().toString()));
            } catch (java.io.IOException e) {
                LOG.warn("cannot list {}: {}", entry, e.toString());
            }
        } else if (entry.toString().endsWith(".jar") && Files.exists(entry)) {
            out.add(entry.toAbsolutePath().normalize().toString());
        } else if (entry.toString().endsWith("*")) {
            expand(entry.getParent(), out);
        }
    }

    private static Path jarOf(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath().normalize();
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return Path.of("/nonexistent/spark.jar");
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = String.valueOf(t.getMessage());
        int nl = m.indexOf('\n');
        return nl > 0 ? m.substring(0, nl) : m;
    }

    /** One run of an experiment, as Spark runs it on an executor. */
    private static final class Each implements Function<Integer, byte[]> {
        private static final long serialVersionUID = 1L;
        private final List<byte[]> tasks;

        Each(List<byte[]> tasks) {
            this.tasks = tasks;
        }

        @Override
        public byte[] call(Integer i) {
            return RunTrainer.run(tasks.get(i));
        }
    }

    /** One partition's round, as Spark runs it on an executor. */
    private static final class Round implements Function<Integer, byte[]> {
        private static final long serialVersionUID = 1L;
        private final Broadcast<byte[]> job;
        private final List<Broadcast<byte[]>> shards;
        private final Broadcast<byte[]> request;

        Round(Broadcast<byte[]> job, List<Broadcast<byte[]>> shards, Broadcast<byte[]> request) {
            this.job = job;
            this.shards = shards;
            this.request = request;
        }

        @Override
        public byte[] call(Integer p) {
            return PartitionTrainer.round(job.value(), p, shards.get(p).value(), request.value());
        }
    }
}
