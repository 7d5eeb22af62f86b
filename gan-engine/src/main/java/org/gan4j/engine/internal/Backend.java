package org.gan4j.engine.internal;

import org.gan4j.api.ConfigException;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What ND4J backend this process got, and the check that it matches the config's {@code device}.
 *
 * @param device {@code cpu} or {@code cuda}
 * @param backend the backend's class name
 * @param build the native build (for example {@code linux-x86_64-onednn})
 * @param blas the BLAS vendor
 * @param threads ND4J's op threads
 * @param blasThreads the BLAS threads
 */
public record Backend(String device, String backend, String build, String blas, int threads, int blasThreads) {

    /**
     * Inspects the running backend.
     *
     * @return the description
     */
    public static Backend detect() {
        String name = Nd4j.getBackend().getClass().getSimpleName();
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        boolean cuda = lower.contains("cublas") || lower.contains("cuda");
        String build = "?";
        ClassLoader cl = Nd4j.getBackend().getClass().getClassLoader();
        for (String b : new String[] {"linux-x86_64-onednn-avx512", "linux-x86_64-onednn-avx2", "linux-x86_64-onednn",
                                      "linux-x86_64-avx512", "linux-x86_64-avx2", "linux-x86_64"}) {
            if (cl.getResource("org/nd4j/linalg/cpu/nativecpu/bindings/" + b + "/") != null) {
                build = b;
                break;
            }
        }
        String blas = String.valueOf(Nd4j.factory().blas().getBlasVendor());
        int threads = Nd4j.getEnvironment().maxThreads();
        return new Backend(cuda ? "cuda" : "cpu", name, cuda ? "cuda" : build, blas, threads,
                Nd4j.factory().blas().getMaxThreads());
    }

    /**
     * Checks the requested device against this backend.
     *
     * @param requested {@code auto}, {@code cpu} or {@code cuda}
     * @throws ConfigException when the requested device is not the loaded backend
     */
    public void require(String requested) {
        if (requested.equals("cuda") && !device.equals("cuda")) {
            throw new ConfigException("device: cuda was asked for, but the ND4J CUDA backend is not on the class path "
                    + "(this build has " + backend + "); build gan4j with -Pcuda, or set device: cpu");
        }
        if (requested.equals("cpu") && !device.equals("cpu")) {
            throw new ConfigException("device: cpu was asked for, but this build runs " + backend
                    + "; build gan4j without -Pcuda, or set device: cuda");
        }
    }

    /**
     * Sets the intra-op threads of work started from the calling thread: OpenMP's per-thread team size, which
     * libnd4j's oneDNN convolutions and OpenBLAS's GEMMs follow, and gan-nn's Java passes. Threads the engine does not own keep the process
     * default (the launcher's {@code OMP_NUM_THREADS=1}), so setting one worker's count never changes another's.
     *
     * @param threads the team size, 1 or more
     */
    public static void setIntraOpThreads(int threads) {
        org.gan4j.nn.KernelThreads.setForCurrentThread(threads);
        java.lang.invoke.MethodHandle set = OmpSetter.HANDLE;
        if (set != null) {
            try {
                set.invoke(threads);
            } catch (Throwable e) {
                org.slf4j.LoggerFactory.getLogger(Backend.class).debug("cannot set intra-op threads: {}", e.toString());
            }
        }
    }

    /**
     * libnd4j's {@code setOmpNumThreads} bound to its instance, found by reflection on first use: NativeOpsHolder
     * lives in the backend's artifact, which gan-engine does not compile against; null on a backend without it.
     */
    private static final class OmpSetter {
        static final java.lang.invoke.MethodHandle HANDLE = find();
    }

    private static java.lang.invoke.MethodHandle find() {
        try {
            // the backend must be loaded first: NativeOpsHolder cannot initialise itself before it
            Nd4j.getExecutioner();
            Class<?> holder = Class.forName("org.nd4j.nativeblas.NativeOpsHolder");
            Object ops = holder.getMethod("getDeviceNativeOps").invoke(holder.getMethod("getInstance").invoke(null));
            return java.lang.invoke.MethodHandles.publicLookup().findVirtual(
                    Class.forName("org.nd4j.nativeblas.NativeOps"), "setOmpNumThreads",
                    java.lang.invoke.MethodType.methodType(void.class, int.class)).bindTo(ops);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            org.slf4j.LoggerFactory.getLogger(Backend.class).debug("no intra-op thread control: {}", e.toString());
            return null;
        }
    }

    /**
     * The cores this JVM may use.
     *
     * @return {@link Runtime#availableProcessors()}
     */
    public static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * One line for logs.
     *
     * @return a summary
     */
    public String summary() {
        return device + " (" + backend + ", " + build + "), BLAS " + blas + ", threads " + threads
                + ", BLAS threads " + blasThreads;
    }
}
