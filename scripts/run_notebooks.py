"""Executes the workbook's notebooks as a student's Jupyter would, and collects what they record.

Each notebook runs from a fresh kernel with nbclient, in the notebooks folder. The executed
notebook and an HTML export go to the output folder, with results.json (every figure recorded with
Results.record, by notebook) and run.json (status and seconds of each notebook). Prints a table and
exits non-zero if any notebook failed.

usage: run_notebooks.py --out DIR [NOTEBOOK ...]   (names with or without .ipynb; default: all)
"""
import argparse
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
                            resources={"metadata": {"path": NOTEBOOKS}})
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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--timeout", type=int, default=900, help="seconds allowed per cell")
    parser.add_argument("notebooks", nargs="*")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    available = sorted(f for f in os.listdir(NOTEBOOKS) if f.endswith(".ipynb"))
    if args.notebooks:
        wanted = [n if n.endswith(".ipynb") else n + ".ipynb" for n in args.notebooks]
        missing = [n for n in wanted if n not in available]
        if missing:
            sys.exit(f"no such notebook: {', '.join(missing)}; notebooks: {', '.join(available)}")
    else:
        wanted = available

    results_path = os.path.join(args.out, "results.json")
    run_path = os.path.join(args.out, "run.json")
    results = json.load(open(results_path)) if os.path.exists(results_path) and args.notebooks else {}
    runs = json.load(open(run_path)) if os.path.exists(run_path) and args.notebooks else {}

    rows = []
    for file in wanted:
        print(f"running {file} ...", file=sys.stderr, flush=True)
        try:
            name, status, seconds, error, values = run_one(os.path.join(NOTEBOOKS, file), args.out, args.timeout)
        except Exception:
            traceback.print_exc()
            name, status, seconds, error, values = file[:-6], "failed", 0.0, "runner error", {}
        results[name] = values
        runs[name] = {"status": status, "seconds": round(seconds, 2), "error": error}
        rows.append((name, status, seconds, error))
        with open(results_path, "w") as f:
            json.dump(results, f, indent=2, sort_keys=True)
        with open(run_path, "w") as f:
            json.dump(runs, f, indent=2, sort_keys=True)

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
