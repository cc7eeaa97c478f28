"""Benchmark of the Java kernel: start-up to the first result, a one-line cell, and interrupt.

Prints medians and p99 of repeated measurements, and the machine they were taken on. It is a
benchmark, not a test: it prints figures and asserts nothing.
"""
import os
import platform
import statistics
import subprocess
import time

import jupyter_client

KERNEL = os.environ.get("WORKBOOK_BENCH_KERNEL", "java")


def pct(values, q):
    s = sorted(values)
    return s[max(0, min(len(s) - 1, int(round(q * len(s) + 0.5)) - 1))]


def line(name, values, unit="ms", scale=1000.0):
    v = [x * scale for x in values]
    print(f"{name:<46} n={len(v):<4} median={statistics.median(v):8.1f} {unit}  "
          f"p99={pct(v, 0.99):8.1f} {unit}  min={min(v):8.1f} {unit}")


def run(kc, code, timeout=60):
    return kc.execute_interactive(code, timeout=timeout, output_hook=lambda m: None)


def main():
    cpu = "unknown"
    try:
        for l in open("/proc/cpuinfo"):
            if l.startswith("model name"):
                cpu = l.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    java = jupyter_client.kernelspec.KernelSpecManager().get_kernel_spec(KERNEL).argv[0]
    jv = subprocess.run([java, "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    print(f"# kernel benchmark on {platform.system()} {platform.machine()}, {os.cpu_count()} cores ({cpu}); {jv}")

    starts = []
    for _ in range(5):
        t0 = time.monotonic()
        km, kc = jupyter_client.manager.start_new_kernel(kernel_name=KERNEL)
        reply = run(kc, "1 + 1")
        assert reply["content"]["status"] == "ok"
        starts.append(time.monotonic() - t0)
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    line("start to first result (s)", starts, "s", 1.0)

    km, kc = jupyter_client.manager.start_new_kernel(kernel_name=KERNEL)
    try:
        for _ in range(30):
            run(kc, "int x = 2 * 3;")
        cells = []
        for _ in range(200):
            t0 = time.monotonic()
            run(kc, "int x = 2 * 3;")
            cells.append(time.monotonic() - t0)
        line("one-line cell `int x = 2 * 3;`", cells)

        interrupts = []
        for _ in range(10):
            msg_id = kc.execute("while (true) {}")
            time.sleep(0.3)
            t0 = time.monotonic()
            km.interrupt_kernel()
            while True:
                reply = kc.get_shell_msg(timeout=30)
                if reply["parent_header"].get("msg_id") == msg_id:
                    break
            interrupts.append(time.monotonic() - t0)
            while True:  # drain IOPub up to idle
                m = kc.get_iopub_msg(timeout=10)
                if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle" \
                        and m["parent_header"].get("msg_id") == msg_id:
                    break
        line("interrupt of `while (true) {}`", interrupts)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


if __name__ == "__main__":
    main()
