package org.recsysbook.exercises;

import java.util.List;

import org.recsysbook.abtest.TwoProportionZTest;
import org.recsysbook.bandit.simulation.ContextualSimulator;
import org.recsysbook.bandit.simulation.SimulationResult;
import org.recsysbook.core.Request;
import org.recsysbook.core.ScoredItems;
import org.recsysbook.core.UserContext;
import org.recsysbook.metrics.AveragePrecision;
import org.recsysbook.metrics.Ndcg;
import org.recsysbook.pipeline.PipelineResult;
import org.recsysbook.rerank.CategoryQuota;
import org.recsysbook.rerank.FreshnessBoost;
import org.recsysbook.rerank.ReRanker;
import org.recsysbook.serving.LoadResult;
import org.recsysbook.world.World;

/**
 * The self-checks of the workbook's exercises: each notebook from 01 on ends with exercises whose last cell calls
 * one of these, e.g. {@code Check.ndcg((rels, k) -> ndcgAtK(rels, k))}.
 *
 * <p>A check runs hidden cases — computed with the library's own implementation or worked by hand — against the
 * reader's function or answer, shows "✔ passed N cases" or "✘ failed: … (hint: …)", and records the verdict as
 * {@code check_<name>} (see {@link ExerciseCheck}). A hint points at the idea, never at the code; an exercise whose
 * answer is a number or a choice does not show it. A wrong answer, an exception or a {@code null} never stops the
 * notebook: the check reports it. Each check takes well under a second, except where its javadoc says it repeats a
 * simulation.
 */
public final class Check {
    private Check() { }

    // ---- 01 · the multi-stage pipeline ----------------------------------------------------------------------------

    /** The seed's category quota as a function: the kept item ids, best first. */
    @FunctionalInterface
    public interface QuotaFunction {
        int[] apply(int[] ranked, int[] category, int maxPerCategory, int nFinal);
    }

    /**
     * Checks a category quota: walk {@code ranked} best first, keep an item while its category ({@code
     * category[item]}) holds fewer than {@code maxPerCategory} kept items, stop at {@code nFinal}. Cases: three
     * worked by hand, then random lists against {@link CategoryQuota}.
     */
    public static boolean categoryQuota(QuotaFunction quota) {
        return PipelineExercises.categoryQuota(quota);
    }

    /**
     * Checks the length of the seed's final list under a quota of one per category, and why it is what it is.
     * Options: (a) the ranker keeps too few candidates, (b) the seed's world has five categories, (c) the quota
     * drops items scored below the mean.
     */
    public static boolean quotaOfOne(int finalLength, char why) {
        return PipelineExercises.quotaOfOne(finalLength, why);
    }

    /**
     * Checks the seed's demo run without ranking noise ({@code UserContext.NONE}) and the prediction made before
     * it. Options: (a) the same list as with the seed's context, (b) the candidates in candidate-score order,
     * thinned by the quota only, (c) a different list on every run.
     */
    public static boolean noNoise(char prediction, PipelineResult run) {
        return PipelineExercises.noNoise(prediction, run);
    }

    // ---- 02 · candidate generation --------------------------------------------------------------------------------

    /** The positions of the k highest scores, best first. */
    @FunctionalInterface
    public interface TopKFunction {
        int[] apply(double[] scores, int k);
    }

    /**
     * Checks a top-k selection: the positions of the k highest scores, best first, ties to the lower position,
     * all of them when k exceeds the length. Hand-worked cases, then random ones against a full sort.
     */
    public static boolean topK(TopKFunction topK) {
        return CandidateGenerationExercises.topK(topK);
    }

    /**
     * Checks the overlap with pure cosine of the seed's blend with weights (0.5, 1) on the seed's demo, and which
     * weights suit a brand-new user. Options: (a) cosine-heavy (1, 0.5), (b) popularity-heavy (0.5, 1): a new
     * user's profile says little, and popular items are the safer bet, (c) the weights make no difference.
     */
    public static boolean popularityHeavyBlend(double overlap, char newUserWeights) {
        return CandidateGenerationExercises.popularityHeavyBlend(overlap, newUserWeights);
    }

    /**
     * Checks the exact scan time of a 10M × 64 catalog extrapolated from the measured bandwidth of one core
     * ({@code 4 · n · d} bytes read per query), within 5 %, and whether it fits a 50 ms budget. Options: (a) it
     * fits, (b) it needs several times the budget on one core, (c) memory bandwidth does not limit the scan.
     */
    public static boolean exactScanAt10M(double scanMs, char budgetVerdict, double gbPerSecond) {
        return CandidateGenerationExercises.exactScanAt10M(scanMs, budgetVerdict, gbPerSecond);
    }

    // ---- 03 · ranking ---------------------------------------------------------------------------------------------

    /** The inverse-propensity label of one logged impression. */
    @FunctionalInterface
    public interface IpwLabelFunction {
        double apply(boolean clicked, int position);
    }

    /** The mean log-loss of predicted click probabilities. */
    @FunctionalInterface
    public interface LogLossFunction {
        double apply(double[] predicted, boolean[] clicked);
    }

    /**
     * Checks the inverse-propensity label: a click at position p (from 1) becomes {@code 1 / e(p)} with the click
     * model's examination {@code e(p) = 1 / log2(p + 1)}; a skip stays 0. Worked by hand.
     */
    public static boolean ipwLabel(IpwLabelFunction label) {
        return RankingExercises.ipwLabel(label);
    }

    /** Checks the mean log-loss (cross-entropy, natural logarithm) against hand-worked values. */
    public static boolean logLoss(LogLossFunction loss) {
        return RankingExercises.logLoss(loss);
    }

    /**
     * Checks the CTR ratio of position 1 to position 10 that examination alone would give, and why the logged
     * ratio {@code ctr[0] / ctr[9]} differs. Options: (a) users examine deeper than the click model says, (b) the
     * production ranker put the more attractive items on top, (c) the click model ignores positions.
     */
    public static boolean examinationRatio(double predictedRatio, char why, double[] ctrByPosition) {
        return RankingExercises.examinationRatio(predictedRatio, why, ctrByPosition);
    }

    // ---- 04 · re-ranking ------------------------------------------------------------------------------------------

    /** Maximal marginal relevance over a list: the positions of the chosen items, in the order chosen. */
    @FunctionalInterface
    public interface MmrFunction {
        int[] apply(double[] relevance, double[][] similarity, double lambda, int k);
    }

    /**
     * Checks greedy MMR: relevance already in [0, 1], {@code similarity[i][j]} the cosine of items i and j; each
     * step takes the position with the largest {@code λ·rel − (1 − λ)·max cos to the chosen} (0 before the first
     * choice), ties to the lower position. Cases: one worked by hand, then random lists against
     * {@link org.recsysbook.rerank.MaximalMarginalRelevance}.
     */
    public static boolean mmr(MmrFunction mmr) {
        return ReRankingExercises.mmr(mmr);
    }

    /**
     * Checks the mean age of the items shown by {@code FreshnessBoost.of(world, 0.2, 1).then(ReRanker.truncate(10))}
     * over the notebook's users and ranked lists, and why it is lower than with a half-life of 7 days. Options: (a) a
     * shorter half-life gives every item a larger bonus, (b) it keeps nearly the full bonus for the newest items only,
     * so they win the places that items a few days old held, (c) the boost no longer acts.
     */
    public static boolean freshnessHalfLife(World world, List<Request> users, List<ScoredItems> ranked,
                                            double meanAge, char why) {
        return ReRankingExercises.freshnessHalfLife(world, users, ranked, meanAge, why);
    }

    /**
     * Checks a prediction about business rules placed after the quota, against the list that chain produced for a
     * user who has seen the three best items, with the fourth blocked. Options: (a) ten items, the rules never
     * shorten a list, (b) fewer than ten: the rules drop items after the quota filled the list and nothing refills
     * it, (c) the seen items come back.
     *
     * @param forbidden the items the list must not hold (the three seen and the blocked one)
     */
    public static boolean rulesLast(char prediction, ScoredItems rulesLastList, int[] forbidden) {
        return ReRankingExercises.rulesLast(prediction, rulesLastList, forbidden);
    }

    // ---- 05 · evaluation metrics ----------------------------------------------------------------------------------

    /** NDCG@k of grades given in rank order, the seed's form. */
    @FunctionalInterface
    public interface NdcgFunction {
        double apply(double[] relevances, int k);
    }

    /** Average precision of binary grades given in rank order, the seed's form. */
    @FunctionalInterface
    public interface ApFunction {
        double apply(int[] relevances);
    }

    /**
     * Checks NDCG@k in the seed's form (ideal order from the list's own grades, 0 when the list holds nothing
     * relevant) against {@link Ndcg#ofRelevances(double[], int)}.
     */
    public static boolean ndcg(NdcgFunction ndcg) {
        return MetricsExercises.ndcg(ndcg);
    }

    /**
     * Checks average precision in the seed's form: the mean of precision@i over the ranks i that hold a relevant
     * item, 0 for a list without any; against {@link AveragePrecision#ofRelevances(int[])}.
     */
    public static boolean averagePrecision(ApFunction ap) {
        return MetricsExercises.averagePrecision(ap);
    }

    /**
     * Checks a prediction of a random recommender's HR@10 when the held-out item is ranked among 50 sampled
     * negatives; shows the measured value beside it.
     */
    public static boolean sampledRandomHitRate(double prediction, double measured) {
        return MetricsExercises.sampledRandomHitRate(prediction, measured);
    }

    // ---- 06 · A/B testing -----------------------------------------------------------------------------------------

    /** The two-proportion z statistic of treatment (B) against control (A). */
    @FunctionalInterface
    public interface ZStatisticFunction {
        double apply(long successesA, long trialsA, long successesB, long trialsB);
    }

    /**
     * Checks the pooled two-proportion z statistic {@code (p̂B − p̂A) / sqrt(p̄(1 − p̄)(1/nA + 1/nB))} against
     * {@link TwoProportionZTest}.
     */
    public static boolean zStatistic(ZStatisticFunction z) {
        return AbTestingExercises.zStatistic(z);
    }

    /**
     * Checks whether the sample-ratio check fires for a 2 % tracking loss in the treatment arm with 20,000 and with
     * 200,000 users (14 days, the 5 % base rate of 6.5), and why. Options: (a) the bug is worse in a big
     * experiment, (b) the same 2 % is more users than chance can explain once the arms are large, (c) a big
     * experiment runs more days. Repeats both simulations (a fraction of a second).
     */
    public static boolean smallTrackingLoss(boolean firesAt20k, boolean firesAt200k, char why) {
        return AbTestingExercises.smallTrackingLoss(firesAt20k, firesAt200k, why);
    }

    /**
     * Checks the users per arm needed to detect 10 % → 11 % instead of 10 % → 12 % (α = 0.05, power 0.8), and the
     * factor predicted before computing it: within 0.3 of the true ratio.
     */
    public static boolean halfTheEffect(double predictedFactor, long usersForOnePoint) {
        return AbTestingExercises.halfTheEffect(predictedFactor, usersForOnePoint);
    }

    // ---- 08 · online learning -------------------------------------------------------------------------------------

    /** The inverse propensity score estimate of a new policy's mean reward from a log. */
    @FunctionalInterface
    public interface IpsFunction {
        double apply(double[] rewards, double[] loggingPropensities, double[] targetProbabilities);
    }

    /** The inverse of {@code A + x xᵀ} from the inverse of A. */
    @FunctionalInterface
    public interface ShermanMorrisonFunction {
        double[][] apply(double[][] aInverse, double[] x);
    }

    /**
     * Checks the IPS estimate {@code mean(r · π(a|x) / μ(a|x))} over the logged impressions, against hand-worked
     * values.
     */
    public static boolean ips(IpsFunction ips) {
        return OnlineLearningExercises.ips(ips);
    }

    /**
     * Checks the Sherman–Morrison update {@code (A + x xᵀ)⁻¹ = A⁻¹ − A⁻¹x xᵀA⁻¹ / (1 + xᵀA⁻¹x)} against a direct
     * inversion, on a hand-worked 2 × 2 case and random symmetric positive definite matrices.
     */
    public static boolean shermanMorrison(ShermanMorrisonFunction update) {
        return OnlineLearningExercises.shermanMorrison(update);
    }

    /**
     * Checks which exploration weight α in {0, 0.1, 1, 3} gives LinUCB the highest click rate over the last 1000 of
     * 5000 users on the notebook's contextual simulator, and why even α = 0 beats Thompson sampling. Options: (a)
     * LinUCB with α = 0 still explores at random, (b) users bring different contexts, so a greedy model per item
     * already shows different users different items and learns from them all, (c) α = 0 uses Thompson sampling's
     * prior. Repeats the four simulations (about a second).
     */
    public static boolean linUcbExploration(ContextualSimulator simulator, double bestAlpha, char why) {
        return OnlineLearningExercises.linUcbExploration(simulator, bestAlpha, why);
    }

    // ---- 07 · bandits ---------------------------------------------------------------------------------------------

    /** The seed's UCB index of one arm. */
    @FunctionalInterface
    public interface UcbIndexFunction {
        double apply(double mean, long pulls, long totalPulls, double c);
    }

    /** Checks the seed's UCB index {@code mean + c·sqrt(ln(total + 1) / n)}, +∞ for an arm never pulled. */
    public static boolean ucbIndex(UcbIndexFunction index) {
        return BanditExercises.ucbIndex(index);
    }

    /**
     * Checks which c in {0.1, 0.25, 0.5, 1} earns the seed's UCB the most clicks over 200 runs of 500 rounds, and
     * why a small c is risky. Options: (a) a small c makes each round slower, (b) with little exploration an unlucky
     * start can lock the policy onto a poor item, (c) a small c ignores the sample means. Repeats the four
     * simulations (about a second).
     */
    public static boolean ucbExploration(double bestC, char why) {
        return BanditExercises.ucbExploration(bestC, why);
    }

    /**
     * Checks Thompson sampling run with the Beta(2, 8) prior the click rates were drawn from, on the notebook's 200
     * runs of 500 rounds, and the prediction made before it. Options: (a) fewer clicks than the flat prior, (b)
     * about the same, (c) more. Repeats both simulations (about half a second).
     */
    public static boolean thompsonPrior(char prediction, SimulationResult withPrior) {
        return BanditExercises.thompsonPrior(prediction, withPrior);
    }

    // ---- 09 · real data, candidate generation -----------------------------------------------------------------------

    /** One user's chronological hold-out: the test items, ascending. */
    @FunctionalInterface
    public interface HoldOutFunction {
        int[] apply(int[] items, long[] times, double testFraction);
    }

    /**
     * Checks a per-user chronological hold-out: the last {@code round(f·n)} ratings by time (at least 1, at most
     * n − 1, none for one rating), ties broken by item id, returned in ascending item order; against
     * {@link org.recsysbook.data.Split}.
     */
    public static boolean chronologicalHoldOut(HoldOutFunction holdOut) {
        return RealDataExercises.chronologicalHoldOut(holdOut);
    }

    /** EASE's weights B from P = (XᵀX + λI)⁻¹. */
    @FunctionalInterface
    public interface EaseWeightsFunction {
        double[][] apply(double[][] p);
    }

    /**
     * Checks {@code B_ij = −P_ij / P_jj} off the diagonal and 0 on it, against {@link org.recsysbook.retrieval.Ease}
     * on random data.
     */
    public static boolean easeWeights(EaseWeightsFunction weights) {
        return RealDataExercises.easeWeights(weights);
    }

    /**
     * Checks the NDCG@10 of a model when only ratings of {@code threshold} stars or more count as relevant, and the
     * explanation of why it moved. Options: (a) it falls, because the model learned to predict what users watch,
     * not what they like, and fewer items are relevant; (b) it rises, because liked movies are easier to predict;
     * (c) it cannot change, because the training set is the same.
     *
     * @param model a generator trained on {@code split.train()}
     */
    public static boolean likedOnly(double ndcg, char why, org.recsysbook.retrieval.LearnedGenerator model,
                                    org.recsysbook.data.Split split, double threshold) {
        return RealDataExercises.likedOnly(ndcg, why, model, split, threshold);
    }

    // ---- 10 · real data, ranking and re-ranking ---------------------------------------------------------------------

    /** A list's genre diversity from its movies' genre bit masks. */
    @FunctionalInterface
    public interface GenreDiversityFunction {
        double apply(int[] genreMasks);
    }

    /**
     * Checks the mean pairwise genre Jaccard distance of a list, {@code 1 − |G_a ∩ G_b| / |G_a ∪ G_b|} (0 for a pair of
     * movies without genres, and for a list of fewer than two); against
     * {@link org.recsysbook.studies.RealDataRanking#genreDiversity} on random MovieLens lists.
     */
    public static boolean genreDiversity(GenreDiversityFunction diversity, org.recsysbook.data.MovieLens ml) {
        return RealDataRankingExercises.genreDiversity(diversity, ml);
    }

    /** Calibration groups: {@code [mean predicted₀, observed₀, mean predicted₁, observed₁, …]}. */
    @FunctionalInterface
    public interface CalibrationFunction {
        double[] apply(double[] predicted, float[] labels, int bins);
    }

    /**
     * Checks calibration in equal-size groups by predicted probability against
     * {@link org.recsysbook.studies.RealDataRanking#calibration}.
     */
    public static boolean calibrationBins(CalibrationFunction bins) {
        return RealDataRankingExercises.calibrationBins(bins);
    }

    /**
     * Checks a prediction about the sampled-metrics pitfall, given what the sweep measured: EASE's HR@10 over
     * popularity's on the full catalog and with 100 negatives. Options: (a) the lead grows, (b) it shrinks, (c) it stays.
     */
    public static boolean sampledLead(char prediction, double fullRatio, double sampledRatio) {
        return RealDataRankingExercises.sampledLead(prediction, fullRatio, sampledRatio);
    }

    // ---- 11 · serving -----------------------------------------------------------------------------------------------

    /** Little's law as a function: the mean number of requests in the system. */
    @FunctionalInterface
    public interface LittleFunction {
        double apply(double requestsPerSecond, double meanLatencyMillis);
    }

    /**
     * Checks Little's law, L = λ·W, with λ in requests per second and W in milliseconds: two cases worked by hand;
     * notes the reader's figure for {@code run} beside the number in flight the load generator measured.
     */
    public static boolean littlesLaw(LittleFunction little, LoadResult run) {
        return ServingExercises.littlesLaw(little, run);
    }

    /**
     * Checks which load generator reports the larger share of answers slower than {@code slowMillis} when the
     * service pauses mid-run, against both runs. Options: (a) the closed loop, (b) the open loop, (c) the same.
     */
    public static boolean coordinatedOmission(char prediction, LoadResult closed, LoadResult open, double slowMillis) {
        return ServingExercises.coordinatedOmission(prediction, closed, open, slowMillis);
    }

    /**
     * Checks runs at twice the capacity with concurrency limits of 1 and 16, and why 16 gives a worse p99. Options:
     * (a) more requests share the two cores, (b) the larger limit sheds more, (c) HTTP costs more with more
     * connections.
     */
    public static boolean concurrencyLimit(LoadResult limitOne, LoadResult limitSixteen, char why) {
        return ServingExercises.concurrencyLimit(limitOne, limitSixteen, why);
    }

    // ---- 12 · the experiment loop --------------------------------------------------------------------------------

    /** A 50/50 sample-ratio χ² statistic from the two arms' counts. */
    @FunctionalInterface
    public interface SrmFunction {
        double apply(long control, long treatment);
    }

    /**
     * Checks a 50/50 sample-ratio χ² statistic on two cases worked by hand and against the library on the notebook's
     * broken day (its control and treatment user counts).
     */
    public static boolean srmChiSquare(SrmFunction chi2, long brokenControl, long brokenTreatment) {
        return ExperimentExercises.srmChiSquare(chi2, brokenControl, brokenTreatment);
    }

    /**
     * Checks the smallest propensity the exploration slot can log and why off-policy evaluation needs a floor.
     * Options: (a) IPS divides by the logged propensity, (b) it makes Thompson sampling learn faster, (c) the
     * database cannot store 0.
     */
    public static boolean propensityFloor(double minPropensity, char why, org.recsysbook.experiment.ThompsonSlot slot) {
        return ExperimentExercises.propensityFloor(minPropensity, why, slot);
    }
}
