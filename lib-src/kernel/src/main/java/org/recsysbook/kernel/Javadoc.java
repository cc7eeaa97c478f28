package org.recsysbook.kernel;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns a javadoc comment, as JShell hands it over, into plain text for the inspection pane. */
final class Javadoc {
    private static final Pattern INLINE = Pattern.compile("\\{@(?:code|literal|link|linkplain|value)\\s+([^}]*)}");
    private static final Pattern TAG = Pattern.compile("<[^>]+>");

    private Javadoc() { }

    static String plain(String javadoc) {
        Matcher m = INLINE.matcher(javadoc);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            // {@link Integer#MAX_VALUE label} shows the label if there is one, else the reference
            String body = m.group(1).strip();
            String shown = body.contains(" ") && m.group(0).startsWith("{@link")
                    ? body.substring(body.indexOf(' ') + 1) : body.replace('#', '.');
            m.appendReplacement(sb, Matcher.quoteReplacement(shown));
        }
        m.appendTail(sb);
        String text = TAG.matcher(sb.toString()).replaceAll("")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        return text.lines().map(String::strip).reduce((a, b) -> a + "\n" + b).orElse("").strip();
    }
}
