package org.recsysbook.retrieval;

import org.recsysbook.core.ScoredItems;
import org.recsysbook.core.TopK;
import org.recsysbook.world.World;

/**
 * The most popular items, the same for everyone: the chapter's popularity term on its own, the classic
 * fallback source for new users and the baseline every personalised source must beat.
 *
 * <p>Scores are the items' popularity. The query is checked like any other generator's but does not
 * change the result. The order is computed once, by partial selection, for the largest {@code k}
 * asked so far.
 */
public final class PopularityCandidates implements CandidateGenerator {
    private final World world;
    private final double[] popularity;
    private volatile ScoredItems cached = new ScoredItems(new int[0], new double[0]);

    public PopularityCandidates(World world) {
        if (world == null) {
            throw new IllegalArgumentException("world must not be null");
        }
        this.world = world;
        this.popularity = world.popularity();
    }

    /** The {@code k} most popular items; k in [1, items]. */
    @Override
    public ScoredItems generate(float[] query, int k) {
        Queries.unit(query, world.dim());
        Queries.checkK(k, popularity.length);
        ScoredItems top = cached;
        if (top.size() < k) {
            TopK heap = new TopK(k);
            for (int i = 0; i < popularity.length; i++) {
                if (popularity[i] >= heap.threshold()) {
                    heap.offer(i, popularity[i]);
                }
            }
            top = heap.drain();
            cached = top;
        }
        int[] ids = new int[k];
        double[] scores = new double[k];
        for (int i = 0; i < k; i++) {
            ids[i] = top.id(i);
            scores[i] = top.score(i);
        }
        return new ScoredItems(ids, scores);
    }

    @Override
    public String name() {
        return "popularity";
    }
}
