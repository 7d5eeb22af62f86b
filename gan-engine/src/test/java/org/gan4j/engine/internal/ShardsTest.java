package org.gan4j.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.gan4j.api.data.Batch;
import org.gan4j.api.data.Dataset;
import org.gan4j.engine.builtin.ArrayDataset;
import org.junit.jupiter.api.Test;

/** A shipped shard holds samples p, p + P, … of the data, each exactly as the data itself returns it. */
class ShardsTest {
    private static Dataset images(int n) {
        float[] v = new float[n * 4];
        int[] labels = new int[n];
        for (int i = 0; i < v.length; i++) {
            v[i] = i * 0.01f - 1f;
        }
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
        }
        return new ArrayDataset("tiny", v, labels, 3, 1, 2, 2);
    }

    @Test
    void aShippedShardIsItsSamplesOfTheData() {
        Dataset all = images(11);
        for (int p = 0; p < 3; p++) {
            Dataset shard = Shards.open(Shards.cut(all, p, 3, true), null, null);
            int[] mine = Shards.indices(11, p, 3);
            assertThat(shard.size()).isEqualTo(mine.length);
            assertThat(shard.sampleShape()).containsExactly(1, 2, 2);
            assertThat(shard.numClasses()).isEqualTo(3);
            int[] pick = {mine.length - 1, 0, 1};
            Batch got = shard.batch(pick);
            Batch want = all.batch(new int[] {mine[pick[0]], mine[pick[1]], mine[pick[2]]});
            assertThat(got.x().shape()).containsExactly(want.x().shape());
            assertThat(got.x().dataType()).isEqualTo(want.x().dataType());
            assertThat(got.labels().dataType()).isEqualTo(want.labels().dataType());
            assertThat(got.x().ravel().toFloatVector()).containsExactly(want.x().ravel().toFloatVector());
            assertThat(got.labels().ravel().toFloatVector()).containsExactly(want.labels().ravel().toFloatVector());
        }
        assertThat(Shards.indices(11, 2, 3)).containsExactly(2, 5, 8);
        assertThat(Shards.indices(10, 0, 1)).hasSize(10);
    }
}
