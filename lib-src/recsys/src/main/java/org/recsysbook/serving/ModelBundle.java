package org.recsysbook.serving;

import org.recsysbook.ranking.Ranker;
import org.recsysbook.core.Request;
import org.recsysbook.core.UserContext;
import org.recsysbook.rerank.ReRanker;
import org.recsysbook.retrieval.CandidateGenerator;
import org.recsysbook.core.ScoredItems;

/**
 * One model version the service can load: the three stages of the chapter's funnel with their sizes, what it
 * knows about users and items, and the cheap popularity list it falls back on. The service holds several side by
 * side (one per experiment arm) and swaps one for another atomically.
 *
 * <p>An implementation is immutable and thread-safe: many requests run it at once. {@link SyntheticBundle} serves
 * the synthetic world, {@link MovieLensBundle} the models learned on MovieLens.
 */
public interface ModelBundle {

    /** The version label reported with every answer, for example {@code "synthetic-100k-v1"}. */
    String version();

    /** The number of items; item ids are {@code 0 … itemCount() - 1}. */
    int itemCount();

    /**
     * The number of known users; by default ids {@code 0 … userCount() - 1} are known ({@link #knowsUser}), others
     * take the cold-start path.
     */
    int userCount();

    /** Whether the bundle has a profile for {@code user}. */
    default boolean knowsUser(int user) {
        return user >= 0 && user < userCount();
    }

    /** The request for a known user in a context; fails with {@link IllegalArgumentException} for an unknown one. */
    Request request(int user, UserContext context);

    /** Stage 1, candidate generation. */
    CandidateGenerator retrieval();

    /** How many candidates stage 1 returns. */
    int candidates();

    /**
     * Stage 1 for a request, as the service calls it: by default {@link #retrieval()}'s {@link #candidates()} best
     * items for the request's user vector. A bundle overrides it to leave out what the user has seen.
     */
    default ScoredItems retrieve(Request request) {
        return retrieval().generate(request.userVector(), candidates());
    }

    /** Stage 2, ranking. */
    Ranker ranker();

    /** How many ranked items stage 2 passes on. */
    int ranked();

    /** Stage 3, re-ranking; its list is cut to the k a request asks for. */
    ReRanker reRanker();

    /** The {@code k} most popular items, best first, precomputed: the cold-start list and the cheapest fallback. */
    ScoredItems popular(int k);

    /**
     * The fallback list for a known {@code user} (the deadline's answer): by default the same {@link #popular} list
     * for everyone; a bundle that knows what the user has seen leaves it out.
     */
    default ScoredItems popular(int user, int k) {
        return popular(k);
    }

    /** A display title for an item. */
    String title(int item);

    /** The item's genres or category, for display. */
    String genres(int item);

    /** The items the bundle knows {@code user} has interacted with, most recent first (by default none). */
    default int[] history(int user) {
        return new int[0];
    }
}
