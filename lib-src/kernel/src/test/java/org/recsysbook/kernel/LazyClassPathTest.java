package org.recsysbook.kernel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LazyClassPathTest {
    private static final Set<JavaFileObject.Kind> ALL_KINDS = EnumSet.allOf(JavaFileObject.Kind.class);

    /** The test's own jars (JUnit, Gson, JeroMQ, ASM, the base kernel library...) and two made here. */
    private static List<Path> classPath(Path tmp) throws IOException {
        LinkedHashSet<Path> entries = new LinkedHashSet<>();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        for (String e : cp.split(File.pathSeparator)) {
            if (!e.isBlank()) {
                entries.add(Path.of(e));
            }
        }
        // a package split over two jars, a class in the unnamed package, and a jar that names another in its manifest
        Path a = jar(tmp.resolve("a.jar"), null, "split/One.class", "Top.class", "res/data.txt");
        jar(tmp.resolve("b.jar"), null, "split/Two.class", "split/deeper/Three.class");
        Path c = jar(tmp.resolve("c.jar"), "b.jar", "other/Four.class");
        Path d = jar(tmp.resolve("d.jar"), null, "README.txt", "module-info.class", "other/page.html");
        entries.add(a);
        entries.add(c);
        entries.add(d);
        entries.add(tmp.resolve("missing.jar"));
        return new ArrayList<>(entries);
    }

    private static Path jar(Path file, String manifestClassPath, String... names) throws IOException {
        java.util.jar.Manifest mf = new java.util.jar.Manifest();
        mf.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        if (manifestClassPath != null) {
            mf.getMainAttributes().put(java.util.jar.Attributes.Name.CLASS_PATH, manifestClassPath);
        }
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(file), mf)) {
            for (String name : names) {
                out.putNextEntry(new ZipEntry(name));
                out.write(new byte[] {(byte) 0xCA, (byte) 0xFE});
                out.closeEntry();
            }
        }
        return file;
    }

    private static StandardJavaFileManager standard() {
        return ToolProvider.getSystemJavaCompiler().getStandardFileManager(null, null, null);
    }

    /**
     * A listing as javac sees it: each file's binary name and address, in order, but for the {@code module-info}
     * classes, which javac skips on the class path (their name is no identifier) and the lazy class path leaves
     * unopened.
     */
    private static List<String> listing(StandardJavaFileManager fm, String pkg, Set<JavaFileObject.Kind> kinds,
                                        boolean recurse) throws IOException {
        return listing(fm, pkg, kinds, recurse, kinds);
    }

    /** {@link #listing} of the files of {@code kinds} kept to those of {@code kept}. */
    private static List<String> listing(StandardJavaFileManager fm, String pkg, Set<JavaFileObject.Kind> kinds,
                                        boolean recurse, Set<JavaFileObject.Kind> kept) throws IOException {
        List<String> out = new ArrayList<>();
        for (JavaFileObject f : fm.list(StandardLocation.CLASS_PATH, pkg, kinds, recurse)) {
            String name = fm.inferBinaryName(StandardLocation.CLASS_PATH, f);
            if (kept.contains(f.getKind()) && !name.equals("module-info") && !name.endsWith(".module-info")) {
                out.add(name + " " + f.toUri());
            }
        }
        return out;
    }

    /** Classes and sources: the files of a listing that javac's compilation uses. */
    private static final Set<JavaFileObject.Kind> COMPILED = EnumSet.of(JavaFileObject.Kind.CLASS,
            JavaFileObject.Kind.SOURCE);

    /** The classes and sources of a listing of every kind, as javac's compilation lists a package. */
    private static List<String> listing(StandardJavaFileManager fm, String pkg, boolean recurse) throws IOException {
        return listing(fm, pkg, ALL_KINDS, recurse, COMPILED);
    }

    @Test
    void listsWhatJavacListsForTheWholeClassPath(@TempDir Path tmp) throws IOException {
        List<Path> cp = classPath(tmp);
        String joined = String.join(File.pathSeparator, cp.stream().map(Path::toString).toList());
        try (StandardJavaFileManager plain = standard();
             LazyClassPath lazy = new LazyClassPath(standard(), JarFolders.open(null))) {
            plain.handleOption("-classpath", List.of(joined).iterator());
            lazy.handleOption("-classpath", List.of(joined).iterator());
            List<String> packages = List.of("org.junit.jupiter.api", "com.google.gson", "org.zeromq",
                    "org.objectweb.asm", "io.github.spencerpark.jupyter.kernel.display", "org.recsysbook.kernel",
                    "split", "split.deeper", "", "other", "res", "org", "java.util", "no.such.pkg", "com.google.gson");
            int listed = 0;
            for (String pkg : packages) {
                List<String> expected = listing(plain, pkg, false);
                listed += expected.size();
                assertEquals(expected, listing(lazy, pkg, false), "the listing of '" + pkg + "'");
            }
            assertTrue(listed > 100, "the packages hold files: " + listed);
            for (String pkg : List.of("split", "org.objectweb", "com.google")) {
                assertEquals(listing(plain, pkg, true), listing(lazy, pkg, true), "'" + pkg + "' and below");
            }
            for (var kinds : List.of(EnumSet.of(JavaFileObject.Kind.CLASS), EnumSet.of(JavaFileObject.Kind.HTML),
                    EnumSet.of(JavaFileObject.Kind.OTHER),
                    EnumSet.of(JavaFileObject.Kind.HTML, JavaFileObject.Kind.OTHER),
                    EnumSet.of(JavaFileObject.Kind.CLASS, JavaFileObject.Kind.SOURCE))) {
                for (String pkg : List.of("", "other", "res", "org.zeromq")) {
                    assertEquals(listing(plain, pkg, kinds, false), listing(lazy, pkg, kinds, false), pkg + kinds);
                }
            }
            assertEquals(List.of("split.One", "split.Two"), listing(lazy, "split", false).stream()
                    .map(s -> s.split(" ")[0]).toList(), "a package split over two jars, in class-path order");
            assertTrue(listing(lazy, "other", false).get(0).startsWith("other.Four "));
        }
    }

    @Test
    void opensOnlyTheJarsOfTheListedPackages(@TempDir Path tmp) throws IOException {
        List<Path> cp = classPath(tmp);
        try (LazyClassPath lazy = new LazyClassPath(standard(), JarFolders.open(null))) {
            lazy.setLocationFromPaths(StandardLocation.CLASS_PATH, cp);
            assertEquals(0, lazy.openedJars());
            assertTrue(lazy.jars() >= 8, "jars on the class path: " + lazy.jars());
            assertFalse(listing(lazy, "com.google.gson", false).isEmpty());
            assertEquals(1, lazy.openedJars(), "Gson's jar only");
            assertFalse(listing(lazy, "split", false).isEmpty());
            assertEquals(3, lazy.openedJars(), "and the two jars of 'split'");
            int before = lazy.openedJars();
            listing(lazy, "", ALL_KINDS, false);
            assertEquals(before, lazy.openedJars() - countWithRootClasses(cp), "every kind of file of the unnamed "
                    + "package, as javac lists it: no jar that has only resources or a module-info there");
            int withClasses = lazy.openedJars();
            assertTrue(listing(lazy, "", EnumSet.of(JavaFileObject.Kind.OTHER), false).stream()
                    .anyMatch(f -> f.endsWith("d.jar!/README.txt")), "asked for resources alone, it opens their jars");
            assertTrue(lazy.openedJars() > withClasses, "d.jar holds only a README and a module-info at its root");
            List<Path> reported = new ArrayList<>();
            lazy.getLocationAsPaths(StandardLocation.CLASS_PATH).forEach(reported::add);
            assertTrue(reported.containsAll(cp), "the whole class path is reported");
            assertTrue(reported.contains(tmp.resolve("b.jar")), "with the jar c.jar's manifest names");
        }
    }

    /** How many jars on the class path, not yet opened by the test above (a.jar is), have root classes. */
    private static int countWithRootClasses(List<Path> cp) throws IOException {
        int n = 0;
        for (Path p : cp) {
            if (Files.isRegularFile(p) && !p.getFileName().toString().equals("a.jar")) {
                try (var zip = new java.util.zip.ZipFile(p.toFile())) {
                    boolean root = zip.stream().anyMatch(e -> !e.getName().contains("/")
                            && e.getName().endsWith(".class") && !e.getName().equals("module-info.class"));
                    n += root ? 1 : 0;
                }
            }
        }
        return n;
    }

    @Test
    void theIndexFileIsReadBackAndAJarThatChangedIsReadAgain(@TempDir Path tmp) throws IOException {
        Path jar = jar(tmp.resolve("x.jar"), null, "p/A.class", "B.class");
        Path idx = tmp.resolve("sub/classpath.idx");
        JarFolders first = JarFolders.open(idx);
        assertEquals(Set.of("p", "", "META-INF"), first.read(jar).packages().keySet());
        first.save();
        assertTrue(Files.isRegularFile(idx));
        JarFolders.Jar again = JarFolders.open(idx).read(jar);
        assertEquals(Set.of("p", "", "META-INF"), again.packages().keySet());

        jar(jar, null, "q/C.class");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(again.modified() + 5000));
        JarFolders.Jar changed = JarFolders.open(idx).read(jar);
        assertEquals(Set.of("q", "META-INF"), changed.packages().keySet());
        assertNotEquals(again.modified(), changed.modified());

        Files.writeString(idx, "not an index\n");
        assertEquals(Set.of("q", "META-INF"), JarFolders.open(idx).read(jar).packages().keySet(),
                "a damaged index is rebuilt");
        assertNull(JarFolders.open(idx).read(tmp.resolve("missing.jar")));
    }

    /**
     * The class loader javac looks for annotation processors and self-starting plugins through: empty when no entry
     * holds their service files, the whole class path (in order) as soon as one jar or folder does, also when that
     * jar is known only from the index file.
     */
    @Test
    void theProcessorLoaderIsEmptyUnlessAnEntryHoldsAJavacService(@TempDir Path tmp) throws IOException {
        Path plain = jar(tmp.resolve("plain.jar"), null, "p/A.class", "META-INF/services/java.sql.Driver");
        Path other = jar(tmp.resolve("other.jar"), null, "q/B.class");
        Path idx = tmp.resolve("classpath.idx");
        try (LazyClassPath lazy = new LazyClassPath(standard(), JarFolders.open(idx))) {
            lazy.setLocationFromPaths(StandardLocation.CLASS_PATH, List.of(plain, other, tmp.resolve("none")));
            try (var loader = (java.net.URLClassLoader) lazy.getClassLoader(StandardLocation.CLASS_PATH)) {
                assertEquals(0, loader.getURLs().length);
            }
        }
        for (String service : JarFolders.JAVAC_SERVICES) {
            Path holder = jar(tmp.resolve("holder.jar"), null, "r/C.class", service);
            Files.setLastModifiedTime(holder, FileTime.fromMillis(System.currentTimeMillis() + 10_000));
            for (int pass = 0; pass < 2; pass++) { // the second pass reads the jar from the index file
                JarFolders index = JarFolders.open(idx);
                try (LazyClassPath lazy = new LazyClassPath(standard(), index)) {
                    lazy.setLocationFromPaths(StandardLocation.CLASS_PATH, List.of(plain, holder, other));
                    try (var loader = (java.net.URLClassLoader) lazy.getClassLoader(StandardLocation.CLASS_PATH)) {
                        assertEquals(List.of(plain.toUri().toURL(), holder.toUri().toURL(), other.toUri().toURL()),
                                List.of(loader.getURLs()), service + ", pass " + pass);
                    }
                }
            }
            Files.delete(holder);
        }
        Path folder = Files.createDirectories(tmp.resolve("classes/META-INF/services")).getParent().getParent();
        Files.writeString(folder.resolve(JarFolders.JAVAC_SERVICES.get(1)), "some.Plugin\n");
        try (LazyClassPath lazy = new LazyClassPath(standard(), JarFolders.open(null))) {
            lazy.setLocationFromPaths(StandardLocation.CLASS_PATH, List.of(plain, folder));
            try (var loader = (java.net.URLClassLoader) lazy.getClassLoader(StandardLocation.CLASS_PATH)) {
                assertEquals(2, loader.getURLs().length, "a folder that holds a plugin's service file");
            }
        }
    }

    @Test
    void thePropertySwitchesItOff() {
        String old = System.getProperty("workbook.kernel.lazyClassPath");
        System.setProperty("workbook.kernel.lazyClassPath", "false");
        try {
            assertNull(JavaEngine.classPathIndex());
        } finally {
            if (old == null) {
                System.clearProperty("workbook.kernel.lazyClassPath");
            } else {
                System.setProperty("workbook.kernel.lazyClassPath", old);
            }
        }
    }
}
