package org.recsysbook.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;

import org.junit.jupiter.api.Test;
import org.recsysbook.core.Request;
import org.recsysbook.core.ScoredItems;
import org.recsysbook.core.UserContext;
import org.recsysbook.display.Display;
import org.recsysbook.ranking.SimulatedRanker;
import org.recsysbook.rerank.CategoryQuota;
import org.recsysbook.retrieval.CosinePopularityBlend;
import org.recsysbook.world.World;

class PipelineTest {
    /**
     * User (1, 0). Items: 0 = (1, 0), popularity 1, category A; 1 = (0.8, 0.6), popularity 0.5, A;
     * 2 = (0, 1), popularity 0.1, B; 3 = (−1, 0), popularity 0, B. The chapter's blend 0.7·cos + 0.3·pop
     * gives 1.0, 0.71, 0.03, −0.7.
     */
    static World world(String categoryA) {
        return World.of(2, new float[] {1, 0, 0.8f, 0.6f, 0, 1, -1, 0}, new int[] {0, 0, 1, 1},
                new String[] {categoryA, "cat_1"}, new double[] {1, 0.5, 0.1, 0}, new double[] {0, 0, 0, 0},
                new float[] {1, 0});
    }

    static Pipeline pipeline(World w) {
        return Pipeline.builder(w)
                .candidates(new CosinePopularityBlend(w), 3)
                .ranker(new SimulatedRanker(1), 3)
                .reRanker(CategoryQuota.of(w, 1, 2))
                .build();
    }

    @Test
    void runsTheThreeStagesByHand() {
        World w = world("cat_0");
        PipelineResult r = pipeline(w).recommend(Request.forUser(w, 0));
        // Candidates 0, 1, 2; no context → ranking scores = blend; quota 1 per category keeps 0 and 2.
        assertArrayEquals(new int[] {0, 2}, r.ids());
        assertEquals(new Funnel(4, 3, 3, 2), r.funnel());
        Recommendation first = r.items().get(0);
        assertEquals(1, first.rank());
        assertEquals("cat_0", first.category());
        assertEquals(1.0, first.candidateScore(), 1e-6);
        assertEquals(1.0, first.rankingScore(), 1e-6);
        assertEquals(0.03, r.items().get(1).finalScore(), 1e-6);
        assertEquals(2, r.categoriesRepresented());
        assertTrue(r.times().candidateNanos() > 0 && r.times().totalNanos() >= r.times().rankingNanos());
    }

    @Test
    void printsTheSeedsTable() {
        World w = world("cat_0");
        String expected = "Final recommendations:\n"
                + "Item ID    Score      Category\n"
                + "-----------------------------------\n"
                + "0          1.0000     cat_0\n"
                + "2          0.0300     cat_1\n"
                + "\n"
                + "Categories represented: 2 / 2";
        assertEquals(expected, pipeline(w).recommend(Request.forUser(w, 0)).chapterTable().replace("\r\n", "\n"));
    }

    @Test
    void contextAddsTheSeedsBoundedNoise() {
        World w = world("cat_0");
        PipelineResult r = pipeline(w).recommend(Request.forUser(w, 0).withContext(UserContext.CHAPTER_DEMO));
        for (Recommendation x : r.items()) {
            double noise = x.rankingScore() - x.candidateScore();
            assertTrue(noise >= 0 && noise < 0.065, "noise " + noise);
        }
    }

    @Test
    void rendersAnEscapedHtmlTableThroughTheServiceLoader() {
        World w = world("<b>&'A\"");
        PipelineResult r = pipeline(w).recommend(Request.forUser(w, 0));
        Renderer renderer = new Renderer();
        int providers = Display.registerProviders(renderer, getClass().getClassLoader());
        assertTrue(providers >= 1);
        String html = (String) renderer.render(r).getData(MIMEType.TEXT_HTML);
        assertTrue(html.contains("<th>rank</th><th>item</th><th>score</th><th>category</th>"), html);
        assertTrue(html.contains("<tr><td>1</td><td>0</td><td>1.0000</td><td>&lt;b&gt;&amp;&#39;A&quot;</td></tr>"), html);
        assertTrue(!html.contains("<b>"), html);
        String text = (String) renderer.render(r).getData(MIMEType.TEXT_PLAIN);
        assertTrue(text.startsWith("Final recommendations:"), text);
    }

    @Test
    void rejectsBadInput() {
        World w = world("cat_0");
        Pipeline p = pipeline(w);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> p.recommend(new Request(0, new float[] {1, 0, 0}, UserContext.NONE, null)));
        assertEquals("request.userVector must have the catalog's dimension 2, got 3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Pipeline.builder(w).candidates(new CosinePopularityBlend(w), 5));
        assertEquals("k (candidates) must be in [1, 4], got 5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Pipeline.builder(w).candidates(new CosinePopularityBlend(w), 0));
        assertEquals("k (candidates) must be in [1, 4], got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Pipeline.builder(w).ranker(new SimulatedRanker(1), 0));
        assertEquals("keep (ranked items) must be ≥ 1, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Pipeline.builder(w).build());
        assertTrue(e.getMessage().contains("needs a candidate generator and a ranker"), e.getMessage());
        Pipeline empty = Pipeline.builder(w).candidates((q, k) -> new ScoredItems(new int[0], new double[0]), 2)
                .ranker(new SimulatedRanker(1), 2).build();
        e = assertThrows(IllegalArgumentException.class, () -> empty.recommend(Request.forUser(w, 0)));
        assertTrue(e.getMessage().contains("returned no candidates"), e.getMessage());
        Pipeline nan = Pipeline.builder(w).candidates((q, k) -> new ScoredItems(new int[] {1}, new double[] {Double.NaN}), 2)
                .ranker(new SimulatedRanker(1), 2).build();
        e = assertThrows(IllegalArgumentException.class, () -> nan.recommend(Request.forUser(w, 0)));
        assertTrue(e.getMessage().equals("scores[0] must be a finite number, got NaN"), e.getMessage());
        Pipeline unknown = Pipeline.builder(w).candidates((q, k) -> new ScoredItems(new int[] {9}, new double[] {1}), 2)
                .ranker(new SimulatedRanker(1), 2).build();
        e = assertThrows(IllegalArgumentException.class, () -> unknown.recommend(Request.forUser(w, 0)));
        assertTrue(e.getMessage().contains("9"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new Request(0, new float[] {Float.NaN, 1}, UserContext.NONE, null));
        assertEquals("userVector[0] must be a finite number, got NaN", e.getMessage());
        assertEquals(0, ScoredItems.empty().size());
    }
}
