package org.recsysbook.kernel;

import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.io.File;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.nio.file.Path;
import java.util.Map;

/**
 * JShell's in-process execution, with the notebook's own class loader. Stopping a running cell is
 * {@link LocalExecutionControl}'s: {@code Thread.stop} where the JDK still has it (17), and on newer JDKs
 * the stop checks it weaves into every snippet's loops.
 */
final class NotebookExecutionControl extends LocalExecutionControl {
    private final NotebookClassLoader loader;

    private NotebookExecutionControl(NotebookClassLoader loader) {
        super(new Delegate(loader));
        this.loader = loader;
    }

    /**
     * Runs a cell with the notebook's class loader as the thread's context class loader (JShell starts a thread per
     * cell, which inherits it), so that libraries that look classes up through it — Spark's session builder and code
     * generator, {@code ServiceLoader.load(Class)} — see the jars of {@code %maven} and {@code %jars}.
     */
    @Override
    protected String invoke(Method doitMethod) throws Exception {
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(loader);
        try {
            return super.invoke(doitMethod);
        } finally {
            t.setContextClassLoader(previous);
        }
    }

    /** Loads snippet classes and class path entries into the notebook's class loader. */
    private static final class Delegate implements LoaderDelegate {
        private final NotebookClassLoader loader;

        Delegate(NotebookClassLoader loader) {
            this.loader = loader;
        }

        @Override
        public void load(ClassBytecodes[] cbcs) throws ClassInstallException {
            boolean[] installed = new boolean[cbcs.length];
            for (ClassBytecodes cbc : cbcs) {
                loader.addSnippet(cbc.name(), cbc.bytecodes());
            }
            int i = 0;
            try {
                for (ClassBytecodes cbc : cbcs) {
                    Class<?> c = loader.loadClass(cbc.name());
                    c.getDeclaredMethods(); // links the class now, so a bad class fails here, not mid-cell
                    installed[i++] = true;
                }
            } catch (ClassNotFoundException | LinkageError e) {
                throw new ClassInstallException("could not load a snippet class: " + e, installed);
            }
        }

        @Override
        public void classesRedefined(ClassBytecodes[] cbcs) {
            for (ClassBytecodes cbc : cbcs) {
                loader.addSnippet(cbc.name(), cbc.bytecodes());
            }
        }

        @Override
        public void addToClasspath(String path) throws EngineTerminationException, InternalException {
            try {
                for (String entry : path.split(File.pathSeparator)) {
                    if (!entry.isEmpty()) {
                        loader.addURL(Path.of(entry).toUri().toURL());
                    }
                }
            } catch (MalformedURLException | RuntimeException e) {
                throw new InternalException("bad class path entry " + path + ": " + e);
            }
        }

        @Override
        public Class<?> findClass(String name) throws ClassNotFoundException {
            return loader.loadClass(name);
        }
    }

    /** The provider JShell asks for an execution engine. */
    static final class Provider implements ExecutionControlProvider {
        private final NotebookClassLoader loader;

        Provider(NotebookClassLoader loader) {
            this.loader = loader;
        }

        @Override
        public String name() {
            return "notebook";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            return new NotebookExecutionControl(loader);
        }
    }
}
