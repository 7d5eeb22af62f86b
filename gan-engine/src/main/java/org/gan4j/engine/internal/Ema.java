package org.gan4j.engine.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.gan4j.api.CheckpointException;
import org.gan4j.api.nn.Network;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The exponential moving average of the generators' weights ({@code training.ema_decay}, {@code ema_start}), as
 * BigGAN and StudioGAN keep it: {@code avg = β·avg + (1-β)·θ} after every iteration, a copy of θ up to the start.
 * Training never sees it; samples, progress pictures and evaluation use it (their networks' weights swapped for the
 * averages and back), and so does everything that samples a checkpoint. It is part of the checkpoint
 * ({@code ema/<network>.npy}), so a resumed run continues the same average. BatchNorm's running statistics are the
 * live network's (the average covers parameters only).
 */
final class Ema {
    private final double decay;
    private final long start;
    private final Map<String, INDArray> averages = new LinkedHashMap<>();
    private final Map<String, INDArray> scratch = new LinkedHashMap<>();

    private Ema(double decay, long start, Map<String, Network> networks, Set<String> generators) {
        this.decay = decay;
        this.start = start;
        for (String g : generators) {
            INDArray p = networks.get(g).params();
            averages.put(g, p.dup());
            scratch.put(g, p.ulike());
        }
    }

    /** The average a config asks for, or null when {@code ema_decay} is 0 or the schedule names no generator. */
    static Ema of(double decay, long start, Map<String, Network> networks, Set<String> generators) {
        return decay == 0 || generators.isEmpty() ? null : new Ema(decay, start, networks, generators);
    }

    /** Folds the weights after iteration {@code step} (1-based) into the average. */
    void update(long step, Map<String, Network> networks) {
        for (Map.Entry<String, INDArray> e : averages.entrySet()) {
            INDArray p = networks.get(e.getKey()).params();
            if (step <= start) {
                e.getValue().assign(p);
            } else {
                INDArray s = scratch.get(e.getKey());
                e.getValue().muli(decay).addi(s.assign(p).muli(1 - decay));
            }
        }
    }

    /** The averages by network, live, for the checkpoint. */
    Map<String, INDArray> state() {
        return averages;
    }

    /** Takes the averages a checkpoint saved; one without them (EMA turned on at resume) starts from the weights. */
    void restore(Map<String, INDArray> saved, Map<String, Network> networks) {
        for (Map.Entry<String, INDArray> e : averages.entrySet()) {
            INDArray s = saved.get(e.getKey());
            if (s == null) {
                e.getValue().assign(networks.get(e.getKey()).params());
            } else if (s.length() != e.getValue().length()) {
                throw new CheckpointException("ema/" + e.getKey() + " has " + s.length() + " values, network "
                        + e.getKey() + " has " + e.getValue().length());
            } else {
                e.getValue().assign(s.reshape(e.getValue().shape()));
            }
        }
    }

    /** Runs {@code action} with the averages in the generators' weights, then puts the weights back. */
    <T> T with(Map<String, Network> networks, Supplier<T> action) {
        Map<String, INDArray> live = new LinkedHashMap<>();
        averages.forEach((name, avg) -> {
            INDArray p = networks.get(name).params();
            live.put(name, p.dup());
            p.assign(avg);
        });
        try {
            return action.get();
        } finally {
            live.forEach((name, p) -> networks.get(name).params().assign(p));
        }
    }

    /** Puts the averages in the weights for good: a run restored only to sample. */
    void apply(Map<String, Network> networks) {
        averages.forEach((name, avg) -> networks.get(name).params().assign(avg));
    }
}
