package org.recsysbook.display;

import io.github.spencerpark.jupyter.kernel.display.Renderer;

/**
 * A library's hook for teaching the notebook how to show its objects.
 *
 * <p>Implementations are found with {@link java.util.ServiceLoader}: a library lists its provider in
 * {@code META-INF/services/org.recsysbook.display.RendererProvider}. The kernel calls every provider it
 * finds on the notebook's class path at start-up and after each {@code %jars} or {@code %maven}; outside
 * a kernel, {@link Display} does the same on first use. A provider registers its render functions with
 * the IJava-style {@link Renderer} API, for example
 * {@code renderer.createRegistration(Table.class).preferring(MIMEType.TEXT_HTML).register(...)}.
 */
public interface RendererProvider {
    /** Adds this library's render functions to {@code renderer}. */
    void registerRenderers(Renderer renderer);
}
