package org.recsysbook.kernel;

import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;

/**
 * Starts the kernel: {@code java ... org.recsysbook.kernel.KernelMain CONNECTION_FILE}.
 *
 * <p>Environment: {@code WORKBOOK_CLASSPATH} (or IJava's {@code IJAVA_CLASSPATH}) lists jars and folders
 * for the notebook's class path, separated by the platform's path separator; {@code WORKBOOK_CELL_TIMEOUT}
 * sets a time limit for every cell (for example {@code 120s}); {@code WORKBOOK_KERNEL_LOG} names a file for
 * the kernel's log, which otherwise goes to the stderr the kernel was started with, never into a notebook.
 */
public final class KernelMain {
    private KernelMain() { }

    public static void main(String[] args) throws Exception {
        StartLog.mark(StartLog.MAIN);
        if (args.length != 1) {
            System.err.println("usage: KernelMain CONNECTION_FILE");
            System.exit(2);
        }
        configureLogging(System.err);
        String json = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
        KernelConnectionProperties props = KernelConnectionProperties.parse(json);
        List<String> classpath = new ArrayList<>();
        for (String var : new String[] {"WORKBOOK_CLASSPATH", "IJAVA_CLASSPATH"}) {
            String value = System.getenv(var);
            if (value != null) {
                for (String entry : value.split(File.pathSeparator)) {
                    if (!entry.isBlank()) {
                        classpath.addAll(expand(entry.strip()));
                    }
                }
            }
        }
        long limit = 0;
        String timeout = System.getenv("WORKBOOK_CELL_TIMEOUT");
        if (timeout != null && !timeout.isBlank()) {
            limit = Magics.parseDuration(timeout);
        }
        // the engine first: its start (JShell, javac) overlaps the sockets' and the signer's
        var engine = JavaKernel.startEngine(classpath);
        Wire wire = new Wire(props);
        StartLog.mark(StartLog.SOCKETS);
        JavaKernel kernel = new JavaKernel(wire, engine, limit);
        // SIGTERM runs the shutdown hooks too; the watchdog then bounds them as it does after a shutdown request
        Runtime.getRuntime().addShutdownHook(new Thread(() -> haltLater(143), "kernel-exit"));
        kernel.run();
        haltLater(0);
        kernel.close();
        System.exit(0);
    }

    /** How long the JVM's shutdown hooks may take before the kernel halts anyway. */
    static final long EXIT_GRACE_MILLIS = 2000;
    private static final AtomicBoolean EXITING = new AtomicBoolean();

    /**
     * Exits through {@code System.exit}, not {@code Runtime.halt}, so that shutdown hooks and
     * {@code File.deleteOnExit} run: the native libraries DuckDB, netlib and XGBoost extract to the temporary
     * folder (DuckDB's alone 71 MB) were left behind at every kernel stop. This watchdog, a daemon thread,
     * halts the JVM if the hooks (a notebook's own among them) have not finished within
     * {@link #EXIT_GRACE_MILLIS}, so the kernel can never hang on its way out. Only the first call starts it.
     */
    private static void haltLater(int status) {
        if (!EXITING.compareAndSet(false, true)) {
            return;
        }
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(EXIT_GRACE_MILLIS);
            } catch (InterruptedException e) {
                // halt at once
            }
            Runtime.getRuntime().halt(status);
        }, "kernel-exit-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** A class path entry, with a trailing {@code *} meaning every jar in that folder (as {@code java -cp}). */
    private static List<String> expand(String entry) throws IOException {
        if (entry.endsWith(File.separator + "*") || entry.equals("*")) {
            Path dir = Path.of(entry.substring(0, entry.length() - 1));
            List<String> jars = new ArrayList<>();
            if (Files.isDirectory(dir)) {
                try (var s = Files.list(dir)) {
                    s.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(p -> jars.add(p.toString()));
                }
            }
            return jars;
        }
        return List.of(entry);
    }

    private static void configureLogging(PrintStream originalErr) throws IOException {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        String file = System.getenv("WORKBOOK_KERNEL_LOG");
        OutputStream target = file == null || file.isBlank() ? originalErr : new FileOutputStream(file, true);
        Handler handler = new StreamHandler(target, new SimpleFormatter()) {
            @Override
            public synchronized void publish(java.util.logging.LogRecord record) {
                super.publish(record);
                flush();
            }
        };
        handler.setLevel(Level.INFO);
        root.addHandler(handler);
        root.setLevel(Level.INFO);
    }
}
