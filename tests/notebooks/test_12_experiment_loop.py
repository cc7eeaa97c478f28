"""The figures 12-experiment-loop records: the event store's counts, the A/B analysis read from it in SQL, the
A/A false-positive rate and the A/B coverage over repeats, the broken-logging day found by the sample-ratio check,
the exploration slot and the off-policy estimates against the served truth.

The traffic is seeded visit by visit (by the visit's offset from the experiment's first day, not by its date) and
does not depend on the order in which the client threads' requests arrive, nor on the day the notebook runs, so its
figures are pinned at their recorded values. The broken day's fault follows the user (a client release a share of
the treatment arm's users installed), not the request id, which is numbered on arrival: its counts are the same on
every run, and pinned exactly. The Thompson-sampling slot is played by one client thread, so what it learns is
pinned too.
"""
import unittest

from results import notebook_results


class ExperimentLoopNotebook(unittest.TestCase):
    def setUp(self):
        self.r = notebook_results("12-experiment-loop")

    def test_the_store_holds_exactly_what_was_acknowledged(self):
        self.assertEqual(self.r["clicks_stored"], self.r["clicks_acknowledged"])
        self.assertAlmostEqual(self.r["clicks_acknowledged"], 31696, delta=31696 * 0.02)
        # 2 days × 2,000 visits and 3 days × 2,500 visits, 10 impressions each, all logged by the service.
        self.assertEqual(self.r["impressions_stored"], 115000)

    def test_the_ab_test_finds_the_known_effect(self):
        self.assertAlmostEqual(self.r["ab_ctr_difference"], 0.013134, delta=0.013134 * 0.02)
        self.assertAlmostEqual(self.r["ab_true_difference"], 0.010560, delta=0.010560 * 0.02)
        self.assertIs(self.r["ab_ci_covers_truth"], True)
        self.assertAlmostEqual(self.r["cuped_variance_reduction"], 0.1907, delta=0.1907 * 0.02)
        self.assertGreater(self.r["conversion_control"], 0.98, "nearly every user clicks: conversion cannot move")

    def test_aa_false_positive_rate_over_repeats(self):
        self.assertGreaterEqual(self.r["aa_repeats"], 100)
        self.assertGreaterEqual(self.r["aa_false_positive_rate"], 0.02)
        self.assertLessEqual(self.r["aa_false_positive_rate"], 0.09)
        # the seeded run's 7 of 200 re-splits, split by md5 (the same split Spark SQL makes, notebook 13)
        self.assertAlmostEqual(self.r["aa_false_positive_rate"], 0.035, delta=0.001)

    def test_ab_coverage_over_repeats(self):
        self.assertEqual(self.r["ab_buckets"], 40)
        self.assertGreaterEqual(self.r["ab_coverage"], 0.90)
        self.assertAlmostEqual(self.r["ab_coverage"], 0.95, delta=0.001)

    def test_the_broken_logging_day_is_found_and_only_it(self):
        self.assertEqual(self.r["srm_mismatches_before_fault"], 0)
        self.assertEqual(self.r["srm_mismatch_days"], "[" + self.r["srm_broken_day"] + "]")
        # 30% of the treatment arm's users lose every impression that day: the distinct users the logs still show
        self.assertEqual(self.r["srm_broken_control"], 693)
        self.assertEqual(self.r["srm_broken_treatment"], 480)
        self.assertAlmostEqual(self.r["srm_broken_p"], 4.99875e-10, delta=4.99875e-10 * 1e-3)
        self.assertLess(self.r["srm_broken_p"], 0.001, "below the notebook's α")

    def test_the_exploration_slot_learns(self):
        self.assertAlmostEqual(self.r["slot_best_true_ctr"], 0.09060, delta=0.09060 * 0.02)
        self.assertAlmostEqual(self.r["slot_uniform_true_ctr"], 0.05284, delta=0.05284 * 0.02)
        self.assertLess(self.r["slot_best_share_first_window"], 0.4, "at first the slot spreads over the pool")
        self.assertGreater(self.r["slot_best_share_last_window"], 0.45, "by the end it mostly shows the best item")
        self.assertGreater(self.r["slot_best_share_last_window"], self.r["slot_best_share_first_window"] + 0.2)
        self.assertGreater(self.r["slot_ctr_last_window"], 0.04)
        # one client thread plays the exploration, so its figures are the same on every run: pinned
        for name, recorded in (("slot_best_share_first_window", 0.21333), ("slot_best_share_last_window", 0.58),
                               ("slot_ctr_last_window", 0.09333)):
            self.assertAlmostEqual(self.r[name], recorded, delta=recorded * 0.05, msg=name)

    def test_off_policy_estimates_against_the_served_truth(self):
        true = self.r["ope_true"]
        self.assertLessEqual(true, self.r["slot_best_true_ctr"] + 1e-12)
        self.assertLess(abs(self.r["ope_served"] - true), 0.2 * true, "served for 1,200 slot impressions")
        for name, recorded in (("ope_ips", 0.07424), ("ope_snips", 0.07389), ("ope_dr", 0.07404),
                               ("ope_served", 0.07917)):
            self.assertAlmostEqual(self.r[name], recorded, delta=recorded * 0.05, msg=name)
        for name in ("ope_ips", "ope_snips", "ope_dr"):
            self.assertLess(abs(self.r[name] - true), 0.35 * true, name)

    def test_the_log_exports_to_parquet_by_day(self):
        self.assertEqual(self.r["parquet_days"], 7)

    def test_the_exercise_checks_pass(self):
        self.assertIs(self.r["check_srm_chi_square"], True)
        self.assertIs(self.r["check_propensity_floor"], True)


if __name__ == "__main__":
    unittest.main()
