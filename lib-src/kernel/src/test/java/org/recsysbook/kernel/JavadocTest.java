package org.recsysbook.kernel;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JavadocTest {
    @Test
    void inlineTagsAndHtmlBecomePlainText() {
        String raw = "Returns the greater of two {@code int} values, closer to\n {@link Integer#MAX_VALUE}."
                + "\n See <a href=\"#x\">Unmodifiable Lists</a> and {@link java.util.List the list}.\n\n @param a an argument &lt;1&gt;";
        assertEquals("Returns the greater of two int values, closer to\nInteger.MAX_VALUE.\n"
                + "See Unmodifiable Lists and the list.\n\n@param a an argument <1>", Javadoc.plain(raw));
    }
}
