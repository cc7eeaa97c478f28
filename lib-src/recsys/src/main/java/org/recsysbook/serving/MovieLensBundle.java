package org.recsysbook.serving;

import java.util.Arrays;

import org.recsysbook.core.Args;
import org.recsysbook.core.Request;
import org.recsysbook.core.ScoredItems;
import org.recsysbook.core.TopK;
import org.recsysbook.core.UserContext;
import org.recsysbook.data.Interactions;
import org.recsysbook.data.MovieLens;
import org.recsysbook.ranking.Ranker;
import org.recsysbook.rerank.CategoryQuota;
import org.recsysbook.rerank.ReRanker;
import org.recsysbook.retrieval.CandidateGenerator;
import org.recsysbook.retrieval.ImplicitAls;
import org.recsysbook.retrieval.ItemKnn;

/**
 * A model bundle over MovieLens, from the models notebooks 9 and 10 learn on it, trained on every rating: stage 1
 * is implicit ALS (the user's learned vector against every movie's, the movies they rated left out), stage 2
 * re-scores those candidates with item-kNN (the neighbourhood of the user's rated movies), and stage 3 keeps at most
 * three movies of each primary genre, backfilled to {@link RecommendationService#MAX_K}. Users are MovieLens's own
 * userIds, as in {@code ratings.csv} (1 to 671 in the latest-small release); any other id takes the cold-start path,
 * the most rated movies. Items are the data's dense movie indices ({@link MovieLens#movieId} gives the files' id).
 * The deadline's fallback for a known user is the most rated movies they have not rated (right after a start, before
 * the JIT has compiled the funnel, the first answers can take it).
 *
 * <p>Stage 2 is a second learned model, not notebook 10's learned ranker: that ranker's features need EASE (a
 * 9,066 × 9,066 inverse) and the three generators' ranks per candidate, which a service would precompute offline.
 * Two bundles trained with other ALS settings are two model versions.
 */
public final class MovieLensBundle implements ModelBundle {
    /** Candidates returned by stage 1 (fewer when the catalog minus a user's history is smaller). */
    public static final int CANDIDATES = 200;
    /** Items stage 2 passes on. */
    public static final int RANKED = 100;

    private final MovieLens ml;
    private final String version;
    private final Interactions ratings;
    private final int factors;
    private final float[] userVectors;
    private final float[] itemVectors;
    private final boolean[] trained;
    private final ItemKnn knn;
    private final Ranker ranker;
    private final ReRanker reRanker;
    private final ScoredItems popular;
    /** Every movie, most rated first, and each one's number of ratings. */
    private final int[] byPopularity;
    private final int[] ratingCounts;
    private final String[] genres;

    private MovieLensBundle(MovieLens ml, String version, ImplicitAls.Settings als, ItemKnn knn) {
        this.ml = Args.notNull("ml", ml);
        Args.notNull("als", als);
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("version must be a non-empty label, got "
                    + (version == null ? "null" : "\"" + version + "\""));
        }
        this.version = version;
        this.ratings = ml.ratings();
        ImplicitAls model = ImplicitAls.train(ratings, als, false);
        this.factors = model.factors();
        this.userVectors = model.userVectors();
        this.itemVectors = model.itemVectors();
        this.trained = new boolean[ml.itemCount()];
        for (int i = 0; i < trained.length; i++) {
            trained[i] = model.trained(i);
        }
        this.knn = knn != null ? knn : ItemKnn.train(ratings);
        if (this.knn.train() != ratings) {
            throw new IllegalArgumentException("knn must be trained on ml.ratings(), got one trained on "
                    + this.knn.train());
        }
        ItemKnn neighbours = this.knn;
        this.ranker = (request, candidates) -> {
            double[] all = neighbours.scores(request.userId());
            double[] s = new double[candidates.size()];
            for (int j = 0; j < s.length; j++) {
                double v = all[candidates.id(j)];
                s[j] = v == Double.NEGATIVE_INFINITY ? -Double.MAX_VALUE : v;
            }
            return s;
        };
        this.reRanker = new CategoryQuota(ml.primaryGenres(), CategoryQuota.DEFAULT_MAX_PER_CATEGORY,
                RecommendationService.MAX_K).withBackfill();
        int[] counts = ratings.itemCounts();
        double[] pop = new double[counts.length];
        for (int i = 0; i < pop.length; i++) {
            pop[i] = counts[i];
        }
        this.byPopularity = TopK.indices(pop, pop.length);
        int[] top = Arrays.copyOf(byPopularity, Math.min(RecommendationService.MAX_K, pop.length));
        double[] s = new double[top.length];
        for (int i = 0; i < top.length; i++) {
            s[i] = pop[top[i]];
        }
        this.popular = new ScoredItems(top, s);
        this.ratingCounts = counts;
        this.genres = new String[ml.itemCount()];
        for (int i = 0; i < genres.length; i++) {
            genres[i] = String.join("|", ml.genres(i));
        }
    }

    /** A bundle trained on every rating of {@code ml} with ALS's {@code settings}, reported as {@code version}. */
    public static MovieLensBundle of(MovieLens ml, String version, ImplicitAls.Settings settings) {
        return new MovieLensBundle(ml, version, settings, null);
    }

    /**
     * As {@link #of(MovieLens, String, ImplicitAls.Settings)}, ranking with an item-kNN already trained on
     * {@code ml}'s ratings: versions that differ only in ALS share one.
     */
    public static MovieLensBundle of(MovieLens ml, String version, ImplicitAls.Settings settings, ItemKnn knn) {
        return new MovieLensBundle(ml, version, settings, Args.notNull("knn", knn));
    }

    /** {@link #of(MovieLens, String, ImplicitAls.Settings)} with {@link ImplicitAls#DEFAULTS} (64 factors, seed 42). */
    public static MovieLensBundle of(MovieLens ml, String version) {
        return new MovieLensBundle(ml, version, ImplicitAls.DEFAULTS, null);
    }

    /** The data the bundle was trained on. */
    public MovieLens movieLens() {
        return ml;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public int itemCount() {
        return ml.itemCount();
    }

    @Override
    public int userCount() {
        return ml.userCount();
    }

    /** Whether {@code user} is a MovieLens userId of the ratings. */
    @Override
    public boolean knowsUser(int user) {
        return ml.user(user) >= 0;
    }

    /**
     * The request for MovieLens user {@code user}: their ALS vector, and every movie they rated as seen; the
     * request's {@link Request#userId} is the user's dense index, which the stages use.
     */
    @Override
    public Request request(int user, UserContext context) {
        int u = ml.user(user);
        if (u < 0) {
            throw new IllegalArgumentException("user must be a MovieLens userId of the ratings, got " + user);
        }
        float[] v = Arrays.copyOfRange(userVectors, u * factors, (u + 1) * factors);
        return new Request(u, v, context, ratings.sortedItemsShared(u));
    }

    /** ALS's best unseen movies for the request's user: their vector's dot product with each movie's. */
    @Override
    public ScoredItems retrieve(Request request) {
        int[] seen = request.seenItems();
        return best(request.userVector(), seen, Math.max(1, Math.min(CANDIDATES, itemCount() - seen.length)));
    }

    /** Stage 1 as a generator of any query vector (nothing left out): {@link #retrieve} is what the service calls. */
    @Override
    public CandidateGenerator retrieval() {
        return new CandidateGenerator() {
            @Override
            public ScoredItems generate(float[] query, int k) {
                Args.notNull("query", query);
                if (query.length != factors) {
                    throw new IllegalArgumentException("query must have " + factors + " entries (ALS factors), got "
                            + query.length);
                }
                Args.inRange("k", k, 1, itemCount());
                return best(query, new int[0], k);
            }

            @Override
            public String name() {
                return "ALS";
            }
        };
    }

    /** The {@code k} trained movies scoring highest against {@code query}, skipping the sorted ids {@code exclude}. */
    private ScoredItems best(float[] query, int[] exclude, int k) {
        TopK heap = new TopK(k);
        int e = 0;
        for (int i = 0; i < itemCount(); i++) {
            if (e < exclude.length && exclude[e] == i) {
                e++;
                continue;
            }
            if (!trained[i]) {
                continue;
            }
            double s = 0;
            for (int f = 0, o = i * factors; f < factors; f++) {
                s += (double) itemVectors[o + f] * query[f];
            }
            if (s >= heap.threshold()) {
                heap.offer(i, s);
            }
        }
        return heap.drain();
    }

    @Override
    public int candidates() {
        return CANDIDATES;
    }

    @Override
    public Ranker ranker() {
        return ranker;
    }

    @Override
    public int ranked() {
        return RANKED;
    }

    @Override
    public ReRanker reRanker() {
        return reRanker;
    }

    @Override
    public ScoredItems popular(int k) {
        Args.inRange("k", k, 1, RecommendationService.MAX_K);
        return popular.head(k);
    }

    /** The most rated movies the user has not rated: the deadline's answer leaves out what they have seen too. */
    @Override
    public ScoredItems popular(int user, int k) {
        Args.inRange("k", k, 1, RecommendationService.MAX_K);
        if (!knowsUser(user)) {
            return popular(k);
        }
        int[] seen = ratings.sortedItemsShared(ml.user(user));
        int[] ids = new int[k];
        double[] s = new double[k];
        int n = 0;
        for (int i = 0; i < byPopularity.length && n < k; i++) {
            int item = byPopularity[i];
            if (Arrays.binarySearch(seen, item) < 0) {
                ids[n] = item;
                s[n++] = ratingCounts[item];
            }
        }
        return new ScoredItems(Arrays.copyOf(ids, n), Arrays.copyOf(s, n));
    }

    @Override
    public String title(int item) {
        return ml.label(item);
    }

    @Override
    public String genres(int item) {
        return genres[item];
    }

    /** The movies user {@code user} rated, most recent first (empty for an unknown user). */
    @Override
    public int[] history(int user) {
        int u = ml.user(user);
        if (u < 0) {
            return new int[0];
        }
        int[] items = ratings.items(u);
        long[] times = ratings.times(u);
        Integer[] order = new Integer[items.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> times[a] != times[b] ? Long.compare(times[b], times[a])
                : Integer.compare(items[a], items[b]));
        int[] out = new int[items.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = items[order[i]];
        }
        return out;
    }
}
