package org.recsysbook.ranking;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.recsysbook.core.Request;
import org.recsysbook.core.ScoredItems;
import org.recsysbook.core.UserContext;
import org.recsysbook.retrieval.CandidateGenerator;
import org.recsysbook.world.ClickModel;
import org.recsysbook.world.World;

/**
 * A test set for rankers without position bias: for each test request, every candidate is taken as
 * examined and clicked with the click model's true attractiveness {@code a(u, i)}. It answers "which
 * ranker predicts clicks better" (AUC, log-loss) and holds the true attractiveness as graded relevance
 * for NDCG, the offline metrics the chapter's A/B section lists.
 *
 * <p>Such a test set exists only in a simulation: in production every logged click carries its
 * position's bias, which is why the chapter insists on A/B tests as well.
 */
public final class ExaminedClicks {
    private final List<Request> requests;
    private final List<ScoredItems> candidates;
    private final boolean[][] clicked;
    private final double[][] attractiveness;

    private ExaminedClicks(List<Request> requests, List<ScoredItems> candidates, boolean[][] clicked,
                           double[][] attractiveness) {
        this.requests = requests;
        this.candidates = candidates;
        this.clicked = clicked;
        this.attractiveness = attractiveness;
    }

    /**
     * Draws clicks on given candidate lists.
     *
     * @param truth      the click model whose attractiveness decides the clicks
     * @param requests   the test requests, at least one
     * @param candidates one non-empty candidate list per request
     * @param seed       seeds the click draws
     */
    public static ExaminedClicks draw(ClickModel truth, List<Request> requests, List<ScoredItems> candidates,
                                      long seed) {
        if (requests == null || requests.isEmpty()) {
            throw new IllegalArgumentException("requests must hold at least one request, got "
                    + (requests == null ? "null" : "none"));
        }
        if (candidates == null || candidates.size() != requests.size()) {
            throw new IllegalArgumentException("candidates must hold one list per request (" + requests.size()
                    + "), got " + (candidates == null ? "null" : String.valueOf(candidates.size())));
        }
        SplittableRandom rng = new SplittableRandom(seed);
        boolean[][] clicked = new boolean[requests.size()][];
        double[][] attractiveness = new double[requests.size()][];
        for (int q = 0; q < requests.size(); q++) {
            ScoredItems c = candidates.get(q);
            Ranker.requireCandidates(c);
            int user = requests.get(q).userId();
            clicked[q] = new boolean[c.size()];
            attractiveness[q] = new double[c.size()];
            for (int i = 0; i < c.size(); i++) {
                double a = truth.attractiveness(user, c.id(i));
                attractiveness[q][i] = a;
                clicked[q][i] = rng.nextDouble() < a;
            }
        }
        return new ExaminedClicks(List.copyOf(requests), List.copyOf(candidates), clicked, attractiveness);
    }

    /**
     * Draws a test set of {@code users.length} requests: each user's candidates come from
     * {@code generator} ({@code k} of them), the request carries {@code context}.
     */
    public static ExaminedClicks draw(ClickModel truth, CandidateGenerator generator, int k, int[] users,
                                      UserContext context, long seed) {
        World world = truth.world();
        List<Request> requests = new ArrayList<>(users.length);
        float[][] queries = new float[users.length][];
        for (int j = 0; j < users.length; j++) {
            Request r = Request.forUser(world, users[j]).withContext(context);
            requests.add(r);
            queries[j] = r.userVector();
        }
        // all requests at once: an exact scan serves several per pass over the catalog, with the same results
        List<ScoredItems> candidates = List.of(generator.generateAll(queries, k));
        return draw(truth, requests, candidates, seed);
    }

    /** The number of test requests. */
    public int size() {
        return requests.size();
    }

    public Request request(int q) {
        return requests.get(q);
    }

    public ScoredItems candidates(int q) {
        return candidates.get(q);
    }

    /** The true attractiveness of request {@code q}'s candidates, in candidate order. */
    public double[] attractiveness(int q) {
        return attractiveness[q].clone();
    }

    /** The drawn clicks of request {@code q}'s candidates, in candidate order. */
    public boolean[] clicked(int q) {
        return clicked[q].clone();
    }

    /** The number of rows (candidates over all requests). */
    public int rows() {
        int n = 0;
        for (boolean[] c : clicked) {
            n += c.length;
        }
        return n;
    }

    /** AUC of the ranker's scores over every row (log-loss NaN: the scores need not be probabilities). */
    public ClickPredictionQuality auc(Ranker ranker) {
        return ClickPredictionQuality.ofScores(pooledScores(ranker), pooledClicks());
    }

    /**
     * AUC and log-loss of a ranker whose scores are click probabilities, such as a {@link LearnedRanker}.
     *
     * @throws IllegalArgumentException if a score lies outside [0, 1]
     */
    public ClickPredictionQuality quality(Ranker ranker) {
        return ClickPredictionQuality.ofProbabilities(pooledScores(ranker), pooledClicks());
    }

    private double[] pooledScores(Ranker ranker) {
        double[] out = new double[rows()];
        int at = 0;
        for (int q = 0; q < requests.size(); q++) {
            double[] s = ranker.score(requests.get(q), candidates.get(q));
            System.arraycopy(s, 0, out, at, s.length);
            at += s.length;
        }
        return out;
    }

    private boolean[] pooledClicks() {
        boolean[] out = new boolean[rows()];
        int at = 0;
        for (boolean[] c : clicked) {
            System.arraycopy(c, 0, out, at, c.length);
            at += c.length;
        }
        return out;
    }

    @Override
    public String toString() {
        return "ExaminedClicks[" + size() + " requests, " + rows() + " rows]";
    }
}
