package org.recsysbook.bandit;

import java.util.Locale;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.mult.VectorVectorMult_DDRM;
import org.recsysbook.bandit.offpolicy.DoublyRobust;
import org.recsysbook.core.Args;

/**
 * Disjoint LinUCB (Li, Chu, Langford and Schapire, 2010, Algorithm 1): a ridge regression of the reward
 * on the context for every arm, and the chapter's upper confidence bound taken over that regression, so
 * that each user gets the arms that are promising for them.
 *
 * <p>For arm {@code a} with {@code A_a = I + Σ x xᵀ} and {@code b_a = Σ r x} over the contexts it was
 * shown for, {@code θ_a = A_a⁻¹ b_a} and the score of context {@code x} is
 * {@code p_a = θ_aᵀ x + α · sqrt(xᵀ A_a⁻¹ x)}: predicted click rate plus α times its uncertainty. The
 * candidates with the highest scores are shown (ties to the earlier candidate).
 *
 * <p>{@code A_a⁻¹} is never recomputed: each reward updates it by Sherman–Morrison,
 * {@code (A + x xᵀ)⁻¹ = A⁻¹ − (A⁻¹x)(A⁻¹x)ᵀ / (1 + xᵀA⁻¹x)}, O(d²) instead of O(d³). Matrices are EJML
 * {@link DMatrixRMaj}s. With {@code α = 0} it is a greedy per-arm ridge regression, also usable as the
 * reward model of {@link org.recsysbook.bandit.offpolicy.DoublyRobust} ({@link #predict}).
 */
public final class LinUcb implements ContextualPolicy {
    private final int arms;
    private final int dim;
    private final double alpha;
    private final DMatrixRMaj[] aInverse;
    private final DMatrixRMaj[] b;
    private final DMatrixRMaj[] theta;
    private final long[] trials;
    private final boolean[] stale;
    private final DMatrixRMaj x;
    private final DMatrixRMaj ax;
    private final CandidateCheck checker;

    /**
     * @param arms  number of arms, ≥ 1
     * @param dim   context length, ≥ 1
     * @param alpha exploration weight, ≥ 0
     */
    public LinUcb(int arms, int dim, double alpha) {
        this.arms = Args.atLeast("arms", arms, 1);
        this.dim = Args.atLeast("dim", dim, 1);
        this.alpha = Args.nonNegative("alpha", alpha);
        aInverse = new DMatrixRMaj[arms];
        b = new DMatrixRMaj[arms];
        theta = new DMatrixRMaj[arms];
        trials = new long[arms];
        stale = new boolean[arms];
        for (int a = 0; a < arms; a++) {
            aInverse[a] = CommonOps_DDRM.identity(dim);
            b[a] = new DMatrixRMaj(dim, 1);
            theta[a] = new DMatrixRMaj(dim, 1);
        }
        x = new DMatrixRMaj(dim, 1);
        ax = new DMatrixRMaj(dim, 1);
        checker = new CandidateCheck(arms);
    }

    /** A factory for simulations (α checked here, before any run starts). */
    public static ContextualPolicy.Factory factory(double alpha) {
        Args.nonNegative("alpha", alpha);
        return (arms, dim, rng) -> new LinUcb(arms, dim, alpha);
    }

    @Override
    public int arms() {
        return arms;
    }

    @Override
    public int dim() {
        return dim;
    }

    public double alpha() {
        return alpha;
    }

    @Override
    public int[] select(double[] context, int[] candidates, int nSelect) {
        load(context);
        checker.check(candidates, nSelect);
        double[] s = checker.scores(candidates.length);
        for (int j = 0; j < candidates.length; j++) {
            s[j] = score(candidates[j]);
        }
        return AbstractBanditPolicy.topN(candidates, s, nSelect);
    }

    /** {@code θ_aᵀx + α sqrt(xᵀA_a⁻¹x)} for the context loaded in {@link #x}. */
    private double score(int a) {
        double mean = VectorVectorMult_DDRM.innerProd(coefficients(a), x);
        if (alpha == 0) {
            return mean;
        }
        return mean + alpha * Math.sqrt(Math.max(0, VectorVectorMult_DDRM.innerProdA(x, aInverse[a], x)));
    }

    /**
     * Adds one observation to arm {@code arm}'s regression: {@code A += x xᵀ} (as a Sherman–Morrison
     * update of {@code A⁻¹}) and {@code b += r x}; {@code θ = A⁻¹ b} follows when next needed.
     *
     * @param reward any finite number (clicks are 0 or 1)
     */
    @Override
    public void update(double[] context, int arm, double reward) {
        Args.index("arm", arm, arms, "arms");
        Args.finite("reward", reward);
        load(context);
        DMatrixRMaj inv = aInverse[arm];
        CommonOps_DDRM.mult(inv, x, ax);
        double q = VectorVectorMult_DDRM.innerProd(x, ax);
        VectorVectorMult_DDRM.addOuterProd(-1 / (1 + q), ax, ax, inv);
        CommonOps_DDRM.addEquals(b[arm], reward, x);
        stale[arm] = true;
        trials[arm]++;
    }

    /** The predicted reward {@code θ_aᵀx} of {@code arm} for {@code context} (no exploration bonus). */
    public double predict(double[] context, int arm) {
        Args.index("arm", arm, arms, "arms");
        load(context);
        return VectorVectorMult_DDRM.innerProd(coefficients(arm), x);
    }

    /** {@code θ_a = A_a⁻¹ b_a}, recomputed only after the arm was updated. */
    private DMatrixRMaj coefficients(int a) {
        if (stale[a]) {
            CommonOps_DDRM.mult(aInverse[a], b[a], theta[a]);
            stale[a] = false;
        }
        return theta[a];
    }

    /** The score {@code θ_aᵀx + α sqrt(xᵀA_a⁻¹x)} of {@code arm} for {@code context}. */
    public double upperConfidenceBound(double[] context, int arm) {
        Args.index("arm", arm, arms, "arms");
        load(context);
        return score(arm);
    }

    /** A copy of {@code A_a⁻¹}. */
    public DMatrixRMaj aInverse(int arm) {
        return aInverse[Args.index("arm", arm, arms, "arms")].copy();
    }

    /** A copy of {@code θ_a}. */
    public double[] theta(int arm) {
        return coefficients(Args.index("arm", arm, arms, "arms")).data.clone();
    }

    /** How many rewards {@code arm} has received. */
    public long trials(int arm) {
        return trials[Args.index("arm", arm, arms, "arms")];
    }

    private void load(double[] context) {
        Args.notNull("context", context);
        if (context.length != dim) {
            throw Args.fail("context.length", context.length, dim + " (the policy's dim)");
        }
        for (int i = 0; i < dim; i++) {
            double v = context[i];
            if (!Double.isFinite(v)) {
                throw Args.fail("context[" + i + "]", v, "a finite number");
            }
            x.data[i] = v;
        }
    }

    @Override
    public String name() {
        return String.format(Locale.ROOT, "LinUCB (α=%s)", ThompsonSampling.fmt(alpha));
    }
}
