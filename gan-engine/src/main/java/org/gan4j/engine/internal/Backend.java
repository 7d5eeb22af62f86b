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
        requireDriver();
        String name;
        try {
            name = Nd4j.getBackend().getClass().getSimpleName();
        } catch (ExceptionInInitializerError | NoClassDefFoundError e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            throw new org.gan4j.api.GanException("ND4J could not start a backend: " + root.getMessage(), e);
        }
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

    /** Where a Linux NVIDIA driver puts libcuda, besides {@code LD_LIBRARY_PATH}. */
    private static final String[] DRIVER_DIRS = {"/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib64",
                                                 "/usr/lib", "/usr/local/nvidia/lib64", "/usr/local/cuda/compat",
                                                 "/usr/lib/wsl/lib"};

    /**
     * Fails with one line, before ND4J starts, when this is the CUDA build (no CPU backend on the class path) and the
     * machine has no NVIDIA driver: ND4J would print a stack trace of its own and then fail to find any backend.
     *
     * @throws ConfigException when the CUDA backend cannot possibly load here
     */
    public static void requireDriver() {
        ClassLoader cl = Backend.class.getClassLoader();
        boolean cuda = cl.getResource("org/nd4j/linalg/jcublas/JCublasBackend.class") != null;
        boolean cpu = cl.getResource("org/nd4j/linalg/cpu/nativecpu/CpuBackend.class") != null;
        if (!cuda || cpu || !System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return;
        }
        java.util.List<String> dirs = new java.util.ArrayList<>();
        String ld = System.getenv("LD_LIBRARY_PATH");
        if (ld != null && !ld.isBlank()) {
            dirs.addAll(java.util.List.of(ld.split(":")));
        }
        dirs.addAll(java.util.List.of(DRIVER_DIRS));
        for (String d : dirs) {
            if (!d.isBlank() && java.nio.file.Files.exists(java.nio.file.Path.of(d, "libcuda.so.1"))) {
                return;
            }
        }
        throw new ConfigException("this is gan4j's CUDA build (-Pcuda), but no NVIDIA driver was found (no libcuda.so.1 "
                + "in LD_LIBRARY_PATH or the driver directories); install the NVIDIA driver (>= 450), or build for the "
                + "CPU: mvn install without -Pcuda (and unset GAN4J_MAVEN_ARGS)");
    }

    /**
     * Checks the requested device against this backend.
     *
     * @param requested {@code auto}, {@code cpu}, {@code cuda} or {@code cuda:N}
     * @throws ConfigException when the requested device is not the loaded backend, or no such GPU is visible
     */
    public void require(String requested) {
        if (requested.startsWith("cuda:") && device.equals("cuda")) {
            int index = Integer.parseInt(requested.substring(5));
            int visible = devices();
            if (index >= visible) {
                throw new ConfigException("device: " + requested + " was asked for, but " + visible
                        + " GPU(s) are visible (cuda:0" + (visible > 1 ? " … cuda:" + (visible - 1) : "") + ")");
            }
        }
        if (requested.startsWith("cuda") && !device.equals("cuda")) {
            throw new ConfigException("device: cuda was asked for, but the ND4J CUDA backend is not on the class path "
                    + "(this build has " + backend + "); build gan4j with -Pcuda, or set device: cpu");
        }
        if (requested.equals("cpu") && !device.equals("cpu")) {
            throw new ConfigException("device: cpu was asked for, but this build runs " + backend
                    + "; build gan4j without -Pcuda, or set device: cuda");
        }
    }

    /**
     * The kernels a config's {@code compute} asks for on this backend: {@code auto} is the {@code gan4j.compute}
     * system property when set, else native on CUDA (host loops would copy every activation across the bus twice)
     * and host on a CPU (where the Java loops are faster).
     *
     * @param requested {@code auto}, {@code host} or {@code native}
     * @return the mode
     */
    public org.gan4j.nn.Compute.Mode compute(String requested) {
        if (!requested.equals("auto")) {
            return org.gan4j.nn.Compute.Mode.of(requested);
        }
        if (!System.getProperty(org.gan4j.nn.Compute.PROPERTY, "").isBlank()) {
            return org.gan4j.nn.Compute.defaultMode();
        }
        return device.equals("cuda") ? org.gan4j.nn.Compute.Mode.NATIVE : org.gan4j.nn.Compute.Mode.HOST;
    }

    /**
     * The devices ND4J sees: GPUs on CUDA, 1 on a CPU.
     *
     * @return the count
     */
    public int devices() {
        return device.equals("cuda") ? Math.max(1, Nd4j.getAffinityManager().getNumberOfDevices()) : 1;
    }

    /**
     * The device a worker computes on: {@code cuda:N} pins every worker to GPU N; otherwise worker i takes GPU
     * i mod the GPUs visible. On a CPU there is one device.
     *
     * @param requested the config's {@code device}
     * @param worker the worker's index
     * @return the device index
     */
    public int deviceOf(String requested, int worker) {
        if (!device.equals("cuda")) {
            return 0;
        }
        return requested.startsWith("cuda:") ? Integer.parseInt(requested.substring(5)) : worker % devices();
    }

    /**
     * Binds the calling thread to a device (ND4J allocates and runs its ops there); a no-op on a CPU.
     *
     * @param index the device index
     */
    public void bindThread(int index) {
        if (device.equals("cuda")) {
            Nd4j.getAffinityManager().unsafeSetDevice(index);
        }
    }

    /**
     * The devices' names: the GPUs' as the CUDA driver reports them, or {@code cpu}.
     *
     * @return one name per device
     */
    public java.util.List<String> deviceNames() {
        java.util.List<String> names = new java.util.ArrayList<>();
        if (!device.equals("cuda")) {
            names.add("cpu");
            return names;
        }
        Object ops = nativeOps();
        for (int i = 0; i < devices(); i++) {
            String name = "GPU " + i;
            try {
                if (ops != null) {
                    name = String.valueOf(Class.forName("org.nd4j.nativeblas.NativeOps").getMethod("getDeviceName", int.class)
                            .invoke(ops, i));
                }
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                // the index alone
            }
            names.add("cuda:" + i + " " + name);
        }
        return names;
    }

    /**
     * Whether this build of libnd4j has a helper library: {@code HAVE_CUDNN}, {@code HAVE_ONEDNN}, … in its build
     * information.
     *
     * @param flag the build flag
     * @return true when libnd4j says it was built with it
     */
    public static boolean built(String flag) {
        return buildInfo().contains(flag);
    }

    /**
     * libnd4j's build information (compiler, helpers, BLAS), as its start-up log prints it.
     *
     * @return the text, or empty when the backend does not say
     */
    public static String buildInfo() {
        Object ops = nativeOps();
        try {
            return ops == null ? "" : String.valueOf(Class.forName("org.nd4j.nativeblas.NativeOps").getMethod("buildInfo")
                    .invoke(ops));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return "";
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
        Object ops = nativeOps();
        if (ops == null) {
            return null;
        }
        try {
            return java.lang.invoke.MethodHandles.publicLookup().findVirtual(
                    Class.forName("org.nd4j.nativeblas.NativeOps"), "setOmpNumThreads",
                    java.lang.invoke.MethodType.methodType(void.class, int.class)).bindTo(ops);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            org.slf4j.LoggerFactory.getLogger(Backend.class).debug("no intra-op thread control: {}", e.toString());
            return null;
        }
    }

    /**
     * libnd4j's {@code NativeOps} instance, found by reflection: NativeOpsHolder lives in the backend's artifact, which
     * gan-engine does not compile against.
     *
     * @return the instance, or null on a backend without it
     */
    private static Object nativeOps() {
        try {
            // the backend must be loaded first: NativeOpsHolder cannot initialise itself before it
            Nd4j.getExecutioner();
            Class<?> holder = Class.forName("org.nd4j.nativeblas.NativeOpsHolder");
            return holder.getMethod("getDeviceNativeOps").invoke(holder.getMethod("getInstance").invoke(null));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            org.slf4j.LoggerFactory.getLogger(Backend.class).debug("no libnd4j NativeOps: {}", e.toString());
            return null;
        }
    }

    /**
     * The workers {@code training.workers: auto} may use at most: a worker per core on a CPU, a worker per visible GPU
     * on CUDA, one when the config names a GPU (the batch size bounds it further).
     *
     * @param requested the config's {@code device}
     * @return the count, 1 or more
     */
    public int autoWorkers(String requested) {
        return !device.equals("cuda") ? cores() : requested.startsWith("cuda:") ? 1 : devices();
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

    /**
     * What this process computes with, for {@code gan env}: the ND4J backend and its devices, the helper libraries
     * libnd4j was built with, and what {@code compute: auto} and {@code training.workers: auto} resolve to here.
     *
     * @return labelled lines, in order
     */
    public java.util.Map<String, String> environment() {
        Backend b = this;
        java.util.Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put("gan4j", org.gan4j.api.GanApi.artifactVersion(Backend.class) + " (API " + org.gan4j.api.GanApi.VERSION + ")");
        env.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", "
                + cores() + " cores");
        env.put("backend", b.summary());
        env.put("devices", b.devices() + ": " + String.join(", ", b.deviceNames()));
        env.put("cudnn", built("HAVE_CUDNN") ? "yes" : "no");
        env.put("onednn", built("HAVE_ONEDNN") ? "yes" : "no");
        String property = System.getProperty(org.gan4j.nn.Compute.PROPERTY, "");
        env.put("compute", "auto = " + b.compute("auto").word() + " (host | native"
                + (property.isBlank() ? "" : "; -D" + org.gan4j.nn.Compute.PROPERTY + "=" + property) + ")");
        boolean cuda = b.device().equals("cuda");
        int workers = b.autoWorkers("auto");
        env.put("workers", "auto = " + workers + (cuda ? " (one per GPU)" : " (one per core, at most the batch size)")
                + " × " + Math.max(1, cores() / workers) + " thread(s)");
        env.put("OMP_NUM_THREADS", String.valueOf(System.getenv("OMP_NUM_THREADS")));
        if (cuda) {
            env.put("verified", "no: CUDA is built but no session has run bench/gpu-check.sh on a GPU yet");
        }
        return env;
    }

    /**
     * Makes the calling thread compute as a run's config says: checks the device, sets the thread's kernels and binds
     * it to the device (workers take both over).
     *
     * @param device the config's {@code device}
     * @param compute the config's {@code compute}
     * @return the kernels {@code compute} resolved to
     * @throws org.gan4j.api.ConfigException when the device is not available
     */
    public org.gan4j.nn.Compute.Mode enter(String device, String compute) {
        require(device);
        org.gan4j.nn.Compute.Mode mode = compute(compute);
        org.gan4j.nn.Compute.use(mode);
        bindThread(deviceOf(device, 0));
        if (device().equals("cuda")) {
            org.slf4j.LoggerFactory.getLogger(Backend.class).warn("device: cuda is built but unverified: no gan4j "
                    + "session has run bench/gpu-check.sh on a GPU yet (see docs/performance.md)");
        }
        return mode;
    }
}
