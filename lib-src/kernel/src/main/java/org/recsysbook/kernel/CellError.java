package org.recsysbook.kernel;

import java.util.List;

/**
 * What went wrong in a cell, in the three parts of a Jupyter error: the error's name, a one-line value
 * and the lines shown to the reader (compile errors with the offending span marked, or a stack trace
 * cut down to the notebook's own code).
 */
public final class CellError extends Exception {
    private static final long serialVersionUID = 1L;
    private final String name;
    private final List<String> traceback;

    public CellError(String name, String value, List<String> traceback) {
        super(value);
        this.name = name;
        this.traceback = List.copyOf(traceback);
    }

    public String name() {
        return name;
    }

    public String value() {
        return getMessage();
    }

    public List<String> traceback() {
        return traceback;
    }
}
