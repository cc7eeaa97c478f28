package org.recsysbook.display;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A {@link DisplaySink} for use outside a notebook (unit tests, plain {@code java}): it keeps every
 * output in memory, in order, so that a test can look at what a notebook cell would have shown.
 */
public final class RecordingSink implements DisplaySink {
    /** One output: whether it was an update, and its bundle. */
    public record Output(boolean update, DisplayData data) { }

    private final Renderer renderer;
    private final List<Output> outputs = Collections.synchronizedList(new ArrayList<>());

    public RecordingSink(Renderer renderer) {
        this.renderer = renderer;
    }

    @Override
    public Renderer renderer() {
        return renderer;
    }

    @Override
    public void display(DisplayData data) {
        outputs.add(new Output(false, data));
    }

    @Override
    public void update(DisplayData data) {
        outputs.add(new Output(true, data));
    }

    /** A copy of everything shown so far. */
    public List<Output> outputs() {
        synchronized (outputs) {
            return List.copyOf(outputs);
        }
    }

    /** Forgets everything shown so far. */
    public void clear() {
        outputs.clear();
    }
}
