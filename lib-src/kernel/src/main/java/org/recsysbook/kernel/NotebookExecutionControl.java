package org.recsysbook.kernel;

import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.nio.file.Path;
import java.util.Map;

/**
 * JShell's in-process execution, with the notebook's own class loader, each cell on a thread of its own that is
 * the only one the cell waits for (see {@link #invoke}), and a stop that ends that thread (see {@link #stop}).
 */
final class NotebookExecutionControl extends LocalExecutionControl {
    private final NotebookClassLoader loader;
    /**
     * JDK 17 to 19: this class runs each cell (see {@link #invoke}); from JDK 20 on, JShell's own execution, whose
     * cancellation machinery (a class it weaves into snippets and defines as a cell starts) comes with it.
     */
    private static final boolean OWN_CELL_THREAD = Runtime.version().feature() < 20;
    private volatile Thread cellThread;

    private NotebookExecutionControl(NotebookClassLoader loader) {
        super(new Delegate(loader));
        this.loader = loader;
    }

    /**
     * Runs a cell on a thread of its own, with the notebook's class loader as its context class loader (so that
     * libraries that look classes up through it, Spark's session builder and code generator or
     * {@code ServiceLoader.load(Class)}, see the jars of {@code %maven} and {@code %jars}), and waits for that
     * thread only.
     *
     * <p>JShell's own version waits for every thread of the cell's thread group that is alive a moment after the
     * cell starts: on a busy machine a cell that starts a server or an HTTP client in its first instants reaches that
     * moment with their threads alive, and then waits until they end, which for a server is never (notebook 11 hung
     * so). A thread a cell starts may outlive the cell; the cell is over when its own code returns. On JDK 20 and
     * later JShell's own version runs the cell (with the context class loader set), race included.
     */
    @Override
    protected String invoke(Method doitMethod) throws Exception {
        if (!OWN_CELL_THREAD) {
            Thread t = Thread.currentThread();
            ClassLoader previous = t.getContextClassLoader();
            t.setContextClassLoader(loader);
            try {
                return super.invoke(doitMethod);
            } finally {
                t.setContextClassLoader(previous);
            }
        }
        Object[] result = new Object[1];
        Throwable[] failure = new Throwable[1];
        Thread cell = new Thread(() -> {
            try {
                result[0] = doitMethod.invoke(null);
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "notebook-cell");
        cell.setContextClassLoader(loader);
        cellThread = cell;
        try {
            cell.start();
            cell.join();
        } finally {
            cellThread = null;
        }
        Throwable f = failure[0];
        if (f instanceof InvocationTargetException && f.getCause() instanceof ThreadDeath || f instanceof ThreadDeath) {
            throw new StoppedException();
        }
        if (f instanceof Exception e) {
            throw e;
        }
        if (f instanceof Error e) {
            throw e;
        }
        return valueString(result[0]);
    }

    /**
     * Stops the running cell: on JDK 17 to 19 with {@code Thread.stop}, which also ends a cell blocked inside a
     * library; on JDK 20 and later JShell's own stop, with the stop checks woven into the cell's loops.
     */
    @Override
    @SuppressWarnings({"deprecation", "removal"})
    public void stop() throws EngineTerminationException, InternalException {
        if (!OWN_CELL_THREAD) {
            super.stop();
            return;
        }
        Thread t = cellThread;
        if (t == null) {
            return;
        }
        try {
            t.stop();
        } catch (UnsupportedOperationException e) {
            // a JDK that refuses Thread.stop: StopCheck ends the cell at its next loop turn or call
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
