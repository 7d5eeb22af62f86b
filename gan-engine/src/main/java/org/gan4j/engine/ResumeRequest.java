package org.gan4j.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gan4j.engine.cluster.Cluster;

/**
 * What {@link Gan4j#resume(ResumeRequest)} continues: a run directory or checkpoint, and optionally a new length, the
 * settings a resumed run may change, who listens, who may stop it and on which cluster. Immutable; each method returns
 * a changed copy.
 *
 * <pre>{@code
 * gan.resume(ResumeRequest.of(Path.of("runs/ring")).steps(20_000).set("training.workers=1").listener(progress));
 * }</pre>
 *
 * @param from a run directory (its newest readable checkpoint) or a checkpoint file inside one
 * @param steps a new {@code training.steps} in total, or null to keep the config's
 * @param overrides {@code training.workers=N}, {@code training.threads=N}, {@code device=…}, {@code compute=…}: the only
 *     keys a resumed run may change, because they change how a step is computed, not what it computes
 * @param listener progress callbacks
 * @param handle cancellation
 * @param cluster the cluster, closed by the caller; null continues here (a distributed run keeps the partition count
 *     it started with; a run that started on one machine gets the cluster's)
 */
public record ResumeRequest(Path from, Long steps, List<String> overrides, TrainingListener listener,
                            TrainingHandle handle, Cluster cluster) {

    /** Checks the required parts and freezes the overrides. */
    public ResumeRequest {
        if (from == null || listener == null || handle == null) {
            throw new IllegalArgumentException("a resume request needs a run, a listener and a handle");
        }
        overrides = overrides == null ? List.of() : List.copyOf(overrides);
    }

    /**
     * A request to continue a run to its config's length, silently, on this machine.
     *
     * @param runDirOrCheckpoint a run directory or a checkpoint file inside one
     * @return the request
     */
    public static ResumeRequest of(Path runDirOrCheckpoint) {
        return new ResumeRequest(runDirOrCheckpoint, null, List.of(), new TrainingListener() { }, new TrainingHandle(),
                null);
    }

    /**
     * Trains to this many steps in total.
     *
     * @param total the new {@code training.steps}; null keeps the config's
     * @return the changed request
     */
    public ResumeRequest steps(Long total) {
        return new ResumeRequest(from, total, overrides, listener, handle, cluster);
    }

    /**
     * Changes how the rest is computed: {@code training.workers=N}, {@code training.threads=N}, {@code device=…},
     * {@code compute=…} (any other key is refused when the request runs).
     *
     * @param keyValues {@code key=value} settings, added to those set before
     * @return the changed request
     */
    public ResumeRequest set(String... keyValues) {
        List<String> all = new ArrayList<>(overrides);
        all.addAll(List.of(keyValues));
        return new ResumeRequest(from, steps, all, listener, handle, cluster);
    }

    /**
     * Reports progress to this listener.
     *
     * @param l the listener
     * @return the changed request
     */
    public ResumeRequest listener(TrainingListener l) {
        return new ResumeRequest(from, steps, overrides, l, handle, cluster);
    }

    /**
     * Stops when this handle is cancelled.
     *
     * @param h the handle
     * @return the changed request
     */
    public ResumeRequest handle(TrainingHandle h) {
        return new ResumeRequest(from, steps, overrides, listener, h, cluster);
    }

    /**
     * Continues on a cluster.
     *
     * @param c the cluster, or null for this machine
     * @return the changed request
     */
    public ResumeRequest cluster(Cluster c) {
        return new ResumeRequest(from, steps, overrides, listener, handle, c);
    }
}
