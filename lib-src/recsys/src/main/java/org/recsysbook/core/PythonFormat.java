package org.recsysbook.core;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Python's and NumPy's ways of printing numbers, so that a Java port of the chapter's demos prints its lines
 * character for character: {@code f"{x:.4f}"}, and NumPy's {@code repr} of small integer and float arrays.
 */
public final class PythonFormat {
    private PythonFormat() { }

    /** Python's {@code f"{x:.Nf}"}: the exact binary value rounded to {@code decimals}, half to even. */
    public static String fixed(double x, int decimals) {
        Args.atLeast("decimals", decimals, 0);
        if (!Double.isFinite(x)) {
            return Double.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
        }
        String s = new BigDecimal(x).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        return x < 0 || (x == 0 && 1 / x < 0) ? (s.startsWith("-") ? s : "-" + s) : s;
    }

    /** NumPy's repr of an integer array: {@code [ 3 15  7]}, every element right-aligned to the widest. */
    public static String numpyInts(int[] values) {
        int width = 0;
        for (int v : values) {
            width = Math.max(width, Integer.toString(v).length());
        }
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            String s = Integer.toString(values[i]);
            sb.append(" ".repeat(width - s.length())).append(s);
        }
        return sb.append(']').toString();
    }

    /**
     * NumPy's default repr of a float array of moderate values: each element's shortest decimal, the fractions
     * padded with spaces on the right to the longest, e.g. {@code [0.5  0.45 0.4 ]}.
     */
    public static String numpyFloats(double[] values) {
        String[] ints = new String[values.length];
        String[] fracs = new String[values.length];
        int intWidth = 0;
        int fracWidth = 0;
        for (int i = 0; i < values.length; i++) {
            String s = new BigDecimal(Double.toString(values[i])).stripTrailingZeros().toPlainString();
            int dot = s.indexOf('.');
            ints[i] = dot < 0 ? s : s.substring(0, dot);
            fracs[i] = dot < 0 ? "" : s.substring(dot + 1);
            intWidth = Math.max(intWidth, ints[i].length());
            fracWidth = Math.max(fracWidth, fracs[i].length());
        }
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(" ".repeat(intWidth - ints[i].length())).append(ints[i]).append('.')
                    .append(fracs[i]).append(" ".repeat(fracWidth - fracs[i].length()));
        }
        return sb.append(']').toString();
    }
}
