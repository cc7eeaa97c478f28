"""The figures 01-multi-stage-pipeline records: the seed's demo funnel, the quota's effect at scale, stage times."""
import unittest

from results import notebook_results


class MultiStagePipelineNotebook(unittest.TestCase):
    def setUp(self):
        self.r = notebook_results("01-multi-stage-pipeline")

    def test_seed_demo_funnel(self):
        # The seed's recommend: 1000 items, 50 candidates, all 50 ranked, 10 shown.
        self.assertEqual(self.r["funnel_catalog"], 1000)
        self.assertEqual(self.r["funnel_candidates"], 50)
        self.assertEqual(self.r["funnel_ranked"], 50)
        self.assertEqual(self.r["funnel_final"], 10)
        self.assertEqual(self.r["final_list_size"], 10)

    def test_seed_demo_quota_and_noise(self):
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
        self.assertLessEqual(self.r["scale_final_length"], 10)
        self.assertGreaterEqual(self.r["scale_final_length"], 1)

    def test_quota_adds_categories_and_backfill_restores_length(self):
        self.assertAlmostEqual(self.r["mean_length_no_quota"], 10.0)
        self.assertAlmostEqual(self.r["mean_length_quota_backfill"], 10.0)
        self.assertLessEqual(self.r["mean_length_seed_quota"], 10.0)
        self.assertGreater(self.r["mean_categories_seed_quota"], self.r["mean_categories_no_quota"])
        # Backfilled items come from categories that are already full, so they add no category.
        self.assertAlmostEqual(self.r["mean_categories_quota_backfill"], self.r["mean_categories_seed_quota"])

    def test_recorded_seeded_figures(self):
        # Recorded after the simulated ranker began seeding each user's noise through Seeds.stream (before, with
        # the correlated seed ^ γ(user + 1): 0.0534, 1.97, 3.47 and 7.39); within 2%.
        for key, value in [("max_ranking_noise", 0.047217), ("mean_categories_no_quota", 1.82),
                           ("mean_categories_seed_quota", 3.48), ("mean_length_seed_quota", 7.37)]:
            self.assertAlmostEqual(self.r[key], value, delta=0.02 * abs(value), msg=key)

    def test_candidate_generation_dominates_the_request(self):
        self.assertEqual(self.r["slowest_stage"], "candidate generation")
        self.assertGreater(self.r["median_request_ms"], 0.0)


if __name__ == "__main__":
    unittest.main()
