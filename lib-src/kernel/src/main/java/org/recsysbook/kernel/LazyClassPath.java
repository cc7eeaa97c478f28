package org.recsysbook.kernel;

import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A file manager for the compiler that opens a jar of the class path only when the compiler asks for a package that
 * jar holds.
 *
 * <p>javac's own file manager opens every jar of the class path as a zip file system and walks its folders at its
 * first lookup; with the notebook's ~100 jars that was about a third of a second of the first cell's critical path.
 * This one keeps the whole class path, knows from {@link JarFolders} which jars hold which package, and gives javac's
 * file manager (the delegate) only the folders of the class path and the jars opened so far, in class-path order,
 * adding a jar when a package it holds is first listed. The classes and sources of a listing therefore equal those
 * javac would list for the whole class path: the jars left out hold none of that package (a {@code module-info.class},
 * which javac skips on the class path, does not count). A listing that asks for classes or sources opens only the jars
 * holding classes or sources there ({@link #kindsToOpen}), so its HTML and other files are those of the jars opened;
 * one that asks for HTML or other files alone opens every jar holding them. {@code getLocationAsPaths} answers with the
 * whole class path (JShell's completion index reads it). Jars named by a jar's manifest {@code Class-Path} take
 * their place after it, as javac places them.
 */
final class LazyClassPath extends ForwardingJavaFileManager<StandardJavaFileManager>
        implements StandardJavaFileManager {
    private final JarFolders folders;
    /** The whole class path, manifest entries expanded, without repeats. */
    private List<Path> classPath = List.of();
    /** A jar that holds a package, and the kinds of file it has there ({@link JarFolders#bit}). */
    private record Holder(Path jar, int kinds) { }

    /** Jars by package, in class-path order. */
    private Map<String, List<Holder>> jarsByPackage = Map.of();
    /** What is not a readable jar (folders, missing entries): always given to the delegate. */
    private Set<Path> always = Set.of();
    private final Set<Path> opened = new HashSet<>();
    /** Whether an entry of the class path holds a service file javac looks up ({@link JarFolders#JAVAC_SERVICES}). */
    private boolean javacServices;
    private static final int ALL_KINDS = JarFolders.bits(java.util.EnumSet.allOf(JavaFileObject.Kind.class));

    LazyClassPath(StandardJavaFileManager delegate, JarFolders folders) {
        super(delegate);
        this.folders = folders;
        Iterable<? extends Path> initial = delegate.getLocationAsPaths(StandardLocation.CLASS_PATH);
        List<Path> paths = new ArrayList<>();
        if (initial != null) {
            initial.forEach(paths::add);
        }
        setClassPath(paths);
    }

    /** How many jars of the class path have been given to the compiler so far. */
    synchronized int openedJars() {
        return opened.size();
    }

    /** How many jars the class path has. */
    synchronized int jars() {
        Set<Path> all = new HashSet<>(classPath);
        all.removeAll(always);
        return all.size();
    }

    private synchronized void setClassPath(Collection<? extends Path> paths) {
        LinkedHashSet<Path> expanded = new LinkedHashSet<>();
        Set<Path> notJars = new HashSet<>();
        Map<Path, JarFolders.Jar> read = new HashMap<>();
        for (Path p : paths) {
            add(p, expanded, notJars, read);
        }
        Map<String, List<Holder>> byPackage = new HashMap<>();
        for (Path p : expanded) {
            JarFolders.Jar jar = read.get(p);
            if (jar != null) {
                jar.packages().forEach((pkg, kinds) ->
                        byPackage.computeIfAbsent(pkg, k -> new ArrayList<>(2)).add(new Holder(p, kinds)));
            }
        }
        folders.save();
        javacServices = holdsJavacServices(expanded, read);
        classPath = List.copyOf(expanded);
        jarsByPackage = byPackage;
        always = notJars;
        opened.retainAll(expanded);
        updateDelegate();
    }

    private static boolean holdsJavacServices(Collection<Path> entries, Map<Path, JarFolders.Jar> read) {
        for (Path p : entries) {
            JarFolders.Jar jar = read.get(p);
            for (String service : JarFolders.JAVAC_SERVICES) {
                if (jar != null ? jar.packages().containsKey(service) : Files.exists(p.resolve(service))) {
                    return true;
                }
            }
        }
        return false;
    }

    private void add(Path p, LinkedHashSet<Path> expanded, Set<Path> notJars, Map<Path, JarFolders.Jar> read) {
        if (!expanded.add(p)) {
            return;
        }
        JarFolders.Jar jar = Files.isRegularFile(p) ? folders.read(p) : null;
        if (jar == null) {
            notJars.add(p);
            return;
        }
        read.put(p, jar);
        for (Path q : jar.manifestClassPath()) {
            if (Files.exists(q)) {
                add(q, expanded, notJars, read);
            }
        }
    }

    private void updateDelegate() {
        List<Path> given = new ArrayList<>();
        for (Path p : classPath) {
            if (always.contains(p) || opened.contains(p)) {
                given.add(p);
            }
        }
        try {
            fileManager.setLocationFromPaths(StandardLocation.CLASS_PATH, given);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Gives the delegate the jars that have files of {@code kinds} in {@code pkg} (and, if {@code subpackages}, in
     * its subpackages).
     */
    private synchronized void openPackage(String pkg, int kinds, boolean subpackages) {
        boolean added = false;
        if (!subpackages) {
            added = open(jarsByPackage.getOrDefault(pkg, List.of()), kinds);
        } else {
            for (Map.Entry<String, List<Holder>> e : jarsByPackage.entrySet()) {
                String p = e.getKey();
                if (pkg.isEmpty() || p.equals(pkg) || p.startsWith(pkg + ".")) {
                    added |= open(e.getValue(), kinds);
                }
            }
        }
        if (added) {
            updateDelegate();
        }
    }

    private boolean open(List<Holder> holders, int kinds) {
        boolean added = false;
        for (Holder h : holders) {
            if ((h.kinds() & kinds) != 0) {
                added |= opened.add(h.jar());
            }
        }
        return added;
    }

    private static boolean isClassPath(Location location) {
        return location == StandardLocation.CLASS_PATH;
    }

    /** Classes and sources: what javac's compilation takes from the class path. */
    private static final int COMPILED_KINDS = JarFolders.bit(JavaFileObject.Kind.CLASS)
            | JarFolders.bit(JavaFileObject.Kind.SOURCE);

    /**
     * The kinds of file ({@link JarFolders#bits}) for which a listing that asks for {@code asked} opens jars: of those,
     * the classes and sources if it asks for either. javac's {@code ClassFinder} lists every kind of file of a
     * package, but from the class path it uses only classes and sources: an HTML or other file there goes to
     * {@code ClassFinder.extraFileActions}, which does something only in javadoc's finder. Opening jars for those
     * kinds too made the engine's first import (the unnamed package, listed for every kind) open seven jars whose
     * root holds only resources, among them DuckDB's 80 MB of native libraries and ICU4J's 14 MB: a fifth of the
     * first compilation's time.
     */
    static int kindsToOpen(int asked) {
        return (asked & COMPILED_KINDS) != 0 ? asked & COMPILED_KINDS : asked;
    }

    @Override
    public Iterable<JavaFileObject> list(Location location, String packageName, Set<JavaFileObject.Kind> kinds,
                                         boolean recurse) throws IOException {
        if (isClassPath(location)) {
            openPackage(packageName, kindsToOpen(JarFolders.bits(kinds)), recurse);
        }
        return fileManager.list(location, packageName, kinds, recurse);
    }

    @Override
    public JavaFileObject getJavaFileForInput(Location location, String className, JavaFileObject.Kind kind)
            throws IOException {
        if (isClassPath(location)) {
            int dot = className.lastIndexOf('.');
            openPackage(dot < 0 ? "" : className.substring(0, dot), JarFolders.bit(kind), false);
        }
        return fileManager.getJavaFileForInput(location, className, kind);
    }

    @Override
    public FileObject getFileForInput(Location location, String packageName, String relativeName)
            throws IOException {
        if (isClassPath(location)) {
            String pkg = packageName;
            int slash = relativeName.lastIndexOf('/');
            if (slash > 0) {
                String sub = relativeName.substring(0, slash).replace('/', '.');
                pkg = pkg.isEmpty() ? sub : pkg + "." + sub;
            }
            openPackage(pkg, ALL_KINDS, false);
        }
        return fileManager.getFileForInput(location, packageName, relativeName);
    }

    /**
     * A new class loader over the whole class path, as javac's file manager makes one (javac closes it after use),
     * without opening the jars for the compiler: javac asks for it at every compilation, to look for annotation
     * processors and for the plugins that start themselves ({@code Plugin.autoStart}). When no entry of the class
     * path holds the service file of either ({@link JarFolders#JAVAC_SERVICES}), the loader has no entries: the
     * lookup javac makes through it finds nothing either way, and javac's {@code ServiceLoader} then opens none of
     * the ~70 jars (about 50 ms of the engine's start).
     */
    @Override
    public ClassLoader getClassLoader(Location location) {
        if (!isClassPath(location)) {
            return fileManager.getClassLoader(location);
        }
        if (!javacServices) {
            return new java.net.URLClassLoader(new java.net.URL[0], fileManager.getClass().getClassLoader());
        }
        List<java.net.URL> urls = new ArrayList<>();
        for (Path p : getLocationAsPaths(location)) {
            try {
                urls.add(p.toUri().toURL());
            } catch (java.net.MalformedURLException e) {
                throw new IllegalStateException("a class path entry that is no URL: " + p, e);
            }
        }
        return new java.net.URLClassLoader(urls.toArray(new java.net.URL[0]), fileManager.getClass().getClassLoader());
    }

    @Override
    public boolean handleOption(String current, Iterator<String> remaining) {
        if (("-classpath".equals(current) || "-cp".equals(current) || "--class-path".equals(current))
                && remaining.hasNext()) {
            List<Path> paths = new ArrayList<>();
            for (String entry : remaining.next().split(File.pathSeparator)) {
                if (!entry.isEmpty()) {
                    paths.add(Path.of(entry));
                }
            }
            setClassPath(paths);
            return true;
        }
        return fileManager.handleOption(current, remaining);
    }

    @Override
    public synchronized Iterable<? extends Path> getLocationAsPaths(Location location) {
        return isClassPath(location) ? classPath : fileManager.getLocationAsPaths(location);
    }

    @Override
    public synchronized Iterable<? extends File> getLocation(Location location) {
        if (!isClassPath(location)) {
            return fileManager.getLocation(location);
        }
        List<File> files = new ArrayList<>();
        classPath.forEach(p -> files.add(p.toFile()));
        return files;
    }

    @Override
    public void setLocationFromPaths(Location location, Collection<? extends Path> paths) throws IOException {
        if (isClassPath(location)) {
            setClassPath(paths == null ? List.of() : paths);
        } else {
            fileManager.setLocationFromPaths(location, paths);
        }
    }

    @Override
    public void setLocation(Location location, Iterable<? extends File> files) throws IOException {
        if (isClassPath(location)) {
            List<Path> paths = new ArrayList<>();
            if (files != null) {
                files.forEach(f -> paths.add(f.toPath()));
            }
            setClassPath(paths);
        } else {
            fileManager.setLocation(location, files);
        }
    }

    @Override
    public boolean contains(Location location, FileObject fo) throws IOException {
        return fileManager.contains(location, fo);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjectsFromFiles(Iterable<? extends File> files) {
        return fileManager.getJavaFileObjectsFromFiles(files);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjectsFromPaths(Collection<? extends Path> paths) {
        return fileManager.getJavaFileObjectsFromPaths(paths);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjects(File... files) {
        return fileManager.getJavaFileObjects(files);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjectsFromStrings(Iterable<String> names) {
        return fileManager.getJavaFileObjectsFromStrings(names);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjects(String... names) {
        return fileManager.getJavaFileObjects(names);
    }

    @Override
    public Path asPath(FileObject file) {
        return fileManager.asPath(file);
    }

    @Override
    public void setLocationForModule(Location location, String moduleName, Collection<? extends Path> paths)
            throws IOException {
        fileManager.setLocationForModule(location, moduleName, paths);
    }

    @Override
    public void setPathFactory(PathFactory f) {
        fileManager.setPathFactory(f);
    }

    /** The file manager JShell should use: this one around {@code standard}, unless it is switched off. */
    static StandardJavaFileManager wrap(StandardJavaFileManager standard, JarFolders folders) {
        return folders == null ? standard : new LazyClassPath(standard, folders);
    }
}
