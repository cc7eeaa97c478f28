package org.recsysbook.metrics;

import java.util.Arrays;
import java.util.List;

import org.recsysbook.core.Args;

/**
 * The checks of the metrics' inputs, in {@link Args}'s message style: a ranked list holds each item at most once, a
 * relevance grade is a finite number ≥ 0, an item id lies in the catalog.
 */
final class RankedLists {
    private RankedLists() { }

    /**
     * Checks that {@code ranked} is a ranked list: not null, each item at most once. Short lists are compared
     * pairwise; long ones through a sorted copy, so the check stays O(n log n).
     */
    static int[] rankedList(int[] ranked, String name) {
        Args.notNull(name, ranked);
        int n = ranked.length;
        if (n <= 48) {
            for (int i = 1; i < n; i++) {
                int item = ranked[i];
                for (int j = 0; j < i; j++) {
                    if (ranked[j] == item) {
                        throw duplicate(name, item, j, i);
                    }
                }
            }
        } else {
            int[] sorted = ranked.clone();
            Arrays.sort(sorted);
            for (int i = 1; i < n; i++) {
                if (sorted[i] == sorted[i - 1]) {
                    int item = sorted[i];
                    int first = -1;
                    for (int j = 0; j < n; j++) {
                        if (ranked[j] == item) {
                            if (first < 0) {
                                first = j;
                            } else {
                                throw duplicate(name, item, first, j);
                            }
                        }
                    }
                }
            }
        }
        return ranked;
    }

    /** As {@link #rankedList(int[], String)} for {@code name[index]}, building the name only on failure. */
    static int[] rankedList(int[] ranked, String name, int index) {
        if (ranked == null || !distinct(ranked)) {
            rankedList(ranked, name + "[" + index + "]");
        }
        return ranked;
    }

    private static boolean distinct(int[] ranked) {
        int n = ranked.length;
        if (n <= 48) {
            for (int i = 1; i < n; i++) {
                for (int j = 0; j < i; j++) {
                    if (ranked[j] == ranked[i]) {
                        return false;
                    }
                }
            }
            return true;
        }
        int[] sorted = ranked.clone();
        Arrays.sort(sorted);
        for (int i = 1; i < n; i++) {
            if (sorted[i] == sorted[i - 1]) {
                return false;
            }
        }
        return true;
    }

    /** Checks every item of {@code list} lies in {@code [0, catalogSize)}; the message names {@code name[index]}. */
    static void items(int[] list, int catalogSize, String name, int index) {
        for (int item : list) {
            if (item < 0 || item >= catalogSize) {
                item(item, catalogSize, name + "[" + index + "]");
            }
        }
    }

    private static IllegalArgumentException duplicate(String name, int item, int first, int second) {
        return Args.fail(name, "item " + item + " twice (ranks " + (first + 1) + " and " + (second + 1) + ")",
                "a ranked list, each item at most once");
    }

    /** A boxed ranked list as an int[]; a null element is rejected with its rank. */
    static int[] rankedList(List<Integer> ranked, String name) {
        Args.notNull(name, ranked);
        int[] out = new int[ranked.size()];
        int i = 0;
        for (Integer item : ranked) {
            if (item == null) {
                throw Args.fail(name, "null at rank " + (i + 1), "a ranked list of item ids");
            }
            out[i++] = item;
        }
        return rankedList(out, name);
    }

    /** A relevance grade: finite and {@code >= 0}. */
    static double grade(double g, String name, int index) {
        if (!(g >= 0) || Double.isInfinite(g)) {
            throw Args.fail(name + "[" + index + "]", g, "a relevance grade: a finite number ≥ 0");
        }
        return g;
    }

    static double[] grades(double[] grades, String name) {
        Args.notNull(name, grades);
        for (int i = 0; i < grades.length; i++) {
            grade(grades[i], name, i);
        }
        return grades;
    }

    static double[] grades(int[] grades, String name) {
        Args.notNull(name, grades);
        double[] out = new double[grades.length];
        for (int i = 0; i < grades.length; i++) {
            out[i] = grade(grades[i], name, i);
        }
        return out;
    }

    static void item(int item, int catalogSize, String name) {
        if (item < 0 || item >= catalogSize) {
            throw Args.fail(name, "item " + item, "item ids in [0, " + catalogSize + ") (a catalog of " + catalogSize
                    + " items)");
        }
    }
}
