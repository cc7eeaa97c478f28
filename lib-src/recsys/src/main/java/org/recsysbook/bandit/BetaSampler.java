package org.recsysbook.bandit;

import java.util.random.RandomGenerator;

import org.recsysbook.core.Args;

/**
 * Draws from Beta and Gamma distributions, the {@code np.random.beta(alpha, beta)} behind the chapter's
 * Thompson sampling, with Marsaglia and Tsang's gamma method (ACM TOMS 26(3), 2000) and
 * {@code Beta(a, b) = X / (X + Y)} for independent {@code X ~ Gamma(a)}, {@code Y ~ Gamma(b)}.
 *
 * <p>Why not commons-math3's {@code BetaDistribution.sample()}: Thompson sampling draws from a
 * different Beta every round (the parameters change with each reward), and commons-math3 wants a new
 * distribution object per parameter pair and its own {@code RandomGenerator} type. Marsaglia–Tsang needs
 * one standard normal and one uniform per gamma draw (about 98% of draws pass the first, log-free
 * test), and its two constants {@code d = a − 1/3}, {@code c = 1/√(9d)} can be cached per arm and
 * recomputed only when that arm's parameters change ({@link #gammaMarsagliaTsang}). The unit tests
 * check the draws against the Beta's mean, variance and CDF (Kolmogorov–Smirnov, with commons-math3's
 * {@code BetaDistribution} as the reference).
 *
 * <p>Shapes below 1 use the boost {@code Gamma(a) = Gamma(a + 1) · U^(1/a)}, carried in logarithms so
 * that tiny shapes do not underflow. Every draw comes from the {@link RandomGenerator} passed in: the
 * same seed gives the same numbers on every machine.
 */
public final class BetaSampler {
    private BetaSampler() { }

    /**
     * One draw from {@code Beta(a, b)}.
     *
     * @throws IllegalArgumentException if {@code a} or {@code b} is not positive and finite
     */
    public static double beta(RandomGenerator rng, double a, double b) {
        Args.positive("a", a);
        Args.positive("b", b);
        if (a >= 1 && b >= 1) {
            double x = gammaMarsagliaTsang(rng, a - 1.0 / 3, 1 / Math.sqrt(9 * a - 3));
            double y = gammaMarsagliaTsang(rng, b - 1.0 / 3, 1 / Math.sqrt(9 * b - 3));
            return x / (x + y);
        }
        double logX = logGamma(rng, a);
        double logY = logGamma(rng, b);
        return 1 / (1 + Math.exp(logY - logX));
    }

    /**
     * One draw from {@code Gamma(shape, 1)}.
     *
     * @throws IllegalArgumentException if {@code shape} is not positive and finite
     */
    public static double gamma(RandomGenerator rng, double shape) {
        Args.positive("shape", shape);
        if (shape >= 1) {
            return gammaMarsagliaTsang(rng, shape - 1.0 / 3, 1 / Math.sqrt(9 * shape - 3));
        }
        return Math.exp(logGamma(rng, shape));
    }

    /** The logarithm of one {@code Gamma(shape, 1)} draw, for any positive shape. */
    static double logGamma(RandomGenerator rng, double shape) {
        if (shape >= 1) {
            return Math.log(gammaMarsagliaTsang(rng, shape - 1.0 / 3, 1 / Math.sqrt(9 * shape - 3)));
        }
        double g = gammaMarsagliaTsang(rng, shape + 2.0 / 3, 1 / Math.sqrt(9 * shape + 6));
        double u = 1 - rng.nextDouble(); // in (0, 1]
        return Math.log(g) + Math.log(u) / shape;
    }

    /**
     * Marsaglia–Tsang for {@code shape ≥ 1}, with the constants precomputed:
     * {@code d = shape − 1/3} and {@code c = 1 / √(9d)}. No argument checks: the hot path.
     */
    public static double gammaMarsagliaTsang(RandomGenerator rng, double d, double c) {
        while (true) {
            double x;
            double v;
            do {
                x = rng.nextGaussian();
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = rng.nextDouble();
            double x2 = x * x;
            if (u < 1 - 0.0331 * x2 * x2) {
                return d * v;
            }
            if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }
}
