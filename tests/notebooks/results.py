"""Reads what `./workbook run` recorded, for the notebook tests.

`./workbook run` executes every notebook and collects the figures each recorded with
`Results.record(name, value)` into build/workbook/results.json, keyed by notebook name.
The tests assert on those figures; a notebook that did not run, or did not record a
figure a test asks for, fails the test with a message saying so.
"""
import json
import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RESULTS = os.environ.get("WORKBOOK_RESULTS",
                         os.path.join(ROOT, "build", "workbook", "results.json"))


def all_results():
    if not os.path.exists(RESULTS):
        raise AssertionError(
            f"{RESULTS} does not exist: run ./workbook run first")
    with open(RESULTS, encoding="utf-8") as f:
        return json.load(f)


def notebook_results(name):
    """The figures notebook `name` (file name without .ipynb) recorded, as a dict."""
    results = all_results()
    if name not in results:
        raise AssertionError(f"notebook {name} has no recorded results in {RESULTS}; "
                             f"notebooks with results: {sorted(results)}")
    return Recorded(name, results[name])


class Recorded(dict):
    """A notebook's recorded figures; a missing name fails with the names that exist."""

    def __init__(self, notebook, values):
        super().__init__(values)
        self.notebook = notebook

    def __missing__(self, key):
        raise AssertionError(f"{self.notebook} recorded no '{key}'; it recorded {sorted(self)}")


def assert_near(test, recorded, key, expected, rel=0.03):
    """Each of recorded[key] (a number or a list) within rel, relative, of the seeded run's expected value(s); an
    expected None (a missing table cell) must have been recorded as None."""
    values = recorded[key]
    if not isinstance(values, list):
        values, expected = [values], [expected]
    test.assertEqual(len(values), len(expected), key)
    for got, want in zip(values, expected):
        if want is None:   # a table cell recorded as missing (Results.recordAll)
            test.assertIsNone(got, msg=f"{key}: {values} vs {expected}")
            continue
        test.assertIsNotNone(got, msg=f"{key}: {values} vs {expected}")
        test.assertAlmostEqual(got, want, delta=rel * abs(want) + 1e-12, msg=f"{key}: {values} vs {expected}")
