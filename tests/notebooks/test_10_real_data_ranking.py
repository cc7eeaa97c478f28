"""The figures 10-real-data-ranking records: the ranker's training and test pairs, the learning curve, the rankers'
NDCG@10 and their paired lift over EASE's order, feature importances, calibration, the re-ranking trade-off and the
sampled-metrics pitfall on MovieLens, pinned to the seeded run within a few percent."""
import unittest

from results import assert_near, notebook_results


class RealDataRankingNotebook(unittest.TestCase):
    def setUp(self):
        self.r = notebook_results("10-real-data-ranking")

    def near(self, key, expected, rel=0.03):
        assert_near(self, self.r, key, expected, rel)

    def test_training_pairs(self):
        # 671 users × EASE's top 200, for the validation slice and for the test period
        self.assertEqual(self.r["pairs"], [134200, 134200])
        self.near("train_positive_share", 0.04311)

    def test_learning_curve(self):
        curve = self.r["learning_curve"]
        self.assertEqual(len(curve), 100)
        self.assertEqual(self.r["best_round"], 26)
        self.assertAlmostEqual(max(curve), curve[25], places=12)
        for i, want in ((0, 0.16674), (25, 0.20980), (99, 0.19650)):
            self.assertAlmostEqual(curve[i], want, delta=0.03 * want, msg=f"round {i + 1}")

    def test_rankers_lift_over_the_generator_order(self):
        self.assertEqual(self.r["ranker_order"], ["EASE order", "logistic regression", "GBDT, pointwise", "LambdaMART"])
        self.near("ranker_ndcg_10", [0.13824, 0.14043, 0.15070, 0.14735])
        low = dict(zip(self.r["ranker_order"], self.r["ranker_difference_low"]))
        # the trees beat EASE's own order with a paired interval above 0; the linear model does not
        self.assertGreater(low["LambdaMART"], 0)
        self.assertGreater(low["GBDT, pointwise"], 0)
        self.assertLess(low["logistic regression"], 0)

    def test_importance_and_calibration(self):
        share = self.r["importance_share"]
        self.assertAlmostEqual(sum(share), 1.0, places=9)
        self.near("importance_share", [0.06900, 0.41204, 0.06320, 0.05514, 0.03443, 0.04673, 0.05674, 0.05133,
                                       0.05687, 0.05199, 0.04701, 0.05553])
        self.assertEqual(max(range(12), key=lambda i: share[i]), 1)   # EASE rank
        self.near("calibration_gap_logistic", 0.007375)
        self.near("calibration_gap_gbdt", 0.001146, rel=0.1)
        self.assertLess(self.r["calibration_gap_gbdt"], self.r["calibration_gap_logistic"] / 3)

    def test_reranking_tradeoff(self):
        self.near("tradeoff_ndcg_10", [0.14735, 0.14721, 0.14484, 0.14237, 0.13460, 0.14735, 0.14733, 0.14782, 0.14666,
                                    0.13470])
        self.near("tradeoff_genre_diversity", [0.77507, 0.78979, 0.82404, 0.86211, 0.88737, 0.77507, 0.78116, 0.78949,
                                         0.80396, 0.84244], rel=0.01)
        self.near("tradeoff_coverage", [0.08361, 0.08394, 0.08493, 0.08537, 0.08515, 0.08361, 0.08306, 0.08317,
                                        0.08449, 0.08637])
        ndcg, div = self.r["tradeoff_ndcg_10"], self.r["tradeoff_genre_diversity"]
        for a, b in zip(div[:4], div[1:5]):     # MMR: lower λ, more diverse
            self.assertLess(a, b)
        self.assertLess(ndcg[4], ndcg[0])        # and less accurate at λ = 0.3

    def test_sampled_metrics_pitfall(self):
        # [20 negatives, 100 negatives, the full catalog]
        self.near("sampled_hr_popularity", [0.91505, 0.61252, 0.04769])
        self.near("sampled_hr_ease", [0.77794, 0.68703, 0.10283])
        self.near("sampled_hr_als", [0.92548, 0.75857, 0.09091])
        pop, ease = self.r["sampled_hr_popularity"], self.r["sampled_hr_ease"]
        self.assertGreater(ease[2] / pop[2], 2)       # full catalog: EASE finds twice as many
        self.assertLess(ease[1] / pop[1], 1.2)        # 100 negatives: the lead nearly vanishes
        self.assertLess(ease[0], pop[0])              # 20 negatives: the order reverses

    def test_exercise_checks_pass(self):
        for name in ("genre_diversity", "calibration_bins", "sampled_lead"):
            self.assertTrue(self.r["check_" + name], name)


if __name__ == "__main__":
    unittest.main()
