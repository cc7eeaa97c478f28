package org.recsysbook.bandit;

/**
 * The bookkeeping every policy shares: the arm count, validation of candidates and arm ids, a reusable
 * score buffer and partial top-n selection with ties broken by candidate order.
 */
abstract class AbstractBanditPolicy implements BanditPolicy {
    final int arms;
    private final int[] seen;
    private int generation;
    private double[] scores = new double[0];

    AbstractBanditPolicy(int arms) {
        this.arms = Args.atLeast("arms", arms, 1);
        this.seen = new int[arms];
    }

    @Override
    public final int arms() {
        return arms;
    }

    final int checkArm(int arm) {
        return Args.arm("arm", arm, arms);
    }

    /** Checks {@code nSelect} and that every candidate is a distinct arm id; O(candidates). */
    final void checkCandidates(int[] candidates, int nSelect) {
        Args.notNull("candidates", candidates);
        Args.nSelect(nSelect, candidates.length);
        if (++generation == 0) {
            java.util.Arrays.fill(seen, 0);
            generation = 1;
        }
        for (int j = 0; j < candidates.length; j++) {
            int a = candidates[j];
            if (a < 0 || a >= arms) {
                throw Args.fail("candidates[" + j + "]", a, "an arm id in [0, " + (arms - 1) + "]");
            }
            if (seen[a] == generation) {
                throw Args.fail("candidates[" + j + "]", a, "distinct arm ids (" + a + " appears twice)");
            }
            seen[a] = generation;
        }
    }

    /** A scratch array of at least {@code m} scores, reused between calls. */
    final double[] scores(int m) {
        if (scores.length < m) {
            scores = new double[m];
        }
        return scores;
    }

    /**
     * The {@code n} candidates with the highest {@code scores} (score {@code j} belongs to
     * {@code candidates[j]}), best first; equal scores keep candidate order. Insertion into a buffer of
     * {@code n}: O(m) for one pick, O(m·n) at worst, never a sort of all candidates.
     */
    static int[] topN(int[] candidates, double[] scores, int n) {
        int m = candidates.length;
        if (n == 1) {
            int best = 0;
            double bestScore = scores[0];
            for (int j = 1; j < m; j++) {
                if (scores[j] > bestScore) {
                    bestScore = scores[j];
                    best = j;
                }
            }
            return new int[] {candidates[best]};
        }
        int[] idx = new int[n];
        double[] val = new double[n];
        int count = 0;
        for (int j = 0; j < m; j++) {
            double s = scores[j];
            if (count == n && !(s > val[n - 1])) {
                continue;
            }
            int k = count < n ? count++ : n - 1;
            while (k > 0 && val[k - 1] < s) {
                val[k] = val[k - 1];
                idx[k] = idx[k - 1];
                k--;
            }
            val[k] = s;
            idx[k] = j;
        }
        int[] chosen = new int[n];
        for (int k = 0; k < n; k++) {
            chosen[k] = candidates[idx[k]];
        }
        return chosen;
    }

    @Override
    public String toString() {
        return name() + " over " + arms + " arms";
    }
}
