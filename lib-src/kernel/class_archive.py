"""Makes the kernel's class-data archive (AppCDS) at install time and adds it to the kernelspec.

usage: class_archive.py KERNELSPEC_DIR ARCHIVE

Starts the kernel of KERNELSPEC_DIR/kernel.json once with -XX:ArchiveClassesAtExit=ARCHIVE, runs the
requests a notebook's first minute makes (cells, a display, completion, inspection), and shuts it down;
the JVM then writes the classes it loaded (the kernel's, JShell's, javac's, JeroMQ's) to ARCHIVE. Later
starts map them instead of loading and verifying each class again. The kernelspec gets
-XX:SharedArchiveFile=ARCHIVE only when the archive was made. A JVM that cannot use the archive (another
JDK, or jars changed since it was made) starts without it, as before; -Xlog:cds=off keeps its warning
out of the Jupyter server's log. `./workbook install-kernel` makes it afresh.
"""
import json
import os
import shutil
import sys
import tempfile

import jupyter_client

CELLS = [
    "1 + 1",
    'String s = "abc".toUpperCase();',
    "List<Integer> xs = IntStream.range(0, 10).boxed().collect(Collectors.toList());\nxs.size()",
    'display("<b>hi</b>", "text/html");',
    "record P(int a) { }\nnew P(1)",
    'System.out.println("printed");',
]
OPTIONS = ["-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off"]


def main(spec_dir, archive):
    spec_file = os.path.join(spec_dir, "kernel.json")
    with open(spec_file) as f:
        spec = json.load(f)
    argv = [a for a in spec["argv"] if not a.startswith("-XX:SharedArchiveFile=") and a not in OPTIONS]
    if os.path.exists(archive):
        os.remove(archive)

    root = tempfile.mkdtemp(prefix="kernel-cds-")
    try:
        d = os.path.join(root, "kernels", "java-cds-training")
        os.makedirs(d)
        training = dict(spec, argv=[argv[0], f"-XX:ArchiveClassesAtExit={archive}"] + OPTIONS[1:] + argv[1:])
        with open(os.path.join(d, "kernel.json"), "w") as f:
            json.dump(training, f)
        os.environ["JUPYTER_PATH"] = root + os.pathsep + os.environ.get("JUPYTER_PATH", "")
        km, kc = jupyter_client.manager.start_new_kernel(kernel_name="java-cds-training", startup_timeout=180)
        km.shutdown_wait_time = 120  # writing the archive takes a few seconds after the shutdown request
        try:
            for cell in CELLS:
                reply = kc.execute_interactive(cell, timeout=180, output_hook=lambda m: None)
                if reply["content"]["status"] != "ok":
                    raise RuntimeError(f"training cell {cell!r} failed: {reply['content']}")
            for request in (lambda: kc.complete("Math.sq", 7), lambda: kc.inspect("Math.max", 8),
                            lambda: kc.is_complete("for (int i = 0; i < 3; i++) {")):
                msg_id = request()
                while kc.get_shell_msg(timeout=180)["parent_header"].get("msg_id") != msg_id:
                    pass
        finally:
            km.shutdown_kernel(now=False)  # a clean exit, so that the JVM writes the archive
            kc.stop_channels()
    finally:
        shutil.rmtree(root, ignore_errors=True)

    if os.path.exists(archive) and os.path.getsize(archive) > 0:
        argv[1:1] = [f"-XX:SharedArchiveFile={archive}"] + OPTIONS
        print(f"class-data archive: {archive} ({os.path.getsize(archive) / 2**20:.0f} MiB)")
    else:
        print("class-data archive: the JVM wrote none; the kernel starts without one", file=sys.stderr)
    spec["argv"] = argv
    with open(spec_file, "w") as f:
        json.dump(spec, f, indent=2)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__.split("\n\n")[1])
    main(sys.argv[1], sys.argv[2])
