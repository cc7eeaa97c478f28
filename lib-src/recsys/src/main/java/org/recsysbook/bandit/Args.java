package org.recsysbook.bandit;

import java.util.Locale;

/** Argument checks shared by the bandit classes; each failure names the parameter, its value and the allowed range. */
final class Args {
    private Args() { }

    static IllegalArgumentException fail(String name, Object value, String allowed) {
        return new IllegalArgumentException(String.format(Locale.ROOT, "%s = %s; allowed: %s", name, value, allowed));
    }

    static int atLeast(String name, int v, int min) {
        if (v < min) {
            throw fail(name, v, name + " ≥ " + min);
        }
        return v;
    }

    static double unit(String name, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw fail(name, v, "0 ≤ " + name + " ≤ 1");
        }
        return v;
    }

    static double nonNegative(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw fail(name, v, name + " ≥ 0 and finite");
        }
        return v;
    }

    static double positive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw fail(name, v, name + " > 0 and finite");
        }
        return v;
    }

    static double finite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw fail(name, v, "a finite number");
        }
        return v;
    }

    static <T> T notNull(String name, T v) {
        if (v == null) {
            throw fail(name, "null", "not null");
        }
        return v;
    }

    static int arm(String name, int arm, int arms) {
        if (arm < 0 || arm >= arms) {
            throw fail(name, arm, "an arm id in [0, " + (arms - 1) + "]");
        }
        return arm;
    }

    static int nSelect(int nSelect, int candidates) {
        if (nSelect < 1 || nSelect > candidates) {
            throw fail("nSelect", nSelect, "1 ≤ nSelect ≤ " + candidates + " (the number of candidates)");
        }
        return nSelect;
    }
}
