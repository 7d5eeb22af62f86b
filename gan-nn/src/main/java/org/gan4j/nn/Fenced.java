package org.gan4j.nn;

import java.lang.ref.Reference;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.reduce.same.Sum;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J ops whose op object stays reachable until libnd4j returns. ND4J 1.0.0-M2.1's executioner passes the native
 * addresses of an op's own dimension array to libnd4j and then no longer uses the op, so a compiled (C2) caller may let
 * the garbage collector reclaim it mid-call and ND4J's deallocator free the buffer libnd4j is reading: a JVM crash in
 * libnd4j's buffer accessor ({@code primary()}), seen once in Dense's bias add after ≈ 30,000 critic steps of a
 * repeated experiment. These build the same op {@code INDArray.addiRowVector} and {@code INDArray.sum(out, dims)}
 * build, so the results are bit for bit the same, and fence it.
 */
final class Fenced {
    private Fenced() {
    }

    /**
     * {@code x += row}, broadcast over x's rows (x {@code [n, m]}, row {@code [m]} or {@code [1, m]}).
     *
     * @param x the matrix, updated
     * @param row the row vector
     */
    static void addiRowVector(INDArray x, INDArray row) {
        BroadcastAddOp op = new BroadcastAddOp(x, row, x, 1);
        Nd4j.getExecutioner().exec(op);
        Reference.reachabilityFence(op);
    }

    /**
     * {@code out = x summed over dimensions}.
     *
     * @param x the array
     * @param out the result, of the reduced shape
     * @param dimensions the dimensions summed away
     */
    static void sum(INDArray x, INDArray out, int... dimensions) {
        Sum op = new Sum(x, out, false, dimensions);
        Nd4j.getExecutioner().exec(op);
        Reference.reachabilityFence(op);
    }
}
