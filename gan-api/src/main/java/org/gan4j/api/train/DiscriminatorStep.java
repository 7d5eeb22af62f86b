package org.gan4j.api.train;

import java.util.Arrays;
import org.gan4j.api.nn.Network;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The gradient half of one discriminator step on a real and a fake batch, shared by the schedules that train D
 * against detached generator output. Afterwards D's {@link Network#gradients()} hold dLoss/dParams; the caller steps
 * D's optimizer.
 *
 * <p>Joint: D runs once over real and fake concatenated (into a reused buffer), one set of per-op overheads, but
 * BatchNorm in D then sees both in its batch statistics. Separate: real on D and fake on a {@link Network#replica()}
 * of D (same parameters and running statistics, its own activations), the replica's gradients added to D's, as the
 * PyTorch reference loops do. Either way the fake batch is copied first, which detaches it from the generator's
 * output buffer.
 */
public final class DiscriminatorStep {
    private final boolean separate;
    private Network fakePass;
    private INDArray joint;
    private INDArray fakeCopy;

    /**
     * Outcome of a step.
     *
     * @param loss D's loss
     * @param realScore mean sigmoid of D's outputs on the real batch
     * @param fakeScore mean sigmoid of D's outputs on the fake batch
     */
    public record Result(double loss, double realScore, double fakeScore) {
    }

    /**
     * Means of the results of several D steps in one iteration, recorded as {@code loss_d}, {@code d_real} and
     * {@code d_fake}.
     *
     * @since API 1.3
     */
    public static final class Totals {
        private double loss;
        private double real;
        private double fake;
        private int count;

        /**
         * Adds one D step's result.
         *
         * @param r the result
         */
        public void add(Result r) {
            loss += r.loss();
            real += r.realScore();
            fake += r.fakeScore();
            count++;
        }

        /**
         * Records the means and starts over.
         *
         * @param ctx the iteration's context
         */
        public void record(StepContext ctx) {
            ctx.record("loss_d", loss / count);
            ctx.record("d_real", real / count);
            ctx.record("d_fake", fake / count);
            loss = 0;
            real = 0;
            fake = 0;
            count = 0;
        }
    }

    /**
     * Creates the step.
     *
     * @param separate true for separate passes, false for one joint pass
     */
    public DiscriminatorStep(boolean separate) {
        this.separate = separate;
    }

    private static INDArray buffer(INDArray current, INDArray like, long rows) {
        long[] shape = like.shape().clone();
        shape[0] = rows;
        return current != null && Arrays.equals(current.shape(), shape) ? current
                : Nd4j.createUninitialized(like.dataType(), shape, 'c');
    }

    /**
     * Forward, loss and backward of D on a real and a fake batch.
     *
     * @param d the discriminator
     * @param real D's input for the real batch
     * @param fake D's input for the fake batch (may be a generator's live output buffer)
     * @param loss the adversarial loss
     * @return the loss and D's mean scores
     */
    public Result backward(Network d, INDArray real, INDArray fake, AdversarialLoss loss) {
        long n = real.size(0);
        INDArray realOut;
        INDArray fakeOut;
        AdversarialLoss.DiscriminatorLoss dl;
        if (separate) {
            if (fakePass == null) {
                fakePass = d.replica();
            }
            realOut = d.forward(real, true);
            fakeCopy = buffer(fakeCopy, fake, fake.size(0));
            fakeOut = fakePass.forward(fakeCopy.assign(fake), true);
            dl = loss.discriminator(realOut, fakeOut);
            d.backward(dl.gradReal(), true);
            fakePass.backward(dl.gradFake(), true);
            d.gradients().addi(fakePass.gradients());
        } else {
            long total = n + fake.size(0);
            joint = buffer(joint, real, total);
            joint.get(NDArrayIndex.interval(0, n)).assign(real);
            joint.get(NDArrayIndex.interval(n, total)).assign(fake);
            INDArray out = d.forward(joint, true);
            // a packing discriminator (PacGAN) answers once per group of samples: split its outputs in proportion
            long realRows = out.size(0) * n / total;
            realOut = out.get(NDArrayIndex.interval(0, realRows));
            fakeOut = out.get(NDArrayIndex.interval(realRows, out.size(0)));
            dl = loss.discriminator(realOut, fakeOut);
            d.backward(Nd4j.concat(0, dl.gradReal(), dl.gradFake()), true);
        }
        return new Result(dl.value(), Transforms.sigmoid(realOut, true).meanNumber().doubleValue(),
                Transforms.sigmoid(fakeOut, true).meanNumber().doubleValue());
    }
}
