package org.recsysbook.retrieval;

import org.recsysbook.core.ScoredItems;
import org.recsysbook.core.TopK;
import org.recsysbook.world.World;

/**
 * A rule-based source: the most popular items of the user's favourite category — the chapter's
 * "rule-based" retrieval next to ANN.
 *
 * <p>The favourite category is the one whose mean item vector has the highest cosine with the user's
 * vector (centres computed once from the catalog). Scores are the items' popularity. When that
 * category holds fewer than {@code k} items, all of them are returned (fewer than {@code k}).
 */
public final class SameCategoryCandidates implements CandidateGenerator {
    private final World world;
    private final double[] popularity;
    private final int[][] members;
    private final float[] centres;

    public SameCategoryCandidates(World world) {
        if (world == null) {
            throw new IllegalArgumentException("world must not be null");
        }
        this.world = world;
        this.popularity = world.popularity();
        int dim = world.dim();
        int c = world.categoryCount();
        int[] cats = world.categories();
        int[] count = new int[c];
        for (int cat : cats) {
            count[cat]++;
        }
        members = new int[c][];
        for (int k = 0; k < c; k++) {
            members[k] = new int[count[k]];
        }
        int[] fill = new int[c];
        double[] sums = new double[c * dim];
        float[] items = world.itemVectors();
        for (int i = 0; i < cats.length; i++) {
            int k = cats[i];
            members[k][fill[k]++] = i;
            for (int j = 0; j < dim; j++) {
                sums[k * dim + j] += items[i * dim + j];
            }
        }
        centres = new float[c * dim];
        for (int i = 0; i < sums.length; i++) {
            centres[i] = (float) sums[i];
        }
    }

    /** The category id the rule picks for {@code query}: the centre with the highest cosine. */
    public int favouriteCategory(float[] query) {
        float[] q = Queries.unit(query, world.dim());
        int dim = world.dim();
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < members.length; k++) {
            if (members[k].length == 0) {
                continue;
            }
            double dot = 0;
            double norm = 0;
            for (int j = 0; j < dim; j++) {
                dot += centres[k * dim + j] * q[j];
                norm += centres[k * dim + j] * centres[k * dim + j];
            }
            double cos = norm == 0 ? 0 : dot / Math.sqrt(norm);
            if (cos > bestScore) {
                bestScore = cos;
                best = k;
            }
        }
        return best;
    }

    /** Up to {@code k} most popular items of the favourite category; k in [1, items]. */
    @Override
    public ScoredItems generate(float[] query, int k) {
        Queries.checkK(k, world.itemCount());
        int[] ids = members[favouriteCategory(query)];
        TopK heap = new TopK(k);
        for (int id : ids) {
            if (popularity[id] >= heap.threshold()) {
                heap.offer(id, popularity[id]);
            }
        }
        return heap.drain();
    }

    @Override
    public String name() {
        return "same category";
    }
}
