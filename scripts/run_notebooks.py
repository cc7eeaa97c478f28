"""Executes the workbook's notebooks as a student's Jupyter would, and collects what they record.

Each notebook runs from a fresh kernel with nbclient, in the notebooks folder. The executed
notebook and an HTML export go to the output folder, with results.json (every figure recorded with
Results.record, by notebook), run.json (status and seconds of each notebook) and index.html (a page that
links every notebook's HTML with its status and run time, readable offline). Prints a table and exits non-zero
if any notebook failed.

usage: run_notebooks.py --out DIR [--notebooks DIR] [--timeout SECONDS] [NOTEBOOK ...]
       (names with or without .ipynb; default: every notebook in the notebooks folder, notebooks/ unless
       --notebooks names another, e.g. a student's hand-in to grade; --timeout: seconds a cell may run,
       default CELL_TIMEOUT, a little over the slowest notebook's whole budget)
"""
import argparse
import html
import json
import os
import sys
import time
import traceback

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbconvert import HTMLExporter

RESULT_MIME = "application/vnd.recsysbook.result+json"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NOTEBOOKS = os.path.join(ROOT, "notebooks")
# Seconds one cell may run: a notebook's whole budget is 60 s (90 s for real data, serving and A/B, 120 s for
# Spark) on two cores, so a cell past 300 s is stuck, not slow.
CELL_TIMEOUT = 300


def recorded(nb):
    """The figures a notebook recorded, in the order it recorded them (a later record wins)."""
    out = {}
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if RESULT_MIME in data:
                item = data[RESULT_MIME]
                if isinstance(item, str):
                    item = json.loads(item)
                out[item["name"]] = item["value"]
    return out


def read_json(path):
    """The JSON object in path, or {} when there is no such file."""
    if not os.path.exists(path):
        return {}
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def first_error(nb):
    for i, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                return f"cell {i}: {output.get('ename')}: {output.get('evalue')}"
    return None


def run_one(path, out_dir, timeout):
    name = os.path.splitext(os.path.basename(path))[0]
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name="java",
                            resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
    t0 = time.monotonic()
    status, error = "ok", None
    try:
        client.execute()
    except CellExecutionError as e:
        status, error = "failed", first_error(nb) or str(e).strip().splitlines()[-1]
    except Exception as e:  # a kernel that died or timed out
        status, error = "failed", f"{type(e).__name__}: {e}"
    seconds = time.monotonic() - t0
    nbformat.write(nb, os.path.join(out_dir, name + ".ipynb"))
    try:
        html, _ = HTMLExporter(template_name="classic").from_notebook_node(nb)
    except Exception:
        html, _ = HTMLExporter().from_notebook_node(nb)
    with open(os.path.join(out_dir, name + ".html"), "w", encoding="utf-8") as f:
        f.write(html)
    return name, status, seconds, error, recorded(nb)


def title_of(name, folder=NOTEBOOKS):
    """The notebook's first Markdown heading, or its name."""
    path = os.path.join(folder, name + ".ipynb")
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception:
        return name
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return name


def write_index(out_dir, runs, folder=NOTEBOOKS):
    """build/workbook/index.html: every notebook run so far, with its title, status and seconds."""
    rows = []
    for name in sorted(runs):
        run = runs[name]
        ok = run.get("status") == "ok"
        page = name + ".html"
        link = (f'<a href="{html.escape(page)}">{html.escape(title_of(name, folder))}</a>'
                if os.path.exists(os.path.join(out_dir, page)) else html.escape(title_of(name, folder)))
        error = f'<div class="error">{html.escape(run["error"])}</div>' if run.get("error") else ""
        rows.append(f'<tr><td class="name">{html.escape(name)}</td><td>{link}{error}</td>'
                    f'<td class="{"ok" if ok else "failed"}">{html.escape(run.get("status", "?"))}</td>'
                    f'<td class="seconds">{run.get("seconds", 0):.1f}</td></tr>')
    total = sum(r.get("seconds", 0) for r in runs.values())
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Production Recommender Systems — the workbook</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ text-align: left; padding: .4rem .6rem; border-bottom: 1px solid #ddd; vertical-align: top; }}
th {{ border-bottom: 2px solid #888; }}
td.name {{ font-family: monospace; white-space: nowrap; }}
td.seconds, th.seconds {{ text-align: right; font-variant-numeric: tabular-nums; }}
td.ok {{ color: #2e7d32; }} td.failed {{ color: #c62828; font-weight: bold; }}
div.error {{ color: #c62828; font-size: .85em; font-family: monospace; }}
</style>
</head>
<body>
<h1>Production Recommender Systems — a Java workbook</h1>
<p>Each notebook as <code>./workbook run</code> executed it, with its outputs and interactive charts. These pages
need no network.</p>
<table id="notebooks">
<thead><tr><th>notebook</th><th>title</th><th>status</th><th class="seconds">seconds</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
<tfoot><tr><td></td><td>total</td><td></td><td class="seconds">{total:.1f}</td></tr></tfoot>
</table>
</body>
</html>
"""
    with open(os.path.join(out_dir, "index.html"), "w", encoding="utf-8") as f:
        f.write(page)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--timeout", type=int, default=CELL_TIMEOUT,
                        help=f"seconds one cell may run (default {CELL_TIMEOUT})")
    parser.add_argument("--notebooks", dest="folder", default=NOTEBOOKS, help="the folder of the notebooks to run")
    parser.add_argument("notebooks", nargs="*")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    folder = os.path.abspath(args.folder)
    available = sorted(f for f in os.listdir(folder) if f.endswith(".ipynb"))
    if args.notebooks:
        wanted = [n if n.endswith(".ipynb") else n + ".ipynb" for n in args.notebooks]
        missing = [n for n in wanted if n not in available]
        if missing:
            sys.exit(f"no such notebook: {', '.join(missing)}; notebooks: {', '.join(available)}")
    else:
        wanted = available

    results_path = os.path.join(args.out, "results.json")
    run_path = os.path.join(args.out, "run.json")
    # Running some notebooks keeps what earlier runs recorded for the others.
    results = read_json(results_path) if args.notebooks else {}
    runs = read_json(run_path) if args.notebooks else {}

    rows = []
    for file in wanted:
        print(f"running {file} ...", file=sys.stderr, flush=True)
        try:
            name, status, seconds, error, values = run_one(os.path.join(folder, file), args.out, args.timeout)
        except Exception:
            traceback.print_exc()
            name, status, seconds, error, values = file[:-6], "failed", 0.0, "runner error", {}
        results[name] = values
        runs[name] = {"status": status, "seconds": round(seconds, 2), "error": error}
        rows.append((name, status, seconds, error))
        with open(results_path, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=2, sort_keys=True)
        with open(run_path, "w", encoding="utf-8") as f:
            json.dump(runs, f, indent=2, sort_keys=True)
        write_index(args.out, runs, folder)

    width = max([len(r[0]) for r in rows] + [8])
    print(f"\n{'notebook':<{width}}  {'status':<7} {'seconds':>8}")
    print("-" * (width + 18))
    for name, status, seconds, error in rows:
        print(f"{name:<{width}}  {status:<7} {seconds:8.1f}")
        if error:
            print(f"{'':<{width}}    {error}")
    failed = [r for r in rows if r[1] != "ok"]
    print(f"\n{len(rows) - len(failed)} passed, {len(failed)} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
