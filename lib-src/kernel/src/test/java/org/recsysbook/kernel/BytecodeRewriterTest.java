package org.recsysbook.kernel;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.recsysbook.kernel.runtime.ExitTrap;
import org.recsysbook.kernel.runtime.StopCheck;
import org.recsysbook.kernel.runtime.ValueCapture;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BytecodeRewriterTest {

    @AfterEach
    void reset() {
        StopCheck.reset();
        ValueCapture.clear();
    }

    /** Compiles one class and loads it, rewritten as the notebook's loader would. */
    private static Class<?> compileAndLoad(String name, String source, boolean snippet) throws Exception {
        Path dir = Files.createTempDirectory("rewrite");
        Files.writeString(dir.resolve(name + ".java"), source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "--release", "17", "-d", dir.toString(), dir.resolve(name + ".java").toString());
        assertEquals(0, rc, "test source must compile");
        byte[] original = Files.readAllBytes(dir.resolve(name + ".class"));
        byte[] rewritten = BytecodeRewriter.rewrite(original, snippet);
        NotebookClassLoader loader = new NotebookClassLoader(BytecodeRewriterTest.class.getClassLoader());
        loader.addSnippet(name, rewritten);
        return loader.loadClass(name);
    }

    private static Throwable cause(Method m) {
        InvocationTargetException e = assertThrows(InvocationTargetException.class, () -> m.invoke(null));
        return e.getCause();
    }

    @Test
    void systemExitBecomesAnException() throws Exception {
        Class<?> c = compileAndLoad("Quitter", "public class Quitter { public static void quit() { System.exit(3); } }", false);
        Throwable t = cause(c.getMethod("quit"));
        ExitTrap.ExitAttempt exit = assertInstanceOf(ExitTrap.ExitAttempt.class, t);
        assertEquals(3, exit.status());
        assertTrue(exit.getMessage().contains("System.exit(3)"));
    }

    @Test
    void runtimeExitAndHaltBecomeExceptions() throws Exception {
        Class<?> c = compileAndLoad("Halter", "public class Halter {"
                + " public static void exit() { Runtime.getRuntime().exit(4); }"
                + " public static void halt() { Runtime.getRuntime().halt(5); } }", false);
        assertEquals(4, assertInstanceOf(ExitTrap.ExitAttempt.class, cause(c.getMethod("exit"))).status());
        assertEquals(5, assertInstanceOf(ExitTrap.ExitAttempt.class, cause(c.getMethod("halt"))).status());
    }

    @Test
    void doItHandsItsValueToTheKernel() throws Exception {
        Class<?> c = compileAndLoad("Snip", "public class Snip {"
                + " public static Object do_it$() throws Throwable { return java.util.List.of(1, 2); } }", true);
        Object returned = c.getMethod("do_it$").invoke(null);
        assertSame(returned, ValueCapture.last());
    }

    @Test
    void aTightLoopInSnippetCodeStopsWhenAsked() throws Exception {
        Class<?> c = compileAndLoad("Spinner", "public class Spinner {"
                + " public static Object do_it$() { long n = 0; while (true) { n++; } } }", true);
        Method m = c.getMethod("do_it$");
        AtomicReference<Throwable> ended = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                m.invoke(null);
            } catch (InvocationTargetException e) {
                ended.set(e.getCause());
            } catch (IllegalAccessException e) {
                ended.set(e);
            }
        });
        t.start();
        Thread.sleep(200);
        assertTrue(t.isAlive(), "the loop runs until asked to stop");
        StopCheck.request();
        t.join(2000);
        assertFalse(t.isAlive(), "the loop stopped within 2 s");
        assertInstanceOf(StopCheck.Stopped.class, ended.get());
    }

    @Test
    void librariesWithoutExitCallsAreLeftAlone() throws Exception {
        Path dir = Files.createTempDirectory("untouched");
        Files.writeString(dir.resolve("Plain.java"), "public class Plain { public int f(int x) { return x + 1; } }");
        ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", dir.toString(), dir.resolve("Plain.java").toString());
        byte[] original = Files.readAllBytes(dir.resolve("Plain.class"));
        assertSame(original, BytecodeRewriter.rewrite(original, false));
    }
}
