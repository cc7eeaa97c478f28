"""The figures 08-online-learning records: LinUCB against non-contextual policies on the synthetic
world's traffic, Thompson sampling under drift, a click model trained online by FTRL-Proximal with delayed clicks
against periodic retraining, and off-policy estimates against the true click rate."""
import math
import unittest

from results import notebook_results


class OnlineLearningNotebook(unittest.TestCase):
    def setUp(self):
        self.r = notebook_results("08-online-learning")

    def test_personalisation_is_worth_learning(self):
        self.assertGreater(self.r["oracle_ctr"], 2 * self.r["best_item_ctr"])
        self.assertGreater(self.r["distinct_best_items"], 5)
        self.assertLessEqual(self.r["oracle_ctr"], 1.0)

    def test_linucb_beats_the_non_contextual_policies(self):
        best, oracle = self.r["best_item_ctr"], self.r["oracle_ctr"]
        for p in ["ts", "ucb1", "eps_greedy"]:
            # a non-contextual policy cannot beat the best single item in expectation (20 runs × 5000: noise
            # of the mean CTR well below 0.01)
            self.assertLess(self.r[p + "_ctr"], best + 0.01, p)
            self.assertGreater(self.r["linucb_ctr"], 2 * self.r[p + "_ctr"], p)
            self.assertLess(self.r["linucb_regret"], self.r[p + "_regret"], p)
        self.assertGreater(self.r["linucb_ctr_last_1000"], best)
        self.assertLess(self.r["linucb_ctr_last_1000"], oracle + 0.01)
        self.assertGreater(self.r["linucb_ctr_last_1000"], self.r["linucb_ctr"], "LinUCB keeps learning")

    def test_drift(self):
        self.assertLess(self.r["drift_discounted_regret"], self.r["drift_ts_regret"])
        self.assertLess(self.r["drift_ts_regret"], self.r["drift_static_regret"])
        # after the drift the static model still shows the faded hit (true rate 0.1)
        self.assertLess(self.r["drift_static_ctr_last_1000"], 0.2)
        self.assertGreater(self.r["drift_discounted_ctr_last_1000"], 0.5)
        self.assertLessEqual(self.r["drift_discounted_ctr_last_1000"], self.r["drift_best_ctr_last_1000"] + 0.02)
        # computed from the drifting arms: item 1 at 0.55 over rounds 3000-3999
        self.assertAlmostEqual(self.r["drift_best_ctr_last_1000"], 0.55, places=9)
        # the usual variant (every arm discounted) explores too much under the uniform prior
        self.assertGreater(self.r["drift_discounted_all_arms_regret"], self.r["drift_discounted_regret"])

    def test_recorded_seeded_figures(self):
        for key, value in [("best_item_ctr", 0.17283), ("oracle_ctr", 0.52389), ("linucb_ctr", 0.4089),
                           ("linucb_ctr_last_1000", 0.46445), ("ts_ctr", 0.14478), ("linucb_regret", 564.96),
                           ("linucb_ahead_from_round", 29), ("drift_static_regret", 891.6), ("drift_ts_regret", 244.0),
                           ("drift_discounted_regret", 117.6), ("drift_discounted_all_arms_regret", 673.4),
                           ("drift_ts_ctr_last_1000", 0.5386), ("ope_truth", 0.45337), ("ope_logged_ctr", 0.1337),
                           ("ope_ips", 0.46133), ("ope_snips", 0.46708), ("ope_dr", 0.46647), ("ope_dm", 0.34583),
                           ("ope_rmse_ips", 0.018677), ("ope_rmse_dr", 0.013360), ("ope_bias_se_ips", 0.0025354)]:
            self.assertAlmostEqual(self.r[key], value, delta=0.03 * abs(value), msg=key)
        # IPS's bias over 50 logs, -0.0058, is 2.3 of its standard errors: the prose reads it against them
        self.assertAlmostEqual(self.r["ope_bias_ips"], -0.00582, delta=0.0003)

    def test_online_learning_against_periodic_retraining(self):
        for key, value in [("stream_ctr", 0.08542), ("online_truth_logloss", 0.265414),
                           ("online_labels_at_once_excess", 0.0226505), ("online_wait_5000_excess", 0.0273412),
                           ("online_fake_negatives_excess", 0.0243562), ("online_retrain_5000_excess", 0.0331506),
                           ("online_retrain_20000_excess", 0.036655), ("online_never_excess", 0.0392892),
                           ("online_wait_5000_calibration", 0.916489), ("online_never_calibration", 0.808677),
                           ("wait_500_excess", 0.0933542), ("wait_2000_excess", 0.0338321),
                           ("wait_4000_excess", 0.0272709), ("wait_16000_excess", 0.0307811),
                           ("wait_500_calibration", 0.220553), ("wait_2000_calibration", 0.633036)]:
            self.assertAlmostEqual(self.r[key], value, delta=0.03 * abs(value), msg=key)
        excess = {k: self.r["online_" + k + "_excess"] for k in
                  ["labels_at_once", "fake_negatives", "wait_5000", "retrain_5000", "retrain_20000", "never"]}
        # the ideal first; online with delayed labels next; batch retraining the more often the better; never last
        order = ["labels_at_once", "fake_negatives", "wait_5000", "retrain_5000", "retrain_20000", "never"]
        for a, b in zip(order, order[1:]):
            self.assertLess(excess[a], excess[b], f"{a} < {b}")
        self.assertGreater(excess["never"], 1.4 * excess["labels_at_once"])
        # the frozen model stays stale: in the first and the last quarter it loses far more than learning online
        for q in ["first", "last"]:
            self.assertGreater(self.r["online_never_excess_%s_quarter" % q],
                               1.3 * self.r["online_labels_at_once_excess_%s_quarter" % q], q)
        for key, value in [("online_never_excess_first_quarter", 0.0381548),
                           ("online_never_excess_last_quarter", 0.0350981),
                           ("online_labels_at_once_excess_first_quarter", 0.0209277),
                           ("online_labels_at_once_excess_last_quarter", 0.0212006)]:
            self.assertAlmostEqual(self.r[key], value, delta=0.03 * value, msg=key)
        # fake negatives lose no click; a window keeps 1 - e^(-w/2000) of them
        self.assertAlmostEqual(self.r["online_fake_negatives_calibration"], 1, delta=0.02)
        self.assertAlmostEqual(self.r["online_labels_at_once_calibration"], 1, delta=0.02)
        for w in [500, 1000, 2000, 4000, 8000, 16000]:
            self.assertAlmostEqual(self.r["wait_%d_calibration" % w], 1 - math.exp(-w / 2000), delta=0.03, msg=w)
        # the window trade-off: the best lies between the extremes, and fake negatives beat every window
        self.assertEqual(self.r["best_window"], 4000)
        for w in [500, 1000, 2000, 4000, 8000, 16000]:
            self.assertLess(self.r["online_fake_negatives_excess"], self.r["wait_%d_excess" % w], w)

    def test_l1_sets_weights_to_exactly_zero(self):
        self.assertEqual(self.r["l1_0_zero_weights"], 0)
        self.assertEqual(self.r["l1_0_noise_zeros"], 0)
        zeros = [self.r["l1_%d_zero_weights" % l1] for l1 in [0, 1, 10, 30, 100]]
        losses = [self.r["l1_%d_excess" % l1] for l1 in [0, 1, 10, 30, 100]]
        self.assertEqual(zeros, sorted(zeros), "more L1, more zeros")
        self.assertEqual(losses, sorted(losses), "and more log-loss")
        for key, value in [("l1_30_zero_weights", 189), ("l1_100_zero_weights", 258), ("l1_30_noise_zeros", 10),
                           ("l1_100_noise_zeros", 19), ("l1_100_excess", 0.0274)]:
            self.assertAlmostEqual(self.r[key], value, delta=0.05 * value, msg=key)

    def test_off_policy_estimates_are_close_to_the_truth(self):
        truth = self.r["ope_truth"]
        self.assertGreater(truth, 2 * self.r["ope_logged_ctr"], "the logged CTR measures the old policy")
        for e in ["ips", "snips", "dr"]:
            self.assertLess(abs(self.r["ope_" + e] - truth) / truth, 0.08, e + " on one log")
            self.assertLess(self.r["ope_rmse_" + e], 0.04, e)
            self.assertLess(abs(self.r["ope_bias_" + e]), 0.015, e)
        self.assertGreater(self.r["ope_rmse_ips"], self.r["ope_rmse_dr"], "DR is steadier than IPS")
        self.assertGreater(self.r["ope_rmse_dm"], 3 * self.r["ope_rmse_dr"], "the linear model alone is biased")


if __name__ == "__main__":
    unittest.main()
