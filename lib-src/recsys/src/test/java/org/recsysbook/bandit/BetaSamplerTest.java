package org.recsysbook.bandit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BetaSamplerTest {
    private static final int N = 20_000;

    @ParameterizedTest
    @CsvSource({"1, 1", "2, 8", "0.5, 0.5", "30, 3", "0.2, 5", "200, 150"})
    void betaDrawsMatchMeanVarianceAndCdf(double a, double b) {
        SplittableRandom rng = new SplittableRandom(17);
        double[] x = new double[N];
        for (int i = 0; i < N; i++) {
            x[i] = BetaSampler.beta(rng, a, b);
            assertTrue(x[i] >= 0 && x[i] <= 1, "draw in [0, 1]");
        }
        double mean = a / (a + b);
        double var = a * b / ((a + b) * (a + b) * (a + b + 1));
        double m = 0;
        for (double v : x) {
            m += v;
        }
        m /= N;
        double s2 = 0;
        for (double v : x) {
            s2 += (v - m) * (v - m);
        }
        s2 /= N - 1;
        assertEquals(mean, m, 5 * Math.sqrt(var / N), "sample mean within 5 standard errors of a/(a+b)");
        assertEquals(var, s2, 0.05 * var, "sample variance within 5% of ab/((a+b)²(a+b+1))");
        double p = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new BetaDistribution(null, a, b), x);
        assertTrue(p > 0.01, "Kolmogorov–Smirnov p-value against commons-math3's Beta CDF: " + p);
    }

    @ParameterizedTest
    @CsvSource({"0.3", "1", "4.5"})
    void gammaDrawsMatchMeanAndCdf(double shape) {
        SplittableRandom rng = new SplittableRandom(3);
        double[] x = new double[N];
        double m = 0;
        for (int i = 0; i < N; i++) {
            x[i] = BetaSampler.gamma(rng, shape);
            m += x[i];
        }
        m /= N;
        assertEquals(shape, m, 5 * Math.sqrt(shape / N), "Gamma(k, 1) has mean k and variance k");
        double p = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new GammaDistribution(null, shape, 1), x);
        assertTrue(p > 0.01, "Kolmogorov–Smirnov p-value: " + p);
    }

    @Test
    void sameSeedSameDraws() {
        SplittableRandom r1 = new SplittableRandom(5);
        SplittableRandom r2 = new SplittableRandom(5);
        for (int i = 0; i < 100; i++) {
            assertEquals(BetaSampler.beta(r1, 2, 3), BetaSampler.beta(r2, 2, 3));
        }
    }

    @Test
    void rejectsBadShapes() {
        SplittableRandom rng = new SplittableRandom(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BetaSampler.beta(rng, 0, 1));
        assertTrue(e.getMessage().startsWith("a must be a finite number > 0, got 0.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BetaSampler.beta(rng, 1, -2));
        assertTrue(e.getMessage().equals("b must be a finite number > 0, got -2.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BetaSampler.beta(rng, Double.NaN, 1));
        e = assertThrows(IllegalArgumentException.class, () -> BetaSampler.gamma(rng, Double.POSITIVE_INFINITY));
        assertTrue(e.getMessage().equals("shape must be a finite number > 0, got Infinity"), e.getMessage());
    }
}
