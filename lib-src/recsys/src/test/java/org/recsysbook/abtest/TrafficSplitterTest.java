package org.recsysbook.abtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recsysbook.abtest.TwoProportionZTestTest.assertMessage;

import java.util.List;

import org.junit.jupiter.api.Test;

class TrafficSplitterTest {

    /** FNV-1a 64's published test vectors: "" → cbf29ce484222325, "a" → af63dc4c8601ec8c. */
    @Test
    void fnvMatchesPublishedVectors() {
        assertEquals(0xcbf29ce484222325L, TrafficSplitter.fnv1a64(""));
        assertEquals(0xaf63dc4c8601ec8cL, TrafficSplitter.fnv1a64("a"));
    }

    /** Values from an independent implementation of the same recipe (Python integers masked to 64 bits). */
    @Test
    void hashIsTheDocumentedRecipe() {
        assertEquals(0L, org.recsysbook.core.Seeds.fmix64(0));
        assertEquals(0x405a017a3f474cecL, TrafficSplitter.hash64("exp-1", 0));
        assertEquals(0x4dc1061640cb6418L, TrafficSplitter.hash64("exp-1", 1));
        assertEquals(0x8f38467cf95c5338L, TrafficSplitter.hash64("exp-1", 42));
        assertEquals(0x49cadfac1b2ce272L, TrafficSplitter.hash64("homepage-2024", 123456789));
        // u = top 53 bits: 0.2514, 0.3037, 0.5595 → with 50/50: control, control, treatment
        TrafficSplitter s = TrafficSplitter.fiftyFifty("exp-1");
        assertEquals("control", s.variantOf(0));
        assertEquals("control", s.variantOf(1));
        assertEquals("treatment", s.variantOf(42));
        // with a 30/70 split user 1 (u = 0.3037) moves to the second arm, user 0 (u = 0.2514) stays
        TrafficSplitter s37 = new TrafficSplitter("exp-1", List.of("A", "B"), new double[] {3, 7});
        assertEquals(0, s37.assign(0));
        assertEquals(1, s37.assign(1));
    }

    @Test
    void splitsInTheDesignedSharesAndIndependentlyAcrossSalts() {
        TrafficSplitter three = new TrafficSplitter("exp-2", List.of("A", "B", "C"), new double[] {0.2, 0.3, 0.5});
        TrafficSplitter other = new TrafficSplitter("exp-3", List.of("A", "B", "C"), new double[] {0.2, 0.3, 0.5});
        int n = 200_000;
        long[] counts = new long[3];
        int same = 0;
        for (int u = 0; u < n; u++) {
            int a = three.assign(u);
            counts[a]++;
            same += a == other.assign(u) ? 1 : 0;
        }
        // the split passes the SRM check against its own design
        assertTrue(!SampleRatioMismatch.test(counts, new double[] {0.2, 0.3, 0.5}, 0.001).mismatch(),
                java.util.Arrays.toString(counts));
        // independent salts agree with chance 0.2² + 0.3² + 0.5² = 0.38 (sd of the share ≈ 0.0011)
        assertEquals(0.38, (double) same / n, 0.005);
        assertEquals(three.assign("user-17"), three.assign("user-17"));
    }

    @Test
    void rejectsBadInput() {
        assertMessage(() -> TrafficSplitter.fiftyFifty(""), "salt = \"\"");
        assertMessage(() -> new TrafficSplitter("s", List.of("A"), new double[] {1}), "variants.size() = 1");
        assertMessage(() -> new TrafficSplitter("s", List.of("A", "A"), new double[] {1, 1}), "variants = [A, A]");
        assertMessage(() -> new TrafficSplitter("s", List.of("A", "B"), new double[] {1}), "shares.length = 1");
        assertMessage(() -> new TrafficSplitter("s", List.of("A", "B"), new double[] {1, -1}), "shares[1] = -1.0");
    }
}
