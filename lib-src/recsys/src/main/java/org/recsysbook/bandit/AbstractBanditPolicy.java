package org.recsysbook.bandit;

import org.recsysbook.core.Args;

/**
 * The bookkeeping every policy shares: the arm count, validation of candidates and arm ids, and the usual
 * way to select — score every candidate ({@link #score}), show the {@code nSelect} highest scores, ties
 * broken by candidate order — with a reusable score buffer and partial top-n selection.
 */
abstract class AbstractBanditPolicy implements BanditPolicy {
    final int arms;
    private final CandidateCheck check;

    AbstractBanditPolicy(int arms) {
        this.arms = Args.atLeast("arms", arms, 1);
        this.check = new CandidateCheck(arms);
    }

    @Override
    public final int arms() {
        return arms;
    }

    final int checkArm(int arm) {
        return Args.index("arm", arm, arms, "arms");
    }

    /** Checks {@code nSelect} and that every candidate is a distinct arm id; O(candidates). */
    final void checkCandidates(int[] candidates, int nSelect) {
        check.check(candidates, nSelect);
    }

    /** A scratch array of at least {@code m} scores, reused between calls. */
    final double[] scoreBuffer(int m) {
        return check.scores(m);
    }

    /**
     * The {@code nSelect} candidates with the highest {@link #score scores}, best first; equal scores keep
     * candidate order.
     */
    @Override
    public int[] select(int[] candidates, int nSelect) {
        checkCandidates(candidates, nSelect);
        double[] s = scoreBuffer(candidates.length);
        score(candidates, s);
        return topN(candidates, s, nSelect);
    }

    /**
     * Writes what the policy ranks {@code candidates[j]} by into {@code scores[j]}, for every {@code j} (the
     * candidates are already checked); called once per selection.
     */
    abstract void score(int[] candidates, double[] scores);

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
