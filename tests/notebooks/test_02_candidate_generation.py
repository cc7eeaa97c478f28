"""The figures 02-candidate-generation records: the seed's blend, the exact scan, HNSW against exact
search over the search breadth, and the merged candidate sources."""
import unittest

from results import notebook_results


class CandidateGenerationNotebook(unittest.TestCase):
    def setUp(self):
        self.r = notebook_results("02-candidate-generation")

    def test_seed_blend(self):
        self.assertEqual(self.r["blend_candidates"], 50)
        # 0.7·cos + 0.3·pop: the best of 1000 items has a cosine of 0.5-0.9 in 20 dimensions and a
        # popularity in (0, 1], so its blend lies well inside (0.3, 1.0].
        self.assertGreater(self.r["blend_top_score"], 0.3)
        self.assertLessEqual(self.r["blend_top_score"], 1.0)

    def test_popularity_term_pulls_in_popular_items(self):
        self.assertGreater(self.r["blend_mean_popularity"], self.r["cosine_mean_popularity"])
        self.assertGreater(self.r["blend_cosine_overlap"], 0.3)
        self.assertLess(self.r["blend_cosine_overlap"], 1.0)

    def test_exact_scan(self):
        self.assertIs(self.r["exact_split_equals_single"], True)
        # 250k × 64 floats is 64 MB per query; anything below 0.3 GB/s would mean a broken scan.
        self.assertGreater(self.r["scan_gb_per_s_best_one_core"], 0.3)

    def test_hnsw_recall_against_exact(self):
        recalls = self.r["recall_at_100_by_breadth"]
        self.assertEqual(len(recalls), len(self.r["breadths"]))
        for rec in recalls:
            self.assertGreaterEqual(rec, 0.0)
            self.assertLessEqual(rec, 1.0)
        self.assertGreaterEqual(self.r["recall_at_100_max_breadth"], 0.9)
        self.assertGreaterEqual(self.r["recall_at_100_min_breadth"], 0.8)
        # a wider search never finds fewer true neighbours on average (allow noise of half a neighbour)
        self.assertGreaterEqual(self.r["recall_at_100_max_breadth"], self.r["recall_at_100_min_breadth"] - 0.005)

    def test_costs_grow_sensibly(self):
        self.assertGreater(self.r["hnsw_build_seconds_largest"], 0.0)
        self.assertLess(self.r["hnsw_build_seconds_largest"], 120.0)
        # the graph grows about linearly: 6 times the items, between 3 and 12 times the memory
        ratio = self.r["hnsw_graph_mib_largest"] / self.r["hnsw_graph_mib_smallest"]
        self.assertGreater(ratio, 3.0)
        self.assertLess(ratio, 12.0)
        self.assertGreater(self.r["hnsw_median_ms_largest_min_breadth"], 0.0)
        self.assertGreater(self.r["exact_median_ms_largest"], 0.0)

    def test_merged_sources(self):
        self.assertEqual(self.r["merged_size"], 30)
        self.assertEqual(self.r["merged_distinct"], 30)

    def test_expected_clicks(self):
        # HNSW finds nearly the exact top 10, so it earns nearly the same clicks; popularity earns less
        self.assertGreater(self.r["expected_clicks_hnsw"], 0.95 * self.r["expected_clicks_exact"])
        self.assertGreater(self.r["expected_clicks_exact"], self.r["expected_clicks_popularity"])


if __name__ == "__main__":
    unittest.main()
