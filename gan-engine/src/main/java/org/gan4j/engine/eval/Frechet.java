package org.gan4j.engine.eval;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Fréchet distance between two Gaussians fitted to feature sets (Heusel et al. 2017):
 * {@code |μ₁ − μ₂|² + tr(Σ₁ + Σ₂ − 2 (Σ₁^½ Σ₂ Σ₁^½)^½)}. The matrix square roots come from symmetric eigen
 * decompositions (LAPACK through ND4J) in double precision; tiny negative eigenvalues from rounding count as 0.
 */
public final class Frechet {
    private Frechet() {
    }

    /**
     * A feature set's mean and covariance.
     *
     * @param mean {@code [d]}
     * @param covariance {@code [d, d]}, unbiased
     * @param count the number of rows it came from
     */
    public record Stats(INDArray mean, INDArray covariance, long count) {
    }

    /**
     * Fits the Gaussian.
     *
     * @param features {@code [n, d]}, n ≥ 2
     * @return its statistics, double precision
     */
    public static Stats stats(INDArray features) {
        INDArray f = features.castTo(DataType.DOUBLE);
        long n = f.size(0);
        INDArray mean = f.mean(0);
        INDArray centred = f.subRowVector(mean);
        INDArray cov = centred.transpose().mmul(centred).divi(n - 1);
        return new Stats(mean, cov, n);
    }

    /**
     * The distance between two fitted Gaussians.
     *
     * @param a one
     * @param b the other
     * @return the Fréchet distance, ≥ 0
     */
    public static double distance(Stats a, Stats b) {
        INDArray diff = a.mean().sub(b.mean());
        double meanTerm = diff.mul(diff).sumNumber().doubleValue();
        INDArray rootA = sqrtPsd(a.covariance());
        INDArray m = rootA.mmul(b.covariance()).mmul(rootA);
        m = m.add(m.transpose()).divi(2);
        INDArray eig = Eigen.symmetricGeneralizedEigenvalues(m.dup(), false);
        double traceRoot = 0;
        for (int i = 0; i < eig.length(); i++) {
            traceRoot += Math.sqrt(Math.max(0, eig.getDouble(i)));
        }
        return Math.max(0, meanTerm + trace(a.covariance()) + trace(b.covariance()) - 2 * traceRoot);
    }

    private static double trace(INDArray m) {
        double t = 0;
        for (int i = 0; i < m.rows(); i++) {
            t += m.getDouble(i, i);
        }
        return t;
    }

    /** The symmetric square root of a positive semi-definite matrix. */
    static INDArray sqrtPsd(INDArray s) {
        INDArray vectors = s.dup('c');
        // symmetrise first: LAPACK reads one triangle, and rounding can make the covariance slightly asymmetric
        vectors = vectors.add(vectors.transpose()).divi(2).dup('c');
        INDArray values = Eigen.symmetricGeneralizedEigenvalues(vectors, true);
        INDArray roots = Nd4j.createUninitialized(DataType.DOUBLE, values.length());
        for (int i = 0; i < values.length(); i++) {
            roots.putScalar(i, Math.sqrt(Math.max(0, values.getDouble(i))));
        }
        return vectors.mulRowVector(roots).mmul(vectors.transpose());
    }
}
