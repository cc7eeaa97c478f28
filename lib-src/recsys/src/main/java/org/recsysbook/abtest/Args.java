package org.recsysbook.abtest;

import java.util.Locale;

/** Argument checks shared by the A/B-testing classes; each failure names the parameter, its value and what is allowed. */
final class Args {
    private Args() { }

    static IllegalArgumentException fail(String name, Object value, String allowed) {
        return new IllegalArgumentException(String.format(Locale.ROOT, "%s = %s; allowed: %s", name, value, allowed));
    }

    /** α, power, a quantile and the like: strictly between 0 and 1. */
    static double openUnit(String name, double v) {
        if (!(v > 0 && v < 1)) {
            throw fail(name, v, "0 < " + name + " < 1");
        }
        return v;
    }

    static double finite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw fail(name, v, "a finite number");
        }
        return v;
    }

    static double nonNegative(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw fail(name, v, name + " ≥ 0 and finite");
        }
        return v;
    }

    static long nonNegative(String name, long v) {
        if (v < 0) {
            throw fail(name, v, name + " ≥ 0");
        }
        return v;
    }

    static double positive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw fail(name, v, name + " > 0 and finite");
        }
        return v;
    }

    static int positive(String name, int v) {
        if (v <= 0) {
            throw fail(name, v, name + " ≥ 1");
        }
        return v;
    }

    /** An arm must hold at least {@code min} users (or observations) for its statistic to exist. */
    static long armSize(String name, long n, long min) {
        if (n < min) {
            throw fail(name, n, name + " ≥ " + min + " (an arm with " + (min == 1 ? "no users" : "fewer than " + min
                    + " observations") + " has no estimate)");
        }
        return n;
    }

    /** Two arms' binomial counts: trials ≥ 1 and 0 ≤ successes ≤ trials in each, control first. */
    static void proportions(long controlSuccesses, long controlTrials, long treatmentSuccesses, long treatmentTrials) {
        armSize("controlTrials", controlTrials, 1);
        armSize("treatmentTrials", treatmentTrials, 1);
        successes("controlSuccesses", controlSuccesses, "controlTrials", controlTrials);
        successes("treatmentSuccesses", treatmentSuccesses, "treatmentTrials", treatmentTrials);
    }

    private static void successes(String name, long successes, String trialsName, long trials) {
        if (successes < 0 || successes > trials) {
            throw fail(name, successes, "0 ≤ " + name + " ≤ " + trialsName + " = " + trials);
        }
    }

    static void sameLength(String nameA, int lengthA, String nameB, int lengthB) {
        if (lengthA != lengthB) {
            throw fail(nameB + ".length", lengthB, "the same length as " + nameA + " (" + lengthA + ")");
        }
    }

    static double[] notNull(String name, double[] a) {
        if (a == null) {
            throw fail(name, "null", "an array");
        }
        return a;
    }

    static void allNonNegative(String name, double[] a) {
        for (int i = 0; i < a.length; i++) {
            if (!(a[i] >= 0) || Double.isInfinite(a[i])) {
                throw fail(name + "[" + i + "]", a[i], "values ≥ 0 and finite");
            }
        }
    }

    static void allFinite(String name, double[] a) {
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i])) {
                throw fail(name + "[" + i + "]", a[i], "finite values");
            }
        }
    }
}
