package org.gan4j.engine;

import java.nio.file.Path;

/**
 * A run as it starts.
 *
 * @param runDir the run directory
 * @param startStep the step training starts from (0, or the checkpoint's step on resume)
 * @param totalSteps the step training ends at
 * @param backend the ND4J backend in one line
 * @param data the dataset in one line
 * @param parameters parameter counts by network, for example {@code G=1486352, D=533505}
 * @param workers data-parallel workers ({@code training.workers} as resolved)
 * @param threads intra-op threads per worker
 * @param compute the kernels, {@code host} or {@code native} ({@code compute} as resolved)
 */
public record RunInfo(Path runDir, long startStep, long totalSteps, String backend, String data, String parameters,
        int workers, int threads, String compute) {
}
