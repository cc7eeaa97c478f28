package org.recsysbook.kernel;

import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;
import org.recsysbook.kernel.runtime.StopCheck;
import org.recsysbook.kernel.runtime.ValueCapture;

import java.io.File;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * Java code in, results out: a JShell session running in this JVM, with the notebook's class loader.
 *
 * <p>A cell is split into JShell snippets with {@link SourceCodeAnalysis#analyzeCompletion}, evaluated in
 * order, and stopped at the first compile or run-time error. The value of a cell whose last snippet is an
 * expression is returned as an object, for the renderer to show.
 */
public final class JavaEngine implements AutoCloseable {
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(JavaEngine.class.getName());
    /** The imports every notebook starts with (IJava's, plus the display calls). */
    static final String STARTUP_IMPORTS = String.join("\n",
            "import java.util.*;", "import java.util.function.*;", "import java.util.stream.*;",
            "import java.util.concurrent.*;", "import java.io.*;", "import java.math.*;",
            "import java.nio.file.*;", "import java.time.*;",
            "import static org.recsysbook.display.Display.*;");

    /** The result of evaluating code: whether it ended in an expression, and the expression's value. */
    public record Outcome(boolean hasValue, Object value) {
        static final Outcome NONE = new Outcome(false, null);
    }

    private final NotebookClassLoader loader;
    private final JShell shell;
    private final SourceCodeAnalysis analysis;
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private volatile String stopReason = "interrupted";
    private final List<String> classpath = new ArrayList<>();
    private final AtomicBoolean indexingPaused;

    public JavaEngine(ClassLoader kernelLoader, List<String> startupClasspath, PrintStream out, PrintStream err) {
        this(kernelLoader, startupClasspath, out, err, null);
    }

    /**
     * As {@link #JavaEngine(ClassLoader, List, PrintStream, PrintStream)}, handing the notebook's class loader to
     * {@code classPathSet} as soon as it holds the start-up class path, before the start-up imports are compiled:
     * the kernel registers the renderer providers on it meanwhile.
     */
    JavaEngine(ClassLoader kernelLoader, List<String> startupClasspath, PrintStream out, PrintStream err,
               java.util.function.Consumer<ClassLoader> classPathSet) {
        this.loader = new NotebookClassLoader(kernelLoader);
        NotebookExecutionControl.Provider provider = new NotebookExecutionControl.Provider(loader);
        this.shell = JShell.builder()
                .executionEngine(provider, null)
                .out(out)
                .err(err)
                .compilerOptions("-Xlint:-options")
                .fileManager(standard -> LazyClassPath.wrap(standard, classPathIndex()))
                .build();
        // The class path is set, and the imports compiled, before the source analysis exists: creating
        // it starts JShell's background indexer, which reads the compiler's file manager while the class
        // path is being changed, and now and then the first cell then found no package of the notebook's
        // library ("package ... does not exist"). One call for the whole path.
        List<String> initial = new ArrayList<>(sharedClasspath());
        initial.addAll(startupClasspath);
        shell.addToClasspath(String.join(File.pathSeparator, initial));
        classpath.addAll(startupClasspath);
        if (classPathSet != null) {
            classPathSet.accept(loader);
        }
        for (String imp : STARTUP_IMPORTS.split("\n")) {
            List<SnippetEvent> events = shell.eval(imp);
            if (events.isEmpty() || events.get(0).status() == Snippet.Status.REJECTED) {
                throw new IllegalStateException("start-up import failed: " + imp);
            }
        }
        this.analysis = shell.sourceCodeAnalysis();
        // Creating the analysis starts JShell's indexer on a thread of its own: it walks the whole JDK image
        // and every jar of the class path (for completion's suggestions of classes not imported), a second
        // of CPU time that competed with the first cell on two cores. It waits until the kernel is idle.
        this.indexingPaused = IndexerPause.suspend(analysis);
    }

    /**
     * Lets JShell's background indexer go on (it is paused from the engine's start until the kernel is
     * first idle); only the first call does anything.
     */
    public void resumeIndexing() {
        if (indexingPaused.compareAndSet(true, false)) {
            IndexerPause.resume(analysis);
        }
    }

    /**
     * The index of the class path's jars for {@link LazyClassPath}, or {@code null} for javac's plain class path
     * ({@code -Dworkbook.kernel.lazyClassPath=false}). It is kept in {@code -Dworkbook.kernel.classPathIndex},
     * by default {@code classpath.idx} beside the folder of the kernel's jar ({@code build/kernel/}), or in memory
     * only when the kernel runs from a folder of classes.
     */
    static JarFolders classPathIndex() {
        if ("false".equalsIgnoreCase(System.getProperty("workbook.kernel.lazyClassPath"))) {
            return null;
        }
        String file = System.getProperty("workbook.kernel.classPathIndex");
        if (file != null && !file.isBlank()) {
            return JarFolders.open(java.nio.file.Path.of(file));
        }
        java.nio.file.Path dir = null;
        try {
            java.nio.file.Path jar = java.nio.file.Path.of(
                    JavaEngine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (java.nio.file.Files.isRegularFile(jar) && jar.getParent() != null) {
                dir = jar.getParent().getParent();
            }
        } catch (Exception e) {
            // no code source: the index stays in memory
        }
        return JarFolders.open(dir == null ? null : dir.resolve("classpath.idx"));
    }

    /** The jars of the packages the notebook shares with the kernel, so that cells compile against them. */
    private static List<String> sharedClasspath() {
        List<String> entries = new ArrayList<>();
        for (Class<?> c : new Class<?>[] {org.recsysbook.display.Display.class, ValueCapture.class,
                io.github.spencerpark.jupyter.kernel.display.DisplayData.class}) {
            try {
                String p = new File(c.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
                if (!entries.contains(p)) {
                    entries.add(p);
                }
            } catch (Exception e) {
                throw new IllegalStateException("cannot locate the jar of " + c.getName(), e);
            }
        }
        return entries;
    }

    /** The class loader of the notebook's code (where renderer providers and %maven jars live). */
    public ClassLoader loader() {
        return loader;
    }

    public SourceCodeAnalysis analysis() {
        return analysis;
    }

    /** Adds a jar or folder to the class path of later cells. */
    public synchronized void addToClasspath(String entry) {
        if (!classpath.contains(entry)) {
            shell.addToClasspath(entry);
            classpath.add(entry);
        }
    }

    public synchronized List<String> classpath() {
        return List.copyOf(classpath);
    }

    /** Asks the running cell to stop; {@code reason} is shown to the reader. */
    public void stop(String reason) {
        stopReason = reason;
        stopRequested.set(true);
        StopCheck.request();
        try {
            shell.stop();
        } catch (RuntimeException e) {
            // JDK 20 and 21: JShell's local stop needs Thread.stop, which they no longer have;
            // the woven stop checks end the cell instead
        }
    }

    /**
     * Evaluates {@code code} (Java only, no magics). {@code offset} is where the code starts in the cell,
     * {@code cell} the cell's whole text, both used to point at errors.
     */
    public synchronized Outcome eval(String cell, int offset, String code) throws CellError {
        stopRequested.set(false);
        StopCheck.reset();
        String remaining = code;
        int position = offset;
        Outcome outcome = Outcome.NONE;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            String source = info.source();
            switch (info.completeness()) {
                case EMPTY:
                    return outcome;
                case DEFINITELY_INCOMPLETE:
                case CONSIDERED_INCOMPLETE:
                    throw new CellError("CompilationException", "the cell ends in the middle of a statement",
                            List.of("The code is incomplete: a statement, block or string is not closed.",
                                    "Check for a missing ';', ')' or '}' near the end of the cell."));
                default:
                    break;
            }
            if (source == null || source.isBlank()) {
                source = remaining;
            }
            String rest = info.remaining() == null ? "" : info.remaining();
            int consumed = remaining.length() - rest.length();
            // JShell keeps the blank lines before a snippet in its source; a static import that starts
            // with one is mistaken for a change to every snippet, and variables are reset. Strip them.
            String trimmed = source.stripLeading();
            outcome = evalSnippet(cell, position + (source.length() - trimmed.length()), trimmed);
            if (info.completeness() == SourceCodeAnalysis.Completeness.COMPLETE && endsWithSemicolon(trimmed)) {
                // as in IJava (and IPython): an expression the reader ended with ';' shows nothing
                outcome = Outcome.NONE;
            }
            position += consumed;
            remaining = rest;
        }
        return outcome;
    }

    private static final java.util.regex.Pattern MISSING_PACKAGE =
            java.util.regex.Pattern.compile("package ([\\w.]+) does not exist");

    /** Whether a rejected snippet names a missing package that the notebook's class loader does have. */
    private boolean missesAPackageTheClassPathHas(List<SnippetEvent> events) {
        for (SnippetEvent event : events) {
            if (event.causeSnippet() != null || event.status() != Snippet.Status.REJECTED) {
                continue;
            }
            for (Diag diag : shell.diagnostics(event.snippet()).collect(Collectors.toList())) {
                java.util.regex.Matcher m = MISSING_PACKAGE.matcher(diag.getMessage(Locale.ROOT));
                if (m.find() && loader.getResource(m.group(1).replace('.', '/')) != null) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean endsWithSemicolon(String source) {
        String s = source.strip();
        return s.endsWith(";");
    }

    private Outcome evalSnippet(String cell, int offset, String source) throws CellError {
        ValueCapture.clear();
        List<SnippetEvent> events = shell.eval(source);
        if (missesAPackageTheClassPathHas(events)) {
            // Seen now and then on the first cell of a fresh kernel: the compiler reports a package of the
            // notebook's library missing although its jar is on the class path. Setting the class path
            // again makes the compiler re-read it; then the snippet is evaluated once more.
            LOG.warning("the compiler missed a package on the class path; re-reading the class path");
            shell.addToClasspath(String.join(File.pathSeparator, sharedClasspath()));
            events = shell.eval(source);
        }
        if (stopRequested.get()) {
            throw stopped();
        }
        Outcome outcome = Outcome.NONE;
        for (SnippetEvent event : events) {
            if (event.causeSnippet() != null) {
                continue;
            }
            Snippet snippet = event.snippet();
            if (event.status() == Snippet.Status.REJECTED) {
                throw compileError(cell, offset, source, snippet);
            }
            JShellException ex = event.exception();
            if (ex != null) {
                throw runtimeError(ex);
            }
            if (event.status() == Snippet.Status.RECOVERABLE_DEFINED
                    || event.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                String missing = shell.unresolvedDependencies((jdk.jshell.DeclarationSnippet) snippet)
                        .collect(Collectors.joining(", "));
                System.err.println("Note: " + describe(snippet) + " was declared, but cannot be used until "
                        + missing + " is declared.");
            }
            outcome = valueOf(snippet);
        }
        return outcome;
    }

    private static String describe(Snippet s) {
        return s instanceof jdk.jshell.DeclarationSnippet d ? d.name() : s.source().strip();
    }

    private static Outcome valueOf(Snippet snippet) {
        String type = null;
        if (snippet instanceof ExpressionSnippet e) {
            type = e.typeName();
        } else if (snippet instanceof VarSnippet v
                && v.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
            type = v.typeName();
        }
        if (type == null || "void".equals(type)) {
            return Outcome.NONE;
        }
        return new Outcome(true, ValueCapture.last());
    }

    private CellError stopped() {
        String reason = stopReason;
        return new CellError("InterruptedException", "the cell was " + reason,
                List.of("The cell was " + reason + ". Variables defined before it are kept."));
    }

    private CellError compileError(String cell, int offset, String source, Snippet snippet) {
        List<String> lines = new ArrayList<>();
        String first = null;
        for (Diag diag : shell.diagnostics(snippet).collect(Collectors.toList())) {
            if (!diag.isError()) {
                continue;
            }
            String message = diag.getMessage(Locale.ROOT);
            if (first == null) {
                first = message.lines().findFirst().orElse(message);
            }
            int start = (int) Math.max(0, diag.getStartPosition());
            int end = (int) Math.max(start + 1, diag.getEndPosition());
            lines.addAll(SourceMarker.mark(cell, offset + Math.min(start, source.length()),
                    offset + Math.min(end, source.length()), message));
        }
        if (first == null) {
            first = "the code could not be compiled";
            lines.add(first);
        }
        return new CellError("CompilationException", first, lines);
    }

    private CellError runtimeError(JShellException ex) {
        if (ex instanceof UnresolvedReferenceException u) {
            String missing = shell.unresolvedDependencies(u.getSnippet()).collect(Collectors.joining(", "));
            String msg = describe(u.getSnippet()) + " cannot run until " + missing + " is declared";
            return new CellError("UnresolvedReferenceException", msg, List.of(msg));
        }
        String className = ex instanceof EvalException e ? e.getExceptionClassName() : ex.getClass().getName();
        if (className.endsWith("ExitTrap$ExitAttempt")) {
            return new CellError("SystemExit", ex.getMessage(), List.of(ex.getMessage()));
        }
        return new CellError(className, String.valueOf(ex.getMessage()), StackTraces.format(className, ex));
    }

    @Override
    public void close() {
        shell.close();
    }
}
