"""The workbook as a student sees it: every notebook run in JupyterLab 4 (and one in Notebook 7) in Chromium.

One JupyterLab server (lab.LabServer) and one Chromium (lab.Browser) serve every test in this module; both stop at
the end. A failing check saves a screenshot under build/ui/screenshots/ and names it in the failure. Each
notebook's time in JupyterLab goes to build/ui/timings.json, beside its nbclient time when build/workbook/run.json
has one.

Run with ./workbook test ui, which readies the virtual environment (requirements-lab.txt), Chromium and this
checkout's kernelspec first.
"""
import contextlib
import json
import os
import re
import shutil
import time
import unittest

import lab

SERVER = BROWSER = PAGE = None
RUN_ALL_SECONDS = 300       # a notebook's budget is 60 s (120 s at most); past this it is stuck
DRAW_SECONDS = 30           # time a chart gets to draw after its cell ran
INTERRUPT_SECONDS = 1.0     # the interrupt button must stop a busy loop within this
NOTEBOOK7 = "01-multi-stage-pipeline"   # a short notebook with charts and tables, run again in Notebook 7's UI
# JupyterLab's debugger extension throws this for a kernel without a debugger (ours says so in its kernelspec);
# it is JupyterLab's own noise, not the notebook's.
KNOWN_PAGE_ERRORS = re.compile(r"No active debugger session")


def setUpModule():
    global SERVER, BROWSER, PAGE
    SERVER = lab.LabServer()
    try:
        BROWSER = lab.Browser()
        PAGE = BROWSER.new_page()
        lab.open_lab(PAGE, SERVER)
    except Exception:
        tearDownModule()
        raise


def tearDownModule():
    global SERVER, BROWSER
    if BROWSER:
        BROWSER.close()
        BROWSER = None
    if SERVER:
        SERVER.stop()
        SERVER = None


@contextlib.contextmanager
def pictured(page, name):
    """Runs the block; if it fails, saves a screenshot of the page and names it in the failure."""
    try:
        yield
    except Exception as e:
        path = lab.screenshot(page, name)
        raise AssertionError(f"{e}\n(screenshot: {os.path.relpath(path, lab.ROOT)})") from e


def unexpected_page_errors(page, since=0):
    return [e for e in page.errors[since:] if not KNOWN_PAGE_ERRORS.search(e)]


def check_run(test, nb, name, seconds_budget=RUN_ALL_SECONDS):
    """Run All in an open notebook and the checks every notebook must pass; returns (seconds, cells, charts)."""
    outside_before = len(BROWSER.outside)
    errors_before = len(nb.page.errors)
    ok, seconds = nb.run_all(seconds_budget)
    cells = nb.cells()
    charts, tables, unrun, errors = lab.expected_outputs(cells)
    test.assertEqual(unrun, [], f"{name}: code cells without an execution count after Run All")
    test.assertEqual(errors, [], f"{name}: error outputs in cells not tagged raises-exception")
    drawn = nb.wait_drawn(charts, tables, DRAW_SECONDS)
    test.assertEqual(drawn["charts"], charts, f"{name}: drawn plotly charts against chart outputs")
    test.assertEqual(drawn["tables"], tables, f"{name}: rendered tables against table outputs")
    test.assertEqual(BROWSER.outside[outside_before:], [], f"{name}: requests that left localhost")
    test.assertEqual(unexpected_page_errors(nb.page, errors_before), [], f"{name}: script errors in the page")
    # Run All reports failure when a cell tagged raises-exception raised, as it must; any other failure is above.
    return seconds, cells, charts, ok


class RunAllInJupyterLab(unittest.TestCase):
    """Every notebook in notebooks/ from a fresh kernel with Run All, then saved, closed and reopened."""

    def test_every_notebook(self):
        timings = {}
        names = lab.notebook_names()
        self.assertTrue(names, "no notebooks found")
        for name in names:
            with self.subTest(notebook=name), pictured(PAGE, f"lab-{name}"):
                path = name + ".ipynb"
                t0 = time.monotonic()
                nb = lab.Notebook(PAGE, path)
                nb.wait_kernel_idle()
                started = time.monotonic() - t0
                try:
                    seconds, cells, charts, _ = check_run(self, nb, name)
                    timings[name] = {"kernel_start": round(started, 1), "run_all": round(seconds, 1),
                                     "total": round(started + seconds, 1)}
                    nb.save()
                finally:
                    nb.close()
                self.check_saved(name, cells)
                t0 = time.monotonic()
                self.check_reopened(name, charts)
                timings[name]["reopen"] = round(time.monotonic() - t0, 1)
        write_timings(timings)

    def check_saved(self, name, cells):
        with open(SERVER.notebook_path(name), encoding="utf-8") as f:
            saved = json.load(f)["cells"]
        self.assertEqual([c.get("execution_count") for c in saved], [c.get("execution_count") for c in cells],
                         f"{name}: the saved notebook's execution counts")
        self.assertEqual(lab.expected_outputs(saved)[:2], lab.expected_outputs(cells)[:2],
                         f"{name}: charts and tables in the saved notebook")

    def check_reopened(self, name, charts):
        nb = lab.Notebook(PAGE, name + ".ipynb", wait_kernel=False)   # the charts need no kernel
        try:
            drawn = nb.wait_drawn(charts, 0, DRAW_SECONDS)
            self.assertEqual(drawn["charts"], charts, f"{name}: charts drawn after saving, closing and reopening")
        finally:
            nb.close()


def write_timings(timings):
    """build/ui/timings.json, and a table of each notebook's seconds in JupyterLab and with nbclient."""
    nbclient = {}
    run_json = os.path.join(lab.ROOT, "build", "workbook", "run.json")
    if os.path.exists(run_json):
        with open(run_json, encoding="utf-8") as f:
            nbclient = {k: v.get("seconds") for k, v in json.load(f).items()}
    for name, t in timings.items():
        t["nbclient"] = nbclient.get(name)
    os.makedirs(lab.WORK, exist_ok=True)
    with open(os.path.join(lab.WORK, "timings.json"), "w", encoding="utf-8") as f:
        json.dump(timings, f, indent=2, sort_keys=True)
    width = max([len(n) for n in timings] + [8])
    lines = [f"\n{'notebook':<{width}}  {'kernel start':>12} {'Run All':>8} {'JupyterLab':>10} {'nbclient':>8}"
             f" {'reopen':>7}"]
    for name, t in sorted(timings.items()):
        nbc = f"{t['nbclient']:8.1f}" if t["nbclient"] is not None else f"{'-':>8}"
        lines.append(f"{name:<{width}}  {t['kernel_start']:12.1f} {t['run_all']:8.1f} {t['total']:10.1f} {nbc}"
                     f" {t.get('reopen', 0):7.1f}")
    print("\n".join(lines), flush=True)


class KernelInJupyterLab(unittest.TestCase):
    """Completion, inspection, interrupt, restart and input in a scratch notebook of JupyterLab."""

    @classmethod
    def setUpClass(cls):
        path = os.path.join(SERVER.root, "ui-scratch.ipynb")
        with open(path, "w", encoding="utf-8") as f:
            json.dump({"cells": [{"cell_type": "code", "id": "start", "source": "String greeting = \"hello\";",
                                  "metadata": {}, "outputs": [], "execution_count": None}],
                       "nbformat": 4, "nbformat_minor": 5,
                       "metadata": {"kernelspec": {"name": "java", "display_name": "Java (workbook)",
                                                   "language": "java"}}}, f)
        cls.nb = lab.Notebook(PAGE, "ui-scratch.ipynb")
        cls.nb.wait_kernel_idle()
        # A student runs a cell before pressing Tab; the first request to a fresh kernel takes seconds (JShell
        # starting), longer than JupyterLab waits for completions (1 s), so a Tab before any cell offers nothing.
        cls.nb.activate()
        cls.nb.eval("async (path) => { window.__ui.panel(path).content.activeCellIndex = 0; "
                    "await window.jupyterapp.commands.execute('notebook:run-cell'); }", cls.nb.path)
        cls.nb.wait_kernel_idle()

    @classmethod
    def tearDownClass(cls):
        cls.nb.close()

    def new_cell(self, source):
        """A new code cell at the end holding source, active and in edit mode with the cursor at its end."""
        self.nb.activate()
        self.nb.eval("""async ([path, source]) => {
          const panel = window.__ui.panel(path);
          const nb = panel.content;
          nb.mode = 'command';
          nb.activeCellIndex = nb.widgets.length - 1;
          await window.jupyterapp.commands.execute('notebook:insert-cell-below');
          const cell = nb.activeCell;
          cell.model.sharedModel.setSource(source);
          nb.mode = 'edit';
          cell.editor.focus();
          const lines = source.split('\\n');
          cell.editor.setCursorPosition({line: lines.length - 1, column: lines[lines.length - 1].length});
        }""", [self.nb.path, source])

    def start_active_cell(self):
        """Runs the active cell without waiting for it; wait_active_cell() waits."""
        self.nb.eval("() => { window.__cellRun = window.jupyterapp.commands.execute('notebook:run-cell'); }")

    def wait_active_cell(self, timeout=60):
        self.nb.eval("async (t) => { await Promise.race([window.__cellRun, "
                     "new Promise(r => setTimeout(r, t * 1000))]); }", timeout)
        self.nb.wait_kernel_idle()
        return self.active_outputs()

    def active_outputs(self):
        """The active cell's outputs as text: plain text, stream text and error names and values."""
        outs = self.nb.eval("(path) => window.__ui.panel(path).content.activeCell.model.toJSON().outputs",
                            self.nb.path)
        texts = []
        for o in outs:
            if o["output_type"] == "stream":
                texts.append("".join(o["text"]))
            elif o["output_type"] == "error":
                texts.append(f"{o['ename']}: {o['evalue']}")
            else:
                texts.append("".join(o.get("data", {}).get("text/plain", "")))
        return "\n".join(texts)

    def run_cell(self, source, timeout=60):
        self.new_cell(source)
        self.start_active_cell()
        return self.wait_active_cell(timeout)

    def test_completer_offers_system(self):
        with pictured(PAGE, "lab-completer"):
            self.new_cell("Sys")
            PAGE.keyboard.press("Tab")
            # With several matches JupyterLab lists them; with one, it inserts it at once.
            PAGE.wait_for_function("""(path) => {
              const items = [...document.querySelectorAll('.jp-Completer-item .jp-Completer-match')]
                .map(i => i.textContent.trim());
              const source = window.__ui.panel(path).content.activeCell.model.sharedModel.getSource();
              return items.includes('System') || source === 'System';
            }""", arg=self.nb.path, timeout=15_000)
            PAGE.keyboard.press("Escape")

    def test_tooltip_shows_signature(self):
        with pictured(PAGE, "lab-tooltip"):
            self.new_cell("Math.max")
            PAGE.keyboard.press("Shift+Tab")
            tooltip = PAGE.locator(".jp-Tooltip")
            tooltip.wait_for(state="visible", timeout=15_000)
            text = tooltip.inner_text()
            self.assertRegex(text, r"max\s*\(\s*(int|long|float|double)\b", "the tooltip of Math.max")
            PAGE.keyboard.press("Escape")

    def test_interrupt_stops_a_busy_loop_and_keeps_variables(self):
        with pictured(PAGE, "lab-interrupt"):
            self.run_cell("int kept = 42;")
            self.new_cell("while (true) { }")
            self.start_active_cell()
            PAGE.wait_for_function("(path) => window.__ui.kernelStatus(path) === 'busy'", arg=self.nb.path)
            time.sleep(1.0)   # well inside the loop
            # Times taken in the page: from the button's click to the first moment the kernel reads "idle" again.
            # The state is polled rather than awaited as a status event, so that a status change the page saw
            # before the click, or on a connection object it has since replaced, cannot hide the stop.
            self.nb.eval("""(path) => {
              window.__clickAt = null;
              window.__idleAt = null;
              document.addEventListener('click', () => {
                if (window.__clickAt !== null) return;
                window.__clickAt = performance.now();
                const poll = () => {
                  if (window.__ui.kernelStatus(path) === 'idle') window.__idleAt = performance.now();
                  else setTimeout(poll, 5);
                };
                setTimeout(poll, 0);
              }, {capture: true, once: true});
            }""", self.nb.path)
            panel_id = self.nb.eval("(path) => window.__ui.panel(path).id", self.nb.path)
            PAGE.locator(f"[id='{panel_id}'] .jp-Toolbar [data-command='notebook:interrupt-kernel']").click()
            try:
                PAGE.wait_for_function("() => window.__idleAt !== null", timeout=30_000)
            except Exception as e:
                raise AssertionError(f"the kernel was not idle 30 s after the interrupt button: {self.interrupt_state()}") from e
            seconds = self.nb.eval("() => (window.__idleAt - window.__clickAt) / 1000")
            self.wait_active_cell()
            print(f"\ninterrupt: the busy loop stopped {seconds * 1000:.0f} ms after the click", flush=True)
            self.assertLess(seconds, INTERRUPT_SECONDS, "seconds from the interrupt button to an idle kernel")
            self.assertIn("42", self.run_cell("kept"), "a variable defined before the interrupt")

    def interrupt_state(self):
        """What the page and the server say about a kernel that did not stop: for the failure message."""
        page = self.nb.eval("""(path) => ({clicked: window.__clickAt !== null,
                                          status: window.__ui.kernelStatus(path),
                                          outputs: window.__ui.panel(path).content.activeCell.model.toJSON().outputs})""",
                            self.nb.path)
        server = self.nb.eval("""async () => {
          const r = await fetch('/api/kernels', {headers: {Authorization: 'token ' + window.jupyterapp.serviceManager
            .serverSettings.token}});
          return (await r.json()).map(k => k.execution_state);
        }""")
        return f"page {page}, server's kernels {server}"

    def test_restart_gives_a_working_kernel(self):
        with pictured(PAGE, "lab-restart"):
            self.run_cell("int beforeRestart = 1;")
            self.nb.eval("""(path) => {
              const kernel = window.__ui.panel(path).sessionContext.session.kernel;
              window.__restarted = false;
              const onStatus = (k, status) => {
                if (status === 'restarting' || status === 'autorestarting') {
                  window.__restarted = true; kernel.statusChanged.disconnect(onStatus); }
              };
              kernel.statusChanged.connect(onStatus);
            }""", self.nb.path)
            self.nb.activate()
            self.nb.eval("() => { window.jupyterapp.commands.execute('notebook:restart-kernel'); }")
            PAGE.locator(".jp-Dialog .jp-mod-accept").click()
            PAGE.wait_for_function("""(path) => window.__restarted && window.__ui.kernelStatus(path) === 'idle'""",
                                   arg=self.nb.path, timeout=60_000)
            self.assertRegex(self.run_cell("beforeRestart"), r"(?i)error|cannot find symbol",
                             "a variable of the old kernel after a restart")
            self.assertIn("42", self.run_cell("6 * 7"), "a cell run after the restart")

    def test_input_box_answer_reaches_the_cell(self):
        with pictured(PAGE, "lab-stdin"):
            self.new_cell('String answer = new java.util.Scanner(System.in).nextLine();\n"you typed " + answer')
            self.start_active_cell()
            box = PAGE.locator(".jp-Stdin-input")
            box.wait_for(state="visible", timeout=30_000)
            box.fill("forty-two")
            box.press("Enter")
            self.assertIn("you typed forty-two", self.wait_active_cell())


class RunAllInNotebook7(unittest.TestCase):
    """One notebook, run from a fresh kernel in Notebook 7's interface (its own page, same server)."""

    def test_one_notebook(self):
        name = NOTEBOOK7 if NOTEBOOK7 in lab.notebook_names() else lab.notebook_names()[0]
        copy = f"nb7-{name}"
        shutil.copy(os.path.join(lab.NOTEBOOKS, name + ".ipynb"), SERVER.notebook_path(copy))
        page = BROWSER.new_page()
        try:
            with pictured(page, f"notebook7-{name}"):
                page.goto(SERVER.page_url(f"notebooks/{copy}.ipynb"), wait_until="domcontentloaded",
                          timeout=90_000)
                page.wait_for_function("() => window.jupyterapp && document.querySelector('#main-panel')",
                                       timeout=90_000)
                page.evaluate("() => window.jupyterapp.started")
                self.assertIn("notebook", page.evaluate("() => window.jupyterapp.name").lower(),
                              "the application in the page")
                nb = lab.Notebook(page, copy + ".ipynb", open=False)
                nb.wait_kernel_idle()
                check_run(self, nb, f"{name} in Notebook 7")
                nb.close()
        finally:
            page.close()


if __name__ == "__main__":
    unittest.main()
