"""The course editions: `./workbook release` writes a student edition whose solution cells are TODO stubs and an
instructor edition that is complete; every notebook from 01 on ends with 2 to 4 exercises, each with a check cell.

The kernel tests execute the student edition: the stubs compile in every notebook, and in one real notebook
(07-bandits, the quickest) every check fails on the stubs without stopping the run, then passes once the
solution cells are put back.
"""
import copy
import json
import os
import re
import subprocess
import sys
import tempfile
import unittest

import nbformat
from nbclient import NotebookClient

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NOTEBOOKS = os.path.join(ROOT, "notebooks")
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import release  # noqa: E402

RESULT_MIME = "application/vnd.recsysbook.result+json"
RUN_NOTEBOOK = "07-bandits"
TRIVIAL_LINES = {"{", "}", "};", ""}
DEFAULT_RETURN = re.compile(r"return (0|false|null|'\?'|\"\"|new \w+\[0\](\[\])*);")


def notebook_names():
    return sorted(f[:-6] for f in os.listdir(NOTEBOOKS) if f.endswith(".ipynb"))


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def exercise_cells(nb):
    """The cells after the notebook's '## Exercises' heading (the heading's cell included)."""
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "markdown" and re.search(r"^## Exercises", release.source(cell), re.M):
            return nb["cells"][i:]
    return []


def recorded(cells):
    out = {}
    for cell in cells:
        for output in cell.get("outputs", []):
            item = output.get("data", {}).get(RESULT_MIME)
            if item is not None:
                item = json.loads(item) if isinstance(item, str) else item
                out[item["name"]] = item["value"]
    return out


def errors(nb):
    return [f"cell {i}: {o.get('ename')}: {o.get('evalue')}" for i, c in enumerate(nb.cells)
            for o in c.get("outputs", []) if o.get("output_type") == "error"]


def execute(nb_dict):
    """Executes a notebook given as a plain dict (sources as strings or lists) and returns the executed node."""
    nb = nbformat.reads(json.dumps(nb_dict), as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="java", resources={"metadata": {"path": NOTEBOOKS}}).execute()
    return nb


class Release(unittest.TestCase):
    """What `./workbook release` writes, checked without a kernel."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.out = cls.tmp.name
        proc = subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "release.py"), "--out", cls.out],
                              capture_output=True, text=True)
        if proc.returncode != 0:
            raise AssertionError(f"release.py failed:\n{proc.stdout}\n{proc.stderr}")

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def edition(self, which, name):
        return load(os.path.join(self.out, which, name + ".ipynb"))

    def test_both_editions_hold_every_notebook_without_outputs(self):
        for which in ("student", "instructor"):
            self.assertEqual(sorted(f[:-6] for f in os.listdir(os.path.join(self.out, which))
                                    if f.endswith(".ipynb")), notebook_names(), which)
            self.assertTrue(os.path.exists(os.path.join(self.out, which, "README.md")))
            for name in notebook_names():
                for cell in self.edition(which, name)["cells"]:
                    if cell["cell_type"] == "code":
                        self.assertEqual(cell["outputs"], [], f"{which}/{name}")
                        self.assertIsNone(cell["execution_count"], f"{which}/{name}")

    def test_the_instructor_edition_is_the_stored_notebooks(self):
        for name in notebook_names():
            stored = load(os.path.join(NOTEBOOKS, name + ".ipynb"))
            instructor = self.edition("instructor", name)
            self.assertEqual([release.source(c) for c in instructor["cells"]],
                             [release.source(c) for c in stored["cells"]], name)
            self.assertEqual(instructor["metadata"], stored["metadata"], name)

    def test_the_student_edition_holds_no_solution_code(self):
        checked = 0
        for name in notebook_names():
            stored = load(os.path.join(NOTEBOOKS, name + ".ipynb"))
            student = self.edition("student", name)
            self.assertEqual(len(student["cells"]), len(stored["cells"]), name)
            for original, stub in zip(stored["cells"], student["cells"]):
                self.assertEqual(original.get("id"), stub.get("id"), name)
                if not release.is_solution(original):
                    self.assertEqual(release.source(stub), release.source(original), f"{name}: a cell changed")
                    continue
                checked += 1
                if original["cell_type"] == "markdown":
                    self.assertEqual(release.source(stub), release.MARKDOWN_STUB)
                    continue
                headers = {line.strip() for line in release.source(stub).splitlines()
                           if line.strip().endswith("{")}
                solution_lines = {line.strip() for line in release.source(original).splitlines()}
                kept = {line.strip() for line in release.source(stub).splitlines()} & solution_lines
                leaked = {line for line in kept - headers - TRIVIAL_LINES if not DEFAULT_RETURN.fullmatch(line)}
                self.assertFalse(leaked, f"{name}: the student edition keeps solution lines {sorted(leaked)}")
                self.assertIn("TODO", release.source(stub), name)
        self.assertGreater(checked, 0, "no solution cells at all")

    def test_every_notebook_from_01_ends_with_two_to_four_checked_exercises(self):
        for name in notebook_names():
            if name.startswith("00"):
                continue
            cells = exercise_cells(load(os.path.join(NOTEBOOKS, name + ".ipynb")))
            self.assertTrue(cells, f"{name} has no '## Exercises' section")
            exercises, current = [], None
            for cell in cells:
                text = release.source(cell)
                if cell["cell_type"] == "markdown" and re.search(r"^## (?!Exercises)", text, re.M):
                    self.fail(f"{name}: a new section follows the exercises")
                if cell["cell_type"] == "markdown" and re.search(r"^### Exercise \d", text, re.M):
                    current = {"solutions": 0, "checks": 0}
                    exercises.append(current)
                elif current is not None and release.is_solution(cell) and cell["cell_type"] == "code":
                    self.assertEqual(current["checks"], 0, f"{name}: a solution cell after its exercise's check")
                    current["solutions"] += 1
                elif cell["cell_type"] == "code":
                    self.assertIsNotNone(current, f"{name}: code before the first exercise")
                    self.assertRegex(text, r"\bCheck\.\w+\(", f"{name}: an exercise code cell that is not a check")
                    current["checks"] += 1
            self.assertTrue(2 <= len(exercises) <= 4, f"{name} has {len(exercises)} exercises")
            for i, ex in enumerate(exercises, 1):
                self.assertGreaterEqual(ex["solutions"], 1, f"{name} exercise {i} has no solution cell")
                self.assertEqual(ex["checks"], 1, f"{name} exercise {i} needs exactly one check cell")

    def test_the_stored_notebooks_have_no_outputs(self):
        for name in notebook_names():
            for cell in load(os.path.join(NOTEBOOKS, name + ".ipynb"))["cells"]:
                if cell["cell_type"] == "code":
                    self.assertEqual(cell.get("outputs"), [], f"{name} is stored with outputs")
                    self.assertIsNone(cell.get("execution_count"), f"{name} is stored with execution counts")


class Stubs(unittest.TestCase):
    """How a solution cell becomes a stub."""

    def test_a_method_keeps_its_signature_and_returns_a_default(self):
        stub = release.stub_code("/** The index. */\ndouble ucb(double mean, long n) {\n"
                                 "    if (n == 0) {\n        return 1;\n    }\n    return mean;\n}\n")
        self.assertEqual(stub, "double ucb(double mean, long n) {\n    // TODO: your code here\n    return 0;\n}")

    def test_defaults_by_type(self):
        cases = {"int[] ranked(int k) { return null; }": "return new int[0];",
                 "double[][] inv(double[][] a) { return a; }": "return new double[0][];",
                 "boolean ok() { return true; }": "return false;",
                 "String name() { return \"x\"; }": 'return "";',
                 "List<Integer> xs() { return List.of(1); }": "return null;",
                 "<T> T first(List<T> xs) throws Exception { return xs.get(0); }": "return null;"}
        for code, expected in cases.items():
            self.assertIn(expected, release.stub_code(code), code)
        self.assertNotIn("return", release.stub_code("void run(int n) { System.out.println(n); }"))

    def test_variables_keep_their_type_and_other_statements_become_one_todo(self):
        stub = release.stub_code("double best = 0;\nfor (double c : cs) {\n    if (f(c) > best) { best = f(c); }"
                                 " else { g(); }\n}\nSystem.out.println(best);\nchar why = 'b';\n"
                                 "Map<String, double[]> m = Map.of(\"a;{\", new double[] {1, 2});\n"
                                 "int[] picks = {1, 2};\nPipeline p = Pipeline.builder(w)\n        .build();")
        self.assertEqual(stub.splitlines(), [
            "double best = 0;   // TODO", "// TODO: your code here", "char why = '?';   // TODO",
            "Map<String, double[]> m = null;   // TODO", "int[] picks = new int[0];   // TODO",
            "Pipeline p = null;   // TODO"])

    def test_a_text_block_with_commas_is_one_variable(self):
        stub = release.stub_code('String design = """\n    First, the rules; then, the quota.\n    """;\nchar why = \'a\';')
        self.assertEqual(stub.splitlines(), ['String design = "";   // TODO', "char why = '?';   // TODO"])

    def test_cells_a_stub_cannot_keep_compiling_are_refused(self):
        for code in ["var x = 1;", "int a = 0, b = 1;", "record R(int a) { }", "class C { }",
                     "static enum E { A }"]:
            with self.assertRaises(release.StubError, msg=code):
                release.stub_code(code)


class StudentEditionRuns(unittest.TestCase):
    """The student edition in a real kernel."""

    @classmethod
    def setUpClass(cls):
        cls.student = {name: release.student_edition(load(os.path.join(NOTEBOOKS, name + ".ipynb")))
                       for name in notebook_names()}

    def test_every_stub_compiles(self):
        for name, nb in self.student.items():
            stubs = [c for c in nb["cells"] if release.is_solution(c) and c["cell_type"] == "code"]
            if not stubs:
                continue
            imports = next(c for c in nb["cells"] if c["cell_type"] == "code")
            trial = copy.deepcopy(nb)
            trial["cells"] = [imports] + stubs
            executed = execute(trial)
            self.assertEqual(errors(executed), [], f"{name}: a stub does not compile")

    def test_checks_fail_on_the_stubs_and_pass_once_the_solutions_are_back(self):
        stored = load(os.path.join(NOTEBOOKS, RUN_NOTEBOOK + ".ipynb"))
        student = copy.deepcopy(self.student[RUN_NOTEBOOK])
        first_part = len(student["cells"])
        # run the whole student edition, then the stored exercise section (the solutions) in the same kernel
        solutions = copy.deepcopy(exercise_cells(stored))
        for cell in solutions:
            cell["id"] = cell.get("id", "cell") + "-solved"
        student["cells"] += solutions
        executed = execute(student)
        self.assertEqual(errors(executed), [])
        on_stubs = {k: v for k, v in recorded(executed.cells[:first_part]).items() if k.startswith("check_")}
        solved = {k: v for k, v in recorded(executed.cells[first_part:]).items() if k.startswith("check_")}
        self.assertGreaterEqual(len(on_stubs), 2, on_stubs)
        self.assertEqual(on_stubs, {k: False for k in on_stubs}, "a check passed on a stub")
        self.assertEqual(solved, {k: True for k in on_stubs}, "a check failed with the solution in place")
        verdicts = [o["data"]["text/plain"] for c in executed.cells[:first_part] for o in c.get("outputs", [])
                    if "✘" in str(o.get("data", {}).get("text/plain", ""))]
        self.assertEqual(len(verdicts), len(on_stubs), verdicts)


if __name__ == "__main__":
    unittest.main()
