package org.recsysbook.core;

import java.util.Locale;

/**
 * The argument checks of the whole library, with one message style: {@code "<name> must be <allowed>, got
 * <value>"}, e.g. {@code "k must be ≥ 1, got 0"} or {@code "alpha must be in (0, 1), got 1.5"}. Each check returns
 * its argument, so a constructor can check and assign in one line.
 */
public final class Args {
    private Args() { }

    /** The exception every check throws: {@code "<name> must be <allowed>, got <value>"}. */
    public static IllegalArgumentException fail(String name, Object value, String allowed) {
        String shown = value instanceof Double d ? format(d) : String.valueOf(value);
        return new IllegalArgumentException(name + " must be " + allowed + ", got " + shown);
    }

    private static String format(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf(d) : String.format(Locale.ROOT, "%s", d);
    }

    /** {@code v} itself unless it is null. */
    public static <T> T notNull(String name, T v) {
        if (v == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return v;
    }

    /** {@code v} itself unless it is null; the message names {@code name[index]}, built only on failure. */
    public static <T> T notNull(String name, int index, T v) {
        if (v == null) {
            throw new IllegalArgumentException(name + "[" + index + "] must not be null");
        }
        return v;
    }

    /** {@code v ≥ min}. */
    public static int atLeast(String name, int v, int min) {
        if (v < min) {
            throw fail(name, v, "≥ " + min);
        }
        return v;
    }

    /** {@code v ≥ min}. */
    public static long atLeast(String name, long v, long min) {
        if (v < min) {
            throw fail(name, v, "≥ " + min);
        }
        return v;
    }

    /** {@code min ≤ v ≤ max}. */
    public static int inRange(String name, int v, int min, int max) {
        if (v < min || v > max) {
            throw fail(name, v, "in [" + min + ", " + max + "]");
        }
        return v;
    }

    /** An index into something of {@code size} elements: {@code 0 ≤ v < size}; {@code what} names them. */
    public static int index(String name, int v, int size, String what) {
        if (v < 0 || v >= size) {
            throw fail(name, v, "in [0, " + size + ") (" + size + " " + what + ")");
        }
        return v;
    }

    /** {@code 0 ≤ v ≤ 1}. */
    public static double unit(String name, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw fail(name, v, "in [0, 1]");
        }
        return v;
    }

    /** {@code 0 < v < 1}: α, power, a confidence level, a quantile's tail and the like. */
    public static double openUnit(String name, double v) {
        if (!(v > 0 && v < 1)) {
            throw fail(name, v, "in (0, 1)");
        }
        return v;
    }

    /** A finite number. */
    public static double finite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw fail(name, v, "a finite number");
        }
        return v;
    }

    /** A finite number {@code ≥ 0}. */
    public static double nonNegative(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw fail(name, v, "a finite number ≥ 0");
        }
        return v;
    }

    /** {@code v ≥ 0}. */
    public static long nonNegative(String name, long v) {
        return atLeast(name, v, 0);
    }

    /** A finite number {@code > 0}. */
    public static double positive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw fail(name, v, "a finite number > 0");
        }
        return v;
    }

    /** {@code v ≥ 1}. */
    public static int positive(String name, int v) {
        return atLeast(name, v, 1);
    }

    /** Two arrays (or lists) that must have the same length; the message names the second. */
    public static void sameLength(String nameA, int lengthA, String nameB, int lengthB) {
        length(nameB, lengthB, lengthA, "the length of " + nameA);
    }

    /** An array (or list) of {@code expected} elements; {@code why} says where the number comes from. */
    public static void length(String name, int length, int expected, String why) {
        if (length != expected) {
            throw fail(name + ".length", length, expected + " (" + why + ")");
        }
    }

    /** Every entry a finite number; the message names the first entry that is not. */
    public static double[] allFinite(String name, double[] a) {
        notNull(name, a);
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i])) {
                throw fail(name + "[" + i + "]", a[i], "a finite number");
            }
        }
        return a;
    }

    /** Every entry a finite number {@code ≥ 0}; the message names the first entry that is not. */
    public static double[] allNonNegative(String name, double[] a) {
        notNull(name, a);
        for (int i = 0; i < a.length; i++) {
            if (!(a[i] >= 0) || Double.isInfinite(a[i])) {
                throw fail(name + "[" + i + "]", a[i], "a finite number ≥ 0");
            }
        }
        return a;
    }

    /**
     * Entries {@code [off, off + n)} of {@code v} are a usable direction: finite numbers, not all zero. The
     * message names {@code name[j]} with {@code j} counted from {@code off}.
     */
    public static void direction(String name, float[] v, int off, int n) {
        boolean nonZero = false;
        for (int j = 0; j < n; j++) {
            float x = v[off + j];
            if (!Float.isFinite(x)) {
                throw fail(name + "[" + j + "]", x, "a finite number");
            }
            nonZero |= x != 0f;
        }
        if (!nonZero) {
            throw new IllegalArgumentException(name + " must not be all zeros (it has no direction)");
        }
    }

    /** As {@link #direction(String, float[], int, int)} for a whole vector of at least one entry. */
    public static float[] direction(String name, float[] v) {
        notNull(name, v);
        if (v.length == 0) {
            throw fail(name + ".length", 0, "≥ 1 (a vector of dimension ≥ 1)");
        }
        direction(name, v, 0, v.length);
        return v;
    }

    /** A string with at least one character. */
    public static String nonEmpty(String name, String s) {
        if (s == null || s.isEmpty()) {
            throw fail(name, s == null ? "null" : "\"\"", "a non-empty string");
        }
        return s;
    }
}
