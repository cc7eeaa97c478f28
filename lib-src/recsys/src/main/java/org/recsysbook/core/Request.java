package org.recsysbook.core;

import java.util.Arrays;

/**
 * One recommendation request as it travels down the chapter's funnel: who asks (the chapter's
 * {@code user_profile}), in which context ({@code user_context}), and which items they have already
 * seen, for the re-ranking stage's business rules.
 *
 * @param userId      the user's id, ≥ 0 (also seeds the simulated ranker's noise)
 * @param userVector  the user's preference vector, finite, not all zero
 * @param context     the request's context weights
 * @param seenItems   ids of items the user has already seen, each ≥ 0 (kept sorted, duplicates removed)
 */
public record Request(int userId, float[] userVector, UserContext context, int[] seenItems) {

    /** Checks the fields and keeps copies. */
    public Request {
        Args.atLeast("userId", userId, 0);
        Args.direction("userVector", userVector);
        if (context == null) {
            throw new IllegalArgumentException("context must not be null; use UserContext.NONE for none");
        }
        int[] seen = seenItems == null ? new int[0] : seenItems.clone();
        Arrays.sort(seen);
        int m = 0;
        for (int i = 0; i < seen.length; i++) {
            if (seen[i] < 0) {
                throw Args.fail("seenItems", "item " + seen[i], "item ids ≥ 0");
            }
            if (m == 0 || seen[m - 1] != seen[i]) {
                seen[m++] = seen[i];
            }
        }
        userVector = userVector.clone();
        seenItems = Arrays.copyOf(seen, m);
    }

    /** A request for user {@code userId} of {@code world}, with no context and nothing seen. */
    public static Request forUser(Catalog world, int userId) {
        return new Request(userId, world.userVector(userId), UserContext.NONE, new int[0]);
    }

    /** The same request with another context. */
    public Request withContext(UserContext newContext) {
        return new Request(userId, userVector, newContext, seenItems);
    }

    /** The same request with these items marked as seen. */
    public Request withSeen(int... items) {
        return new Request(userId, userVector, context, items);
    }

    /** Whether the user has seen {@code itemId} (binary search over the sorted ids). */
    public boolean hasSeen(int itemId) {
        return Arrays.binarySearch(seenItems, itemId) >= 0;
    }

    /** The dimension of the user vector. */
    public int dim() {
        return userVector.length;
    }

    /** A copy of the user vector. */
    @Override
    public float[] userVector() {
        return userVector.clone();
    }

    /** Entry {@code j} of the user vector, without copying. */
    public float userVector(int j) {
        return userVector[j];
    }

    /** A copy of the seen item ids, sorted. */
    @Override
    public int[] seenItems() {
        return seenItems.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Request r && r.userId == userId && Arrays.equals(r.userVector, userVector)
                && r.context.equals(context) && Arrays.equals(r.seenItems, seenItems);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * userId + Arrays.hashCode(userVector)) + context.hashCode())
                + Arrays.hashCode(seenItems);
    }

    @Override
    public String toString() {
        return "Request[user " + userId + ", dim " + userVector.length + ", " + context + ", "
                + seenItems.length + " seen]";
    }
}
