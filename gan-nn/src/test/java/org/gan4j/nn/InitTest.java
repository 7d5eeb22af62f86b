package org.gan4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Initialisers write exactly their slice of a parameter vector, in order, in either precision. */
class InitTest {
    @Test
    void aSliceInTheMiddleOfAVectorGetsTheStreamsValuesAndNothingElseChanges() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray params = Nd4j.zeros(type, 1, 40);
            INDArray w = params.get(NDArrayIndex.point(0), NDArrayIndex.interval(10, 34)).reshape('c', 2, 3, 4);
            Init.normal(w, new SplittableRandom(5), 1, 0.5);
            SplittableRandom same = new SplittableRandom(5);
            for (int i = 0; i < 24; i++) {
                assertThat(params.getDouble(0, 10 + i)).as("%s %d", type, i)
                        .isCloseTo(1 + 0.5 * same.nextGaussian(), org.assertj.core.data.Offset.offset(1e-6));
            }
            assertThat(params.get(NDArrayIndex.point(0), NDArrayIndex.interval(0, 10)).sumNumber().doubleValue()).isZero();
            assertThat(params.get(NDArrayIndex.point(0), NDArrayIndex.interval(34, 40)).sumNumber().doubleValue()).isZero();
        }
    }
}
