"""FAISS beside the workbook's retrieval, on the same vectors, queries and exact answers.

`./workbook bench retrieval --peer` runs RetrievalBench with `--peer DIR` first: it writes items.f32, queries.f32
(unit length), truth.i32 (the exact top-100 of each query), the HNSW graph it built (graph-….hnsw) and project.json
(its own figures) into DIR. This script then runs FAISS (from requirements-bench.txt, in a virtual environment
under build/) on the same files: `IndexFlatIP` and `IndexHNSWFlat` (M 16, efConstruction 100, inner product),
searched one query at a time on one thread (`faiss.omp_set_num_threads(1)`), the HNSW graph built on 2 threads.
It prints each figure beside the project's with the ratio (project / FAISS), recall@100 against the same exact answers for both, and a verdict
per target of issue 17. It prints the load average at its start and end; since the machine may be shared,
every latency is given in wall-clock and in thread CPU time (which preemption does not inflate).

With `--builds N` (or PEER_BUILDS=N in the environment) it also builds both graphs N times, alternating ABBA
(ours, FAISS, FAISS, ours, ...) so that both see the same load, and prints the median wall and CPU seconds of each
with their ratio; the build verdict then uses those medians. The project's builds run in a fresh JVM each, the
command given in PEER_BUILD_CMD (`./workbook bench retrieval --peer` sets it: RetrievalBench --build-only), their CPU
seconds those of the build's threads (the whole JVM's, compiler and collector too, in brackets); FAISS's CPU
seconds are the process's (its OpenMP threads) during `add`.

The HNSW searches are interleaved: the project's search runs in one JVM beside this script (PEER_SEARCH_CMD, the
command of PeerSearchServer, which reads the graph file RetrievalBench wrote and names in project.json), and for
each ef the two take turns, one block of all queries each (f32, int8, FAISS, the order turning every round), for
SEARCH_ROUNDS rounds; the verdicts judge the pooled figures and print the rounds' ratios. Without PEER_SEARCH_CMD
the project's figures are those RetrievalBench timed minutes before, as the output then says.

It is a benchmark, not a test: it prints figures and asserts nothing.

usage: bench_retrieval_peer.py [--builds N] DIR
"""
import json
import os
import shlex
import subprocess
import sys
import time

import faiss
import numpy as np

K = 100
M, EF_CONSTRUCTION, BUILD_THREADS = 16, 100, 2
RECALL_TARGETS = (0.95, 0.97, 0.99)
MIN_SAMPLES_FOR_P99 = 100
BUILD_RECALL_EFS = (100, 120, 150)
SEARCH_ROUNDS = 6   # blocks of all queries per side and ef in the interleaved search (a multiple of the 3 sides)


def load():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def stats(wall_ns, cpu_ns):
    """Median, p99 (nearest rank), min and max in ms, as BenchStats computes them."""
    def q(values, p):
        s = np.sort(values)
        return float(s[max(0, min(len(s) - 1, int(np.ceil(p * len(s))) - 1))]) / 1e6
    return {"n": len(wall_ns), "median_ms": q(wall_ns, 0.5), "p99_ms": q(wall_ns, 0.99), "min_ms": q(wall_ns, 0),
            "max_ms": q(wall_ns, 1), "cpu_median_ms": q(cpu_ns, 0.5), "cpu_p99_ms": q(cpu_ns, 0.99)}


def figures(s, prefix=""):
    p = prefix
    if s[p + "n"] >= MIN_SAMPLES_FOR_P99:
        return (f"median {s[p + 'median_ms']:.3f} ms  p99 {s[p + 'p99_ms']:.3f} ms  spread "
                f"{s[p + 'min_ms']:.3f}–{s[p + 'max_ms']:.3f} ms  | CPU median {s[p + 'cpu_median_ms']:.3f} "
                f"p99 {s[p + 'cpu_p99_ms']:.3f} ms")
    return (f"min / median / max {s[p + 'min_ms']:.3f} / {s[p + 'median_ms']:.3f} / {s[p + 'max_ms']:.3f} ms "
            f"(too few samples for a p99)  | CPU median {s[p + 'cpu_median_ms']:.3f} ms")


def timed_queries(search, xq, truth):
    """Each query's wall and thread CPU nanoseconds, one at a time, and its recall@100 against the exact answers."""
    n = len(xq)
    wall, cpu, recall = np.zeros(n), np.zeros(n), np.zeros(n)
    for u in range(n):
        q = xq[u:u + 1]
        c = time.thread_time_ns()
        t = time.perf_counter_ns()
        _, ids = search(q)
        wall[u] = time.perf_counter_ns() - t
        cpu[u] = time.thread_time_ns() - c
        recall[u] = len(np.intersect1d(ids[0], truth[u], assume_unique=True)) / K
    return wall, cpu, recall


def timed(search, xq, truth):
    wall, cpu, recall = timed_queries(search, xq, truth)
    s = stats(wall, cpu)
    s["recall"] = float(recall.mean())
    s["min_recall"] = float(recall.min())
    return s


def verdict(target, met, text):
    print(f"target: {target} -> {'met' if met else 'MISSED'} ({text}; load {load()})")


def ratio_row(name, ours, theirs, key):
    return f"  {name:<34} {ours[key]:10.3f} {theirs[key]:10.3f} {ours[key] / theirs[key]:8.2f}x"


def faiss_build(xb, dim):
    """A FAISS HNSW graph over xb on BUILD_THREADS threads, with its wall and process CPU seconds."""
    faiss.omp_set_num_threads(BUILD_THREADS)
    index = faiss.IndexHNSWFlat(dim, M, faiss.METRIC_INNER_PRODUCT)
    index.hnsw.efConstruction = EF_CONSTRUCTION
    c = time.process_time()
    t = time.perf_counter()
    index.add(xb)
    return index, time.perf_counter() - t, time.process_time() - c


def project_build(items_file, dim):
    """The project's build in a fresh JVM (PEER_BUILD_CMD): its wall and build-thread CPU seconds, and the
    recall@100 of its graph's float search at ef 100, 120, 150 (RetrievalBench --build-only measures it)."""
    cmd = shlex.split(os.environ["PEER_BUILD_CMD"]) + [items_file, str(dim), str(BUILD_THREADS)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    line = next(ln for ln in out.splitlines() if ln.startswith("build "))
    r = json.loads(line[len("build "):])
    return (r["wall_s"], r["cpu_s"], r.get("process_cpu_s", float("nan")),
            [r.get(f"recall_ef{ef}", float("nan")) for ef in BUILD_RECALL_EFS])


def build_recalls(index, xq, truth):
    """recall@100 of a FAISS HNSW graph at BUILD_RECALL_EFS, one thread."""
    faiss.omp_set_num_threads(1)
    out = []
    for ef in BUILD_RECALL_EFS:
        index.hnsw.efSearch = ef
        _, ids = index.search(xq, K)
        out.append(float(np.mean([len(np.intersect1d(ids[u], truth[u])) / K for u in range(len(xq))])))
    return out


def alternating_builds(directory, xb, xq, truth, dim, rounds):
    """ABBA builds, `rounds` of each; returns (ours wall, ours CPU, FAISS wall, FAISS CPU) lists and FAISS's index."""
    ours_w, ours_c, theirs_w, theirs_c = [], [], [], []
    index = None
    items_file = os.path.join(directory, "items.f32")
    for i in range(rounds):
        for who in (("project", "faiss") if i % 2 == 0 else ("faiss", "project")):
            before = load()
            if who == "project":
                w, c, whole, recalls = project_build(items_file, dim)
                ours_w.append(w)
                ours_c.append(c)
            else:
                index, w, c = faiss_build(xb, dim)
                theirs_w.append(w)
                theirs_c.append(c)
            after = load()
            if who == "faiss":
                recalls = build_recalls(index, xq, truth)
            shown = " / ".join(f"{r:.4f}" for r in recalls)
            jvm = f" (JVM {whole:.1f})" if who == "project" else ""
            print(f"  build {i + 1}/{rounds} {who:<7} {w:7.1f} s wall {c:7.1f} CPU-s{jvm} (load {before} before, "
                  f"{after} after); recall@100 at ef {'/'.join(map(str, BUILD_RECALL_EFS))}: {shown}", flush=True)
    return ours_w, ours_c, theirs_w, theirs_c, index


def round_ratios(ours, theirs):
    """The interleaved rounds' ratios (project / FAISS, each round's median and p99), or nothing for other rows."""
    if "round_medians_ms" not in ours or "round_medians_ms" not in theirs:
        return ""
    med = [a / b for a, b in zip(ours["round_medians_ms"], theirs["round_medians_ms"])]
    p99 = [a / b for a, b in zip(ours["round_p99_ms"], theirs["round_p99_ms"])]
    return (f"; round by round, median {min(med):.2f}-{max(med):.2f}x, p99 {min(p99):.2f}-{max(p99):.2f}x "
            f"({len(med)} rounds)")


def interleaved(cmd, hnsw, xq, truth, efs):
    """The project's HNSW search (f32 and int8, in PeerSearchServer, one JVM) and FAISS's, block by block: for each ef,
    SEARCH_ROUNDS rounds of one block of all queries per side, the sides' order turning each round, so that both
    meet the same moments of the machine. Returns (FAISS rows, project rows), each with the pooled figures of all
    rounds and the median of each round ("round_medians_ms")."""
    sides = ("f32", "int8", "faiss")
    server = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
    try:
        ready = server.stdout.readline()
        if not ready.startswith("ready "):
            sys.exit(f"the project's search server did not start (said {ready!r}); command: {shlex.join(cmd)}")
        print(f"# the project's search in one JVM: {ready[len('ready '):].strip()}", flush=True)

        def ours(variant, ef):
            server.stdin.write(f"search {variant} {ef}\n")
            server.stdin.flush()
            line = server.stdout.readline()
            if not line.startswith("result "):
                sys.exit(f"the project's search server answered {line[:200]!r}")
            r = json.loads(line[len("result "):])
            return np.array(r["wall_ns"], dtype=float), np.array(r["cpu_ns"], dtype=float), np.array(r["recall"])

        def theirs(ef):
            hnsw.hnsw.efSearch = ef
            return timed_queries(lambda q: hnsw.search(q, K), xq, truth)

        for ef in efs:   # the project's JVM warms up as RetrievalBench's did (FAISS's was warmed above)
            ours("f32", ef)
            ours("int8", ef)
        rows = {side: [] for side in sides}
        for ef in efs:
            got = {side: ([], [], []) for side in sides}
            for r in range(SEARCH_ROUNDS):
                for side in sides[r % 3:] + sides[:r % 3]:
                    block = theirs(ef) if side == "faiss" else ours(side, ef)
                    for acc, part in zip(got[side], block):
                        acc.append(part)
            for side in sides:
                wall, cpu, recall = (np.concatenate(parts) for parts in got[side])
                s = stats(wall, cpu)
                s.update(ef=ef, variant=side, recall=float(recall.mean()), min_recall=float(recall.min()),
                         round_medians_ms=[float(np.median(w)) / 1e6 for w in got[side][0]],
                         round_p99_ms=[stats(w, w)["p99_ms"] for w in got[side][0]])
                rows[side].append(s)
                name = "FAISS HNSW" if side == "faiss" else f"project HNSW {side}"
                rounds = " ".join(f"{m:.3f}" for m in s["round_medians_ms"])
                print(f"{name:<18} top-{K}, ef {ef:<4} 1 thread   n={s['n']}  {figures(s)}  recall@100 "
                      f"mean={s['recall']:.4f} min={s['min_recall']:.2f}; round medians {rounds} ms (load {load()})",
                      flush=True)
        return rows["faiss"], rows["f32"] + rows["int8"]
    finally:
        if server.poll() is None:
            server.stdin.write("quit\n")
            server.stdin.close()
            server.wait(timeout=30)


def main(directory, builds=0):
    with open(os.path.join(directory, "project.json")) as f:
        project = json.load(f)
    n, dim, nq = project["items"], project["dim"], project["queries"]
    xb = np.fromfile(os.path.join(directory, "items.f32"), dtype="<f4").reshape(n, dim)
    xq = np.fromfile(os.path.join(directory, "queries.f32"), dtype="<f4").reshape(nq, dim)
    truth = np.fromfile(os.path.join(directory, "truth.i32"), dtype="<i4").reshape(nq, K)
    print(f"# FAISS {faiss.__version__} (numpy {np.__version__}, {faiss.get_compile_options().strip()}) on the "
          f"project's data: {n} x {dim}, {nq} queries, top-{K}")
    print(f"# load average at start (1, 5, 15 min): {load()}; the project's run: {project['load_start']} "
          f"to {project['load_end']}")

    # ---- exact scan
    faiss.omp_set_num_threads(1)
    flat = faiss.IndexFlatIP(dim)
    flat.add(xb)
    for u in range(min(nq, 5)):
        flat.search(xq[u:u + 1], K)
    fe = timed(lambda q: flat.search(q, K), xq, truth)
    per = project.get("multi_queries_per_pass", 0)
    fm = None
    if per and nq >= per:
        passes = nq // per
        wall, cpu = np.zeros(passes), np.zeros(passes)
        for g in range(passes):
            batch = xq[g * per:(g + 1) * per]
            c = time.thread_time_ns()
            t = time.perf_counter_ns()
            flat.search(batch, K)
            wall[g] = time.perf_counter_ns() - t
            cpu[g] = time.thread_time_ns() - c
        fm = stats(wall, cpu)
        print(f"FAISS IndexFlatIP top-{K}, {per} queries per call, 1 thread   n={fm['n']}  {figures(fm)} (per call)")
    del flat
    bytes_per_query = 4.0 * n * dim
    fe_gbps = bytes_per_query / (fe["median_ms"] * 1e6)
    print(f"FAISS IndexFlatIP top-{K}, 1 thread   n={fe['n']}  {figures(fe)}  recall@100 {fe['recall']:.4f}  "
          f"{fe_gbps:.2f} GB/s at the median")

    print(f"== exact scan side by side: {n} x {dim}, one query at a time, one thread; ratio = project / FAISS "
          f"(load now {load()})")
    pe = {k[len("exact_"):]: v for k, v in project.items() if k.startswith("exact_")}
    print(f"  {'exact top-100':<34} {'project':>10} {'FAISS':>10} {'ratio':>9}")
    for key in ("median_ms", "p99_ms", "cpu_median_ms", "cpu_p99_ms"):
        print(ratio_row(key, pe, fe, key))
    if "row_major_median_ms" in pe:
        for key in ("median_ms", "cpu_median_ms"):
            print(f"  {'row-major scan (before), ' + key:<34} {pe['row_major_' + key]:10.3f} {fe[key]:10.3f} "
                  f"{pe['row_major_' + key] / fe[key]:8.2f}x")
    if fm is not None:
        ours_m, ours_mc = project["multi_per_query_ms"], project["multi_cpu_per_query_ms"]
        theirs_m, theirs_mc = fm["median_ms"] / per, fm["cpu_median_ms"] / per
        print(f"  {f'{per} queries per pass, per query':<34} {ours_m:10.3f} {theirs_m:10.3f} {ours_m / theirs_m:8.2f}x"
              f"   (thread CPU {ours_mc:.3f} against {theirs_mc:.3f} ms, {ours_mc / theirs_mc:.2f}x; gain over one "
              f"query a pass: project {pe['median_ms'] / ours_m:.2f}x, FAISS {fe['median_ms'] / theirs_m:.2f}x)")
    triad = project["triad_best_gbps"]
    print(f"  {'GB/s at the median':<34} {pe['gbps']:10.2f} {fe_gbps:10.2f}   (single-thread triad, best: "
          f"{triad:.2f} GB/s; project {100 * pe['gbps'] / triad:.0f}%, FAISS {100 * fe_gbps / triad:.0f}%)")
    if "triad_cpu_best_gbps" in project:
        triad_cpu = project["triad_cpu_best_gbps"]
        ours_cpu, theirs_cpu = (bytes_per_query / (pe["cpu_median_ms"] * 1e6),
                                bytes_per_query / (fe["cpu_median_ms"] * 1e6))
        print(f"  {'GB/s in thread CPU time':<34} {ours_cpu:10.2f} {theirs_cpu:10.2f}   (the triad in thread CPU "
              f"time, best: {triad_cpu:.2f} GB/s; project {100 * ours_cpu / triad_cpu:.0f}%, FAISS "
              f"{100 * theirs_cpu / triad_cpu:.0f}%)")
    verdict("exact top-100, one thread, within 1.1x of FAISS IndexFlatIP (median)",
            pe["median_ms"] <= 1.1 * fe["median_ms"],
            f"{pe['median_ms']:.3f} ms against {fe['median_ms']:.3f} ms, {pe['median_ms'] / fe['median_ms']:.2f}x; "
            f"thread CPU {pe['cpu_median_ms'] / fe['cpu_median_ms']:.2f}x")

    if not project["hnsw"]:   # RetrievalBench --exact-only
        print(f"# no HNSW in the project's run (--exact-only)")
        print(f"# load average at end (1, 5, 15 min): {load()}")
        return

    # ---- HNSW
    ab = None
    if builds > 0:
        print(f"== HNSW builds alternating ABBA, {builds} of each, {BUILD_THREADS} threads (load now {load()})",
              flush=True)
        ab = alternating_builds(directory, xb, xq, truth, dim, builds)
        hnsw = ab[4]
        build_s, build_cpu, build_load = float(np.median(ab[2])), float(np.median(ab[3])), "see above"
    else:
        build_load = load()
        hnsw, build_s, build_cpu = faiss_build(xb, dim)
    index_bytes = faiss.serialize_index(hnsw).nbytes
    print(f"FAISS IndexHNSWFlat build (M {M}, efConstruction {EF_CONSTRUCTION}, {BUILD_THREADS} threads): "
          f"{build_s:.1f} s wall, {build_cpu:.1f} CPU-s{' (medians)' if ab else ''} (load {build_load} before, "
          f"{load()} after); index {index_bytes / 2**20:.1f} MiB "
          f"serialised (vectors {xb.nbytes / 2**20:.1f} MiB, graph {(index_bytes - xb.nbytes) / 2**20:.1f} MiB)")
    faiss.omp_set_num_threads(1)
    efs = sorted({row["ef"] for row in project["hnsw"]})
    for u in range(min(nq, 50)):
        for ef in efs:
            hnsw.hnsw.efSearch = ef
            hnsw.search(xq[u:u + 1], K)
    server_cmd, graph_file = os.environ.get("PEER_SEARCH_CMD"), project.get("graph_file")
    if server_cmd and graph_file:
        faiss_rows, project_rows = interleaved(shlex.split(server_cmd) + [directory, str(dim), graph_file], hnsw, xq,
                                               truth, efs)
        how = f"interleaved block by block, {SEARCH_ROUNDS} rounds of {nq} queries per side and ef"
    else:   # the script run by hand: the project's rows as RetrievalBench timed them, minutes before FAISS's
        faiss_rows, project_rows = [], project["hnsw"]
        for ef in efs:
            hnsw.hnsw.efSearch = ef
            s = timed(lambda q: hnsw.search(q, K), xq, truth)
            s["ef"] = ef
            faiss_rows.append(s)
            print(f"FAISS HNSW top-{K}, ef {ef:<4} 1 thread   n={s['n']}  {figures(s)}  recall@100 "
                  f"mean={s['recall']:.4f} min={s['min_recall']:.2f}")
        how = ("NOT interleaved: the project's figures are RetrievalBench's, timed minutes before FAISS's (set "
               "PEER_SEARCH_CMD, as ./workbook bench retrieval --peer does, to interleave them)")

    # ---- side by side
    print(f"== HNSW side by side: {n} x {dim}, one query at a time, one thread; ratio = project / FAISS; {how} "
          f"(load now {load()})")
    print(f"\n  {'HNSW: the smallest ef reaching':<34} {'ef':>4} {'recall':>7} {'median':>8} {'p99':>8} "
          f"{'CPU med':>8} {'CPU p99':>8}   ratios median / p99 (wall; CPU)")
    for target in RECALL_TARGETS:
        fr = next((r for r in faiss_rows if r["recall"] >= target), None)
        print(f"  recall@100 >= {target}")
        if fr is None:
            print(f"    FAISS: no ef up to {efs[-1]} reaches it")
        else:
            print(f"    {'FAISS HNSWFlat':<32} {fr['ef']:4d} {fr['recall']:7.4f} {fr['median_ms']:8.3f} "
                  f"{fr['p99_ms']:8.3f} {fr['cpu_median_ms']:8.3f} {fr['cpu_p99_ms']:8.3f}")
        for variant in ("f32", "int8"):
            pr = next((r for r in project_rows if r["variant"] == variant and r["recall"] >= target), None)
            name = f"project HnswIndex {variant}"
            if pr is None:
                print(f"    {name}: no ef up to {efs[-1]} reaches it")
                continue
            line = (f"    {name:<32} {pr['ef']:4d} {pr['recall']:7.4f} {pr['median_ms']:8.3f} {pr['p99_ms']:8.3f} "
                    f"{pr['cpu_median_ms']:8.3f} {pr['cpu_p99_ms']:8.3f}")
            if fr is not None:
                line += (f"   {pr['median_ms'] / fr['median_ms']:.2f}x / {pr['p99_ms'] / fr['p99_ms']:.2f}x; "
                         f"{pr['cpu_median_ms'] / fr['cpu_median_ms']:.2f}x / {pr['cpu_p99_ms'] / fr['cpu_p99_ms']:.2f}x")
            print(line)
            if target == 0.97 and fr is not None:
                rm, rp = pr["median_ms"] / fr["median_ms"], pr["p99_ms"] / fr["p99_ms"]
                verdict(f"HNSW ({variant}) at recall@100 >= 0.97, median and p99 within 1.5x of FAISS's",
                        rm <= 1.5 and rp <= 1.5 and pr["n"] >= MIN_SAMPLES_FOR_P99,
                        f"ef {pr['ef']} against FAISS's ef {fr['ef']}: wall {rm:.2f}x / {rp:.2f}x, thread CPU "
                        f"{pr['cpu_median_ms'] / fr['cpu_median_ms']:.2f}x / {pr['cpu_p99_ms'] / fr['cpu_p99_ms']:.2f}x"
                        + ("" if pr["n"] >= MIN_SAMPLES_FOR_P99 else "; too few queries to judge a p99")
                        + round_ratios(pr, fr))

    if ab is not None:
        pb, pc = float(np.median(ab[0])), float(np.median(ab[1]))
        print(f"\n  build on {BUILD_THREADS} threads, median of {builds} ABBA: project {pb:.1f} s wall "
              f"({pc:.1f} CPU-s), FAISS {build_s:.1f} s ({build_cpu:.1f} CPU-s): {pb / build_s:.2f}x wall, "
              f"{pc / build_cpu:.2f}x CPU")
        verdict(f"HNSW build on {BUILD_THREADS} threads within 1.5x of FAISS's", pb <= 1.5 * build_s,
                f"median of {builds} alternating builds each: {pb:.1f} s against {build_s:.1f} s, {pb / build_s:.2f}x; "
                f"CPU {pc:.1f} against {build_cpu:.1f} CPU-s, {pc / build_cpu:.2f}x")
    elif project.get("build_from_cache") or project["build_seconds"] is None:
        print(f"\n  build: the project's graph was read from its cache file, not built; FAISS {build_s:.1f} s "
              f"({build_cpu:.1f} CPU-s)")
        verdict(f"HNSW build on {BUILD_THREADS} threads within 1.5x of FAISS's", False,
                "not measured: the project's graph came from --graph-cache; run with --builds N")
    else:
        pb, pc = project["build_seconds"], project.get("build_cpu_seconds") or float("nan")
        print(f"\n  build on {BUILD_THREADS} threads: project {pb:.1f} s wall ({pc:.1f} CPU-s; load after "
              f"{project['build_load_after']}), FAISS {build_s:.1f} s ({build_cpu:.1f} CPU-s): {pb / build_s:.2f}x "
              f"wall, {pc / build_cpu:.2f}x CPU")
        verdict(f"HNSW build on {BUILD_THREADS} threads within 1.5x of FAISS's", pb <= 1.5 * build_s,
                f"{pb:.1f} s against {build_s:.1f} s, {pb / build_s:.2f}x (CPU {pc / build_cpu:.2f}x); the builds ran "
                f"minutes apart, so the load may have differed (--builds N alternates them)")
    ours = project["graph_bytes"] + project["vector_bytes"]
    ours8 = ours + project["codes_bytes"]
    print(f"  index memory (vectors + graph): project {ours / 2**20:.1f} MiB ({ours8 / 2**20:.1f} MiB with the "
          f"int8 codes), FAISS {index_bytes / 2**20:.1f} MiB (serialised): {ours / index_bytes:.2f}x "
          f"({ours8 / index_bytes:.2f}x)")
    verdict("HNSW memory within 1.5x of FAISS's index", ours8 <= 1.5 * index_bytes,
            f"{ours8 / index_bytes:.2f}x with the int8 codes, {ours / index_bytes:.2f}x without")
    if (n, dim) != (1_000_000, 64):
        print(f"# the targets are set for 1M x 64; this run is {n} x {dim}")
    print(f"# load average at end (1, 5, 15 min): {load()}")


if __name__ == "__main__":
    argv = sys.argv[1:]
    rounds = int(os.environ.get("PEER_BUILDS", "0") or 0)
    if len(argv) == 3 and argv[0] == "--builds":
        rounds, argv = int(argv[1]), argv[2:]
    if len(argv) != 1 or rounds < 0:
        sys.exit(__doc__)
    if rounds > 0 and not os.environ.get("PEER_BUILD_CMD"):
        sys.exit("--builds needs PEER_BUILD_CMD, the command of the project's build (./workbook bench retrieval "
                 "--peer sets it)")
    main(argv[0], rounds)
