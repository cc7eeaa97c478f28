"""The figures 01-multi-stage-pipeline records: the chapter's demo (its printout digit for digit), its funnel, the
quota's effect at scale, stage times."""
import unittest

from results import notebook_results


class MultiStagePipelineNotebook(unittest.TestCase):
    def setUp(self):
        self.r = notebook_results("01-multi-stage-pipeline")

    def test_chapter_demo_prints_what_the_chapters_code_prints(self):
        # python3 seed_pipeline.py (the chapter's demo code, NumPy 2.4.6): ids and float64 scores
        self.assertEqual(self.r["chapter_items"], [540, 555, 601, 205, 432, 719, 933, 399, 917, 384])
        numpy_scores = [0.5794247341066453, 0.535589540742094, 0.4876588157509928, 0.4874327660730167,
                        0.463445085597387, 0.46086577533703466, 0.4415838063448083, 0.4390651776564055,
                        0.435586739924553, 0.4334895487838692]
        for ours, theirs in zip(self.r["chapter_scores"], numpy_scores):
            # float32 item vectors against NumPy's float64: equal to 1e-6, and so to the 4 printed decimals
            self.assertAlmostEqual(ours, theirs, delta=1e-6)
            self.assertEqual(f"{ours:.4f}", f"{theirs:.4f}")
        self.assertEqual(self.r["categories_represented"], 5)
        self.assertEqual(self.r["max_items_per_category"], 3)
        # the noise reorders the candidates: their scores span ~0.23 over 50 items, the noise adds up to 0.065
        self.assertAlmostEqual(self.r["candidate_score_spread"], 0.228814, delta=1e-5)
        self.assertEqual(self.r["shown_items_moved_by_noise"], 45)
        self.assertAlmostEqual(self.r["max_ranking_noise"], 0.0626296, delta=1e-6)

    def test_chapter_demo_funnel(self):
        # The chapter's recommend: 1000 items, 50 candidates, all 50 ranked, 10 shown.
        self.assertEqual(self.r["funnel_catalog"], 1000)
        self.assertEqual(self.r["funnel_candidates"], 50)
        self.assertEqual(self.r["funnel_ranked"], 50)
        self.assertEqual(self.r["funnel_shown"], 10)
        self.assertEqual(self.r["final_list_size"], 10)

    def test_chapter_demo_quota_and_noise(self):
        # At most 3 per category, so 10 items need at least ceil(10 / 3) = 4 of the 5 categories.
        self.assertLessEqual(self.r["max_items_per_category"], 3)
        self.assertGreaterEqual(self.r["categories_represented"], 4)
        self.assertLessEqual(self.r["categories_represented"], 5)
        # The simulated ranker adds 0.1·0.5·U1 + 0.05·0.3·U2 with U in [0, 1): less than 0.065.
        self.assertGreaterEqual(self.r["max_ranking_noise"], 0.0)
        self.assertLess(self.r["max_ranking_noise"], 0.065)

    def test_funnel_at_scale(self):
        self.assertEqual(self.r["scale_candidates"], 1000)
        self.assertEqual(self.r["scale_ranked"], 100)
        # user 0's hundred best items crowd into three categories: the quota leaves 7 items
        self.assertEqual(self.r["scale_final_length"], 7)

    def test_quota_adds_categories_and_backfill_restores_length(self):
        self.assertAlmostEqual(self.r["mean_length_no_quota"], 10.0)
        self.assertAlmostEqual(self.r["mean_length_quota_backfill"], 10.0)
        self.assertLessEqual(self.r["mean_length_chapter_quota"], 10.0)
        self.assertGreater(self.r["mean_categories_chapter_quota"], self.r["mean_categories_no_quota"])
        # Backfilled items come from categories that are already full, so they add no category.
        self.assertAlmostEqual(self.r["mean_categories_quota_backfill"], self.r["mean_categories_chapter_quota"])

    def test_recorded_seeded_figures(self):
        # Recorded after the simulated ranker began seeding each user's noise through Seeds.stream (before, with
        # the correlated seed ^ γ(user + 1): 1.97, 3.47 and 7.39); within 2%.
        for key, value in [("mean_categories_no_quota", 1.82), ("mean_categories_chapter_quota", 3.48),
                           ("mean_categories_quota_backfill", 3.48), ("mean_length_chapter_quota", 7.37)]:
            self.assertAlmostEqual(self.r[key], value, delta=0.02 * abs(value), msg=key)

    def test_candidate_generation_dominates_the_request(self):
        self.assertEqual(self.r["slowest_stage"], "candidate generation")
        self.assertGreater(self.r["median_request_ms"], 0.0)


if __name__ == "__main__":
    unittest.main()
