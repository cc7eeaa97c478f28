"""The demo page in a real browser: Debian's chromium driven by Playwright for Python.

Starts the service (./workbook serve's main class) on a free port with a small world, opens its page, clicks a
recommendation and checks that the service counted the click; the page must load nothing from the network. Then
the same page over the MovieLens models (`serve --movielens`): real titles, and the user's history beside their
recommendations, none of which they have rated.
Environment: WORKBOOK_JAVA (java), WORKBOOK_SERVE_CLASSPATH (the recsys classes and their jars), WORKBOOK_CHROMIUM
(the browser executable); ./workbook test sets all three.
"""
import json
import os
import re
import subprocess
import time
import unittest
import urllib.request
from urllib.parse import urlparse

from playwright.sync_api import sync_playwright


def start_service(*args):
    java = os.environ.get("WORKBOOK_JAVA", "java")
    cp = os.environ["WORKBOOK_SERVE_CLASSPATH"]
    proc = subprocess.Popen(
        [java, "--add-modules", "jdk.incubator.vector", "-cp", cp, "org.recsysbook.serving.ServeMain", "--port", "0",
         *(args or ("--items", "20000", "--users", "2000"))],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.time() + 120
    lines = []
    while time.time() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line)
        m = re.search(r"Listening on (http://127\.0\.0\.1:\d+/)", line)
        if m:
            return proc, m.group(1)
    proc.kill()
    raise AssertionError("the service did not start:\n" + "".join(lines))


def stop_service(proc):
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
    proc.stdout.close()


def launch(p):
    chromium = os.environ.get("WORKBOOK_CHROMIUM", "/usr/bin/chromium")
    return p.chromium.launch(executable_path=chromium, args=[
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"])


def get_json(url):
    with urllib.request.urlopen(url, timeout=10) as r:
        return json.loads(r.read().decode("utf-8"))


class DemoPageTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.proc, cls.base = start_service()

    @classmethod
    def tearDownClass(cls):
        stop_service(cls.proc)

    def test_a_click_on_a_recommendation_is_counted(self):
        outside = []
        with sync_playwright() as p:
            browser = launch(p)
            try:
                page = browser.new_page()
                page.on("request", lambda req: outside.append(req.url)
                        if urlparse(req.url).hostname != "127.0.0.1" else None)
                page.goto(self.base)
                page.fill("#user", "7")
                page.click("#show")
                page.wait_for_function("document.querySelector('#meta').textContent.startsWith('User 7 ')")
                rows = page.locator("#recs tbody tr")
                rows.first.wait_for()
                self.assertEqual(rows.count(), 10, "ten recommendations")
                first = rows.first.locator("td")
                self.assertRegex(first.nth(1).inner_text(), r"^Item \d+$", "a title")
                self.assertRegex(first.nth(2).inner_text(), r"^cat_\d+$", "genres")
                for col in (3, 4, 5):
                    self.assertRegex(first.nth(col).inner_text(), r"^-?\d+\.\d{3}$", "each stage's score")
                meta = page.inner_text("#meta")
                arm = re.search(r"arm (\w+)", meta).group(1)
                # The impressions the page logs for the ten items arrive before the click.
                deadline = time.time() + 10
                while time.time() < deadline:
                    stats = get_json(self.base + "stats")
                    shown = {a["arm"]: a for a in stats["arms"]}[arm]
                    if shown["impressions"] >= 10:
                        break
                    time.sleep(0.1)
                clicks_before = shown["clicks"]
                item = rows.nth(2).get_attribute("data-item")
                rows.nth(2).locator("button.click").click()
                page.wait_for_function("document.querySelector('#my-clicks').textContent === '1'")
                stats = get_json(self.base + "stats")
                after = {a["arm"]: a for a in stats["arms"]}[arm]
                self.assertEqual(after["clicks"], clicks_before + 1, "the service counted the click")
                self.assertIn("clicked", rows.nth(2).get_attribute("class"))
                # The live panel shows the figures the service reports.
                page.wait_for_function(
                    f"document.querySelector('#arms tr[data-arm={arm}] td:nth-child(4)')?.textContent === "
                    f"'{after['clicks']}'", timeout=5000)
                self.assertNotEqual(page.inner_text("#p99"), "–")
                self.assertTrue(item.isdigit())
                self.assertEqual(outside, [], "the page loads nothing from outside the service")
                self.assertTrue(page.locator("#history").is_hidden(), "the synthetic world's users have no history")
            finally:
                browser.close()


class MovieLensPageTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.proc, cls.base = start_service("--movielens")

    @classmethod
    def tearDownClass(cls):
        stop_service(cls.proc)

    def test_titles_and_the_users_history(self):
        with sync_playwright() as p:
            browser = launch(p)
            try:
                page = browser.new_page()
                page.goto(self.base)
                page.fill("#user", "1")
                page.click("#show")
                page.wait_for_function("document.querySelector('#meta').textContent.startsWith('User 1 ')")
                page.locator("#history").wait_for(state="visible")
                watched = page.locator("#watched li")
                self.assertEqual(watched.count(), 10, "the ten most recent ratings")
                history = get_json(self.base + "history?user=1&limit=10")
                self.assertTrue(history["known"])
                self.assertEqual(watched.first.inner_text(),
                                 history["items"][0]["title"] + " · " + history["items"][0]["genres"].replace("|", ", "))
                rows = page.locator("#recs tbody tr")
                self.assertEqual(rows.count(), 10)
                title = rows.first.locator("td").nth(1).inner_text()
                self.assertRegex(title, r"\(\d{4}\)$", "a MovieLens title with its year")
                self.assertIn("movielens-", page.inner_text("#meta"))
                rated = {i["item"] for i in get_json(self.base + "history?user=1&limit=50")["items"]}
                shown = {int(rows.nth(i).get_attribute("data-item")) for i in range(rows.count())}
                self.assertEqual(rated & shown, set(), "nothing the user has rated is recommended")
                rows.nth(0).locator("button.click").click()
                page.wait_for_function("document.querySelector('#my-clicks').textContent === '1'")
            finally:
                browser.close()


if __name__ == "__main__":
    unittest.main()
