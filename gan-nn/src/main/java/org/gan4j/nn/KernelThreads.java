package org.gan4j.nn;

/**
 * How many threads gan-nn's Java passes (normalisation, activations) may use when called from the current thread:
 * the calling thread and helpers, each on its own contiguous share of the planes. A pass gives the same result
 * whatever the number, because a statistic is never split between threads. The engine sets it to a worker's
 * intra-op threads ({@code training.threads}); other threads keep one.
 */
public final class KernelThreads {
    private KernelThreads() {
    }

    /**
     * Sets the calling thread's count.
     *
     * @param threads 1 or more
     */
    public static void setForCurrentThread(int threads) {
        Kernels.setThreads(threads);
    }
}
