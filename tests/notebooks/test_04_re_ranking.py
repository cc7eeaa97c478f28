"""The figures 04-re-ranking records: the seed's quota, MMR's relevance–diversity trade-off, freshness, rules."""
import unittest

from results import notebook_results


class ReRankingNotebook(unittest.TestCase):
    def setUp(self):
        self.r = notebook_results("04-re-ranking")

    def test_seed_quota(self):
        # 10 items with at most 3 per category need at least 4 of the seed's 5 categories.
        self.assertGreaterEqual(self.r["seed_categories_represented"], 4)
        self.assertLessEqual(self.r["seed_categories_represented"], 5)

    def test_quota_trades_relevance_for_categories(self):
        # A quota of 10 never acts on a list of 10, and the oracle's own order is ideal.
        self.assertAlmostEqual(self.r["quota10_ndcg10"], 1.0, places=9)
        self.assertLess(self.r["quota3_ndcg10"], 1.0)
        self.assertGreater(self.r["quota3_ndcg10"], 0.5)
        self.assertGreater(self.r["quota3_categories"], self.r["quota10_categories"])

    def test_mmr_trade_off(self):
        self.assertAlmostEqual(self.r["mmr_ndcg10_lambda_1"], 1.0, places=9)
        self.assertLess(self.r["mmr_ndcg10_lambda_0_5"], 1.0)
        self.assertGreater(self.r["mmr_ild_lambda_0_5"], self.r["mmr_ild_lambda_1"])
        self.assertGreaterEqual(self.r["mmr_categories_lambda_0_5"], self.r["mmr_categories_lambda_1"])

    def test_freshness_boost_makes_lists_younger(self):
        self.assertLess(self.r["fresh_age_boost_0_2"], self.r["fresh_age_no_boost"])

    def test_composed_stage_obeys_the_rules(self):
        self.assertIs(self.r["rules_drop_seen_and_blocked"], True)
        self.assertEqual(self.r["composed_list_size"], 10)


if __name__ == "__main__":
    unittest.main()
