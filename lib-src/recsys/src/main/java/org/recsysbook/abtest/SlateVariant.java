package org.recsysbook.abtest;

import java.util.random.RandomGenerator;

import org.recsysbook.core.Args;
import org.recsysbook.core.Request;
import org.recsysbook.pipeline.Pipeline;
import org.recsysbook.world.ClickModel;
import org.recsysbook.world.World;

/**
 * An experiment arm that is a real recommender over the synthetic world: each visit it shows a slate of
 * items, the world's {@link ClickModel} decides the clicks, and a clicked item converts with probability
 * conversionRate · max(0, cos(user, item)) — people click on what looks appealing (popularity,
 * position) but buy only what truly matches them. The {@link Behaviour} turns that into revenue, time
 * and return visits. This is the adapter through which any pipeline becomes the chapter's control or
 * treatment: give it a {@link SlateSource}.
 */
public final class SlateVariant implements Variant {

    /** Whatever produces the ranked slate of item ids shown to a user on a visit (a pipeline). */
    @FunctionalInterface
    public interface SlateSource {
        int[] slate(int user, int day, RandomGenerator rng);
    }

    /** A scoring model of user–item pairs, higher meaning recommend first. */
    @FunctionalInterface
    public interface ItemScorer {
        double score(int user, int item);
    }

    private final String name;
    private final SlateSource source;
    private final ClickModel clickModel;
    private final World world;
    private final Behaviour behaviour;
    private final double matchExponent;

    /**
     * @param name          the arm's name
     * @param source        the recommender: the slate shown on each visit
     * @param clickModel    how users click (over the world whose items the slates hold)
     * @param behaviour     conversion rate, order value, time and returns
     * @param matchExponent how sharply buying needs a match, ≥ 0 (0: every click converts at the behaviour's rate)
     */
    public SlateVariant(String name, SlateSource source, ClickModel clickModel, Behaviour behaviour, double matchExponent) {
        if (name == null || name.isEmpty()) {
            throw Args.fail("name", name == null ? "null" : "\"\"", "a non-empty string");
        }
        if (source == null || clickModel == null || behaviour == null) {
            throw new IllegalArgumentException((source == null ? "source" : clickModel == null ? "clickModel"
                    : "behaviour") + " must not be null");
        }
        this.name = name;
        this.source = source;
        this.clickModel = clickModel;
        this.world = clickModel.world();
        this.behaviour = behaviour;
        this.matchExponent = Args.nonNegative("matchExponent", matchExponent);
    }

    /**
     * A variant that ranks the whole catalog by {@code scorer} once per user (keeping the best
     * {@code poolSize} by partial selection) and shows on each visit the {@code slateSize} best of that
     * pool after adding Gumbel noise of scale {@code exploration} to the scores, so that returning users
     * see some new items.
     */
    public static SlateVariant ranking(String name, ClickModel clickModel, Behaviour behaviour, double matchExponent,
                                       ItemScorer scorer, int poolSize, int slateSize, double exploration) {
        if (scorer == null) {
            throw new IllegalArgumentException("scorer must not be null");
        }
        Args.positive("slateSize", slateSize);
        if (poolSize < slateSize) {
            throw Args.fail("poolSize", poolSize, "≥ slateSize = " + slateSize);
        }
        if (poolSize > clickModel.world().itemCount()) {
            throw Args.fail("poolSize", poolSize, "≤ itemCount = " + clickModel.world().itemCount());
        }
        Args.nonNegative("exploration", exploration);
        return new SlateVariant(name, new PooledSlates(clickModel.world(), scorer, poolSize, slateSize, exploration),
                clickModel, behaviour, matchExponent);
    }

    /**
     * The arm that serves each visit with a {@link Pipeline} of the pipeline package: the user's request
     * ({@link Request#forUser}) runs through candidate generation, ranking and re-ranking, and the final
     * list is the slate. Randomness inside the pipeline (a seeded ranker, say) is the pipeline's own.
     */
    public static SlateVariant pipeline(String name, Pipeline pipeline, ClickModel clickModel, Behaviour behaviour,
                                        double matchExponent) {
        if (pipeline == null || clickModel == null) {
            throw new IllegalArgumentException((pipeline == null ? "pipeline" : "clickModel") + " must not be null");
        }
        if (pipeline.world() != clickModel.world()) {
            throw Args.fail("clickModel.world()", clickModel.world(), "the pipeline's world");
        }
        World world = pipeline.world();
        return new SlateVariant(name, (user, day, rng) -> pipeline.recommend(Request.forUser(world, user)).ids(),
                clickModel, behaviour, matchExponent);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void serve(int user, int day, int daysInTest, RandomGenerator rng, Visit visit) {
        int[] slate = source.slate(user, day, rng);
        int clicks = 0;
        for (int k = 0; k < slate.length; k++) {
            int item = slate[k];
            visit.show(item, world.category(item));
            if (rng.nextDouble() < clickModel.clickProbability(user, item, k + 1)) {
                clicks++;
                visit.click();
                double match = Math.pow(Math.max(0, world.affinity(user, item)), matchExponent);
                if (rng.nextDouble() < behaviour.conversionRate() * match) {
                    behaviour.convert(rng, visit);
                }
            }
        }
        behaviour.spend(clicks, rng, visit);
        behaviour.setReturn(visit);
    }

    /** The slate this arm would show {@code user} on {@code day} (for offline logs). */
    public int[] slate(int user, int day, RandomGenerator rng) {
        return source.slate(user, day, rng);
    }

    /** The number of items in the world's catalog, for coverage. */
    public int catalogSize() {
        return world.itemCount();
    }

    @Override
    public String toString() {
        return "SlateVariant[" + name + "]";
    }

    /** Per-user pools of the best items by a scorer, computed on first use (a benign race: the same pool is computed). */
    private static final class PooledSlates implements SlateSource {
        private final World world;
        private final ItemScorer scorer;
        private final int poolSize;
        private final int slateSize;
        private final double exploration;
        private final int[][] pools;

        PooledSlates(World world, ItemScorer scorer, int poolSize, int slateSize, double exploration) {
            this.world = world;
            this.scorer = scorer;
            this.poolSize = poolSize;
            this.slateSize = slateSize;
            this.exploration = exploration;
            this.pools = new int[world.userCount()][];
        }

        @Override
        public int[] slate(int user, int day, RandomGenerator rng) {
            world.checkUser(user);
            int[] pool = pools[user];
            if (pool == null) {
                pool = bestItems(user);
                pools[user] = pool;
            }
            // pool is sorted best first; perturb rank-based scores and keep the slateSize best
            double[] keys = new double[poolSize];
            for (int i = 0; i < poolSize; i++) {
                double gumbel = exploration > 0 ? -exploration * Math.log(-Math.log(rng.nextDouble() * 0.999999 + 1e-7)) : 0;
                keys[i] = -i / (double) poolSize + gumbel;
            }
            int[] slate = new int[slateSize];
            boolean[] taken = new boolean[poolSize];
            for (int k = 0; k < slateSize; k++) {
                int best = -1;
                for (int i = 0; i < poolSize; i++) {
                    if (!taken[i] && (best < 0 || keys[i] > keys[best])) {
                        best = i;
                    }
                }
                taken[best] = true;
                slate[k] = pool[best];
            }
            return slate;
        }

        /** The poolSize best items by score, best first, by a bounded min-heap over the catalog. */
        private int[] bestItems(int user) {
            int[] heap = new int[poolSize];
            double[] heapScore = new double[poolSize];
            int size = 0;
            int n = world.itemCount();
            for (int item = 0; item < n; item++) {
                double s = scorer.score(user, item);
                if (size < poolSize) {
                    int c = size++;
                    while (c > 0 && heapScore[(c - 1) / 2] > s) {
                        heap[c] = heap[(c - 1) / 2];
                        heapScore[c] = heapScore[(c - 1) / 2];
                        c = (c - 1) / 2;
                    }
                    heap[c] = item;
                    heapScore[c] = s;
                } else if (s > heapScore[0]) {
                    siftDown(heap, heapScore, size, item, s);
                }
            }
            // pop ascending, fill from the back so the best comes first
            int[] out = new int[size];
            for (int k = size - 1; k >= 0; k--) {
                out[k] = heap[0];
                int lastItem = heap[k];
                double lastScore = heapScore[k];
                siftDown(heap, heapScore, k, lastItem, lastScore);
            }
            return out;
        }

        private static void siftDown(int[] heap, double[] score, int size, int item, double s) {
            int c = 0;
            while (true) {
                int l = 2 * c + 1;
                if (l >= size) {
                    break;
                }
                int m = l + 1 < size && score[l + 1] < score[l] ? l + 1 : l;
                if (score[m] >= s) {
                    break;
                }
                heap[c] = heap[m];
                score[c] = score[m];
                c = m;
            }
            if (size > 0) {
                heap[c] = item;
                score[c] = s;
            }
        }
    }
}
