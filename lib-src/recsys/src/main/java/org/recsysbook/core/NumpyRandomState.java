package org.recsysbook.core;

import java.util.random.RandomGenerator;

/**
 * NumPy's legacy {@code RandomState} in Java: the same Mersenne Twister (MT19937), seeded as
 * {@code np.random.seed(n)} seeds it, and the same algorithms for {@code random}, {@code randn},
 * {@code exponential}, {@code standard_gamma} and {@code beta}, so that a Java port of the chapter's Python
 * demos prints exactly the numbers the chapter's code prints.
 *
 * <p>Written by hand because no Java library reproduces NumPy's legacy streams; the algorithms follow NumPy's
 * documented legacy behaviour (which NumPy keeps frozen for reproducibility): doubles from two 32-bit draws
 * ({@code (a >>> 5, b >>> 6)} into 53 bits), Gaussians by Marsaglia's polar method with one value cached,
 * exponentials by inversion, gammas by Marsaglia and Tsang (shape above 1) or by rejection from the exponential
 * (shape below 1), betas by Jöhnk's method when both parameters are at most 1 and as a ratio of gammas
 * otherwise. The unit tests compare every method with values NumPy 2.4 printed.
 *
 * <p>Use it only to reproduce the chapter's demos. Everywhere else the workbook uses Java's own generators
 * ({@link java.util.SplittableRandom} and friends), which are faster and split into independent streams.
 * Not thread-safe.
 */
public final class NumpyRandomState implements RandomGenerator {

    private static final int N = 624;
    private static final int M = 397;

    private final int[] mt = new int[N];
    private int pos;
    private boolean hasGauss;
    private double gauss;

    /** A state seeded as {@code np.random.seed(seed)} seeds NumPy's global {@code RandomState}. */
    public NumpyRandomState(long seed) {
        if (seed < 0 || seed > 0xFFFF_FFFFL) {
            throw Args.fail("seed", seed, "in [0, 4294967295], as NumPy's is");
        }
        int s = (int) seed;
        for (int i = 0; i < N; i++) {
            mt[i] = s;
            s = 1812433253 * (s ^ (s >>> 30)) + i + 1;
        }
        pos = N;
    }

    private NumpyRandomState(NumpyRandomState other) {
        System.arraycopy(other.mt, 0, mt, 0, N);
        pos = other.pos;
        hasGauss = other.hasGauss;
        gauss = other.gauss;
    }

    /**
     * An independent copy in this state: it draws the numbers this one would draw next, without moving this one
     * (as {@code np.random.get_state()} and {@code set_state} would do).
     */
    public NumpyRandomState copy() {
        return new NumpyRandomState(this);
    }

    /** The next 32 bits of the Mersenne Twister, as an unsigned value in an {@code int}. */
    public int nextInt32() {
        if (pos == N) {
            twist();
        }
        int y = mt[pos++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9D2C5680;
        y ^= (y << 15) & 0xEFC60000;
        return y ^ (y >>> 18);
    }

    private void twist() {
        for (int i = 0; i < N; i++) {
            int y = (mt[i] & 0x8000_0000) | (mt[(i + 1) % N] & 0x7FFF_FFFF);
            int next = mt[(i + M) % N] ^ (y >>> 1);
            mt[i] = (y & 1) == 0 ? next : next ^ 0x9908B0DF;
        }
        pos = 0;
    }

    @Override
    public long nextLong() {
        return ((long) nextInt32() << 32) | (nextInt32() & 0xFFFF_FFFFL);
    }

    /** {@code np.random.random()}: a double in [0, 1) with 53 random bits. */
    @Override
    public double nextDouble() {
        long a = (nextInt32() & 0xFFFF_FFFFL) >>> 5;
        long b = (nextInt32() & 0xFFFF_FFFFL) >>> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /** {@code np.random.randn()}: a standard normal by the polar method, caching the second value. */
    @Override
    public double nextGaussian() {
        if (hasGauss) {
            hasGauss = false;
            return gauss;
        }
        double x1;
        double x2;
        double r2;
        do {
            x1 = 2.0 * nextDouble() - 1.0;
            x2 = 2.0 * nextDouble() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        } while (r2 >= 1.0 || r2 == 0.0);
        double f = Math.sqrt(-2.0 * Math.log(r2) / r2);
        gauss = f * x1;
        hasGauss = true;
        return f * x2;
    }

    /** {@code np.random.standard_exponential()}: {@code -log(1 - U)}. */
    @Override
    public double nextExponential() {
        return -Math.log(1.0 - nextDouble());
    }

    /** {@code np.random.exponential(scale)}. */
    public double exponential(double scale) {
        return Args.nonNegative("scale", scale) * nextExponential();
    }

    /** {@code np.random.standard_gamma(shape)} with NumPy's legacy algorithms. */
    public double standardGamma(double shape) {
        Args.nonNegative("shape", shape);
        if (shape == 1.0) {
            return nextExponential();
        }
        if (shape == 0.0) {
            return 0.0;
        }
        if (shape < 1.0) {
            while (true) {
                double u = nextDouble();
                double v = nextExponential();
                if (u <= 1.0 - shape) {
                    double x = Math.pow(u, 1.0 / shape);
                    if (x <= v) {
                        return x;
                    }
                } else {
                    double y = -Math.log((1.0 - u) / shape);
                    double x = Math.pow(1.0 - shape + shape * y, 1.0 / shape);
                    if (x <= v + y) {
                        return x;
                    }
                }
            }
        }
        double b = shape - 1.0 / 3.0;
        double c = 1.0 / Math.sqrt(9.0 * b);
        while (true) {
            double x;
            double v;
            do {
                x = nextGaussian();
                v = 1.0 + c * x;
            } while (v <= 0.0);
            v = v * v * v;
            double u = nextDouble();
            if (u < 1.0 - 0.0331 * (x * x) * (x * x)) {
                return b * v;
            }
            if (Math.log(u) < 0.5 * x * x + b * (1.0 - v + Math.log(v))) {
                return b * v;
            }
        }
    }

    /** {@code np.random.beta(a, b)} with NumPy's legacy algorithms. */
    public double beta(double a, double b) {
        Args.positive("a", a);
        Args.positive("b", b);
        if (a <= 1.0 && b <= 1.0) {
            while (true) {
                double u = nextDouble();
                double v = nextDouble();
                double x = Math.pow(u, 1.0 / a);
                double y = Math.pow(v, 1.0 / b);
                if (x + y <= 1.0) {
                    if (x + y > 0) {
                        return x / (x + y);
                    }
                    double logX = Math.log(u) / a;
                    double logY = Math.log(v) / b;
                    double logM = Math.max(logX, logY);
                    logX -= logM;
                    logY -= logM;
                    return Math.exp(logX - Math.log(Math.exp(logX) + Math.exp(logY)));
                }
            }
        }
        double ga = standardGamma(a);
        double gb = standardGamma(b);
        return ga / (ga + gb);
    }

    /** {@code np.random.random(n)}: n doubles in [0, 1), in NumPy's order. */
    public double[] random(int n) {
        double[] out = new double[checkCount(n)];
        for (int i = 0; i < n; i++) {
            out[i] = nextDouble();
        }
        return out;
    }

    /** {@code np.random.randn(rows, cols)}, row-major: element (i, j) at {@code i * cols + j}. */
    public double[] randn(int rows, int cols) {
        checkCount(rows);
        checkCount(cols);
        double[] out = new double[Math.multiplyExact(rows, cols)];
        for (int i = 0; i < out.length; i++) {
            out[i] = nextGaussian();
        }
        return out;
    }

    /** {@code np.random.exponential(scale, n)}. */
    public double[] exponential(double scale, int n) {
        double[] out = new double[checkCount(n)];
        for (int i = 0; i < n; i++) {
            out[i] = exponential(scale);
        }
        return out;
    }

    /** {@code np.random.beta(a, b, n)}. */
    public double[] beta(double a, double b, int n) {
        double[] out = new double[checkCount(n)];
        for (int i = 0; i < n; i++) {
            out[i] = beta(a, b);
        }
        return out;
    }

    private static int checkCount(int n) {
        return Math.toIntExact(Args.nonNegative("size", (long) n));
    }
}
