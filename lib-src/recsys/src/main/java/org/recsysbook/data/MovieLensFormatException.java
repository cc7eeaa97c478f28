package org.recsysbook.data;

/**
 * A MovieLens file that cannot be read as GroupLens writes it: names the file, the line (1-based, the header is
 * line 1; 0 when the problem is the file as a whole) and what was expected there.
 */
public final class MovieLensFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final long line;

    MovieLensFormatException(String file, long line, String problem) {
        super(file + (line > 0 ? ", line " + line : "") + ": " + problem);
        this.file = file;
        this.line = line;
    }

    /** The file's name (or path) as it was given. */
    public String file() {
        return file;
    }

    /** The 1-based line, or 0 when the problem concerns the whole file. */
    public long line() {
        return line;
    }
}
