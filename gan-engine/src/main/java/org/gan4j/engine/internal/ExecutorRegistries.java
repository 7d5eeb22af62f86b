package org.gan4j.engine.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.gan4j.api.registry.Registry;
import org.gan4j.engine.PluginLoader;

/**
 * The providers a cluster's task uses (a distributed round, an experiment's run). A task running in the driver's JVM
 * (Spark local mode, the in-process cluster) uses the driver's registry, whose plugins may be module layers; a task
 * in another JVM loads the plugins on its class path, once per JVM.
 */
public final class ExecutorRegistries {
    private static final Map<String, Registry> DRIVER = new ConcurrentHashMap<>();
    private static volatile Registry classPath;

    private ExecutorRegistries() {
    }

    /**
     * Offers the driver's registry to the tasks of a job in this JVM.
     *
     * @param job the job's id, which its tasks carry
     * @param registry the driver's providers
     */
    public static void offer(String job, Registry registry) {
        DRIVER.put(job, registry);
    }

    /**
     * Withdraws what {@link #offer} offered.
     *
     * @param job the job's id
     */
    public static void withdraw(String job) {
        DRIVER.remove(job);
    }

    /**
     * The registry for a task of a job.
     *
     * @param job the job's id
     * @return the driver's, when offered in this JVM; else the class path's plugins
     */
    public static Registry forJob(String job) {
        Registry r = DRIVER.get(job);
        if (r != null) {
            return r;
        }
        if (classPath == null) {
            synchronized (ExecutorRegistries.class) {
                if (classPath == null) {
                    classPath = PluginLoader.load(null, PluginLoader.Mode.CLASS_PATH);
                }
            }
        }
        return classPath;
    }
}
