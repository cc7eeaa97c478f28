"""The JupyterLab and Notebook that the UI tests drive are the ones requirements-lab.txt and environment.yml pin,
and both files pin the same versions (conda and Binder users get what the tests ran)."""
import os
import re
import unittest

import jupyterlab
import notebook

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def pins(path, pattern):
    with open(os.path.join(ROOT, path), encoding="utf-8") as f:
        return dict(re.findall(pattern, f.read(), re.MULTILINE))


class Pins(unittest.TestCase):
    def setUp(self):
        self.pip = pins("requirements-lab.txt", r"^([A-Za-z0-9_.-]+)==(\S+)")
        self.conda = pins("environment.yml", r"^\s*-\s*([A-Za-z0-9_.-]+)=(\S+)")

    def test_the_same_versions_in_both_files(self):
        for package in ("jupyterlab", "notebook"):
            self.assertIn(package, self.pip, "requirements-lab.txt")
            self.assertEqual(self.conda.get(package), self.pip[package], f"{package} in environment.yml")

    def test_the_tests_run_the_pinned_versions(self):
        self.assertEqual(jupyterlab.__version__, self.pip["jupyterlab"], "JupyterLab in this environment")
        self.assertEqual(notebook.__version__, self.pip["notebook"], "Notebook in this environment")


if __name__ == "__main__":
    unittest.main()
