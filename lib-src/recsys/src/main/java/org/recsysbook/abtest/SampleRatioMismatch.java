package org.recsysbook.abtest;

import java.util.Arrays;

import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.recsysbook.core.Args;

/**
 * The sample-ratio-mismatch check, one of the pitfalls of an online experiment: when the users counted in
 * each arm do not match the designed split (say 50.4 % / 49.6 % on a 50/50 design with a million users),
 * assignment or logging is broken and no metric of the experiment can be trusted.
 *
 * <p>It is Pearson's chi-square goodness-of-fit test of the observed counts against the design's shares,
 * computed with commons-math's {@link ChiSquareTest}. Because an SRM invalidates everything else, the
 * customary threshold is strict (α = 0.001, {@link #DEFAULT_ALPHA}).
 */
public final class SampleRatioMismatch {
    /** The customary threshold for declaring a mismatch. */
    public static final double DEFAULT_ALPHA = 0.001;

    private static final ChiSquareTest CHI_SQUARE = new ChiSquareTest();

    private SampleRatioMismatch() { }

    /**
     * The result of the check.
     *
     * @param observed  the users counted in each arm
     * @param expected  the counts the design expects (shares × total)
     * @param chiSquare Pearson's statistic Σ (o − e)² / e
     * @param pValue    P(χ²<sub>k−1</sub> ≥ chiSquare)
     * @param alpha     the threshold
     */
    public record Result(long[] observed, double[] expected, double chiSquare, double pValue, double alpha) {
        /** Whether the split is off by more than chance explains ({@code pValue < alpha}). */
        public boolean mismatch() {
            return pValue < alpha;
        }

        @Override
        public String toString() {
            return "SRM check: observed " + Arrays.toString(observed) + ", expected " + Arrays.toString(expected)
                    + String.format(java.util.Locale.ROOT, ", χ² = %.3f, p = %.3g → %s", chiSquare, pValue,
                    mismatch() ? "MISMATCH: do not trust this experiment" : "no mismatch");
        }
    }

    /**
     * Tests observed arm sizes against the designed shares.
     *
     * @param observed users per arm, each ≥ 0, at least one user in all
     * @param shares   the designed share of each arm, each &gt; 0 (they are normalised to sum to 1)
     * @param alpha    the threshold, 0 &lt; α &lt; 1
     */
    public static Result test(long[] observed, double[] shares, double alpha) {
        if (observed == null || observed.length < 2) {
            throw Args.fail("observed.length", observed == null ? "null" : observed.length, "≥ 2 (at least 2 arms)");
        }
        Args.notNull("shares", shares);
        Args.sameLength("observed", observed.length, "shares", shares.length);
        Args.openUnit("alpha", alpha);
        long total = 0;
        double shareSum = 0;
        for (int i = 0; i < observed.length; i++) {
            Args.nonNegative("observed[" + i + "]", observed[i]);
            Args.positive("shares[" + i + "]", shares[i]);
            total += observed[i];
            shareSum += shares[i];
        }
        ArmCounts.size("sum of observed", total, 1);
        double[] expected = new double[shares.length];
        for (int i = 0; i < shares.length; i++) {
            expected[i] = total * shares[i] / shareSum;
        }
        double chi2 = CHI_SQUARE.chiSquare(expected, observed);
        double p = CHI_SQUARE.chiSquareTest(expected, observed);
        return new Result(observed.clone(), expected, chi2, p, alpha);
    }

    /** Tests a two-arm 50/50 design at the customary α = 0.001. */
    public static Result test(long control, long treatment) {
        return test(new long[] {control, treatment}, new double[] {0.5, 0.5}, DEFAULT_ALPHA);
    }
}
