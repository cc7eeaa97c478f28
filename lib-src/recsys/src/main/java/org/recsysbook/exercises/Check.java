package org.recsysbook.exercises;

import java.util.List;

import org.recsysbook.abtest.TwoProportionZTest;
import org.recsysbook.bandit.StochasticPolicy;
import org.recsysbook.bandit.simulation.BanditSimulator;
import org.recsysbook.bandit.simulation.ContextualSimulator;
import org.recsysbook.bandit.simulation.ContextualTraffic;
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
 * reader's function or answer, shows "✔ passed N cases" or "✘ failed: … (hint: …)", one line per concept missed,
 * and records the verdict as {@code check_<name>} (see {@link ExerciseCheck}). A hint points at the idea, never at
 * the code; an exercise whose answer is a number or a choice does not show it. Where the answer is a computed
 * number the reader passes the computation as a function, which the check calls on worlds, seeds or values of its
 * own choosing as well as the notebook's, so that a number typed in fails. A wrong multiple-choice letter is
 * explained. Each notebook's last exercise is an open design task: its check tests what a run can test and records
 * the written design ({@link #design} and the {@code design} parameters), which an instructor grades with the
 * rubric of the instructor edition. A wrong answer, an exception or a {@code null} never stops the notebook: the
 * check reports it. Each check takes well under a second, except where its javadoc says it repeats a simulation or
 * an evaluation.
 */
public final class Check {
    private Check() { }

    // ---- 01 · the multi-stage pipeline ----------------------------------------------------------------------------

    /** The chapter's category quota as a function: the kept item ids, best first. */
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

    /** The length of the chapter's final list on a world, with a given quota. */
    @FunctionalInterface
    public interface QuotaLengthFunction {
        int apply(World world, int maxPerCategory);
    }

    /**
     * Checks a function giving the length of the chapter's final list (the blend's 50 candidates, {@code
     * SimulatedRanker(42)} keeping 50, {@code CategoryQuota.of(world, maxPerCategory, 10)}, user 0 with the chapter's
     * context) on the demo world and on worlds the check chooses, with quotas of one and two; and why a quota of
     * one gives that length. Options: (a) the ranker keeps too few candidates, (b) the quota drops items scored
     * below the mean, (c) the chapter's world has five categories.
     */
    public static boolean quotaOfOne(QuotaLengthFunction length, char why) {
        return PipelineExercises.quotaOfOne(length, why);
    }

    /**
     * Checks the chapter's demo run without ranking noise ({@code UserContext.NONE}) and the prediction made before
     * it. Options: (a) the candidates in candidate-score order, thinned by the quota only, (b) the same list as with
     * the chapter's context, (c) a different list on every run.
     */
    public static boolean noNoise(char prediction, PipelineResult run) {
        return PipelineExercises.noNoise(prediction, run);
    }

    /** The design task's re-ranking: the page shown for a request, from its ranked candidates, on a world. */
    @FunctionalInterface
    public interface PageFunction {
        ScoredItems apply(World world, Request request, ScoredItems ranked);
    }

    /**
     * Checks the design task's re-ranker on the chapter's ranked lists (users of the demo world and of two worlds the
     * check chooses, each with three of their ten best candidates seen): a page of exactly ten items, none seen, at
     * most three per category, every category that has an allowed candidate shown, the best allowed candidate
     * kept, in ranked order. How it meets them is the design; the written part ({@code design}, at least 60 words)
     * is recorded for an instructor to grade with the rubric of the instructor edition.
     */
    public static boolean fullPage(PageFunction page, String design) {
        return PipelineExercises.fullPage(page, design);
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

    /** The share of a blend's 50 candidates for a user that pure cosine's 50 hold too. */
    @FunctionalInterface
    public interface BlendOverlapFunction {
        double apply(World world, int user, double cosineWeight, double popularityWeight);
    }

    /**
     * Checks the overlap with pure cosine of a blend's 50 candidates (the notebook's (0.5, 1) for user 0, then
     * worlds, users and weights the check chooses), and which weights suit a brand-new user. Options: (a)
     * popularity-heavy (0.5, 1): a new user's profile says little, and popular items are the safer bet, (b)
     * cosine-heavy (1, 0.5), (c) the weights make no difference.
     */
    public static boolean popularityHeavyBlend(BlendOverlapFunction overlap, char newUserWeights) {
        return CandidateGenerationExercises.popularityHeavyBlend(overlap, newUserWeights);
    }

    /** The time of one exact scan in milliseconds. */
    @FunctionalInterface
    public interface ScanTimeFunction {
        double apply(long items, int dims, double gbPerSecond);
    }

    /**
     * Checks a function for the time of one exact scan ({@code 4 · n · d} bytes read per query at the given GB/s,
     * 1 GB = 10⁹ bytes) within 0.1 %, on the 10M × 64 catalog at the measured bandwidth and on catalogs the check
     * chooses; and whether the 10M scan at the measured bandwidth fits a 50 ms budget. Options: (a) it fits, (b)
     * memory bandwidth does not limit the scan, (c) it needs several times the budget on one core.
     */
    public static boolean exactScanAt10M(ScanTimeFunction scan, char budgetVerdict, double gbPerSecond) {
        return CandidateGenerationExercises.exactScanAt10M(scan, budgetVerdict, gbPerSecond);
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

    /** The CTR ratio of two positions that examination alone gives. */
    @FunctionalInterface
    public interface ExaminationRatioFunction {
        double apply(int topPosition, int deepPosition);
    }

    /**
     * Checks a function for the CTR ratio of two positions (from 1) that examination alone would give, within
     * 1e-6 relative, on (1, 10) and pairs the check chooses; and why the logged ratio {@code ctr[0] / ctr[9]}
     * differs. Options: (a) users examine deeper than the click model says, (b) the production ranker put the more
     * attractive items on top, (c) the click model ignores positions.
     */
    public static boolean examinationRatio(ExaminationRatioFunction ratio, char why, double[] ctrByPosition) {
        return RankingExercises.examinationRatio(ratio, why, ctrByPosition);
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

    /** The mean age of the items a freshness boost with a given half-life shows. */
    @FunctionalInterface
    public interface MeanAgeFunction {
        double apply(double halfLifeDays);
    }

    /**
     * Checks a function for the mean age of the items shown by {@code FreshnessBoost.of(world, 0.2,
     * halfLifeDays).then(ReRanker.truncate(10))} over the notebook's users and ranked lists (half-lives of 1 day,
     * 7 days and others the check chooses), and why 1 day shows younger items than 7. Options: (a) a shorter
     * half-life gives every item a larger bonus, (b) the boost no longer acts, (c) it keeps nearly the full bonus
     * for the newest items only, so they win the places that items a few days old held.
     */
    public static boolean freshnessHalfLife(World world, List<Request> users, List<ScoredItems> ranked,
                                            MeanAgeFunction meanAge, char why) {
        return ReRankingExercises.freshnessHalfLife(world, users, ranked, meanAge, why);
    }

    /**
     * Checks a prediction about business rules placed after the quota, and the list that chain produced for a
     * user who has seen three of the best items, with one more blocked (compared with the library's chain).
     * Options: (a) fewer than ten: the rules drop items after the quota filled the list and nothing refills it,
     * (b) ten items, the rules never shorten a list, (c) ten items, the seen items among them.
     *
     * @param blocked the blocked item
     */
    public static boolean rulesLast(char prediction, World world, Request seen, ScoredItems ranked, int blocked,
                                    ScoredItems rulesLastList) {
        return ReRankingExercises.rulesLast(prediction, world, seen, ranked, blocked, rulesLastList);
    }

    /**
     * Checks the design task's re-ranker over the notebook's users and ranked lists: pages of ten items of the ranked
     * list, with at most half the mean age of the plain top ten, two more categories per page and at least 97 % of
     * its NDCG@10 (relevance graded by the ranked scores, as 4.2 does). How it gets there is the design; the written
     * part ({@code design}, at least 60 words) is recorded for an instructor to grade with the rubric of the
     * instructor edition.
     */
    public static boolean freshAndVaried(World world, List<Request> users, List<ScoredItems> ranked, ReRanker reRanker,
                                         String design) {
        return ReRankingExercises.freshAndVaried(world, users, ranked, reRanker, design);
    }

    // ---- 05 · evaluation metrics ----------------------------------------------------------------------------------

    /** NDCG@k of grades given in rank order, the chapter's form. */
    @FunctionalInterface
    public interface NdcgFunction {
        double apply(double[] relevances, int k);
    }

    /** Average precision of binary grades given in rank order, the chapter's form. */
    @FunctionalInterface
    public interface ApFunction {
        double apply(int[] relevances);
    }

    /**
     * Checks NDCG@k in the chapter's form (ideal order from the list's own grades, 0 when the list holds nothing
     * relevant) against {@link Ndcg#ofRelevances(double[], int)}.
     */
    public static boolean ndcg(NdcgFunction ndcg) {
        return MetricsExercises.ndcg(ndcg);
    }

    /**
     * Checks average precision in the chapter's form: the mean of precision@i over the ranks i that hold a relevant
     * item, 0 for a list without any; against {@link AveragePrecision#ofRelevances(int[])}.
     */
    public static boolean averagePrecision(ApFunction ap) {
        return MetricsExercises.averagePrecision(ap);
    }

    /** A random recommender's HR@k when the held-out item is ranked among n sampled negatives. */
    @FunctionalInterface
    public interface RandomHitRateFunction {
        double apply(int k, int negatives);
    }

    /**
     * Checks a function for a random recommender's HR@k among n sampled negatives, worked from first principles
     * (exactly: 1e-9, so the off-by-one k / n fails), on k = 10, n = 50 and cases the check chooses; shows the
     * value the sweep measured beside it.
     */
    public static boolean sampledRandomHitRate(RandomHitRateFunction hitRate, double measured) {
        return MetricsExercises.sampledRandomHitRate(hitRate, measured);
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

    /** Whether the sample-ratio check fires for an A/A test with a tracking loss. */
    @FunctionalInterface
    public interface SrmFunction {
        boolean apply(int users, String salt);
    }

    /**
     * Checks a function saying whether the sample-ratio check fires for a 4 % tracking loss in the treatment arm
     * (14 days, the 5 % base rate of 6.5, a 50/50 split with the given salt), for 20,000 and 200,000 users and three
     * salts (the notebook's and two the check chooses), against the simulation; and why size matters. Options: (a)
     * the bug is worse in a big experiment, (b) the same share is more users than chance can explain once the arms
     * are large, (c) a big experiment runs more days. Repeats the six simulations (about a second).
     */
    public static boolean smallTrackingLoss(SrmFunction fires, char why) {
        return AbTestingExercises.smallTrackingLoss(fires, why);
    }

    /** The stratified difference of a rate from per-segment counts (users and converted, per arm). */
    @FunctionalInterface
    public interface StratifiedFunction {
        double apply(long[] controlUsers, long[] controlConverted, long[] treatmentUsers, long[] treatmentConverted);
    }

    /**
     * Checks a function for the stratified difference Σ w<sub>s</sub> (p̂<sub>t,s</sub> − p̂<sub>c,s</sub>), w<sub>s</sub>
     * the segment's share of all users, against {@link org.recsysbook.abtest.StratifiedEstimate}: on a case worked by
     * hand, on the notebook's ramp-up drawn from a seed the check chooses, on one segment, on segments of very unequal
     * size and on random counts; and why the pooled comparison shows a loss. Options: (a) the treatment is worse for
     * some users, (b) the pooled comparison is noisy, (c) the arms hold different mixes of weeks whose rates differ.
     */
    public static boolean stratifiedDifference(StratifiedFunction f, char why) {
        return AbTestingExercises.stratifiedDifference(f, why);
    }

    /**
     * Checks the design task's experiment plan for a 5 % → 5.25 % click-through lift with 6,000 new users a day
     * split 50/50: enough users per arm for 80 % power at α = 0.05, days enough to bring them, whole weeks, and no
     * week more than needed. The written part ({@code design}: metrics, guardrails, stopping rule; at least 60
     * words) is recorded for an instructor to grade with the rubric of the instructor edition.
     */
    public static boolean experimentPlan(long usersPerArm, int days, String design) {
        return AbTestingExercises.experimentPlan(usersPerArm, days, design);
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

    /** The value among {@code values} that does best on a simulator. */
    @FunctionalInterface
    public interface BestParameterFunction<S> {
        double apply(S simulator, double[] values);
    }

    /**
     * Checks a function returning the exploration weight α among those given that gives LinUCB the highest click
     * rate over the last 1000 users of a simulator, called on a simulator of the check's own over the notebook's
     * traffic (4 runs, another seed) with {0, 0.1, 1, 3} and with values the check chooses; and why even α = 0 beats
     * Thompson sampling. Options: (a) LinUCB with α = 0 still explores at random,
     * (b) users bring different contexts, so a greedy model per item already shows different users different items
     * and learns from them all, (c) α = 0 uses Thompson sampling's prior. Runs eleven short simulations (a few
     * seconds).
     */
    public static boolean linUcbExploration(ContextualSimulator simulator,
                                            BestParameterFunction<ContextualSimulator> bestAlpha, char why) {
        return OnlineLearningExercises.linUcbExploration(simulator, bestAlpha, why);
    }

    /** The capstone's four figures for a seed: {A/A z, IPS estimate, A/B difference, A/B z}. */
    @FunctionalInterface
    public interface LaunchReportFunction {
        double[] apply(long seed);
    }

    /**
     * Checks the capstone (pipeline → A/A → off-policy estimate → A/B): the reader's report for the notebook's seed
     * and for seeds the check chooses, each figure within 1e-9 of the check's own run of the same protocol, and the
     * launch decision those figures support. Options: (a) launch the new policy, (b) keep the old one, (c) fix the
     * set-up first: the A/A test failed. The launch memo ({@code memo}, at least 60 words) is recorded for an
     * instructor to grade with the rubric of the instructor edition.
     */
    public static boolean launchReport(LaunchReportFunction report, ContextualTraffic traffic,
                                       StochasticPolicy logging, StochasticPolicy target, long seed, char decision,
                                       String memo) {
        return OnlineLearningExercises.launchReport(report, traffic, logging, target, seed, decision, memo);
    }

    // ---- 07 · bandits ---------------------------------------------------------------------------------------------

    /** The chapter's UCB index of one arm. */
    @FunctionalInterface
    public interface UcbIndexFunction {
        double apply(double mean, long pulls, long totalPulls, double c);
    }

    /** Checks the chapter's UCB index {@code mean + c·sqrt(ln(total + 1) / n)}, +∞ for an arm never pulled. */
    public static boolean ucbIndex(UcbIndexFunction index) {
        return BanditExercises.ucbIndex(index);
    }

    /**
     * Checks a function returning the c among those given that earns the chapter's UCB the most clicks on a simulator
     * of the chapter's scenario ({0.1, 0.25, 0.5, 1} on the notebook's 200 runs of 500 rounds, then a simulator and
     * values the check chooses), and why a small c is risky. Options: (a) with little exploration an unlucky start
     * can lock the policy onto a poor item, (b) a small c makes each round slower, (c) a small c ignores the sample
     * means. Repeats the simulations (a few seconds).
     */
    public static boolean ucbExploration(BestParameterFunction<BanditSimulator> bestC, char why) {
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

    // ---- every notebook · the open design task ---------------------------------------------------------------------

    /**
     * Records the written answer of a notebook's open design task for review: it passes once the answer holds at
     * least 60 words, and says so. It cannot judge the design: an instructor grades it
     * with the rubric of the instructor edition (the solution cell under the task).
     *
     * @param task letters, digits and {@code _}: the verdict is recorded as {@code check_design_<task>}
     */
    public static boolean design(String task, String answer) {
        return DesignAnswers.check(task, answer);
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
     * Checks a function for the NDCG@10 of a model when only ratings of at least a threshold count as relevant (the
     * exercise's {@code threshold} and one star lower), and the explanation of why it moved. Repeats three evaluations
     * of the model (a few seconds). Options: (a) it rises, because liked movies are easier to predict; (b) it
     * cannot change, because the training set is the same; (c) it falls, because the model learned to predict what
     * users watch, not what they like, and fewer items are relevant.
     *
     * @param model a generator trained on {@code split.train()}
     */
    public static boolean likedOnly(ThresholdNdcgFunction ndcg, char why,
                                    org.recsysbook.retrieval.LearnedGenerator model, org.recsysbook.data.Split split,
                                    double threshold) {
        return RealDataExercises.likedOnly(ndcg, why, model, split, threshold);
    }

    /** A model's NDCG@10 when only ratings of at least {@code threshold} stars count as relevant. */
    @FunctionalInterface
    public interface ThresholdNdcgFunction {
        double apply(double threshold);
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
     * (a) the larger limit sheds more, (b) HTTP costs more with more connections, (c) more requests share the two
     * cores.
     */
    public static boolean concurrencyLimit(LoadResult limitOne, LoadResult limitSixteen, char why) {
        return ServingExercises.concurrencyLimit(limitOne, limitSixteen, why);
    }

    // ---- 12 · the experiment loop --------------------------------------------------------------------------------

    /** A 50/50 sample-ratio χ² statistic from the two arms' counts. */
    @FunctionalInterface
    public interface ChiSquareFunction {
        double apply(long control, long treatment);
    }

    /**
     * Checks a 50/50 sample-ratio χ² statistic on two cases worked by hand and against the library on the notebook's
     * broken day (its control and treatment user counts).
     */
    public static boolean srmChiSquare(ChiSquareFunction chi2, long brokenControl, long brokenTreatment) {
        return ExperimentExercises.srmChiSquare(chi2, brokenControl, brokenTreatment);
    }

    /**
     * Checks the smallest propensity the exploration slot can log and why off-policy evaluation needs a floor.
     * Options: (a) it makes Thompson sampling learn faster, (b) IPS divides by the logged propensity, (c) the
     * database cannot store 0.
     */
    public static boolean propensityFloor(double minPropensity, char why, org.recsysbook.experiment.ThompsonSlot slot) {
        return ExperimentExercises.propensityFloor(minPropensity, why, slot);
    }
}
