"""The figures 06-ab-testing records: the split, the sample size, the published reference tests, the
two-week experiment's report, CUPED, and the pitfalls measured by simulation (peeking with the sequential designs'
power, sample ratio mismatch, many metrics, novelty, offline against online, interference on a marketplace, leakage
through a shared training log, Simpson's paradox, heavy-tailed revenue, the long-term holdout); the seeded figures
pinned within 3%."""
import unittest

from results import notebook_results


class AbTestingNotebook(unittest.TestCase):
    def setUp(self):
        self.r = notebook_results("06-ab-testing")

    def test_split_is_fifty_fifty(self):
        # 100,000 users on a fair coin: sd of the share 0.0016
        self.assertAlmostEqual(self.r["split_share_treatment"], 0.5, delta=0.008)

    def test_sample_size_matches_the_calculators(self):
        self.assertEqual(self.r["sample_size_per_arm"], 3623)
        # the two textbook variants the prose compares: unpooled in both terms, pooled under the null
        self.assertEqual(self.r["sample_size_variants"], [3839, 3841])
        # half the effect: a little under four times the users
        self.assertEqual(self.r["sample_size_one_point"], 14313)

    def test_reference_examples(self):
        # statsmodels' proportions_ztest([5, 12], [83, 99]) and R's t.test on the sleep data
        self.assertAlmostEqual(self.r["statsmodels_example_p"], 0.159, delta=0.001)
        self.assertAlmostEqual(self.r["welch_sleep_p"], 0.07939, delta=0.00005)

    def test_the_experiment_trades_clicks_for_revenue(self):
        self.assertGreater(self.r["ab_srm_p"], 0.001, "the healthy experiment must pass the SRM check")
        self.assertGreater(self.r["ab_ctr_lift_pct"], 0)
        self.assertGreater(self.r["ab_session_lift_pct"], 0)
        self.assertLess(self.r["ab_revenue_lift_pct"], 0)
        self.assertLess(self.r["ab_revenue_p"], 0.05)
        self.assertLess(self.r["ab_coverage_treatment"], self.r["ab_coverage_control"])

    def test_cuped_narrows_the_intervals(self):
        for key in ["cuped_width_ratio_session_duration", "cuped_width_ratio_revenue_per_user"]:
            self.assertLess(self.r[key], 1.0, key)
            self.assertGreater(self.r[key], 0.3, key)

    def test_peeking_inflates_and_the_sequential_test_holds(self):
        # 1000 A/A tests: sd of a 5 % rate is 0.007
        self.assertGreater(self.r["aa_peeking_rate"], 0.1)
        self.assertLess(self.r["aa_fixed_horizon_rate"], 0.08)
        self.assertLessEqual(self.r["aa_sequential_rate"], 0.06)
        self.assertLess(self.r["aa_sequential_rate"], self.r["aa_peeking_rate"])
        # O'Brien–Fleming's looks are only roughly equally spaced in information here: about α
        self.assertLessEqual(self.r["aa_group_sequential_rate"], 0.08)

    def test_sample_ratio_mismatch_is_caught(self):
        self.assertTrue(self.r["srm_detected"])
        self.assertLess(self.r["srm_p_value"], 0.001)
        self.assertGreater(self.r["srm_lost_users"], 0)
        # the lost users are the disengaged ones, so the broken arm looks better
        self.assertGreater(self.r["srm_retention_lift_pct"], 0)

    def test_sequential_designs_pay_in_power(self):
        # 500 experiments with a 20 % lift: the mSPRT detects it about half as often as one final test,
        # O'Brien–Fleming about as often
        self.assertLess(self.r["power_sequential_rate"], 0.6 * self.r["power_fixed_horizon_rate"])
        self.assertAlmostEqual(self.r["power_group_sequential_rate"], self.r["power_fixed_horizon_rate"], delta=0.06)
        self.assertGreater(self.r["power_peeking_rate"], self.r["power_fixed_horizon_rate"])

    def test_recorded_seeded_figures(self):
        for key, value in [("power_fixed_horizon_rate", 0.712), ("power_sequential_rate", 0.332),
                           ("power_group_sequential_rate", 0.696), ("power_peeking_rate", 0.834), ("aa_peeking_rate", 0.239),
                           ("cuped_width_ratio_session_duration", 0.9385), ("cuped_width_ratio_revenue_per_user", 0.9349),
                           ("srm_lost_users", 672), ("srm_retention_lift_pct", 4.045), ("many_metrics_any_raw", 0.185),
                           ("ab_ctr_lift_pct", 16.22), ("ab_session_lift_pct", 13.96), ("ab_revenue_lift_pct", -15.97),
                           ("ab_coverage_treatment", 0.924), ("novelty_first_days_lift_pct", 30.30),
                           ("novelty_last_days_lift_pct", 2.703), ("novelty_whole_test_lift_pct", 16.44),
                           ("offline_auc_control", 0.5302), ("offline_auc_treatment", 0.5660)]:
            self.assertAlmostEqual(self.r[key], value, delta=0.03 * abs(value), msg=key)
        self.assertEqual(self.r["report_metrics_tested"], 6)
        self.assertEqual(self.r["aa_experiments"], 1000)
        self.assertEqual(len(self.r["aa_final_p_values"]), 1000)
        self.assertEqual(self.r["many_metrics_metrics"], 5)
        # O'Brien–Fleming's constant for 14 looks at α = 0.05 (2.107 in the group-sequential tables)
        self.assertAlmostEqual(self.r["obf_constant_14_looks"], 2.107, delta=0.005)

    def test_many_metrics_need_a_correction(self):
        self.assertGreater(self.r["many_metrics_any_raw"], 0.1)
        self.assertLessEqual(self.r["many_metrics_any_bonferroni"], 0.08)
        self.assertLessEqual(self.r["many_metrics_any_bh"], 0.08)

    def test_novelty_inflates_the_early_lift(self):
        # true lasting lift 2 %, novelty +30 % halving every 2 days
        self.assertGreater(self.r["novelty_first_days_lift_pct"], 10)
        self.assertLess(self.r["novelty_last_days_lift_pct"], self.r["novelty_first_days_lift_pct"] / 2)
        self.assertGreater(self.r["novelty_whole_test_lift_pct"], 2)

    def test_interference_makes_the_user_level_test_overstate_the_launch(self):
        r = self.r
        self.assertGreater(r["interference_user_split_lift"], 1.5 * r["interference_launch_lift"])
        self.assertAlmostEqual(r["interference_market_split_lift"], r["interference_launch_lift"], delta=0.02)
        self.assertLess(r["interference_user_split_coverage"], 0.8)
        self.assertGreater(r["interference_market_split_coverage"], 0.85)

    def test_a_shared_log_shrinks_the_difference(self):
        r = self.r
        self.assertGreater(r["leakage_launch_lift"], 0.05)
        self.assertAlmostEqual(r["leakage_separate_logs_lift"], r["leakage_launch_lift"], delta=0.05)
        self.assertLess(r["leakage_shared_log_lift"], r["leakage_separate_logs_lift"] - 0.1)
        self.assertGreater(r["leakage_control_ctr_shared"], r["leakage_control_ctr_separate"])

    def test_simpsons_paradox_and_the_stratified_cure(self):
        r = self.r
        week1, week2, pooled, stratified = r["simpson_run_lifts_pct"]
        self.assertGreater(week1, 0)
        self.assertGreater(week2, 0)
        self.assertLess(pooled, 0)
        self.assertGreater(stratified, 0)
        self.assertGreaterEqual(r["simpson_pooled_control_wins"], 0.95)
        self.assertAlmostEqual(r["simpson_stratified_lift"], r["simpson_true_lift"], delta=0.01)
        # 200 repetitions: the coverage of a 95 % interval has a standard error of 0.015
        self.assertAlmostEqual(r["simpson_stratified_coverage"], 0.95, delta=0.05)

    def test_winsorising_buys_power_at_the_price_of_the_estimand(self):
        r = self.r
        self.assertGreater(r["heavy_buyers_winsorised_power"], r["heavy_buyers_raw_power"] + 0.3)
        self.assertLess(r["heavy_buyers_winsorised_variance"], 0.1 * r["heavy_buyers_raw_variance"])
        # more buyers: the relative lift survives the cap; larger orders: much of it is cut away
        self.assertAlmostEqual(r["heavy_buyers_winsorised_lift"], 0.10, delta=0.02)
        self.assertLess(r["heavy_orders_winsorised_lift"], 0.7 * r["heavy_orders_true_lift"])
        self.assertLess(r["heavy_buyers_winsorised_difference"], 0.7 * r["heavy_buyers_true_difference"])
        # the raw estimate is unbiased: 300 tests, standard error of the mean difference about 0.008
        self.assertAlmostEqual(r["heavy_buyers_raw_difference"], r["heavy_buyers_true_difference"], delta=0.03)

    def test_the_holdout_sees_what_two_weeks_cannot(self):
        r = self.r
        self.assertGreater(r["holdout_ab_test_lift"] - r["holdout_ab_test_half_width"], 0)
        self.assertLess(r["holdout_holdout_lift"][-1] + r["holdout_holdout_half_width"][-1], 0)
        self.assertGreater(r["holdout_first_negative_week"], 2)
        self.assertEqual(len(r["holdout_holdout_lift"]), 12)

    def test_recorded_pitfall_figures(self):
        for key, value in [("interference_launch_lift", 0.1075), ("interference_user_split_lift", 0.1990),
                           ("interference_market_split_lift", 0.1059), ("interference_user_split_coverage", 0.565),
                           ("leakage_launch_lift", 0.1334), ("leakage_separate_logs_lift", 0.1328),
                           ("leakage_shared_log_lift", -0.03705), ("leakage_control_ctr_shared", 0.07731),
                           ("leakage_control_ctr_separate", 0.06708), ("simpson_pooled_lift", -0.2883),
                           ("simpson_stratified_lift", 0.08008), ("heavy_buyers_raw_power", 0.220),
                           ("heavy_buyers_winsorised_power", 0.740), ("heavy_buyers_winsorised_variance", 19.27),
                           ("heavy_buyers_raw_variance", 463.7), ("heavy_buyers_winsorised_difference", 0.07206),
                           ("heavy_buyers_cap", 36.32), ("heavy_orders_winsorised_lift", 0.05473),
                           ("heavy_orders_winsorised_power", 0.290), ("holdout_ab_test_lift", 0.06694),
                           ("holdout_first_negative_week", 9)]:
            self.assertAlmostEqual(self.r[key], value, delta=0.03 * abs(value), msg=key)
        for got, want in zip(self.r["simpson_run_lifts_pct"], [5.127, 14.65, -28.93, 7.857]):
            self.assertAlmostEqual(got, want, delta=0.03 * abs(want))
        self.assertAlmostEqual(self.r["holdout_holdout_lift"][-1], -0.03530, delta=0.03 * 0.0353)
        self.assertAlmostEqual(self.r["simpson_true_lift"], (0.5 * 0.10 * 0.05 + 0.5 * 0.04 * 0.15) / 0.07, delta=1e-12)

    def test_offline_winner_loses_online(self):
        self.assertGreater(self.r["offline_auc_treatment"], self.r["offline_auc_control"])
        self.assertEqual(self.r["online_revenue_decision"], "control wins")


if __name__ == "__main__":
    unittest.main()
