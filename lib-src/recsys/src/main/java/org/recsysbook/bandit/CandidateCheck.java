package org.recsysbook.bandit;

import java.util.Arrays;

import org.recsysbook.core.Args;

/**
 * Validation of candidate lists (every id an arm, none twice) in O(candidates) with a generation-stamped
 * array, and a reusable score buffer; one per policy, not thread-safe.
 */
final class CandidateCheck {
    private final int arms;
    private final int[] seen;
    private int generation;
    private double[] scores = new double[0];

    CandidateCheck(int arms) {
        this.arms = arms;
        this.seen = new int[arms];
    }

    void check(int[] candidates, int nSelect) {
        Args.notNull("candidates", candidates);
        nSelect(nSelect, candidates.length);
        if (++generation == 0) {
            Arrays.fill(seen, 0);
            generation = 1;
        }
        for (int j = 0; j < candidates.length; j++) {
            int a = candidates[j];
            if (a < 0 || a >= arms) {
                throw Args.fail("candidates[" + j + "]", a, "an arm id in [0, " + (arms - 1) + "]");
            }
            if (seen[a] == generation) {
                throw Args.fail("candidates[" + j + "]", a, "an arm id not listed before (" + a + " appears twice)");
            }
            seen[a] = generation;
        }
    }

    /** {@code nSelect} in [1, candidates]: a policy shows at least one candidate and at most all of them. */
    static int nSelect(int nSelect, int candidates) {
        if (nSelect < 1 || nSelect > candidates) {
            throw Args.fail("nSelect", nSelect, "in [1, " + candidates + "] (the number of candidates)");
        }
        return nSelect;
    }

    /** A scratch array of at least {@code m} scores, reused between calls. */
    double[] scores(int m) {
        if (scores.length < m) {
            scores = new double[m];
        }
        return scores;
    }
}
