package org.recsysbook.notebook;

import io.github.spencerpark.jupyter.kernel.display.Renderer;

import org.recsysbook.display.Display;
import org.recsysbook.display.RecordingSink;

/** Installs a fresh recording sink whose renderer knows the class path's providers. */
public final class TestSinks {
    private TestSinks() { }

    public static RecordingSink fresh() {
        Renderer renderer = new Renderer();
        Display.registerProviders(renderer, TestSinks.class.getClassLoader());
        RecordingSink sink = new RecordingSink(renderer);
        Display.setSink(sink);
        return sink;
    }
}
