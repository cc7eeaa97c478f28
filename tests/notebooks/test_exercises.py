"""Every exercise check of the stored notebooks (the instructor edition, solutions in place) passes when
`./workbook run` executes them, and every notebook from 01 on records two to four checks."""
import os
import unittest

from results import all_results

NOTEBOOKS = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                         "notebooks")


class ExerciseChecks(unittest.TestCase):
    def test_every_check_passes_with_the_solutions_in_place(self):
        results = all_results()
        names = sorted(f[:-6] for f in os.listdir(NOTEBOOKS) if f.endswith(".ipynb") and not f.startswith("00"))
        for name in names:
            with self.subTest(notebook=name):
                self.assertIn(name, results, f"{name} did not run")
                checks = {k: v for k, v in results[name].items() if k.startswith("check_")}
                self.assertTrue(2 <= len(checks) <= 4, f"{name} recorded checks {sorted(checks)}")
                self.assertEqual(checks, {k: True for k in checks}, f"{name}: a check failed")


if __name__ == "__main__":
    unittest.main()
