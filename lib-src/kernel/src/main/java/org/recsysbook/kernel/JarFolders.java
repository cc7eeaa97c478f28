package org.recsysbook.kernel;

import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.tools.JavaFileObject;

/**
 * The packages each jar holds and the jars its manifest's {@code Class-Path} names, read from the jar's central
 * directory once and kept in an index file, valid while the jar's size and modification time stay the same.
 *
 * <p>{@link LazyClassPath} reads it to open a jar only when the compiler asks for a package that jar holds. The
 * file is plain text, one line a jar: size, modification time in milliseconds, the jar's path, the packages
 * (space-separated, each as {@code name/kinds}, the unnamed package as {@code .}) and the {@code Class-Path}
 * entries (separated as a class path is), tab-separated.
 */
final class JarFolders {
    private static final Logger LOG = Logger.getLogger(JarFolders.class.getName());
    private static final String HEADER = "# workbook kernel class-path index 3";
    /**
     * The service files javac looks up through the class path's class loader: annotation processors and plugins.
     * A jar that holds one has it among its packages under the file's own name (with the kind {@code OTHER}),
     * for {@link LazyClassPath#getClassLoader}.
     */
    static final List<String> JAVAC_SERVICES = List.of("META-INF/services/javax.annotation.processing.Processor",
            "META-INF/services/com.sun.source.util.Plugin");
    /** The unnamed package in the index file. */
    private static final String UNNAMED = ".";

    /**
     * What one jar holds: its packages, each with the kinds of file it has (a bit per {@link JavaFileObject.Kind}'s
     * ordinal), and the jars its manifest adds to the class path.
     */
    record Jar(long size, long modified, Map<String, Integer> packages, List<Path> manifestClassPath) { }

    /** The bit of a kind of file in {@link Jar#packages}. */
    static int bit(JavaFileObject.Kind kind) {
        return 1 << kind.ordinal();
    }

    /** The bits of a set of kinds. */
    static int bits(Set<JavaFileObject.Kind> kinds) {
        int mask = 0;
        for (JavaFileObject.Kind k : kinds) {
            mask |= bit(k);
        }
        return mask;
    }

    private static JavaFileObject.Kind kindOf(String name) {
        for (JavaFileObject.Kind k : JavaFileObject.Kind.values()) {
            if (k != JavaFileObject.Kind.OTHER && name.endsWith(k.extension)) {
                return k;
            }
        }
        return JavaFileObject.Kind.OTHER;
    }

    private final Path file;
    private final Map<Path, Jar> jars = new LinkedHashMap<>();
    private boolean changed;

    private JarFolders(Path file) {
        this.file = file;
    }

    /** An index kept in {@code file} (read now if it exists); {@code null} keeps it in memory only. */
    static JarFolders open(Path file) {
        JarFolders index = new JarFolders(file);
        if (file != null && Files.isRegularFile(file)) {
            try {
                index.read();
            } catch (IOException | RuntimeException e) {
                // a damaged index is rebuilt from the jars
                LOG.log(Level.INFO, "rebuilding the class-path index " + file, e);
                index.jars.clear();
                index.changed = true;
            }
        }
        return index;
    }

    /** The index file in use, or {@code null}. */
    Path file() {
        return file;
    }

    /**
     * What {@code jar} holds, from the index when its size and modification time match, else read from the jar
     * (and the index marked for {@link #save}). Returns {@code null} when the jar cannot be read as a zip file.
     */
    synchronized Jar read(Path jar) {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(jar, BasicFileAttributes.class);
        } catch (IOException e) {
            return null;
        }
        long size = attrs.size();
        long modified = attrs.lastModifiedTime().toMillis();
        Jar known = jars.get(jar);
        if (known != null && known.size() == size && known.modified() == modified) {
            return known;
        }
        Jar fresh;
        try {
            fresh = scan(jar, size, modified);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        jars.put(jar, fresh);
        changed = true;
        return fresh;
    }

    private static Jar scan(Path jar, long size, long modified) throws IOException {
        Map<String, Integer> packages = new LinkedHashMap<>();
        List<Path> manifestClassPath = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                String name = entry.getName();
                if (name.endsWith("/module-info.class") || name.equals("module-info.class")) {
                    continue;  // javac reads no module-info on the class path (the name is no identifier)
                }
                int kind = bit(kindOf(name));
                packages.merge(packageOf(name), kind, (a, b) -> a | b);
                if (JAVAC_SERVICES.contains(name)) {
                    packages.put(name, kind);
                }
                if (name.startsWith("META-INF/versions/")) {
                    // a multi-release jar's classes for a later Java: a superset of packages only opens more
                    int slash = name.indexOf('/', "META-INF/versions/".length());
                    if (slash > 0) {
                        packages.merge(packageOf(name.substring(slash + 1)), kind, (a, b) -> a | b);
                    }
                }
            }
            ZipEntry mf = zip.getEntry("META-INF/MANIFEST.MF");
            if (mf != null) {
                try (var in = zip.getInputStream(mf)) {
                    String cp = new Manifest(in).getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
                    if (cp != null) {
                        Path dir = jar.toAbsolutePath().getParent();
                        for (String entry : cp.trim().split("\\s+")) {
                            if (!entry.isEmpty()) {
                                try {
                                    manifestClassPath.add(dir.resolve(entry).normalize());
                                } catch (RuntimeException e) {
                                    // javac skips a Class-Path entry that is no path; so do we
                                }
                            }
                        }
                    }
                }
            }
        }
        return new Jar(size, modified, Map.copyOf(packages), List.copyOf(manifestClassPath));
    }

    /** The package of a zip entry's name, dotted ({@code ""} for the unnamed package). */
    static String packageOf(String entryName) {
        int slash = entryName.lastIndexOf('/');
        return slash < 0 ? "" : entryName.substring(0, slash).replace('/', '.');
    }

    /** Writes the index file if anything was read from a jar since it was read (a no-op without a file). */
    synchronized void save() {
        if (file == null || !changed) {
            return;
        }
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "classpath", ".tmp");
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                w.write(HEADER);
                w.newLine();
                for (Map.Entry<Path, Jar> e : jars.entrySet()) {
                    Jar j = e.getValue();
                    List<String> packages = new ArrayList<>();
                    j.packages().forEach((p, kinds) -> packages.add((p.isEmpty() ? UNNAMED : p) + "/" + kinds));
                    List<String> cp = new ArrayList<>();
                    j.manifestClassPath().forEach(p -> cp.add(p.toString()));
                    w.write(j.size() + "\t" + j.modified() + "\t" + e.getKey() + "\t" + String.join(" ", packages)
                            + "\t" + String.join(File.pathSeparator, cp));
                    w.newLine();
                }
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            changed = false;
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.INFO, "could not write the class-path index " + file, e);
        }
    }

    private void read() throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IOException("not a class-path index: " + file);
        }
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            if (f.length != 5) {
                throw new IOException("a damaged line in " + file);
            }
            Map<String, Integer> packages = new LinkedHashMap<>();
            for (String p : f[3].split(" ")) {
                if (!p.isEmpty()) {
                    int slash = p.lastIndexOf('/');
                    String name = p.substring(0, slash);
                    packages.put(name.equals(UNNAMED) ? "" : name, Integer.parseInt(p.substring(slash + 1)));
                }
            }
            List<Path> cp = new ArrayList<>();
            for (String p : f[4].split(File.pathSeparator)) {
                if (!p.isEmpty()) {
                    cp.add(Path.of(p));
                }
            }
            jars.put(Path.of(f[2]), new Jar(Long.parseLong(f[0]), Long.parseLong(f[1]), Map.copyOf(packages),
                    List.copyOf(cp)));
        }
    }
}
