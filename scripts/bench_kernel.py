"""Benchmark of the Java kernel: start to the first result, the first cell against the tenth, a one-line
cell, printing, interrupt, and memory (RSS, and what the heap keeps after printing 80,000 lines).

It measures this checkout's kernel: the kernelspec in build/kernel/spec/java, found first on JUPYTER_PATH
through build/jupyter (as `./workbook test` does), so that another checkout's kernel cannot be measured by
mistake. With --peer it measures a JJava kernelspec beside it in the same run, alternating the two
kernel by kernel, and prints the ratios. It prints the load average at its start and end, and for each
figure the median, the spread (min and max) and, where there are at least 100 samples, the p99.
It is a benchmark, not a test: it prints figures and asserts nothing.

Each start's CPU time is split by thread kind (the engine's thread, the main thread, the C1 and C2 compilers,
the GC, the others), read from /proc/PID/task/*/stat at the first result. The paused starts (--paused-starts)
send the first cell 3 s after ready, when the engine's warm-up is over, to tell the first cell's own extra
cost from the wait for the engine.

usage: bench_kernel.py [--peer] [--peer-kernel NAME] [--also NAME]... [--starts N] [--paused-starts N]
                       [--starts-only] [--kernel NAME]
"""
import argparse
import os
import platform
import queue
import re
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CHECKOUT_JUPYTER = os.path.join(ROOT, "build", "jupyter")


def use_checkout_kernelspec():
    """Puts this checkout's kernelspec first on JUPYTER_PATH, as `./workbook test` does."""
    spec = os.path.join(ROOT, "build", "kernel", "spec", "java")
    if not os.path.isfile(os.path.join(spec, "kernel.json")):
        sys.exit(f"no kernelspec at {spec}: run ./workbook setup first")
    target = os.path.join(CHECKOUT_JUPYTER, "kernels", "java")
    os.makedirs(os.path.dirname(target), exist_ok=True)
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(spec, target)
    old = os.environ.get("JUPYTER_PATH")
    os.environ["JUPYTER_PATH"] = CHECKOUT_JUPYTER + (os.pathsep + old if old else "")


use_checkout_kernelspec()
import jupyter_client  # noqa: E402  (after JUPYTER_PATH is set)
from jupyter_client.kernelspec import KernelSpecManager  # noqa: E402

TIMEOUT = 120


# ---- statistics and printing ------------------------------------------------------------------------

def pct(values, q):
    s = sorted(values)
    return s[max(0, min(len(s) - 1, int(round(q * len(s) + 0.5)) - 1))]


def summary(values):
    return {"n": len(values), "median": statistics.median(values), "min": min(values), "max": max(values),
            "p99": pct(values, 0.99) if len(values) >= 100 else None}


def fmt(s, unit):
    text = f"n={s['n']:<4} median {s['median']:9.1f} {unit}  spread {s['min']:.1f}–{s['max']:.1f}"
    if s["p99"] is not None:
        text += f"  p99 {s['p99']:9.1f}"
    return text


def load():
    a, b, c = os.getloadavg()
    return f"{a:.2f} {b:.2f} {c:.2f}"


# ---- processes ---------------------------------------------------------------------------------------

def children():
    """Parent pid to child pids, from /proc."""
    tree = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                tree.setdefault(ppid, []).append(int(entry))
            except (OSError, IndexError, ValueError):
                pass
    return tree


def process_tree(pid):
    tree, out, todo = children(), [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(tree.get(p, []))
    return out


def rss_mib(pid):
    """The resident memory of the kernel's process and its children (JJava's launcher starts a second JVM)."""
    total = 0
    for p in process_tree(pid):
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024.0


def cpu_ms(pid):
    """CPU time (user and system) of the kernel's process and its children so far: a figure the machine's
    load changes far less than the wall-clock ones."""
    total = 0
    for p in process_tree(pid):
        try:
            with open(f"/proc/{p}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            pass
    return total * 1000.0 / os.sysconf("SC_CLK_TCK")


THREAD_KINDS = ("engine thread (and ended threads)", "main thread", "C1 compiler", "C2 compiler", "GC", "other threads")


def thread_kind(comm):
    """The kind of a JVM thread, from its name in /proc (cut to 15 characters by Linux)."""
    if comm.startswith("C1 Compiler"):
        return "C1 compiler"
    if comm.startswith("C2 Compiler"):
        return "C2 compiler"
    if comm.startswith(("GC Thread", "G1 ", "GC ", "Serial", "Parallel")):
        return "GC"
    if comm == "kernel-start":  # this kernel's engine (JShell and javac) starts on it
        return THREAD_KINDS[0]
    if comm == "java":  # the main thread keeps the launcher's name
        return "main thread"
    return "other threads"


def cpu_by_thread_kind(pid):
    """CPU time (ms) of the kernel's threads by kind, from /proc/PID/task/*/stat of the process tree. A thread
    that has ended is no longer listed there: what the process used beyond its live threads is counted to the
    engine's thread, since this kernel's engine starts on a thread that ends once the engine is ready (for
    another kernel that figure is its ended threads, whatever they were)."""
    kinds = dict.fromkeys(THREAD_KINDS, 0.0)
    total = cpu_ms(pid)
    tick = 1000.0 / os.sysconf("SC_CLK_TCK")
    for p in process_tree(pid):
        try:
            tasks = os.listdir(f"/proc/{p}/task")
        except OSError:
            continue
        for t in tasks:
            try:
                with open(f"/proc/{p}/task/{t}/stat") as f:
                    text = f.read()
            except OSError:
                continue
            comm = text[text.index("(") + 1:text.rindex(")")]
            fields = text.rsplit(")", 1)[1].split()
            kinds[thread_kind(comm)] += (int(fields[11]) + int(fields[12])) * tick
    kinds[THREAD_KINDS[0]] += max(0.0, total - sum(kinds.values()))
    return kinds


def kernel_jvm(pid):
    """The pid of the JVM that runs the kernel: the deepest java process of the tree."""
    jvm = pid
    for p in process_tree(pid):
        try:
            with open(f"/proc/{p}/cmdline", "rb") as f:
                if b"java" in f.read().split(b"\0")[0]:
                    jvm = p
        except OSError:
            pass
    return jvm


def jcmd_for(pid):
    exe = os.path.realpath(f"/proc/{pid}/exe")
    jcmd = os.path.join(os.path.dirname(exe), "jcmd")
    return jcmd if os.path.exists(jcmd) else shutil.which("jcmd")


def live_histogram(pid):
    """Live objects by class after a full GC (jcmd GC.class_histogram): {class: (instances, bytes)}."""
    out = subprocess.run([jcmd_for(pid), str(pid), "GC.class_histogram"], capture_output=True, text=True,
                         timeout=120).stdout
    hist = {}
    for line in out.splitlines():
        m = re.match(r"\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)", line)
        if m:
            inst, size, name = int(m.group(1)), int(m.group(2)), m.group(3)
            old = hist.get(name, (0, 0))
            hist[name] = (old[0] + inst, old[1] + size)
    return hist


def settle(pid, window=2.0, limit=180.0):
    """Waits until the kernel has finished what it does when idle (JShell's class index, a completion
    warm-up): until it uses under 2.5% of a core over a window of 2 s, at most 180 s. Returns the seconds
    waited. Without it the heap would grow by that work between the two histograms and look like
    memory kept from printing."""
    t0 = time.monotonic()
    last = cpu_ms(pid)
    while time.monotonic() - t0 < limit:
        time.sleep(window)
        now = cpu_ms(pid)
        if now - last < 0.025 * window * 1000:
            break
        last = now
    return time.monotonic() - t0


# ---- one kernel ----------------------------------------------------------------------------------------

class Kernel:
    def __init__(self, name):
        self.name = name
        self.spec = KernelSpecManager().get_kernel_spec(name)
        self.figures = {}

    def add(self, figure, value):
        self.figures.setdefault(figure, []).append(value)

    def start(self):
        km, kc = jupyter_client.manager.start_new_kernel(kernel_name=self.name, startup_timeout=TIMEOUT)
        return km, kc


def run(kc, code, timeout=TIMEOUT):
    """Runs a cell; returns the number of stdout lines that arrived.

    Waits for the execute_reply and for the kernel's idle status on IOPub. A kernel whose IOPub messages
    are dropped (a PUB socket drops what a slow subscriber has not read) may lose its idle status: then
    the cell counts as done 3 s after the last message that did arrive, and the lines are counted as
    they arrived.
    """
    msg_id = kc.execute(code, allow_stdin=False)
    deadline = time.monotonic() + timeout
    lines, replied, idle = 0, None, False
    while not (replied and idle):
        if time.monotonic() > deadline:
            raise TimeoutError(f"no reply to {code!r} in {timeout} s")
        try:
            m = kc.get_iopub_msg(timeout=0.05 if not replied else 3)
        except queue.Empty:
            if replied:
                break  # the idle status was lost
            m = None
        if m is not None and m["parent_header"].get("msg_id") == msg_id:
            if m["msg_type"] == "stream" and m["content"]["name"] == "stdout":
                lines += m["content"]["text"].count("\n")
            elif m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
                idle = True
        if not replied:
            try:
                r = kc.get_shell_msg(timeout=0)
                if r["parent_header"].get("msg_id") == msg_id:
                    replied = r
                    if r["content"]["status"] != "ok":
                        raise RuntimeError(f"{code!r} failed: {r['content']}")
            except queue.Empty:
                pass
    return lines


def pid_of(km):
    prov = getattr(km, "provisioner", None)
    if prov is not None and getattr(prov, "pid", None):
        return prov.pid
    return km.kernel.pid


def one_start(k):
    """Start to the first result, split into ready (kernel_info answered) and the first cell; then nine more."""
    t0 = time.monotonic()
    km, kc = k.start()
    t_ready = time.monotonic()
    run(kc, "1 + 1")
    t_first = time.monotonic()
    k.add("start to first result", (t_first - t0) * 1000)
    k.add("  ready (kernel_info answered)", (t_ready - t0) * 1000)
    k.add("  first cell `1 + 1`", (t_first - t_ready) * 1000)
    k.add("  kernel's CPU time to first result", cpu_ms(pid_of(km)))
    for kind, ms in cpu_by_thread_kind(pid_of(km)).items():
        k.add(f"    of it {kind}", ms)
    k.add("RSS after start (MiB)", rss_mib(pid_of(km)))
    cells = []
    for _ in range(9):
        t = time.monotonic()
        run(kc, "1 + 1")
        cells.append((time.monotonic() - t) * 1000)
    k.add("  tenth cell `1 + 1`", cells[-1])
    k.add("first cell minus tenth", (t_first - t_ready) * 1000 - cells[-1])
    t = time.monotonic()
    msg_id = kc.complete("Math.sq", 7)
    while kc.get_shell_msg(timeout=TIMEOUT)["parent_header"].get("msg_id") != msg_id:
        pass
    k.add("first completion `Math.sq`", (time.monotonic() - t) * 1000)
    kc.stop_channels()
    km.shutdown_kernel(now=True)


def paused_start(k, pause=3.0):
    """A start whose first cell is sent `pause` seconds after ready, when the engine's warm-up is over: what
    remains of the first cell's extra cost is its own (first classes, first JIT), not the wait for the engine."""
    km, kc = k.start()
    try:
        time.sleep(pause)
        t = time.monotonic()
        run(kc, "1 + 1")
        first = (time.monotonic() - t) * 1000
        for _ in range(9):
            t = time.monotonic()
            run(kc, "1 + 1")
        tenth = (time.monotonic() - t) * 1000
        k.add(f"first cell {pause:.0f} s after ready", first)
        k.add("  minus the tenth", first - tenth)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def session(k, interrupts):
    """One kernel session: one-line cells, printing, interrupts, and memory."""
    km, kc = k.start()
    pid = pid_of(km)
    try:
        for _ in range(30):
            run(kc, "int x = 2 * 3;")
        for _ in range(200):
            t = time.monotonic()
            run(kc, "int x = 2 * 3;")
            k.add("one-line cell `int x = 2 * 3;`", (time.monotonic() - t) * 1000)
        k.add("RSS after 230 cells (MiB)", rss_mib(pid))

        for _ in range(5):
            t = time.monotonic()
            got = run(kc, 'for (int i = 0; i < 10_000; i++) System.out.println("line " + i);')
            k.add("10,000 printed lines to idle", (time.monotonic() - t) * 1000)
            k.add("  of them arrived (lines)", got)

        jvm = kernel_jvm(pid)
        k.add("  settled before the histogram (s)", settle(pid))
        before = live_histogram(jvm)
        got = run(kc, 'for (int i = 0; i < 80_000; i++) System.out.println("line " + i);', timeout=600)
        k.add("  of the 80,000 arrived (lines)", got)
        k.add("RSS after printing 80,000 lines (MiB)", rss_mib(pid))
        after = live_histogram(jvm)
        k.add("live heap before the 80,000 lines (MiB)", sum(b for _, b in before.values()) / 2**20)
        k.add("live heap after them, after a GC (MiB)", sum(b for _, b in after.values()) / 2**20)
        grew = sorted(((after[c][1] - before.get(c, (0, 0))[1], c, after[c][0] - before.get(c, (0, 0))[0])
                       for c in after), reverse=True)[:5]
        k.grew = [(c, d, n) for d, c, n in grew if d > 64 * 1024]

        if interrupts:
            for _ in range(10):
                msg_id = kc.execute("while (true) {}")
                time.sleep(0.3)
                t = time.monotonic()
                km.interrupt_kernel()
                try:
                    while kc.get_shell_msg(timeout=30)["parent_header"].get("msg_id") != msg_id:
                        pass
                except queue.Empty:
                    k.unstoppable = True
                    break
                k.add("interrupt of `while (true) {}`", (time.monotonic() - t) * 1000)
                try:
                    while True:  # drain IOPub up to idle
                        m = kc.get_iopub_msg(timeout=5)
                        if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle" \
                                and m["parent_header"].get("msg_id") == msg_id:
                            break
                except queue.Empty:
                    pass
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def find_peer(name):
    specs = KernelSpecManager().get_all_specs()
    if name:
        return name if name in specs else None
    for n, s in sorted(specs.items()):
        if any("jjava" in a.lower() for a in s["spec"]["argv"]):
            return n
    return None


UNITS = {"MiB": "MiB", "lines": "lines", "s": "s"}


def unit_of(figure):
    for key, unit in UNITS.items():
        if f"({key})" in figure:
            return unit
    return "ms"


def report(kernels):
    ours = kernels[0]
    for figure in ours.figures:
        unit = unit_of(figure)
        label = re.sub(r" \((MiB|lines|s)\)", "", figure)
        s = summary(ours.figures[figure])
        text = f"{label:<44} {fmt(s, unit)}"
        for other in kernels[1:]:
            if figure not in other.figures:
                continue
            p = summary(other.figures[figure])
            text += f"\n{'':<44} {fmt(p, unit)}   ({other.name})"
            if p["median"] and not figure.startswith(("first cell minus", "  minus the tenth")):
                text += f"\n{'':<44} ratio of medians {s['median'] / p['median']:.2f} (this kernel / {other.name})"
        print(text)
    for k in kernels:
        if getattr(k, "unstoppable", False):
            print(f"interrupt ({k.name}): `while (true) {{}}` was still running 30 s after an interrupt")
        grew = getattr(k, "grew", None)
        if grew is not None:
            held = ", ".join(f"{c} +{d / 2**20:.2f} MiB ({n:+d})" for c, d, n in grew) or "nothing over 64 KiB"
            print(f"held after printing 80,000 lines ({k.name}): {held}")


def targets(kernels, peer):
    ours = kernels[0]
    med = lambda k, f: statistics.median(k.figures[f])  # noqa: E731
    start = med(ours, "start to first result")
    print(f"target: start to first result ≤ 1000 ms on an idle machine: "
          f"{'met' if start <= 1000 else 'missed'} ({start:.0f} ms, load {load()})")
    gap = med(ours, "first cell minus tenth")
    print(f"target: first cell no slower than the tenth by more than 200 ms: "
          f"{'met' if gap <= 200 else 'missed'} ({gap:.0f} ms)")
    paused = [f for f in ours.figures if f.startswith("first cell ") and f.endswith(" after ready")]
    if paused:
        print(f"        (that is 'first cell minus tenth', sent at once after ready, so it includes the wait for the "
              f"engine's warm-up;\n         '{paused[0]}' and its 'minus the tenth' "
              f"({med(ours, '  minus the tenth'):.0f} ms) are the first cell's own extra cost)")
    if peer is not None:
        ps = med(peer, "start to first result")
        print(f"target: start to first result at most half of {peer.name}'s: "
              f"{'met' if start <= ps / 2 else 'missed'} ({start:.0f} ms against {ps:.0f} ms, ratio {start / ps:.2f})")
        r, pr = med(ours, "RSS after start (MiB)"), med(peer, "RSS after start (MiB)")
        print(f"target: RSS after start within 1.2× of {peer.name}'s: "
              f"{'met' if r <= 1.2 * pr else 'missed'} ({r:.0f} MiB against {pr:.0f} MiB, ratio {r / pr:.2f})")
    if "live heap before the 80,000 lines (MiB)" not in ours.figures:
        return
    a, b = med(ours, "live heap before the 80,000 lines (MiB)"), med(ours, "live heap after them, after a GC (MiB)")
    print(f"target: printing 80,000 lines leaves no retained memory after a GC: "
          f"{'met' if b - a < 1.0 else 'missed'} ({b - a:+.2f} MiB live)")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--peer", action="store_true", help="measure a JJava kernelspec in the same run")
    ap.add_argument("--peer-kernel", default=os.environ.get("WORKBOOK_PEER_KERNEL"),
                    help="the peer's kernelspec name (default: the first whose command runs jjava)")
    ap.add_argument("--starts", type=int, default=10, help="kernel starts per kernel (default 10)")
    ap.add_argument("--paused-starts", type=int, default=5,
                    help="extra starts per kernel whose first cell is sent 3 s after ready (default 5)")
    ap.add_argument("--starts-only", action="store_true", help="measure the starts only, no session")
    ap.add_argument("--kernel", default=os.environ.get("WORKBOOK_BENCH_KERNEL", "java"),
                    help="the kernelspec to measure (default: this checkout's 'java')")
    ap.add_argument("--also", action="append", default=[], metavar="NAME",
                    help="another kernelspec measured in the same run, alternated with the others (a variant "
                         "of this kernel, before and after a change); repeatable")
    args = ap.parse_args()
    if os.environ.get("WORKBOOK_BENCH_PEER"):
        args.peer = True

    cpu = "unknown"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    kernels = [Kernel(args.kernel)]
    if args.peer:
        peer = find_peer(args.peer_kernel)
        if peer is None:
            sys.exit("no JJava kernelspec found (give its name with --peer-kernel); lib-src/kernel/README.md "
                     "says how to install one")
        kernels.append(Kernel(peer))
    peer_kernel = kernels[1] if args.peer else None
    for name in args.also:
        if name not in KernelSpecManager().get_all_specs():
            sys.exit(f"no kernelspec named {name!r} (--also)")
        kernels.append(Kernel(name))
    print(f"# kernel benchmark on {platform.system()} {platform.machine()}, {os.cpu_count()} cores ({cpu})")
    for k in kernels:
        jv = subprocess.run([k.spec.argv[0], "-version"], capture_output=True, text=True).stderr.splitlines()[0]
        print(f"# {k.name}: {k.spec.resource_dir} ({jv})")
    print(f"# load average at start: {load()}")

    for i in range(args.starts):
        order = kernels[i % len(kernels):] + kernels[:i % len(kernels)]  # each kernel starts first in turn
        for k in order:
            one_start(k)
    for i in range(args.paused_starts):
        for k in kernels[i % len(kernels):] + kernels[:i % len(kernels)]:
            paused_start(k)
    if not args.starts_only:
        for k in kernels:
            session(k, interrupts=True)

    report(kernels)
    targets(kernels, peer_kernel)
    print(f"# load average at end: {load()}")


if __name__ == "__main__":
    main()
