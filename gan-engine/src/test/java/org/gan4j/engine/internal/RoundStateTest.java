package org.gan4j.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gan4j.api.GanException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** What a distributed round averages: element-wise means, equal arrays kept exactly, the schedule's state not mixed. */
class RoundStateTest {
    private static RoundState state(long step, float[] p, double[] opt, long[] counter, float[] schedule) {
        Map<String, byte[]> a = new LinkedHashMap<>();
        a.put("p/G", Npy.write(Nd4j.createFromArray(p)));
        a.put("o/G", Npy.write(Nd4j.createFromArray(opt)));
        a.put("b/G/count", Npy.write(Nd4j.createFromArray(counter)));
        a.put("s/phase", Npy.write(Nd4j.createFromArray(schedule)));
        return new RoundState(step, 3 * step, a, Map.of("G", step));
    }

    private static INDArray get(RoundState s, String key) {
        return Wire.array(s.arrays().get(key));
    }

    @Test
    void averagesElementWiseInEachArraysOwnType() {
        RoundState a = state(10, new float[] {1f, 2f, 0.1f}, new double[] {1, 0.25}, new long[] {7}, new float[] {1});
        RoundState b = state(10, new float[] {3f, -2f, 0.2f}, new double[] {0, 0.75}, new long[] {7}, new float[] {5});
        RoundState c = state(10, new float[] {5f, 3f, 0.3f}, new double[] {2, 0.5}, new long[] {7}, new float[] {9});
        RoundState avg = RoundState.average(List.of(a, b, c));
        assertThat(get(avg, "p/G").dataType()).isEqualTo(DataType.FLOAT);
        assertThat(get(avg, "p/G").toFloatVector()).containsExactly(3f, 1f, 0.2f);
        assertThat(get(avg, "o/G").dataType()).isEqualTo(DataType.DOUBLE);
        assertThat(get(avg, "o/G").toDoubleVector()).containsExactly(1.0, 0.5);
        // equal on every partition: kept, not recomputed (a mean of three equal floats need not round back exactly)
        assertThat(avg.arrays().get("b/G/count")).isEqualTo(a.arrays().get("b/G/count"));
        // the schedule's state is partition 0's
        assertThat(get(avg, "s/phase").toFloatVector()).containsExactly(1f);
        assertThat(avg.step()).isEqualTo(10);
        assertThat(avg.cursor()).isEqualTo(30);
        assertThat(avg.iterations()).containsEntry("G", 10L);
    }

    @Test
    void longsAverageTruncatedAndArraysOfOtherShapesAreAnError() {
        RoundState a = state(2, new float[] {1f, 1f}, new double[] {0}, new long[] {7}, new float[] {0});
        RoundState b = state(2, new float[] {1f, 1f}, new double[] {0}, new long[] {8}, new float[] {0});
        assertThat(get(RoundState.average(List.of(a, b)), "b/G/count").toLongVector()).containsExactly(7L);
        RoundState wide = state(2, new float[] {1f, 1f, 1f}, new double[] {0}, new long[] {7}, new float[] {0});
        RoundState narrow = state(2, new float[] {2f, 2f}, new double[] {0}, new long[] {7}, new float[] {0});
        assertThatThrownBy(() -> RoundState.average(List.of(wide, narrow))).isInstanceOf(GanException.class)
                .hasMessageContaining("p/G in different types or shapes");
    }

    @Test
    void oneStateIsItsOwnAverageByteForByte() {
        RoundState a = state(4, new float[] {0.1f, 0.7f}, new double[] {0.3}, new long[] {2}, new float[] {0});
        RoundState avg = RoundState.average(List.of(a));
        a.arrays().forEach((k, v) -> assertThat(avg.arrays().get(k)).as(k).isEqualTo(v));
    }

    @Test
    void partitionsThatEndApartAreAnError() {
        RoundState a = state(4, new float[] {1f}, new double[] {1}, new long[] {1}, new float[] {0});
        RoundState b = state(5, new float[] {1f}, new double[] {1}, new long[] {1}, new float[] {0});
        assertThatThrownBy(() -> RoundState.average(List.of(a, b))).isInstanceOf(GanException.class)
                .hasMessageContaining("step 5 vs 4");
    }

    @Test
    void aStateTravelsBitForBit() throws Exception {
        RoundState a = state(4, new float[] {0.1f, Float.MIN_VALUE}, new double[] {Math.PI}, new long[] {Long.MAX_VALUE},
                new float[] {-0f});
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            a.write(out);
        }
        RoundState back = RoundState.read(new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())));
        assertThat(back.step()).isEqualTo(4);
        assertThat(back.iterations()).isEqualTo(a.iterations());
        a.arrays().forEach((k, v) -> assertThat(back.arrays().get(k)).as(k).isEqualTo(v));
    }
}
