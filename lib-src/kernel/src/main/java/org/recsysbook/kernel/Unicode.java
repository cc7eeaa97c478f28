package org.recsysbook.kernel;

/** Jupyter counts cursor positions in code points; Java strings index UTF-16 chars. */
final class Unicode {
    private Unicode() { }

    static int toCharIndex(String s, int codePoints) {
        int cps = s.codePointCount(0, s.length());
        if (codePoints >= cps) {
            return s.length();
        }
        return s.offsetByCodePoints(0, Math.max(0, codePoints));
    }

    static int toCodePointIndex(String s, int charIndex) {
        return s.codePointCount(0, Math.max(0, Math.min(charIndex, s.length())));
    }
}
