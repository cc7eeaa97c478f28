"""What the UI tests drive: a JupyterLab 4 server of their own and Debian's Chromium through Playwright.

`LabServer` starts JupyterLab on 127.0.0.1 with a random token, in a fresh folder under build/ui/ holding a copy of
the notebooks (so that Run All and Save never touch notebooks/), with its own settings, workspaces, data and
runtime folders (so that nothing of the user's Jupyter leaks in), and with this checkout's kernelspec first on
JUPYTER_PATH. It exposes the application as `window.jupyterapp` and turns off news and update checks.

`Browser` launches Chromium with the flags a closed network needs, sends every request that is not for the
loopback address nowhere (a proxy on port 9) and records it, so a test can assert that none was made.

`Notebook` is one open notebook in a page: Run All, kernel state, what its outputs hold and what the page drew.
"""
import atexit
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request

from playwright.sync_api import sync_playwright

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NOTEBOOKS = os.path.join(ROOT, "notebooks")
WORK = os.path.join(ROOT, "build", "ui")
SCREENSHOTS = os.path.join(WORK, "screenshots")
CHROMIUM = os.environ.get("WORKBOOK_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
PLOTLY_MIME = "application/vnd.plotly.v1+json"
# Chromium's flags for a machine with no display, no GPU and no network beyond the loopback.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
# Everything but the loopback address goes to a proxy that is not there (port 9, discard), so that a request the
# test did not foresee fails instead of reaching the network. (Playwright itself adds "<-loopback>", which would
# proxy the loopback address too, unless the bypass list names it.)
PROXY = {"server": "http://127.0.0.1:9", "bypass": "127.0.0.1,localhost"}
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}

# Settings the tests need: every cell attached to the page (JupyterLab's default windowing leaves cells out of
# view unattached, and a chart there would not draw), the kernel shut down with its notebook, no autosave (the
# test saves when it means to), no news or update check (requests to the internet).
SETTINGS = {
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none", "kernelShutdown": True},
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def notebook_names():
    """Every notebook in notebooks/, by name without .ipynb, in order."""
    return sorted(f[:-6] for f in os.listdir(NOTEBOOKS) if f.endswith(".ipynb"))


class LabServer:
    def __init__(self):
        shutil.rmtree(os.path.join(WORK, "server"), ignore_errors=True)
        self.home = os.path.join(WORK, "server")
        self.root = os.path.join(self.home, "notebooks")
        shutil.copytree(NOTEBOOKS, self.root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        settings = os.path.join(self.home, "settings")
        for plugin, values in SETTINGS.items():
            path = os.path.join(settings, plugin + ".jupyterlab-settings")
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                json.dump(values, f)
        env = dict(os.environ)
        kernels = os.path.join(ROOT, "build", "jupyter")
        env.update({
            "JUPYTER_CONFIG_DIR": os.path.join(self.home, "config"),
            "JUPYTER_DATA_DIR": os.path.join(self.home, "data"),
            "JUPYTER_RUNTIME_DIR": os.path.join(self.home, "runtime"),
            "JUPYTERLAB_SETTINGS_DIR": settings,
            "JUPYTERLAB_WORKSPACES_DIR": os.path.join(self.home, "workspaces"),
            "JUPYTER_PATH": kernels + (os.pathsep + env["JUPYTER_PATH"] if env.get("JUPYTER_PATH") else ""),
        })
        if not os.path.exists(os.path.join(kernels, "kernels", "java", "kernel.json")):
            raise RuntimeError(f"no kernelspec in {kernels}: run the UI tests through ./workbook test ui")
        self.port = free_port()
        self.token = secrets.token_hex(16)
        self.url = f"http://127.0.0.1:{self.port}"
        args = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
                f"--ServerApp.port={self.port}", "--ServerApp.port_retries=0",
                f"--IdentityProvider.token={self.token}", f"--ServerApp.root_dir={self.root}",
                "--LabApp.expose_app_in_browser=True", "--JupyterNotebookApp.expose_app_in_browser=True",
                "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
                "--LabApp.extension_manager=readonly"]
        if os.geteuid() == 0:
            args.append("--allow-root")
        self.log_path = os.path.join(self.home, "server.log")
        self.log = open(self.log_path, "w", encoding="utf-8")
        self.proc = subprocess.Popen(args, cwd=self.root, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        atexit.register(self.stop)   # also when the test run itself breaks down and skips tearDownModule
        deadline = time.monotonic() + 60
        while True:
            try:
                self.api("status")
                return
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"JupyterLab did not start; its log: {self.log_path}")
                time.sleep(0.25)

    def api(self, path, method="GET", body=None):
        """A call to the server's REST API; returns the decoded JSON, or None for an empty reply."""
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(f"{self.url}/api/{path}", data=data, method=method,
                                     headers={"Authorization": f"token {self.token}",
                                              "Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=10) as r:
            text = r.read()
        return json.loads(text) if text else None

    def page_url(self, path):
        return f"{self.url}/{path}?token={self.token}"

    def notebook_path(self, name):
        return os.path.join(self.root, name + ".ipynb")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if not self.log.closed:
            self.log.close()


class Browser:
    def __init__(self):
        self.playwright = sync_playwright().start()
        try:
            self.browser = self.playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                                           args=CHROMIUM_ARGS, proxy=PROXY)
        except Exception:
            self.playwright.stop()
            raise
        self.context = self.browser.new_context(viewport={"width": 1400, "height": 1000})
        self.outside = []   # every request for anything but the loopback address
        self.context.on("request", self._check)
        self.context.on("websocket", lambda ws: self._check_url(ws.url))

    def _check(self, request):
        self._check_url(request.url)

    def _check_url(self, url):
        parsed = urllib.parse.urlsplit(url)
        if parsed.scheme in ("http", "https", "ws", "wss") and parsed.hostname not in LOCAL_HOSTS:
            self.outside.append(url)

    def new_page(self):
        page = self.context.new_page()
        page.set_default_timeout(30_000)
        page.errors = []
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        return page

    def close(self):
        try:
            self.browser.close()
        finally:
            self.playwright.stop()


def screenshot(page, name):
    """Saves what the page shows to build/ui/screenshots/NAME.png and returns the path."""
    os.makedirs(SCREENSHOTS, exist_ok=True)
    path = os.path.join(SCREENSHOTS, re.sub(r"[^\w.-]+", "_", name) + ".png")
    try:
        page.screenshot(path=path, full_page=False)
    except Exception as e:  # a page that is gone cannot be pictured; say so instead
        with open(path + ".txt", "w", encoding="utf-8") as f:
            f.write(f"no screenshot: {e}\n")
        return path + ".txt"
    return path


# ---- JupyterLab, driven through window.jupyterapp -----------------------------------------------------

def open_lab(page, server):
    """Loads JupyterLab in the page and waits until its application has started."""
    page.goto(server.page_url("lab"), wait_until="domcontentloaded", timeout=90_000)
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.started !== undefined", timeout=90_000)
    page.evaluate("() => window.jupyterapp.started")
    page.wait_for_function("() => document.querySelector('.jp-LabShell')", timeout=60_000)


# The JavaScript helpers every call below uses, defined once per page.
HELPERS = r"""
() => {
  if (window.__ui) return;
  const app = window.jupyterapp;
  const ui = window.__ui = {};
  ui.panel = (path) => {
    const widgets = [];
    for (const w of app.shell.widgets('main')) widgets.push(w);
    return widgets.find(w => w.context && w.context.path === path);
  };
  ui.kernelStatus = (path) => {
    const p = ui.panel(path);
    const k = p && p.sessionContext.session && p.sessionContext.session.kernel;
    return k ? k.status : 'none';
  };
  ui.cells = (path) => {
    const p = ui.panel(path);
    return p.content.widgets.map(c => c.model.toJSON());
  };
  // What the page drew: plotly charts with their SVG, and outputs holding an HTML table.
  ui.drawn = (path) => {
    const node = ui.panel(path).content.node;
    const charts = [...node.querySelectorAll('.jp-OutputArea-output .js-plotly-plot')]
      .filter(c => c.querySelector('svg.main-svg')).length;
    const tables = [...node.querySelectorAll('.jp-OutputArea-output')]
      .filter(o => o.querySelector('table')).length;
    return {charts, tables};
  };
}
"""


class Notebook:
    """One notebook opened in JupyterLab's main area."""

    def __init__(self, page, path, open=True, wait_kernel=True):
        """Opens path, or with open=False waits for the page to have opened it (Notebook 7 opens its URL's);
        waits until its kernel has started unless wait_kernel is False."""
        self.page = page
        self.path = path
        page.evaluate(HELPERS)
        if open:
            page.evaluate("async (path) => { await window.jupyterapp.commands.execute('docmanager:open', "
                          "{path, factory: 'Notebook'}); }", path)
        page.wait_for_function("([path, kernel]) => { const p = window.__ui.panel(path); return p && "
                               "p.context.isReady && (!kernel || p.sessionContext.isReady); }",
                               arg=[path, wait_kernel], timeout=60_000)

    def eval(self, script, arg=None):
        return self.page.evaluate(script, arg)

    def wait_kernel_idle(self, timeout=90):
        self.page.wait_for_function("(path) => window.__ui.kernelStatus(path) === 'idle'", arg=self.path,
                                    timeout=timeout * 1000)

    def activate(self):
        self.eval("(path) => window.jupyterapp.shell.activateById(window.__ui.panel(path).id)", self.path)

    def run_all(self, timeout):
        """Run All from the Run menu's command; returns (all cells ran, seconds from the command to its end)."""
        self.activate()
        result = self.eval("""async ([path, timeout]) => {
          const t0 = performance.now();
          const run = window.jupyterapp.commands.execute('notebook:run-all-cells');
          const late = new Promise(r => setTimeout(() => r('timeout'), timeout * 1000));
          const ok = await Promise.race([run, late]);
          return {ok, seconds: (performance.now() - t0) / 1000};
        }""", [self.path, timeout])
        if result["ok"] == "timeout":
            raise AssertionError(f"{self.path}: Run All did not finish in {timeout} s")
        self.wait_kernel_idle()
        return bool(result["ok"]), result["seconds"]

    def cells(self):
        return self.eval("(path) => window.__ui.cells(path)", self.path)

    def drawn(self):
        return self.eval("(path) => window.__ui.drawn(path)", self.path)

    def wait_drawn(self, charts, tables, timeout=30):
        """Waits until the page shows at least this many charts and tables (or the time is up); returns drawn()."""
        try:
            self.page.wait_for_function(
                "([path, charts, tables]) => { const d = window.__ui.drawn(path); "
                "return d.charts >= charts && d.tables >= tables; }",
                arg=[self.path, charts, tables], timeout=timeout * 1000)
        except Exception:
            pass
        return self.drawn()

    def save(self):
        self.activate()
        self.eval("async () => { await window.jupyterapp.commands.execute('docmanager:save'); }")

    def close(self):
        """Closes the notebook's tab; with kernelShutdown set, its kernel is shut down with it."""
        self.eval("async (path) => { const p = window.__ui.panel(path); if (p) { "
                  "await p.sessionContext.ready; await p.sessionContext.shutdown(); p.dispose(); } }", self.path)


def expected_outputs(cells):
    """From cells as nbformat JSON: (chart outputs, table outputs, code cells without an execution count, errors
    outside cells tagged raises-exception)."""
    charts = tables = 0
    unrun, errors = [], []
    for i, cell in enumerate(cells):
        if cell.get("cell_type") != "code":
            continue
        if cell.get("execution_count") is None:
            unrun.append(i)
        tags = cell.get("metadata", {}).get("tags", [])
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if PLOTLY_MIME in data:
                charts += 1
            elif "<table" in "".join(data.get("text/html", "")):
                tables += 1
            if out.get("output_type") == "error" and "raises-exception" not in tags:
                errors.append(f"cell {i}: {out.get('ename')}: {out.get('evalue')}")
    return charts, tables, unrun, errors
