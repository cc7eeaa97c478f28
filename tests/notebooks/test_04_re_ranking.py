"""The figures 04-re-ranking records: the chapter's quota on its own demo, MMR's and the quota's relevance–diversity
trade-off, freshness, rules; the seeded figures pinned within a few percent."""
import unittest

from results import notebook_results


class ReRankingNotebook(unittest.TestCase):
    def setUp(self):
        self.r = notebook_results("04-re-ranking")
        # the quota, MMR and freshness tables are recorded in one call each (Results.recordAll, one list per
        # column); the figures the assertions name, read from them
        self.assertEqual(self.r["quota_max_per_category"], [1, 2, 3, 5, 10])
        self.assertEqual(self.r["mmr_lambda"], [i / 10 for i in range(11)])
        self.assertEqual(self.r["fresh_bonus_w"], [0, 0.05, 0.1, 0.2])
        quota, mmr, fresh = self.r["quota_ndcg_10"], self.r["mmr_ndcg_10"], self.r["fresh_mean_age_days"]
        ild, cats = self.r["mmr_intra_list_distance"], self.r["mmr_categories"]
        self.f = {"quota3_ndcg10": quota[2], "quota10_ndcg10": quota[4],
                  "quota3_categories": self.r["quota_categories"][2], "quota10_categories": self.r["quota_categories"][4],
                  "mmr_ndcg10_lambda_1": mmr[10], "mmr_ndcg10_lambda_0_5": mmr[5], "mmr_ndcg10_lambda_0": mmr[0],
                  "mmr_ild_lambda_1": ild[10], "mmr_ild_lambda_0_7": ild[7], "mmr_ild_lambda_0_5": ild[5],
                  "mmr_ild_lambda_0": ild[0], "mmr_categories_lambda_1": cats[10], "mmr_categories_lambda_0_5": cats[5],
                  "fresh_age_no_boost": fresh[0], "fresh_age_boost_0_2": fresh[3]}

    def v(self, key):
        return self.f[key] if key in self.f else self.r[key]

    def test_chapter_quota(self):
        # the chapter's demo printout: 5 / 10 categories; the quota skipped 2 ranked items to fill ten places
        self.assertEqual(self.r["chapter_categories_represented"], 5)
        self.assertEqual(self.r["chapter_items_skipped_by_quota"], 2)

    def test_quota_trades_relevance_for_categories(self):
        # A quota of 10 never acts on a list of 10, and the oracle's own order is ideal.
        self.assertAlmostEqual(self.v("quota10_ndcg10"), 1.0, places=9)
        self.assertLess(self.v("quota3_ndcg10"), 1.0)
        self.assertGreater(self.v("quota3_ndcg10"), 0.5)
        self.assertGreater(self.v("quota3_categories"), self.v("quota10_categories"))

    def test_mmr_trade_off(self):
        self.assertAlmostEqual(self.v("mmr_ndcg10_lambda_1"), 1.0, places=9)
        self.assertLess(self.v("mmr_ndcg10_lambda_0_5"), 1.0)
        self.assertGreater(self.v("mmr_ild_lambda_0_5"), self.v("mmr_ild_lambda_1"))
        self.assertGreaterEqual(self.v("mmr_categories_lambda_0_5"), self.v("mmr_categories_lambda_1"))

    def test_mmr_first_steps_buy_little(self):
        # the prose: from λ = 1 to 0.7 the distance moves 0.341 → 0.352; most diversity comes at small λ
        self.assertLess(self.v("mmr_ild_lambda_0_7") - self.v("mmr_ild_lambda_1"), 0.05)
        self.assertGreater(self.v("mmr_ild_lambda_0") - self.v("mmr_ild_lambda_0_5"), 0.1)
        self.assertGreater(self.v("mmr_ndcg10_lambda_0"), 0.85)

    def test_recorded_seeded_figures(self):
        for key, value in [("quota3_ndcg10", 0.98679), ("quota3_categories", 5.11), ("quota10_categories", 2.94),
                           ("mmr_ndcg10_lambda_0_5", 0.99774), ("mmr_ild_lambda_1", 0.34150),
                           ("mmr_ild_lambda_0_5", 0.37153), ("mmr_ild_lambda_0_7", 0.35224),
                           ("mmr_ild_lambda_0", 0.56480), ("mmr_ndcg10_lambda_0", 0.92351),
                           ("mmr_categories_lambda_0_5", 3.31), ("fresh_age_no_boost", 6.048),
                           ("fresh_age_boost_0_2", 1.507)]:
            self.assertAlmostEqual(self.v(key), value, delta=0.03 * abs(value), msg=key)

    def test_freshness_boost_makes_lists_younger(self):
        self.assertLess(self.v("fresh_age_boost_0_2"), self.v("fresh_age_no_boost"))

    def test_composed_stage_obeys_the_rules(self):
        self.assertIs(self.r["rules_drop_seen_and_blocked"], True)
        self.assertEqual(self.r["composed_list_size"], 10)


if __name__ == "__main__":
    unittest.main()
