package org.gan4j.engine.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.gan4j.api.CheckpointException;
import org.gan4j.api.nn.Network;
import org.gan4j.engine.optim.NetworkOptimizer;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The networks' and optimizers' part of a checkpoint: taken from a run, and put back into one. */
final class RunState {
    private RunState() {
    }

    /**
     * The live arrays a checkpoint saves, by network name.
     *
     * @param params parameter vectors
     * @param buffers non-parameter state (running statistics, counters), for networks that have any
     * @param optimizerState optimizer state vectors, for stateful optimizers
     * @param iterations optimizer update counts
     */
    record Captured(Map<String, INDArray> params, Map<String, Map<String, INDArray>> buffers,
                    Map<String, INDArray> optimizerState, Map<String, Long> iterations) {
    }

    static Captured capture(Map<String, Network> networks, Map<String, NetworkOptimizer> optimizers) {
        Map<String, INDArray> params = new LinkedHashMap<>();
        Map<String, Map<String, INDArray>> buffers = new LinkedHashMap<>();
        Map<String, INDArray> opt = new LinkedHashMap<>();
        Map<String, Long> its = new LinkedHashMap<>();
        for (Map.Entry<String, Network> e : networks.entrySet()) {
            params.put(e.getKey(), e.getValue().params());
            if (!e.getValue().buffers().isEmpty()) {
                buffers.put(e.getKey(), e.getValue().buffers());
            }
            NetworkOptimizer o = optimizers.get(e.getKey());
            if (o.state() != null) {
                opt.put(e.getKey(), o.state());
            }
            its.put(e.getKey(), o.iterations());
        }
        return new Captured(params, buffers, opt, its);
    }

    /**
     * Puts a checkpoint's parameters, buffers and optimizer state back into the networks and optimizers.
     *
     * @throws CheckpointException when the checkpoint does not fit them
     */
    static void restore(Checkpoint ckpt, Map<String, Network> networks, Map<String, NetworkOptimizer> optimizers) {
        for (Map.Entry<String, Network> e : networks.entrySet()) {
            INDArray p = ckpt.params().get(e.getKey());
            Network net = e.getValue();
            if (p == null || p.length() != net.params().length()) {
                throw new CheckpointException("checkpoint network '" + e.getKey() + "' has "
                        + (p == null ? "no" : String.valueOf(p.length())) + " parameters, the config builds "
                        + net.numParams());
            }
            net.params().assign(p.reshape(net.params().shape()).castTo(net.params().dataType()));
            Map<String, INDArray> saved = ckpt.buffers().getOrDefault(e.getKey(), Map.of());
            for (Map.Entry<String, INDArray> b : net.buffers().entrySet()) {
                INDArray v = saved.get(b.getKey());
                if (v == null) {
                    throw new CheckpointException("checkpoint lacks buffer " + b.getKey() + " of network " + e.getKey());
                }
                b.getValue().assign(v.reshape(b.getValue().shape()));
            }
            optimizers.get(e.getKey()).restore(ckpt.optimizerState().get(e.getKey()),
                    ckpt.optimizerIterations().getOrDefault(e.getKey(), 0L));
        }
    }
}
