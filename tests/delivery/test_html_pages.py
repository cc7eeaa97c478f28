"""The offline HTML edition, opened in a real browser: every page `./workbook run` wrote to build/workbook/ loads
in headless Chromium with no network, draws every chart its notebook produced and logs no script error; the index
page links every notebook with its run time.

Chromium is driven through its DevTools protocol (python3-websocket). Run `./workbook run` first; `./workbook test`
does, and installs Chromium and python3-websocket on Debian when they are missing.
"""
import json
import os
import shutil
import subprocess
import tempfile
import time
import unittest
import urllib.request

import websocket

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.environ.get("WORKBOOK_OUT", os.path.join(ROOT, "build", "workbook"))
CHROMIUM = os.environ.get("WORKBOOK_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
PLOTLY_MIME = "application/vnd.plotly.v1+json"
DRAW_SECONDS = 30


class Chromium:
    """A headless Chromium with no network, and one DevTools connection per page."""

    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="workbook-chromium-")
        self.proc = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--disable-quic", "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
             "--allow-file-access-from-files", f"--user-data-dir={self.profile}",
             "--remote-debugging-port=0", "--remote-allow-origins=*", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = os.path.join(self.profile, "DevToolsActivePort")
        deadline = time.monotonic() + 30
        while not os.path.exists(port_file) or os.path.getsize(port_file) == 0:
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.close()
                raise RuntimeError(f"{CHROMIUM} did not start its DevTools endpoint")
            time.sleep(0.1)
        time.sleep(0.2)
        with open(port_file) as f:
            self.port = int(f.readline().strip())

    def open(self, url):
        """Opens url in a new tab; returns what it logged and a function that evaluates JavaScript in it."""
        req = urllib.request.Request(f"http://127.0.0.1:{self.port}/json/new?about:blank", method="PUT")
        with urllib.request.urlopen(req, timeout=10) as r:
            target = json.load(r)
        return Page(self, target)

    def close(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


class Page:
    def __init__(self, browser, target):
        self.browser = browser
        self.target = target
        self.ws = websocket.create_connection(target["webSocketDebuggerUrl"], timeout=30,
                                              suppress_origin=True)
        self.next_id = 0
        self.errors = []      # script errors: uncaught exceptions and console.error
        self.requests = []    # every URL the page asked for
        self.loaded = False
        for domain in ("Runtime", "Log", "Page", "Network"):
            self.call(domain + ".enable")

    def call(self, method, **params):
        self.next_id += 1
        my_id = self.next_id
        self.ws.send(json.dumps({"id": my_id, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == my_id:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            self.event(msg)

    def event(self, msg):
        method, p = msg.get("method"), msg.get("params", {})
        if method == "Runtime.exceptionThrown":
            d = p["exceptionDetails"]
            text = d.get("exception", {}).get("description") or d.get("text", "")
            self.errors.append(f"uncaught: {text.splitlines()[0] if text else d}")
        elif method == "Runtime.consoleAPICalled" and p.get("type") == "error":
            self.errors.append("console.error: " + " ".join(str(a.get("value", a.get("description", "")))
                                                            for a in p.get("args", [])))
        elif method == "Log.entryAdded" and p["entry"].get("level") == "error" \
                and p["entry"].get("source") not in ("network",):
            self.errors.append(f"{p['entry'].get('source')}: {p['entry'].get('text')}")
        elif method == "Network.requestWillBeSent":
            self.requests.append(p["request"]["url"])
        elif method == "Page.loadEventFired":
            self.loaded = True

    def goto(self, url, timeout=60):
        self.loaded = False
        self.call("Page.navigate", url=url)
        deadline = time.monotonic() + timeout
        while not self.loaded:
            if time.monotonic() > deadline:
                raise AssertionError(f"{url} did not finish loading in {timeout} s")
            self.ws.settimeout(max(0.1, deadline - time.monotonic()))
            try:
                self.event(json.loads(self.ws.recv()))
            except websocket.WebSocketTimeoutException:
                pass
        self.ws.settimeout(30)

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise AssertionError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def close(self):
        try:
            self.ws.close()
        finally:
            urllib.request.urlopen(urllib.request.Request(
                f"http://127.0.0.1:{self.browser.port}/json/close/{self.target['id']}"), timeout=10).close()


def chart_outputs(name):
    """The number of chart outputs in the executed notebook."""
    with open(os.path.join(OUT, name + ".ipynb"), encoding="utf-8") as f:
        nb = json.load(f)
    return sum(1 for c in nb["cells"] for o in c.get("outputs", []) if PLOTLY_MIME in o.get("data", {}))


DRAWN = """(() => {
  const plots = [...document.querySelectorAll('.js-plotly-plot')];
  return {plots: plots.length, drawn: plots.filter(p => p.querySelector('.main-svg')).length,
          traces: plots.reduce((n, p) => n + p.querySelectorAll('.trace, .scatterlayer path, .bars path').length, 0)};
})()"""


class HtmlPages(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        run_json = os.path.join(OUT, "run.json")
        if not os.path.exists(run_json):
            raise unittest.SkipTest(f"{run_json} is missing: run ./workbook run first")
        with open(run_json) as f:
            cls.runs = json.load(f)
        if not os.path.exists(CHROMIUM):
            raise AssertionError(f"no Chromium at {CHROMIUM}: apt-get install chromium (./workbook test does)")
        cls.browser = Chromium()

    @classmethod
    def tearDownClass(cls):
        cls.browser.close()

    def load(self, file):
        page = self.browser.open("about:blank")
        self.addCleanup(page.close)
        page.goto("file://" + os.path.join(OUT, file))
        return page

    def test_every_notebook_page_draws_its_charts_without_script_errors(self):
        pages = sorted(f[:-5] for f in os.listdir(OUT) if f.endswith(".html") and f != "index.html")
        self.assertTrue(pages, f"no notebook pages in {OUT}")
        total = 0
        for name in pages:
            with self.subTest(page=name):
                expected = chart_outputs(name)
                total += expected
                page = self.load(name + ".html")
                deadline = time.monotonic() + DRAW_SECONDS
                state = page.evaluate(DRAWN)
                while state["drawn"] < expected and time.monotonic() < deadline:
                    time.sleep(0.25)
                    state = page.evaluate(DRAWN)
                self.assertEqual(state["plots"], expected, f"{name}: {expected} charts in the notebook, "
                                 f"{state['plots']} plotly divs in the page")
                self.assertEqual(state["drawn"], expected, f"{name}: only {state['drawn']} of {expected} charts drew")
                if expected:
                    self.assertGreater(state["traces"], 0, f"{name}: the charts drew no data")
                self.assertEqual(page.errors, [], f"{name} logged script errors")
                offline = [u for u in page.requests if not u.startswith(("file:", "data:", "blob:", "about:"))]
                self.assertFalse([u for u in offline if "plotly" in u.lower()],
                                 f"{name} fetches plotly.js from the network")
        self.assertGreater(total, 0, "no notebook has a chart: the count cannot tell a blank page")

    def test_the_index_page_links_every_notebook_with_its_run_time(self):
        page = self.load("index.html")
        rows = page.evaluate("""[...document.querySelectorAll('#notebooks tbody tr')].map(tr => ({
            name: tr.cells[0].textContent, href: (tr.querySelector('a') || {}).href || null,
            status: tr.cells[2].textContent, seconds: tr.cells[3].textContent}))""")
        self.assertEqual(sorted(r["name"] for r in rows), sorted(self.runs))
        for row in rows:
            run = self.runs[row["name"]]
            self.assertEqual(row["status"], run["status"], row["name"])
            self.assertEqual(row["seconds"], f"{run['seconds']:.1f}", row["name"])
            self.assertEqual(row["href"], "file://" + os.path.join(OUT, row["name"] + ".html"), row["name"])
        self.assertEqual(page.errors, [])


if __name__ == "__main__":
    unittest.main()
