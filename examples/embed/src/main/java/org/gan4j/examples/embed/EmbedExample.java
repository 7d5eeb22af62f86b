package org.gan4j.examples.embed;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gan4j.engine.Compute;
import org.gan4j.engine.Device;
import org.gan4j.engine.Gan4j;
import org.gan4j.engine.GanModel;
import org.gan4j.engine.builtin.InMemoryDataSource;
import org.gan4j.engine.RunResult;
import org.gan4j.engine.Samples;
import org.gan4j.engine.TrainingHandle;
import org.gan4j.engine.TrainingListener;
import org.gan4j.engine.config.ExperimentConfig;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * gan4j inside an application: a GAN on 8 Gaussians on a ring, configured in Java, trained for 300 steps with a
 * listener, resumed to 400, then sampled; the application checks the samples itself.
 */
public final class EmbedExample {

    private EmbedExample() {
    }

    /**
     * Trains, resumes and samples.
     *
     * @param args optional run directory (default: runs/embed-ring-<timestamp>)
     */
    public static void main(String[] args) {
        // the built-in providers plus those on the class path (plugin-vanilla here); no plugins directory
        Gan4j gan = Gan4j.create();

        ExperimentConfig config = gan.experiment("embed-ring")
                .seed(1)
                .data("ring")
                .network("G", "mlp-generator", Map.of("latent_dim", 2, "hidden", List.of(64, 64), "output", "linear"))
                .network("D", "mlp-discriminator", Map.of("hidden", List.of(64, 64)))
                .loss("non-saturating")
                .optimizer("G", "adam", Map.of("lr", 1e-3, "beta1", 0.5))
                .optimizer("D", "adam", Map.of("lr", 1e-3, "beta1", 0.5))
                .set("training.steps", 300)
                .set("training.batch_size", 128)
                .set("samples.every", 0)
                .build();
        Path runDir = args.length > 0 ? Path.of(args[0]) : Gan4j.defaultRunDir(config);

        TrainingListener listener = new TrainingListener() {
            @Override
            public void onStep(long step, long totalSteps, Map<String, Double> metrics) {
                if (step % 100 == 0) {
                    System.out.printf("step %d/%d  loss_d %.3f  loss_g %.3f%n", step, totalSteps, metrics.get("loss_d"),
                            metrics.get("loss_g"));
                }
            }

            @Override
            public void onCheckpoint(Path file, long step) {
                System.out.println("checkpoint " + file.getFileName() + " at step " + step);
            }
        };
        // another thread may call handle.cancel(): the run then stops after its current step with a checkpoint
        TrainingHandle handle = new TrainingHandle();
        RunResult first = gan.train(config, runDir, listener, handle);
        System.out.println("trained to step " + first.steps() + " in " + runDir);

        // resume continues exactly where the checkpoint left off; here to a new total of 400 steps
        RunResult result = gan.resume(runDir, 400L, listener, new TrainingHandle());

        Samples samples = gan.sample(result.checkpoint(), 1000, 0, null);
        INDArray x = samples.x();
        double radius = 0;
        for (int i = 0; i < x.size(0); i++) {
            radius += Math.hypot(x.getDouble(i, 0), x.getDouble(i, 1));
        }
        radius /= x.size(0);
        System.out.printf("%d samples from step %d; mean distance from the origin %.3f (the ring's radius is 2)%n",
                x.size(0), result.steps(), radius);

        // Data the application already holds, with no provider written: 2,000 points on the unit circle.
        java.util.Random random = new java.util.Random(3);
        float[] points = new float[2 * 2000];
        for (int i = 0; i < 2000; i++) {
            double a = 2 * Math.PI * random.nextDouble();
            points[2 * i] = (float) Math.cos(a);
            points[2 * i + 1] = (float) Math.sin(a);
        }
        ExperimentConfig circle = gan.experiment("embed-circle")
                .seed(2)
                .data(InMemoryDataSource.of(Nd4j.create(points, new long[] {2000, 2}, 'c')))
                .network("G", "mlp-generator", Map.of("latent_dim", 2, "hidden", List.of(64, 64), "output", "linear"))
                .network("D", "mlp-discriminator", Map.of("hidden", List.of(64, 64)))
                .loss("non-saturating")
                .device(Device.CPU)
                .compute(Compute.HOST)
                .set("training.steps", 300)
                .set("samples.every", 0)
                .build();
        RunResult own = gan.train(circle, runDir.resolveSibling(runDir.getFileName() + "-circle"), listener,
                new TrainingHandle());

        // A loaded model: the checkpoint is read once, then sampled and exported as often as needed.
        GanModel model = gan.load(own.checkpoint());
        INDArray onCircle = model.sample(1000, 7);
        double r = 0;
        for (int i = 0; i < onCircle.size(0); i++) {
            r += Math.hypot(onCircle.getDouble(i, 0), onCircle.getDouble(i, 1)) / onCircle.size(0);
        }
        Path onnx = own.runDir().resolve("g.onnx");
        model.exportOnnx("G", onnx);
        System.out.printf("in-memory circle: step %d, mean radius %.3f (the circle's is 1); G exported to %s%n",
                model.step(), r, onnx);
    }
}
