package org.recsysbook.kernel;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.util.GlobFinder;
import org.recsysbook.display.Display;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * IJava's magics: line magics ({@code %classpath}, {@code %jars}, {@code %maven}, {@code %mavenRepo},
 * {@code %load}, plus {@code %timeout} and {@code %lsmagic}) on lines of their own anywhere in a cell,
 * and cell magics ({@code %%time}, {@code %%html}, {@code %%markdown}, {@code %%javascript},
 * {@code %%latex}) on a cell's first line. Everything else in a cell is Java.
 *
 * <p>One registry maps each name to its handler: running a magic, completing its name, {@code %lsmagic}
 * and the message for an unknown magic all read it.
 */
final class Magics {
    private static final Pattern LINE_MAGIC = Pattern.compile("^[ \\t]*%([A-Za-z][A-Za-z0-9_]*)(.*)$", Pattern.MULTILINE);

    /** A line magic: its arguments, split as a shell would, in; the value it leaves, if any, out. */
    @FunctionalInterface
    private interface LineMagic {
        JavaEngine.Outcome run(List<String> args) throws CellError;
    }

    /** A cell magic: the cell's text after its first line in. */
    @FunctionalInterface
    private interface CellMagic {
        JavaEngine.Outcome run(String body) throws CellError;
    }

    private final Map<String, LineMagic> lineMagics = new LinkedHashMap<>();
    private final Map<String, CellMagic> cellMagics = new LinkedHashMap<>();
    private final JavaKernel kernel;
    private final MavenResolver maven = new MavenResolver();

    Magics(JavaKernel kernel) {
        this.kernel = kernel;
        lineMagics.put("classpath", this::classpath);
        lineMagics.put("jars", this::jars);
        lineMagics.put("maven", this::maven);
        lineMagics.put("mavenRepo", this::mavenRepo);
        lineMagics.put("load", this::load);
        lineMagics.put("timeout", this::timeout);
        lineMagics.put("lsmagic", this::lsmagic);
        cellMagics.put("time", this::time);
        cellMagics.put("html", body -> show("text/html", body));
        cellMagics.put("markdown", body -> show("text/markdown", body));
        cellMagics.put("md", body -> show("text/markdown", body));
        cellMagics.put("javascript", body -> show("application/javascript", body));
        cellMagics.put("js", body -> show("application/javascript", body));
        cellMagics.put("latex", body -> show("text/latex", body));
    }

    /** Every magic as typed, line magics ({@code %name}) first, then cell magics ({@code %%name}). */
    List<String> names() {
        List<String> all = new ArrayList<>(lineNames());
        all.addAll(cellNames());
        return all;
    }

    private List<String> lineNames() {
        return lineMagics.keySet().stream().map(n -> "%" + n).collect(Collectors.toList());
    }

    private List<String> cellNames() {
        return cellMagics.keySet().stream().map(n -> "%%" + n).collect(Collectors.toList());
    }

    /** The code with each magic line blanked out, so that offsets into it match the cell's. */
    String maskMagicLines(String code) {
        if (code.stripLeading().startsWith("%%")) {
            int nl = code.indexOf('\n');
            return nl < 0 ? " ".repeat(code.length()) : " ".repeat(nl) + code.substring(nl);
        }
        Matcher m = LINE_MAGIC.matcher(code);
        StringBuilder sb = new StringBuilder(code);
        while (m.find()) {
            for (int i = m.start(); i < m.end(); i++) {
                sb.setCharAt(i, ' ');
            }
        }
        return sb.toString();
    }

    /** Runs a whole cell: its cell magic, or its Java code and line magics in order. */
    JavaEngine.Outcome runCell(String cell) throws CellError {
        String lead = cell.stripLeading();
        if (lead.startsWith("%%")) {
            int start = cell.length() - lead.length();
            int nl = cell.indexOf('\n', start);
            String first = cell.substring(start + 2, nl < 0 ? cell.length() : nl).strip();
            String body = nl < 0 ? "" : cell.substring(nl + 1);
            String name = first.split("\\s+", 2)[0];
            CellMagic magic = cellMagics.get(name);
            if (magic == null) {
                throw unknown("%%" + name);
            }
            return magic.run(body);
        }
        JavaEngine engine = kernel.engine();
        JavaEngine.Outcome outcome = JavaEngine.Outcome.NONE;
        Matcher m = LINE_MAGIC.matcher(cell);
        int javaStart = 0;
        while (m.find()) {
            String java = cell.substring(javaStart, m.start());
            if (!java.isBlank()) {
                outcome = engine.eval(cell, javaStart, java);
            }
            LineMagic magic = lineMagics.get(m.group(1));
            if (magic == null) {
                throw unknown("%" + m.group(1));
            }
            outcome = magic.run(split(m.group(2).strip()));
            javaStart = m.end();
        }
        String java = cell.substring(javaStart);
        if (!java.isBlank()) {
            outcome = engine.eval(cell, javaStart, java);
        }
        return outcome;
    }

    // ---- cell magics ---------------------------------------------------------------------------------

    private JavaEngine.Outcome time(String body) throws CellError {
        long t0 = System.nanoTime();
        JavaEngine.Outcome o = runCell(body);
        long nanos = System.nanoTime() - t0;
        kernel.flushStreams();
        System.out.println("Wall time: " + formatNanos(nanos));
        return o;
    }

    private static JavaEngine.Outcome show(String mime, String body) {
        DisplayData d = new DisplayData();
        d.putData(mime, body);
        d.putText(body);
        Display.show(d);
        return JavaEngine.Outcome.NONE;
    }

    static String formatNanos(long nanos) {
        if (nanos < 1_000_000L) {
            return String.format(Locale.ROOT, "%.0f µs", nanos / 1e3);
        } else if (nanos < 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    private CellError unknown(String magic) {
        String msg = "unknown magic " + magic;
        return new CellError("UnknownMagic", msg,
                List.of("Unknown magic " + magic + ". Line magics: " + String.join(", ", lineNames())
                        + ". Cell magics (first line of a cell): " + String.join(", ", cellNames()) + "."));
    }

    private static CellError error(String magic, String message) {
        return new CellError("MagicError", magic + ": " + message, List.of(magic + ": " + message));
    }

    // ---- line magics ---------------------------------------------------------------------------------

    private JavaEngine.Outcome classpath(List<String> args) throws CellError {
        if (args.isEmpty()) {
            kernel.engine().classpath().forEach(System.out::println);
            return JavaEngine.Outcome.NONE;
        }
        List<Path> paths = new ArrayList<>();
        for (String a : args) {
            paths.addAll(paths("%classpath", a, false));
        }
        return addToClasspath(paths);
    }

    private JavaEngine.Outcome jars(List<String> args) throws CellError {
        if (args.isEmpty()) {
            throw error("%jars", "give one or more paths or globs of jar files, e.g. %jars lib/*.jar");
        }
        List<Path> paths = new ArrayList<>();
        for (String a : args) {
            paths.addAll(paths("%jars", a, true));
        }
        return addToClasspath(paths);
    }

    /** Puts {@code paths} on the class path of later cells and registers the renderers they provide. */
    private JavaEngine.Outcome addToClasspath(List<Path> paths) {
        JavaEngine engine = kernel.engine();
        paths.forEach(p -> engine.addToClasspath(p.toString()));
        kernel.registerRenderers(engine);
        return JavaEngine.Outcome.NONE;
    }

    private JavaEngine.Outcome maven(List<String> args) throws CellError {
        if (args.isEmpty()) {
            throw error("%maven", "give one or more coordinates group:artifact:version");
        }
        List<Path> jars;
        try {
            jars = maven.resolve(args);
        } catch (MavenResolver.ResolutionException e) {
            throw error("%maven", e.getMessage());
        }
        addToClasspath(jars);
        System.out.println("Added " + jars.size() + " jar" + (jars.size() == 1 ? "" : "s") + " to the class path.");
        return JavaEngine.Outcome.NONE;
    }

    private JavaEngine.Outcome mavenRepo(List<String> args) throws CellError {
        if (args.size() != 2) {
            throw error("%mavenRepo", "give an id and a URL, e.g. %mavenRepo central https://repo.maven.apache.org/maven2/");
        }
        try {
            maven.addRepository(args.get(0), args.get(1));
        } catch (IllegalArgumentException e) {
            throw error("%mavenRepo", e.getMessage());
        }
        return JavaEngine.Outcome.NONE;
    }

    private JavaEngine.Outcome load(List<String> args) throws CellError {
        if (args.size() != 1) {
            throw error("%load", "give one file, e.g. %load helpers.jsh");
        }
        Path file = existing("%load", args.get(0));
        try {
            return runCell(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw error("%load", "cannot read " + file + ": " + e.getMessage());
        }
    }

    private JavaEngine.Outcome timeout(List<String> args) throws CellError {
        if (args.size() != 1) {
            throw error("%timeout", "give a time such as 30s, 500ms or 2m, or off; now "
                    + (kernel.cellTimeLimit() > 0 ? formatNanos(kernel.cellTimeLimit() * 1_000_000L) : "off"));
        }
        kernel.setCellTimeLimit(parseDuration(args.get(0)));
        return JavaEngine.Outcome.NONE;
    }

    private JavaEngine.Outcome lsmagic(List<String> args) {
        System.out.println("Line magics: " + String.join(" ", lineNames())
                + "\nCell magics: " + String.join(" ", cellNames()));
        return JavaEngine.Outcome.NONE;
    }

    static long parseDuration(String text) throws CellError {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("off") || t.equals("0")) {
            return 0;
        }
        Matcher m = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|min)?").matcher(t);
        if (!m.matches()) {
            throw error("%timeout", "'" + text + "' is not a time; use e.g. 30s, 500ms, 2m or off");
        }
        double v = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double millis = switch (unit) {
            case "ms" -> v;
            case "m", "min" -> v * 60_000;
            default -> v * 1000;
        };
        if (millis < 1) {
            throw error("%timeout", "the time limit must be at least 1 ms, got " + text);
        }
        return (long) millis;
    }

    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        boolean any = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                any = true;
            } else if (Character.isWhitespace(c)) {
                if (any || cur.length() > 0) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    any = false;
                }
            } else {
                cur.append(c);
            }
        }
        if (any || cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }

    private static boolean hasGlob(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0;
    }

    private static Path expand(String s) {
        if (s.equals("~") || s.startsWith("~/")) {
            s = System.getProperty("user.home") + s.substring(1);
        }
        return Path.of(s);
    }

    private static Path existing(String magic, String s) throws CellError {
        Path p = expand(s).toAbsolutePath().normalize();
        if (!Files.exists(p)) {
            throw error(magic, p + " does not exist");
        }
        return p;
    }

    /** The one path {@code arg} names, or the paths its glob matches (only files with {@code filesOnly}). */
    private static List<Path> paths(String magic, String arg, boolean filesOnly) throws CellError {
        return hasGlob(arg) ? glob(magic, arg, filesOnly) : List.of(existing(magic, arg));
    }

    /**
     * The paths matching a glob such as {@code lib/*.jar} or {@code libs/*}{@code /*.jar}, found by the base
     * kernel library's {@link GlobFinder}, as in IJava: {@code *} matches any text within one folder's
     * name and {@code ?} one character; a glob ending in {@code /} matches the files in the folders it
     * names. Relative globs start at the kernel's working folder (the notebook's).
     */
    static List<Path> glob(String magic, String pattern, boolean filesOnly) throws CellError {
        String glob = expand(pattern).toString() + (pattern.endsWith("/") ? "/" : "");
        GlobFinder finder = new GlobFinder(glob);
        List<Path> found = new ArrayList<>();
        try {
            Iterable<Path> matches = filesOnly ? finder.computeMatchingFiles() : finder.computeMatchingPaths();
            try {
                for (Path p : matches) {
                    found.add(p.toAbsolutePath().normalize());
                }
            } finally {
                if (matches instanceof Closeable c) {  // a glob ending in '/' is a directory stream
                    c.close();
                }
            }
        } catch (NoSuchFileException e) {
            found.clear();
        } catch (IOException e) {
            throw error(magic, "cannot read " + e.getMessage() + " while matching " + pattern);
        }
        if (found.isEmpty()) {
            throw error(magic, "no file matches " + pattern);
        }
        Collections.sort(found);
        return found;
    }
}
