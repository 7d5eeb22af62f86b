package org.gan4j.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.gan4j.engine.builtin.ArrayDataset;
import org.junit.jupiter.api.Test;

/** Shuffling covers every sample once per epoch and is a function of (seed, cursor) alone. */
class BatchStreamTest {
    private final ArrayDataset data;

    BatchStreamTest() {
        float[] v = new float[100];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        data = new ArrayDataset("ids", v, null, 0, 1);
    }

    @Test
    void eachEpochVisitsEverySampleOnce() {
        BatchStream s = new BatchStream(data, 10, 1);
        Set<Float> seen = new HashSet<>();
        for (int b = 0; b < 10; b++) {
            for (float f : s.next().x().toFloatVector()) {
                assertThat(seen.add(f)).isTrue();
            }
        }
        assertThat(seen).hasSize(100);
        assertThat(s.epoch()).isEqualTo(1.0);
    }

    @Test
    void seekingReproducesTheSameBatchesAndSeedsDiffer() {
        BatchStream a = new BatchStream(data, 10, 1);
        for (int i = 0; i < 13; i++) {
            a.next();
        }
        BatchStream b = new BatchStream(data, 10, 1);
        b.seek(13);
        assertThat(b.next().x()).isEqualTo(a.next().x());
        BatchStream c = new BatchStream(data, 10, 2);
        assertThat(c.next().x()).isNotEqualTo(new BatchStream(data, 10, 1).next().x());
    }
}
