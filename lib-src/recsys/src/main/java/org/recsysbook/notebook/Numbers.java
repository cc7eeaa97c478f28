package org.recsysbook.notebook;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Formats numbers for readers: whole numbers exactly, others with six significant digits and no trailing
 * zeros, with an exponent only below 1e-4 or from 1e15 on.
 */
public final class Numbers {
    private static final MathContext SIX = new MathContext(6);

    private Numbers() { }

    public static String format(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a < 1e15 && v == Math.rint(v)) {
            return Long.toString((long) v);
        }
        BigDecimal b = new BigDecimal(v).round(SIX).stripTrailingZeros();
        if (a >= 1e-4 && a < 1e15) {
            return b.toPlainString();
        }
        String digits = b.unscaledValue().abs().toString();
        int exponent = b.precision() - b.scale() - 1;
        StringBuilder sb = new StringBuilder(12);
        if (v < 0) {
            sb.append('-');
        }
        sb.append(digits.charAt(0));
        if (digits.length() > 1) {
            sb.append('.').append(digits, 1, digits.length());
        }
        return sb.append('e').append(exponent).toString();
    }
}
