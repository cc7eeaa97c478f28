package org.recsysbook.display;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;

import java.util.ServiceLoader;
import java.util.UUID;

/**
 * The display calls of a notebook cell, with IJava's names and meanings: {@code display(obj)} shows an
 * object and returns its display id, {@code updateDisplay(id, obj)} replaces that output in place, and
 * {@code render(obj)} returns the MIME bundle without showing it.
 *
 * <p>The kernel imports these statically into every notebook. A library calls them too (progress bars,
 * recorded results): inside a kernel the output reaches the notebook, outside one it is kept by a
 * {@link RecordingSink}, so library code runs the same in unit tests.
 */
public final class Display {
    private static volatile DisplaySink sink;

    private Display() { }

    /** Installs the sink that receives every output; the kernel calls this once at start-up. */
    public static void setSink(DisplaySink newSink) {
        if (newSink == null) {
            throw new IllegalArgumentException("sink must not be null");
        }
        sink = newSink;
    }

    /** The current sink, creating a {@link RecordingSink} with the class path's renderers if none is set. */
    public static DisplaySink sink() {
        DisplaySink s = sink;
        if (s == null) {
            synchronized (Display.class) {
                if (sink == null) {
                    Renderer renderer = new Renderer();
                    registerProviders(renderer, Thread.currentThread().getContextClassLoader());
                    sink = new RecordingSink(renderer);
                }
                s = sink;
            }
        }
        return s;
    }

    /**
     * Calls every {@link RendererProvider} that {@code loader} can see. A provider that fails is
     * skipped with a note on stderr, so one broken library cannot stop the others from rendering.
     *
     * @return the number of providers that registered
     */
    public static int registerProviders(Renderer renderer, ClassLoader loader) {
        return registerProviders(renderer, loader, new java.util.HashSet<>());
    }

    /**
     * As {@link #registerProviders(Renderer, ClassLoader)}, skipping providers whose class name is in
     * {@code done} and adding the names of those it calls, so that calling it again after the class path
     * grew registers only the new ones.
     */
    public static int registerProviders(Renderer renderer, ClassLoader loader, java.util.Set<String> done) {
        int n = 0;
        java.util.Iterator<RendererProvider> providers = ServiceLoader.load(RendererProvider.class, loader).iterator();
        while (true) {
            RendererProvider provider;
            try {
                if (!providers.hasNext()) {
                    break;
                }
                provider = providers.next();
            } catch (java.util.ServiceConfigurationError e) {
                // a services file names a class that is missing or broken: skip it, keep the others
                System.err.println("skipped a renderer provider: " + e.getMessage());
                continue;
            }
            if (!done.add(provider.getClass().getName())) {
                continue;
            }
            try {
                provider.registerRenderers(renderer);
                n++;
            } catch (RuntimeException | LinkageError e) {
                System.err.println("renderer provider " + provider.getClass().getName() + " failed: " + e);
            }
        }
        return n;
    }

    /** Renders {@code o} with every MIME type its renderer prefers. */
    public static DisplayData render(Object o) {
        return sink().renderer().render(o);
    }

    /** Renders {@code o} as the given MIME types (for example {@code "text/html"}). */
    public static DisplayData renderAs(Object o, String... mimeTypes) {
        if (o instanceof CharSequence text && mimeTypes.length > 0) {
            // text the caller has already written in those formats, e.g. display("<b>hi</b>", "text/html")
            DisplayData data = new DisplayData(text.toString());
            for (String mime : mimeTypes) {
                data.putData(mime, text.toString());
            }
            return data;
        }
        return sink().renderer().renderAs(o, mimeTypes);
    }

    /** Shows {@code o} below the cell and returns the id that {@link #updateDisplay} takes. */
    public static String display(Object o) {
        return show(render(o));
    }

    /** Shows {@code o} rendered as the given MIME types and returns its display id. */
    public static String display(Object o, String... mimeTypes) {
        return show(renderAs(o, mimeTypes));
    }

    /** Shows an already rendered bundle and returns its display id (one is made if it has none). */
    public static String show(DisplayData data) {
        if (!data.hasDisplayId()) {
            data.setDisplayId(UUID.randomUUID().toString());
        }
        sink().display(data);
        return data.getDisplayId();
    }

    /** Replaces the output shown under {@code id} with {@code o}. */
    public static void updateDisplay(String id, Object o) {
        updateShown(id, render(o));
    }

    /** Replaces the output shown under {@code id} with {@code o} rendered as the given MIME types. */
    public static void updateDisplay(String id, Object o, String... mimeTypes) {
        updateShown(id, renderAs(o, mimeTypes));
    }

    /** Replaces the output shown under {@code id} with an already rendered bundle. */
    public static void updateShown(String id, DisplayData data) {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("id must be a display id returned by display(), got " + id);
        }
        data.setDisplayId(id);
        sink().update(data);
    }

    /** Clears the output of the running cell (IPython's {@code clear_output}). */
    public static void clearOutput() {
        sink().clear(false);
    }

    /** Clears the output of the running cell when the next output arrives, which avoids flicker. */
    public static void clearOutput(boolean wait) {
        sink().clear(wait);
    }
}
