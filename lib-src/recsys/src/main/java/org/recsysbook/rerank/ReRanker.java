package org.recsysbook.rerank;

import java.util.List;

import org.recsysbook.core.Args;
import org.recsysbook.core.Request;
import org.recsysbook.core.ScoredItems;

/**
 * Stage 3 of the chapter's funnel, "Re-ranking: business logic, diversity, freshness": turns the ranked
 * list into the list the user sees, by filtering, re-scoring or re-ordering it.
 *
 * <p>Re-rankers compose: {@code rules.then(boost).then(quota)} runs {@code rules} first and hands its
 * output to {@code boost}, and so on. An empty input is allowed and gives an empty output, because a
 * filter earlier in a chain may remove everything.
 */
@FunctionalInterface
public interface ReRanker {

    /**
     * The re-ranked list, best first.
     *
     * @param request the request (its seen items, for business rules)
     * @param ranked  the ranked list, best first
     * @throws IllegalArgumentException if the list names an item this re-ranker does not know
     */
    ScoredItems rerank(Request request, ScoredItems ranked);

    /** This re-ranker followed by {@code next}. */
    default ReRanker then(ReRanker next) {
        if (next == null) {
            throw new IllegalArgumentException("next must not be null");
        }
        ReRanker first = this;
        return new ReRanker() {
            @Override
            public ScoredItems rerank(Request request, ScoredItems ranked) {
                return next.rerank(request, first.rerank(request, ranked));
            }

            @Override
            public String toString() {
                return first + " → " + next;
            }
        };
    }

    /** The re-rankers run one after another, in the order given; none at all leaves the list unchanged. */
    static ReRanker chain(List<ReRanker> stages) {
        ReRanker out = identity();
        for (ReRanker r : stages) {
            out = out.then(r);
        }
        return out;
    }

    /** The re-ranker that changes nothing. */
    static ReRanker identity() {
        return new ReRanker() {
            @Override
            public ScoredItems rerank(Request request, ScoredItems ranked) {
                return ranked;
            }

            @Override
            public ReRanker then(ReRanker next) {
                if (next == null) {
                    throw new IllegalArgumentException("next must not be null");
                }
                return next;
            }

            @Override
            public String toString() {
                return "identity";
            }
        };
    }

    /** The first {@code k} items of the list, the chapter's {@code n_final} cut with no other rule. */
    static ReRanker truncate(int k) {
        Args.atLeast("k", k, 1);
        return new ReRanker() {
            @Override
            public ScoredItems rerank(Request request, ScoredItems ranked) {
                return ranked.head(k);
            }

            @Override
            public String toString() {
                return "truncate(" + k + ")";
            }
        };
    }
}
