package org.recsysbook.display;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;

/**
 * Where {@link Display} sends what a cell shows. The kernel installs one that publishes Jupyter
 * {@code display_data} and {@code update_display_data} messages; without a kernel a
 * {@link RecordingSink} keeps them in memory.
 */
public interface DisplaySink {
    /** The renderer that turns objects into MIME bundles. */
    Renderer renderer();

    /** Shows a new output. */
    void display(DisplayData data);

    /** Replaces the output that carries {@code data}'s display id. */
    void update(DisplayData data);

    /** Clears the cell's output; with {@code wait}, only when the next output arrives. */
    default void clear(boolean wait) { }
}
