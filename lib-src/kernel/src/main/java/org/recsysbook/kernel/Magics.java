package org.recsysbook.kernel;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import org.recsysbook.display.Display;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * IJava's magics: line magics ({@code %classpath}, {@code %jars}, {@code %maven}, {@code %mavenRepo},
 * {@code %load}, plus {@code %timeout} and {@code %lsmagic}) on lines of their own anywhere in a cell,
 * and cell magics ({@code %%time}, {@code %%html}, {@code %%markdown}, {@code %%javascript},
 * {@code %%latex}) on a cell's first line. Everything else in a cell is Java.
 */
final class Magics {
    private static final Pattern LINE_MAGIC = Pattern.compile("^[ \\t]*%([A-Za-z][A-Za-z0-9_]*)(.*)$", Pattern.MULTILINE);
    private static final List<String> LINE = List.of("%classpath", "%jars", "%maven", "%mavenRepo", "%load",
            "%timeout", "%lsmagic");
    private static final List<String> CELL = List.of("%%time", "%%html", "%%markdown", "%%javascript", "%%js",
            "%%latex");

    private final JavaKernel kernel;
    private final MavenResolver maven = new MavenResolver();

    Magics(JavaKernel kernel) {
        this.kernel = kernel;
    }

    List<String> names() {
        List<String> all = new ArrayList<>(LINE);
        all.addAll(CELL);
        return all;
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
            return cellMagic(name, body);
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
            outcome = lineMagic(m.group(1), m.group(2).strip());
            javaStart = m.end();
        }
        String java = cell.substring(javaStart);
        if (!java.isBlank()) {
            outcome = engine.eval(cell, javaStart, java);
        }
        return outcome;
    }

    private JavaEngine.Outcome cellMagic(String name, String body) throws CellError {
        switch (name) {
            case "time" -> {
                long t0 = System.nanoTime();
                JavaEngine.Outcome o = runCell(body);
                long nanos = System.nanoTime() - t0;
                kernel.flushStreams();
                System.out.println("Wall time: " + formatNanos(nanos));
                return o;
            }
            case "html" -> show("text/html", body);
            case "markdown", "md" -> show("text/markdown", body);
            case "javascript", "js" -> show("application/javascript", body);
            case "latex" -> show("text/latex", body);
            default -> throw unknown("%%" + name);
        }
        return JavaEngine.Outcome.NONE;
    }

    private static void show(String mime, String body) {
        DisplayData d = new DisplayData();
        d.putData(mime, body);
        d.putText(body);
        Display.show(d);
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
                List.of("Unknown magic " + magic + ". Line magics: " + String.join(", ", LINE)
                        + ". Cell magics (first line of a cell): " + String.join(", ", CELL) + "."));
    }

    private static CellError error(String magic, String message) {
        return new CellError("MagicError", magic + ": " + message, List.of(magic + ": " + message));
    }

    private JavaEngine.Outcome lineMagic(String name, String argLine) throws CellError {
        List<String> args = split(argLine);
        JavaEngine engine = kernel.engine();
        switch (name) {
            case "classpath" -> {
                if (args.isEmpty()) {
                    engine.classpath().forEach(System.out::println);
                    break;
                }
                for (String a : args) {
                    List<Path> paths = hasGlob(a) ? glob("%classpath", a) : List.of(existing("%classpath", a));
                    paths.forEach(p -> engine.addToClasspath(p.toString()));
                }
                kernel.registerRenderers(engine);
            }
            case "jars" -> {
                if (args.isEmpty()) {
                    throw error("%jars", "give one or more paths or globs of jar files, e.g. %jars lib/*.jar");
                }
                for (String a : args) {
                    for (Path p : hasGlob(a) ? glob("%jars", a) : List.of(existing("%jars", a))) {
                        engine.addToClasspath(p.toString());
                    }
                }
                kernel.registerRenderers(engine);
            }
            case "maven" -> {
                if (args.isEmpty()) {
                    throw error("%maven", "give one or more coordinates group:artifact:version");
                }
                List<Path> jars;
                try {
                    jars = maven.resolve(args);
                } catch (MavenResolver.ResolutionException e) {
                    throw error("%maven", e.getMessage());
                }
                jars.forEach(p -> engine.addToClasspath(p.toString()));
                kernel.registerRenderers(engine);
                System.out.println("Added " + jars.size() + " jar" + (jars.size() == 1 ? "" : "s") + " to the class path.");
            }
            case "mavenRepo" -> {
                if (args.size() != 2) {
                    throw error("%mavenRepo", "give an id and a URL, e.g. %mavenRepo central https://repo.maven.apache.org/maven2/");
                }
                try {
                    maven.addRepository(args.get(0), args.get(1));
                } catch (IllegalArgumentException e) {
                    throw error("%mavenRepo", e.getMessage());
                }
            }
            case "load" -> {
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
            case "timeout" -> {
                if (args.size() != 1) {
                    throw error("%timeout", "give a time such as 30s, 500ms or 2m, or off; now "
                            + (kernel.cellTimeLimit() > 0 ? formatNanos(kernel.cellTimeLimit() * 1_000_000L) : "off"));
                }
                kernel.setCellTimeLimit(parseDuration(args.get(0)));
            }
            case "lsmagic" -> System.out.println("Line magics: " + String.join(" ", LINE)
                    + "\nCell magics: " + String.join(" ", CELL));
            default -> throw unknown("%" + name);
        }
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
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0 || s.indexOf('{') >= 0;
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

    /** The files (and folders) matching a glob such as {@code lib/*.jar} or {@code libs/**}{@code /*.jar}. */
    static List<Path> glob(String magic, String pattern) throws CellError {
        Path abs = expand(pattern);
        if (!abs.isAbsolute()) {
            abs = Path.of("").toAbsolutePath().resolve(abs);
        }
        String full = abs.normalize().toString();
        String[] parts = full.split(Pattern.quote(File.separator), -1);
        StringBuilder base = new StringBuilder();
        int depth = 0;
        boolean inGlob = false;
        for (String part : parts) {
            if (inGlob || hasGlob(part)) {
                inGlob = true;
                depth = part.contains("**") ? Integer.MAX_VALUE : (depth == Integer.MAX_VALUE ? depth : depth + 1);
            } else {
                base.append(part).append(File.separator);
            }
        }
        Path root = Path.of(base.length() == 0 ? File.separator : base.toString());
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + full);
        List<Path> found;
        if (!Files.isDirectory(root)) {
            found = List.of();
        } else {
            try (Stream<Path> s = Files.walk(root, Math.max(1, depth))) {
                found = s.filter(matcher::matches).sorted().collect(Collectors.toList());
            } catch (IOException e) {
                throw error(magic, "cannot read " + root + ": " + e.getMessage());
            }
        }
        if (found.isEmpty()) {
            throw error(magic, "no file matches " + pattern);
        }
        return found;
    }
}
