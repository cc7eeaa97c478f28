"""Protocol tests of the Java kernel through jupyter_client, as a front end would drive it.

They cover what the conformance suite does not: interrupting a running cell, cells that call
System.exit, overflow the stack or exhaust the heap, the per-cell time limit, %maven and the other
magics, rich display of Tablesaw tables and figures, stdin, error formatting, and messages with a
wrong signature. Each runs on the JDK the kernel was installed with and, where it is present, on
JDK 25 (where Thread.stop is gone and interrupts work differently).
"""
import json
import os
import queue
import re
import shutil
import signal
import subprocess
import tempfile
import time
import unittest
import uuid
import zipfile

import jupyter_client
from jupyter_client.kernelspec import KernelSpecManager

JDK25 = "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TIMEOUT = 60


def make_jdk25_spec():
    """A kernelspec like the installed 'java' one, but started with JDK 25; None if no JDK 25."""
    if not os.path.exists(JDK25):
        return None
    spec = KernelSpecManager().get_kernel_spec("java")
    root = tempfile.mkdtemp(prefix="java25-spec-")
    d = os.path.join(root, "kernels", "java25")
    os.makedirs(d)
    argv = list(spec.argv)
    argv[0] = JDK25
    with open(os.path.join(d, "kernel.json"), "w") as f:
        json.dump({"argv": argv, "display_name": "Java 25", "language": "java",
                   "interrupt_mode": "message", "env": spec.env}, f)
    return root


class KernelSession:
    """A running kernel and a client, with helpers that collect a cell's outputs."""

    def __init__(self, kernel_name, spec_root=None):
        if spec_root and not os.environ.get("JUPYTER_PATH", "").startswith(spec_root):
            os.environ["JUPYTER_PATH"] = spec_root + os.pathsep + os.environ.get("JUPYTER_PATH", "")
        self.km, self.kc = jupyter_client.manager.start_new_kernel(
            kernel_name=kernel_name, startup_timeout=TIMEOUT)

    def close(self):
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)

    def run(self, code, timeout=TIMEOUT, stdin_hook=None, allow_stdin=False):
        outputs = []

        def hook(msg):
            if msg["msg_type"] in ("stream", "execute_result", "display_data", "error",
                                   "update_display_data", "clear_output"):
                outputs.append(msg)

        kwargs = {"timeout": timeout, "output_hook": hook, "allow_stdin": allow_stdin}
        if stdin_hook:
            kwargs["stdin_hook"] = stdin_hook
        reply = self.kc.execute_interactive(code, **kwargs)
        return reply["content"], outputs

    def rich_result(self, code):
        """The MIME bundle of a cell's result, failing if the cell did not end in one."""
        content, outputs = self.run(code)
        assert content["status"] == "ok", content
        results = [o for o in outputs if o["msg_type"] == "execute_result"]
        assert results, f"no result for {code!r}: {outputs}"
        return results[-1]["content"]["data"]

    def value(self, code):
        return self.rich_result(code)["text/plain"]


def text_of(outputs, name="stdout"):
    return "".join(o["content"]["text"] for o in outputs
                   if o["msg_type"] == "stream" and o["content"]["name"] == name)


class ProtocolTests:
    kernel_name = "java"
    spec_root = None

    @classmethod
    def setUpClass(cls):
        cls.k = KernelSession(cls.kernel_name, cls.spec_root)

    @classmethod
    def tearDownClass(cls):
        cls.k.close()

    def test_interrupt_stops_a_tight_loop_and_keeps_state(self):
        self.k.run("int kept = 41;")
        msg_id = self.k.kc.execute("while (true) {}")
        time.sleep(0.5)
        t0 = time.monotonic()
        self.k.km.interrupt_kernel()
        reply = self.k.kc.get_shell_msg(timeout=10)
        elapsed = time.monotonic() - t0
        self.assertEqual(reply["parent_header"]["msg_id"], msg_id)
        self.assertEqual(reply["content"]["status"], "error")
        self.assertLess(elapsed, 1.0, f"interrupt took {elapsed:.2f} s")
        self.assertEqual(self.k.value("kept + 1"), "42")

    def test_interrupt_stops_sleep(self):
        msg_id = self.k.kc.execute("Thread.sleep(60_000);")
        time.sleep(0.5)
        self.k.km.interrupt_kernel()
        reply = self.k.kc.get_shell_msg(timeout=10)
        self.assertEqual(reply["parent_header"]["msg_id"], msg_id)
        self.assertEqual(reply["content"]["status"], "error")
        self.assertEqual(self.k.value("1 + 1"), "2")

    def test_an_error_aborts_the_cells_queued_before_it_and_no_later_one(self):
        kc = self.k.kc
        ids = [kc.execute('Thread.sleep(500); if (true) throw new IllegalStateException("first");'),
               kc.execute("1"), kc.execute("2")]
        replies = {}
        while len(replies) < 3:
            r = kc.get_shell_msg(timeout=TIMEOUT)
            replies[r["parent_header"].get("msg_id")] = r["content"]["status"]
        self.assertEqual([replies[i] for i in ids], ["error", "aborted", "aborted"])
        self.assertEqual(self.k.value("3"), "3")  # sent once the error was seen

    def test_system_exit_does_not_kill_the_kernel(self):
        self.k.run("String survivor = \"alive\";")
        content, outputs = self.k.run("System.exit(1);")
        self.assertEqual(content["status"], "error")
        self.assertIn("System.exit(1)", content["evalue"])
        content, _ = self.k.run("Runtime.getRuntime().halt(2);")
        self.assertEqual(content["status"], "error")
        self.assertEqual(self.k.value("survivor"), 'alive')

    def test_stack_overflow_is_an_error_with_a_short_trace(self):
        content, _ = self.k.run("int down(int n) { return down(n + 1) + 1; }\ndown(0)")
        self.assertEqual(content["status"], "error")
        self.assertEqual(content["ename"], "java.lang.StackOverflowError")
        self.assertLess(len(content["traceback"]), 20)
        self.assertEqual(self.k.value("3 * 3"), "9")

    def test_out_of_memory_is_an_error_and_the_kernel_lives(self):
        self.k.run("int before = 7;")
        content, _ = self.k.run(
            "var hog = new ArrayList<long[]>();\nwhile (true) hog.add(new long[50_000_000]);", timeout=120)
        self.assertEqual(content["status"], "error")
        self.assertEqual(content["ename"], "java.lang.OutOfMemoryError")
        self.k.run("hog = null; System.gc();")
        self.assertEqual(self.k.value("before"), "7")

    def test_time_limit_stops_a_cell(self):
        self.k.run("%timeout 1s")
        try:
            t0 = time.monotonic()
            content, _ = self.k.run("long spins = 0; while (true) { spins++; }")
            elapsed = time.monotonic() - t0
            self.assertEqual(content["status"], "error")
            self.assertIn("time limit", content["evalue"])
            self.assertLess(elapsed, 5)
        finally:
            self.k.run("%timeout off")
        content, _ = self.k.run("Thread.sleep(1500);")
        self.assertEqual(content["status"], "ok")

    def test_compile_error_marks_the_span(self):
        content, _ = self.k.run("int a = 1;\nString b = a;")
        self.assertEqual(content["status"], "error")
        self.assertEqual(content["ename"], "CompilationException")
        tb = "\n".join(content["traceback"])
        self.assertIn("String b = a;", tb)
        self.assertIn("line 2", tb)
        self.assertIn("^", tb)

    def test_runtime_error_shows_the_users_frames_only(self):
        content, _ = self.k.run("int[] xs = new int[2];\nint bad(int[] a) { return a[5]; }\nbad(xs)")
        self.assertEqual(content["ename"], "java.lang.ArrayIndexOutOfBoundsException")
        tb = "\n".join(content["traceback"])
        self.assertIn("bad", tb)
        self.assertNotIn("jdk.jshell", tb)
        self.assertNotIn("org.recsysbook.kernel", tb)
        self.assertNotIn("java.lang.reflect", tb)

    def test_imports_in_a_later_cell_keep_earlier_variables(self):
        self.k.run("record Pair(int a) { }\nList<Pair> pairs = List.of(new Pair(1));")
        content, _ = self.k.run("import java.util.concurrent.atomic.*;\nimport static java.lang.Math.*;\n\nint m = max(2, 3);")
        self.assertEqual(content["status"], "ok", content)
        self.assertEqual(self.k.value("pairs.size()"), "1")
        self.assertEqual(self.k.value("m"), "3")

    def test_unknown_magic_and_bad_magic_arguments(self):
        for code, needle in [("%nosuchmagic", "Unknown magic %nosuchmagic"),
                             ("%jars /no/such/dir/*.jar", "no file matches"),
                             ("%classpath /no/such/thing.jar", "does not exist"),
                             ("%maven not-a-coordinate", "not a coordinate"),
                             ("%timeout soon", "is not a time")]:
            content, _ = self.k.run(code)
            self.assertEqual(content["status"], "error", code)
            self.assertIn(needle, "\n".join(content["traceback"]), code)
        self.assertEqual(self.k.value("40 + 2"), "42")

    def test_maven_resolves_transitive_dependencies(self):
        content, outputs = self.k.run("%maven org.apache.commons:commons-text:1.12.0", timeout=180)
        self.assertEqual(content["status"], "ok", content)
        self.assertEqual(self.k.value('org.apache.commons.text.WordUtils.capitalize("top ten")'), 'Top Ten')
        # commons-lang3 arrives only as a dependency of commons-text
        self.assertEqual(self.k.value('org.apache.commons.lang3.StringUtils.reverse("abc")'), 'cba')

    def test_maven_unresolvable_is_one_clear_error(self):
        content, _ = self.k.run("%maven org.recsysbook.nothing:does-not-exist:0.0.1", timeout=180)
        self.assertEqual(content["status"], "error")
        self.assertIn("could not resolve org.recsysbook.nothing:does-not-exist:0.0.1", content["evalue"])
        # the workbook's own modules (notebook 13's Spark module) come from the build: the message says to run it
        self.assertIn("run ./workbook setup", content["evalue"])
        self.assertEqual(self.k.value("1"), "1")

    def test_jars_and_load(self):
        d = tempfile.mkdtemp()
        try:
            path = os.path.join(d, "helpers.jsh")
            with open(path, "w") as f:
                f.write("int triple(int x) { return 3 * x; }\n")
            content, _ = self.k.run(f'%load "{path}"')
            self.assertEqual(content["status"], "ok", content)
            self.assertEqual(self.k.value("triple(5)"), "15")
        finally:
            shutil.rmtree(d)

    def test_jars_glob_adds_a_jar_to_the_class_path(self):
        d = tempfile.mkdtemp()
        try:
            src = os.path.join(d, "src", "globbed")
            os.makedirs(src)
            with open(os.path.join(src, "Hello.java"), "w") as f:
                f.write('package globbed; public class Hello { public static String hi() { return "hi"; } }\n')
            javac = os.path.join(os.path.dirname(KernelSpecManager().get_kernel_spec(self.kernel_name).argv[0]), "javac")
            classes = os.path.join(d, "classes")
            subprocess.run([javac, "-d", classes, os.path.join(src, "Hello.java")], check=True)
            os.makedirs(os.path.join(d, "lib"))
            with zipfile.ZipFile(os.path.join(d, "lib", "hello.jar"), "w") as jar:
                jar.write(os.path.join(classes, "globbed", "Hello.class"), "globbed/Hello.class")
            content, _ = self.k.run(f'%jars "{d}/lib/*.jar"')
            self.assertEqual(content["status"], "ok", content)
            self.assertEqual(self.k.value("globbed.Hello.hi()"), "hi")
            content, outputs = self.k.run("%classpath")
            self.assertIn(os.path.join(d, "lib", "hello.jar"), text_of(outputs))
        finally:
            shutil.rmtree(d)

    def complete(self, code):
        msg_id = self.k.kc.complete(code, len(code))
        while True:
            reply = self.k.kc.get_shell_msg(timeout=TIMEOUT)
            if reply["parent_header"].get("msg_id") == msg_id:
                return reply["content"]["matches"]

    def test_package_names_complete_once_the_kernel_has_been_idle(self):
        # Package names come from JShell's class index, which the kernel holds back until it has been idle
        # for half a second (so that it does not compete with the first cell); it must then be built.
        deadline = time.monotonic() + 240
        matches = []
        while "concurrent." not in matches and time.monotonic() < deadline:
            time.sleep(1.0)
            matches = self.complete("java.util.conc")
        self.assertIn("concurrent.", matches)
        self.assertIn("display.", self.complete("org.recsysbook."))

    def test_lsmagic_lists_every_magic_the_kernel_runs(self):
        content, outputs = self.k.run("%lsmagic")
        self.assertEqual(content["status"], "ok")
        listed = text_of(outputs).split()
        for magic in ("%classpath", "%jars", "%maven", "%mavenRepo", "%load", "%timeout", "%lsmagic",
                      "%%time", "%%html", "%%markdown", "%%md", "%%javascript", "%%js", "%%latex"):
            self.assertIn(magic, listed)
        for magic in [m for m in listed if m.startswith("%%") and m != "%%time"]:
            content, outputs = self.k.run(magic + "\nx")
            self.assertEqual(content["status"], "ok", magic)
            self.assertEqual([o["msg_type"] for o in outputs], ["display_data"], magic)

    def test_kernel_info_gives_the_poms_version(self):
        with open(os.path.join(ROOT, "pom.xml")) as f:
            version = re.search(r"<artifactId>workbook-parent</artifactId>\s*<version>([^<]+)</version>",
                                f.read()).group(1)
        msg_id = self.k.kc.kernel_info()
        reply = self.k.kc.get_shell_msg(timeout=TIMEOUT)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = self.k.kc.get_shell_msg(timeout=TIMEOUT)
        self.assertEqual(reply["content"]["implementation_version"], version)

    def test_time_cell_magic(self):
        content, outputs = self.k.run("%%time\nint t = 0;\nfor (int i = 0; i < 1000; i++) t += i;\nt")
        self.assertEqual(content["status"], "ok")
        self.assertIn("Wall time:", text_of(outputs))
        self.assertIn("499500", [o["content"]["data"]["text/plain"] for o in outputs
                                 if o["msg_type"] == "execute_result"])

    def test_stdin_reaches_the_front_end(self):
        prompts = []

        def answer(msg):
            prompts.append(msg)
            self.k.kc.input("forty-two")

        content, outputs = self.k.run(
            'var line = new java.util.Scanner(System.in).nextLine();\nSystem.out.println("got " + line);',
            stdin_hook=answer, allow_stdin=True)
        self.assertEqual(content["status"], "ok", content)
        self.assertEqual(len(prompts), 1)
        self.assertIn("got forty-two", text_of(outputs))

    def test_stdin_without_a_front_end_is_an_error(self):
        content, _ = self.k.run("System.in.read();", allow_stdin=False)
        self.assertEqual(content["status"], "error")
        self.assertIn("allow_stdin", content["evalue"])

    def test_inspection_shows_javadoc_where_the_jdk_has_its_sources(self):
        java = KernelSpecManager().get_kernel_spec(self.kernel_name if self.spec_root is None else "java").argv[0]
        home = os.path.dirname(os.path.dirname(os.path.realpath(java))) if self.spec_root is None \
            else os.path.dirname(os.path.dirname(JDK25))
        if not os.path.exists(os.path.join(home, "lib", "src.zip")):
            self.skipTest(f"{home} has no lib/src.zip (on Debian: apt-get install openjdk-17-source)")
        self.k.kc.inspect("Math.max", 8)
        reply = self.k.kc.get_shell_msg(timeout=TIMEOUT)
        text = reply["content"]["data"]["text/plain"]
        self.assertIn("int Math.max(int a, int b)", text)
        self.assertIn("Returns the greater of two int values", text)

    def test_a_cell_that_closes_or_replaces_system_out_does_not_silence_later_cells(self):
        self.k.run("System.out.close();")
        self.k.run("System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));")
        content, outputs = self.k.run('System.out.println("still here");')
        self.assertEqual(text_of(outputs), "still here\n")

    def test_a_trailing_semicolon_hides_the_value(self):
        content, outputs = self.k.run("6 * 7;")
        self.assertEqual(content["status"], "ok")
        self.assertEqual([o for o in outputs if o["msg_type"] == "execute_result"], [])
        self.assertEqual(self.k.value("6 * 7"), "42")

    def test_printing_is_batched(self):
        content, outputs = self.k.run('for (int i = 0; i < 2000; i++) System.out.printf("line %d%n", i);')
        self.assertEqual(content["status"], "ok")
        streams = [o for o in outputs if o["msg_type"] == "stream"]
        self.assertEqual(text_of(outputs).splitlines(), [f"line {i}" for i in range(2000)])
        self.assertLess(len(streams), 20)

    def test_display_and_update_display(self):
        content, outputs = self.k.run('String id = display("first");\nupdateDisplay(id, "second");')
        self.assertEqual(content["status"], "ok")
        kinds = [o["msg_type"] for o in outputs]
        self.assertEqual(kinds, ["display_data", "update_display_data"])
        self.assertEqual(outputs[0]["content"]["transient"]["display_id"],
                         outputs[1]["content"]["transient"]["display_id"])
        self.assertEqual(outputs[1]["content"]["data"]["text/plain"], "second")

    def test_tablesaw_table_renders_as_escaped_html(self):
        data = self.k.rich_result(
            'import tech.tablesaw.api.*;\n'
            'Table t = Table.create("demo", StringColumn.create("name", "<script>x</script>", "b"),'
            ' DoubleColumn.create("score", 0.5, 0.25));\nt')
        self.assertIn("<table", data["text/html"])
        self.assertIn("&lt;script&gt;", data["text/html"])
        self.assertNotIn("<script>x", data["text/html"])

    def test_tablesaw_figure_renders_as_a_plotly_chart(self):
        data = self.k.rich_result(
            'import tech.tablesaw.plotly.components.*;\nimport tech.tablesaw.plotly.traces.*;\n'
            'new Figure(Layout.builder().title("t").build(),'
            ' ScatterTrace.builder(new double[]{1, 2, 3}, new double[]{2, 4, 8}).build())')
        self.assertIn("Plotly.newPlot", data["text/html"])
        self.assertIn("application/vnd.plotly.v1+json", data)
        self.assertEqual(data["application/vnd.plotly.v1+json"]["data"][0]["y"], [2, 4, 8])

    def test_wrongly_signed_messages_are_ignored(self):
        from jupyter_client.session import Session
        kc = self.k.kc
        request = {"code": "int poisoned = 1;", "silent": False, "store_history": True,
                   "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}
        Session(key=b"not-the-key", username=kc.session.username).send(
            kc.shell_channel.socket, "execute_request", request)
        Session(key=b"", username=kc.session.username).send(
            kc.shell_channel.socket, "kernel_info_request", {})
        with self.assertRaises(queue.Empty):
            kc.get_shell_msg(timeout=2)
        self.assertEqual(self.k.value("40 + 2"), "42")
        content, _ = self.k.run("poisoned")
        self.assertEqual(content["status"], "error")

    # The kernel exits through System.exit, so shutdown hooks and File.deleteOnExit run: the native libraries that
    # DuckDB, netlib and XGBoost extract to the temporary folder were left there at every stop while it halted.
    def start_with_a_file_to_delete(self):
        s = KernelSession(self.kernel_name, self.spec_root)
        content, outputs = s.run('File f = File.createTempFile("kernel-exit-", ".tmp"); f.deleteOnExit();'
                                 ' System.out.print(f.getPath());')
        self.assertEqual(content["status"], "ok", content)
        path = text_of(outputs)
        self.assertTrue(os.path.exists(path), path)
        return s, path

    @staticmethod
    def seconds_to_exit(s, limit=20):
        t0 = time.monotonic()
        while s.km.is_alive() and time.monotonic() - t0 < limit:
            time.sleep(0.05)
        return time.monotonic() - t0

    def assert_exit_runs_the_hooks(self, stop, how):
        s, path = self.start_with_a_file_to_delete()
        try:
            stop(s)
            self.seconds_to_exit(s)
            self.assertFalse(s.km.is_alive(), "the kernel still runs after " + how)
            self.assertFalse(os.path.exists(path), "File.deleteOnExit did not run: " + path)
        finally:
            s.close()
            if os.path.exists(path):
                os.remove(path)

    def test_a_shutdown_request_runs_the_jvms_exit_hooks(self):
        self.assert_exit_runs_the_hooks(lambda s: s.kc.shutdown(), "a shutdown request")

    def test_sigterm_runs_the_jvms_exit_hooks(self):
        self.assert_exit_runs_the_hooks(lambda s: s.km.signal_kernel(signal.SIGTERM), "SIGTERM")

    def test_a_shutdown_hook_that_hangs_cannot_keep_the_kernel_alive(self):
        s = KernelSession(self.kernel_name, self.spec_root)
        try:
            content, _ = s.run("Runtime.getRuntime().addShutdownHook(new Thread(() -> {"
                               " try { Thread.sleep(600_000); } catch (InterruptedException e) { } }));")
            self.assertEqual(content["status"], "ok", content)
            s.kc.shutdown()
            took = self.seconds_to_exit(s)
            self.assertFalse(s.km.is_alive(), "a hanging shutdown hook kept the kernel alive")
            self.assertLess(took, 12, "the kernel took too long to halt")
        finally:
            s.close()

    def test_kernel_prints_no_logs_into_the_notebook(self):
        s = KernelSession(self.kernel_name, self.spec_root)
        try:
            content, outputs = s.run("int q = 1;")
            self.assertEqual(content["status"], "ok")
            self.assertEqual(outputs, [])
        finally:
            s.close()


class Jdk17Protocol(ProtocolTests, unittest.TestCase):
    kernel_name = "java"


@unittest.skipUnless(os.path.exists(JDK25), "no JDK 25 at " + JDK25)
class Jdk25Protocol(ProtocolTests, unittest.TestCase):
    kernel_name = "java25"

    @classmethod
    def setUpClass(cls):
        cls.spec_root = make_jdk25_spec()
        cls.saved_path = os.environ.get("JUPYTER_PATH")
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        if cls.saved_path is None:
            os.environ.pop("JUPYTER_PATH", None)
        else:
            os.environ["JUPYTER_PATH"] = cls.saved_path
        shutil.rmtree(cls.spec_root, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
