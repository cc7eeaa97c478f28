"""The figures 00-welcome records, checked against what its cells compute."""
import unittest

from results import notebook_results


class WelcomeNotebook(unittest.TestCase):
    def setUp(self):
        self.r = notebook_results("00-welcome")

    def test_cells_share_state(self):
        self.assertEqual(self.r["answer"], 42)
        self.assertEqual(self.r["catalog_rows"], 6)
        self.assertAlmostEqual(self.r["mean_shortlist_score"], (0.91 + 0.77 + 0.64) / 3, places=12)

    def test_timed_loop_result(self):
        full_cycles, rest = divmod(50_000_000, 7)
        self.assertEqual(self.r["sum_mod_7"], full_cycles * sum(range(7)) + sum(range(rest)))
