"""The figures 04-re-ranking records: the chapter's quota on its own demo, MMR's and the quota's relevance–diversity
trade-off, freshness, rules; the seeded figures pinned within a few percent."""
import unittest

from results import notebook_results


class ReRankingNotebook(unittest.TestCase):
    def setUp(self):
        self.r = notebook_results("04-re-ranking")

    def test_chapter_quota(self):
        # the chapter's demo printout: 5 / 10 categories; the quota skipped 2 ranked items to fill ten places
        self.assertEqual(self.r["chapter_categories_represented"], 5)
        self.assertEqual(self.r["chapter_items_skipped_by_quota"], 2)

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

    def test_mmr_first_steps_buy_little(self):
        # the prose: from λ = 1 to 0.7 the distance moves 0.341 → 0.352; most diversity comes at small λ
        self.assertLess(self.r["mmr_ild_lambda_0_7"] - self.r["mmr_ild_lambda_1"], 0.05)
        self.assertGreater(self.r["mmr_ild_lambda_0"] - self.r["mmr_ild_lambda_0_5"], 0.1)
        self.assertGreater(self.r["mmr_ndcg10_lambda_0"], 0.85)

    def test_recorded_seeded_figures(self):
        for key, value in [("quota3_ndcg10", 0.98679), ("quota3_categories", 5.11), ("quota10_categories", 2.94),
                           ("mmr_ndcg10_lambda_0_5", 0.99774), ("mmr_ild_lambda_1", 0.34150),
                           ("mmr_ild_lambda_0_5", 0.37153), ("mmr_ild_lambda_0_7", 0.35224),
                           ("mmr_ild_lambda_0", 0.56480), ("mmr_ndcg10_lambda_0", 0.92351),
                           ("mmr_categories_lambda_0_5", 3.31), ("fresh_age_no_boost", 6.048),
                           ("fresh_age_boost_0_2", 1.507)]:
            self.assertAlmostEqual(self.r[key], value, delta=0.03 * abs(value), msg=key)

    def test_freshness_boost_makes_lists_younger(self):
        self.assertLess(self.r["fresh_age_boost_0_2"], self.r["fresh_age_no_boost"])

    def test_composed_stage_obeys_the_rules(self):
        self.assertIs(self.r["rules_drop_seen_and_blocked"], True)
        self.assertEqual(self.r["composed_list_size"], 10)


if __name__ == "__main__":
    unittest.main()
