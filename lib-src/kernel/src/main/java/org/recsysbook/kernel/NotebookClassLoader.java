package org.recsysbook.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The class loader of everything a notebook runs: JShell's snippet classes and the jars on the notebook's
 * class path (the kernelspec's, {@code %classpath}, {@code %jars} and {@code %maven}).
 *
 * <p>It sees the JDK and a small set of shared packages (the display API, the IJava display model and the
 * kernel's runtime hooks) through the kernel's own loader, so that {@code display(...)} in a cell reaches
 * the kernel; the kernel's other libraries (ZeroMQ, Gson, ASM, Maven Resolver) stay invisible, so a
 * notebook may {@code %maven} any version of them. Every class it defines passes through
 * {@link BytecodeRewriter}.
 */
final class NotebookClassLoader extends URLClassLoader {
    static {
        registerAsParallelCapable();
    }

    /** Packages the notebook shares with the kernel: one copy of each class, loaded by the kernel. */
    static final List<String> SHARED = List.of(
            "org.recsysbook.display.",
            "org.recsysbook.kernel.runtime.",
            "io.github.spencerpark.jupyter.kernel.display.",
            "io.github.spencerpark.jupyter.kernel.util.");

    private final ClassLoader kernelLoader;
    private final Map<String, byte[]> snippets = new ConcurrentHashMap<>();
    private final ProtectionDomain snippetDomain =
            new ProtectionDomain(new CodeSource(null, (Certificate[]) null), null);

    NotebookClassLoader(ClassLoader kernelLoader) {
        super("notebook", new URL[0], ClassLoader.getPlatformClassLoader());
        this.kernelLoader = kernelLoader;
    }

    static boolean isShared(String className) {
        for (String prefix : SHARED) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    void addSnippet(String name, byte[] bytecode) {
        snippets.put(name, bytecode);
    }

    @Override
    public void addURL(URL url) {
        super.addURL(url);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (isShared(name)) {
            return kernelLoader.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] snippet = snippets.get(name);
        if (snippet != null) {
            byte[] b = BytecodeRewriter.rewrite(snippet, true);
            return defineClass(name, b, 0, b.length, snippetDomain);
        }
        String path = name.replace('.', '/') + ".class";
        URL url = findResource(path);
        if (url == null) {
            throw new ClassNotFoundException(name);
        }
        byte[] bytes;
        try (InputStream in = url.openStream()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
        definePackageFor(name);
        byte[] b = BytecodeRewriter.rewrite(bytes, false);
        return defineClass(name, b, 0, b.length, domainFor(url, path));
    }

    private final Map<String, ProtectionDomain> domains = new ConcurrentHashMap<>();

    private ProtectionDomain domainFor(URL classUrl, String path) {
        String s = classUrl.toString();
        String base = s.endsWith(path) ? s.substring(0, s.length() - path.length()) : s;
        return domains.computeIfAbsent(base, b -> {
            try {
                String jar = b.startsWith("jar:") && b.endsWith("!/") ? b.substring(4, b.length() - 2) : b;
                return new ProtectionDomain(new CodeSource(new URL(jar), (Certificate[]) null), null, this, null);
            } catch (IOException e) {
                return snippetDomain;
            }
        });
    }

    private void definePackageFor(String className) {
        int dot = className.lastIndexOf('.');
        if (dot > 0) {
            String pkg = className.substring(0, dot);
            if (getDefinedPackage(pkg) == null) {
                try {
                    definePackage(pkg, null, null, null, null, null, null, null);
                } catch (IllegalArgumentException alreadyDefinedConcurrently) {
                    // another thread defined it first
                }
            }
        }
    }

    @Override
    public URL getResource(String name) {
        URL own = findResource(name);
        return own != null ? own : super.getResource(name);
    }
}
