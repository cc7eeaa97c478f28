package org.recsysbook.kernel;

import jdk.jshell.SourceCodeAnalysis;

import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Pauses and resumes JShell's background indexer through its {@code suspendIndexing} and
 * {@code resumeIndexing} (public methods of JShell's own, non-public implementation class, reached by
 * reflection: the kernelspec opens {@code jdk.jshell} to the kernel). Where the package is not open (a
 * unit test, another launcher) nothing is paused and the indexer runs at once, as JShell would have it.
 */
final class IndexerPause {
    private static final Logger LOG = Logger.getLogger(IndexerPause.class.getName());

    private IndexerPause() { }

    /** Pauses the indexer; returns whether it was paused (true: {@link #resume} must follow). */
    static AtomicBoolean suspend(SourceCodeAnalysis analysis) {
        return new AtomicBoolean(call(analysis, "suspendIndexing"));
    }

    static void resume(SourceCodeAnalysis analysis) {
        call(analysis, "resumeIndexing");
    }

    private static boolean call(SourceCodeAnalysis analysis, String name) {
        try {
            Method m = analysis.getClass().getMethod(name);
            m.setAccessible(true);
            m.invoke(analysis);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.FINE, "JShell's indexer cannot be paused here; it runs at once", e);
            return false;
        }
    }
}
