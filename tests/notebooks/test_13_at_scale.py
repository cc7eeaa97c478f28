"""The figures 13-at-scale records: Spark MLlib's ALS against the library's on MovieLens, Spark's ranking metrics against
the library's convention by convention, the synthetic log's sizes and the candidates written as Parquet, the experiment
analysis in Spark SQL against the event store's DuckDB, pinned to the seeded run; times are checked for what the prose
says of them, not pinned; the measured heap is pinned loosely (it depends on the collector), the retained heap closely."""
import json
import os
import re
import unittest

from results import ROOT, assert_near, notebook_results


# the seeded run's measured figures (see test_the_growing_log_and_its_candidates, test_the_experiment_analysis_...)
RETAINED_MB = [10.058736, 29.801632]
AA_FPR = 0.08   # 8 of 100 re-splits


class AtScaleNotebook(unittest.TestCase):
    def setUp(self):
        self.r = notebook_results("13-at-scale")

    def near(self, key, expected, rel=0.03):
        assert_near(self, self.r, key, expected, rel)

    def test_spark_als_against_the_librarys(self):
        # regParam = 30 × 671 users / 80,001 training interactions, for both in Spark's (weighted) convention
        self.assertAlmostEqual(self.r["reg_param"], 30 * 671 / 80001, places=12)
        library, spark, fixed = self.r["als_ndcg"]
        self.assertAlmostEqual(fixed, 0.136065, delta=2e-4)   # notebook 9's ALS (fixed λ = 30), same protocol and seed
        self.near("als_ndcg", [0.131530, 0.131730, 0.136065], rel=0.01)
        # the target: the same factors, penalty, confidence and iterations agree on NDCG@10 within 3%
        self.assertLess(abs(spark / library - 1), 0.03)
        # "the gap was the penalty": the library's own weighted model sits where Spark's does, below its fixed one
        self.assertLess(library, fixed)
        self.assertLess(abs(spark / library - 1), abs(spark / fixed - 1))
        library_s, spark_s, recommend_s = self.r["als_seconds"]
        self.assertGreater(recommend_s, 0)
        self.assertLess(library_s, spark_s)   # "the library is faster" on 100,000 ratings

    def test_spark_ranking_metrics_equal_the_librarys_where_conventions_agree(self):
        names = self.r["metric_names"]
        self.assertEqual(names, ["P@10", "R@10", "NDCG@10", "MAP@10", "MAP ÷ |R|", "MAP (chapter)"])
        spark, library = self.r["metric_spark"], self.r["metric_library"]
        for name, s, l in zip(names[:5], spark[:5], library[:5]):
            self.assertAlmostEqual(s, l, delta=1e-9, msg=name)
        self.assertLess(self.r["metric_worst_shared_difference"], 1e-9)
        self.near("metric_spark", [0.115946, 0.0780071, 0.131730, 0.0634594, 0.0331196, 0.0331196], rel=0.01)
        # Spark's MAP divides by |R|, the chapter's by the hits: several times smaller
        self.assertAlmostEqual(library[5], 0.226781, delta=0.01 * 0.226781)
        self.assertGreater(library[5], 5 * spark[5])

    def test_the_growing_log_and_its_candidates(self):
        # the seeded log: the same on Spark (8 partitions) and in one JVM (the study checks both counts)
        self.assertEqual(self.r["growth_events"], [249158, 998886])
        self.assertEqual(self.r["candidate_rows"], 20000 * 50)
        library, spark = self.r["growth_library_seconds"], self.r["growth_spark_seconds"]
        for l, s in zip(library, spark):
            self.assertGreater(l, 0)
            self.assertLess(l, s)   # "the library stays ahead at every size here"
        # the library's arrays, counted from their lengths: 28 bytes an interaction, and for each of the users (50
        # interactions each on average) and 20,000 items 16 factors in doubles and 12 bytes of offsets and counts
        counted = [(n * 28 + (size // 50 + 20000) * 140) / 1e6
                   for n, size in ((249158, 250000), (998886, 1000000))]
        self.near("growth_library_mb", counted, rel=1e-9)
        # measured: the heap only the model and its log hold (after a collection, alive against dropped): at least
        # the arrays the model keeps (the log's 20 bytes an interaction and 16 factors in doubles per row), less than
        # those counted while training, which include the two adjacency lists (8 bytes an interaction) it drops
        retained = self.r["growth_library_retained_mb"]
        self.near("growth_library_retained_mb", RETAINED_MB, rel=0.05)
        for r, c, (n, size) in zip(retained, counted, ((249158, 250000), (998886, 1000000))):
            self.assertGreaterEqual(r, (n * 20 + (size // 50 + 20000) * 16 * 8) / 1e6)
            self.assertLess(r, c)
        self.assertAlmostEqual(self.r["bytes_per_event"], retained[-1] * 1e6 / 998886, places=6)
        # the peak heap while drawing and training includes garbage not yet collected, so it moves with the collector's
        # timing (five seeded runs: the library's first size 25–59 MB, its last 117–130 MB; Spark's from 401 to 1821 MB
        # in no steady order, e.g. 897, 401, 513): not pinned to a value; what held in every run is the order of the
        # two and that the library's grows with the log
        library_peak, spark_peak = self.r["growth_library_peak_mb"], self.r["growth_spark_peak_mb"]
        for lp, sp in zip(library_peak, spark_peak):
            self.assertGreater(sp, 3 * lp)   # Spark's fit takes several times the library's heap here (≥ 4×)
        for p, r in zip(library_peak, retained):
            self.assertGreaterEqual(p, 0.9 * r)
        self.assertLess(library_peak[0], library_peak[-1])
        for p in spark_peak:
            self.assertGreater(p, 0)

    def test_the_experiment_analysis_on_spark_equals_the_embedded_databases(self):
        # DuckDB on the store and Spark SQL on its Parquet export, the library's statistics on both: every count the
        # same and every rate and statistic to the last bit
        self.assertLessEqual(self.r["exp_largest_difference"], 1e-12)
        # the seeded store (ExperimentLog, seed 12): distinct users per arm and day, exactly
        self.assertEqual(self.r["exp_users_control"], [306, 321, 306])
        self.assertEqual(self.r["exp_users_treatment"], [306, 286, 218])
        # "the check finds the last day's logging fault"
        self.assertEqual(self.r["exp_srm_verdicts"], ["ok", "ok", "MISMATCH"])
        self.near("exp_srm_p", [1.0, 0.155431, 0.000120898], rel=0.01)
        # CTR per arm on the A/B days and the delta method's p-value
        self.near("exp_ctr", [0.0881543, 0.0949525, 0.412841], rel=0.01)
        # the A/A re-splits: 100 salts over the first day's users, MD5 in both engines, the same rate from either
        duck_fpr, spark_fpr = self.r["exp_aa_fpr"]
        self.assertEqual(duck_fpr, spark_fpr)
        self.assertEqual(self.r["exp_aa_rows"], 100 * (306 + 306))
        self.assertAlmostEqual(spark_fpr, AA_FPR, delta=0.001)
        self.assertLessEqual(spark_fpr, 0.12)

    def test_the_maven_coordinate_follows_the_root_poms_version(self):
        # %maven takes a literal coordinate; the version is written once, in the root pom's <version>
        with open(os.path.join(ROOT, "pom.xml"), encoding="utf-8") as f:
            version = re.search(r"^  <version>(.*)</version>", f.read(), re.M).group(1)
        with open(os.path.join(ROOT, "notebooks", "13-at-scale.ipynb"), encoding="utf-8") as f:
            cells = json.load(f)["cells"]
        magics = [line for c in cells if c["cell_type"] == "code" for line in "".join(c["source"]).splitlines()
                  if line.startswith("%maven")]
        self.assertEqual(magics, [f"%maven org.recsysbook:scale:{version}"])

    def test_exercise_checks(self):
        self.assertIs(self.r["check_spark_average_precision"], True)
        self.assertIs(self.r["check_cell_classes_on_a_cluster"], True)
        self.assertIs(self.r["check_weighted_penalty"], True)


if __name__ == "__main__":
    unittest.main()
