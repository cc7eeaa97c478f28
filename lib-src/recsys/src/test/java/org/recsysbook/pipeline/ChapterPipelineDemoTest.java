package org.recsysbook.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.recsysbook.core.Request;
import org.recsysbook.core.UserContext;
import org.recsysbook.world.World;

/** The chapter's pipeline demo, against what its Python prints (NumPy 2.4.6, {@code python3 seed_pipeline.py}). */
class ChapterPipelineDemoTest {

    static final String CHAPTER_PRINTOUT = """
            Final recommendations:
            Item ID    Score      Category
            -----------------------------------
            540        0.5794     cat_0
            555        0.5356     cat_0
            601        0.4877     cat_1
            205        0.4874     cat_0
            432        0.4634     cat_2
            719        0.4609     cat_4
            933        0.4416     cat_3
            399        0.4391     cat_4
            917        0.4356     cat_2
            384        0.4335     cat_4

            Categories represented: 5 / 10""";

    @Test
    void printsWhatTheChaptersCodePrints() {
        World world = World.chapterDemo(42);
        Pipeline p = Pipeline.chapterDemo(world, 42);
        PipelineResult r = p.recommend(Request.forUser(world, 0).withContext(UserContext.CHAPTER_DEMO));
        assertEquals(CHAPTER_PRINTOUT, r.chapterTable());
        assertEquals(CHAPTER_PRINTOUT, p.recommend(Request.forUser(world, 0).withContext(UserContext.CHAPTER_DEMO))
                .chapterTable(), "every request replays the chapter's stream: the same list again");
    }

    @Test
    void candidateScoresAreNumpysBlend() {
        World world = World.chapterDemo(42);
        PipelineResult r = Pipeline.chapterDemo(world, 42)
                .recommend(Request.forUser(world, 0).withContext(UserContext.NONE));
        // numpy: blended[540], blended[555] of the chapter's candidate_generation (float64)
        assertEquals(540, r.items().get(0).item());
        assertEquals(0.5491280770, r.items().get(0).candidateScore(), 1e-6, "float vectors: within 1e-6 of float64");
    }
}
