package org.recsysbook.scale;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.recsysbook.exercises.ExerciseCheck;
import org.recsysbook.metrics.RelevantItems;

/**
 * The self-checks of notebook 13's exercises, beside the library's {@link org.recsysbook.exercises.Check} (which knows
 * nothing of Spark): each shows ✔ or ✘ with a hint and records {@code check_<name>}.
 */
public final class Check {
    private Check() {
    }

    /** A user's average precision under Spark's convention: the ranked list, the set of relevant items. */
    @FunctionalInterface
    public interface ApFunction {
        double apply(int[] ranked, Set<Integer> relevant);
    }

    /**
     * Checks Spark's {@code meanAveragePrecision} for one user: the precisions at the ranks that hold a relevant item,
     * summed over the whole list and divided by the number of relevant items (found or not). Cases against the
     * chapter's AP rescaled by hits / |R| (the identity the module's tests verify against Spark itself).
     */
    public static boolean sparkAveragePrecision(ApFunction ap) {
        ExerciseCheck check = ExerciseCheck.named("spark_average_precision").unless(ap == null, "pass your function");
        int[][] lists = {{5, 6, 7}, {1, 2, 3, 4}, {9, 8}, {4, 3, 2, 1, 0}, {3}};
        int[][] relevant = {{5, 7, 8, 9}, {1, 2, 3, 4}, {1}, {0}, {}};
        String[] hints = {"divide by every relevant item, the ones the list missed too",
                "a list that finds every relevant item at the top scores 1",
                "no relevant item in the list: 0", "one relevant item at rank 5: precision@5 over |R| = 1",
                "no relevant items at all: 0, not NaN"};
        for (int c = 0; c < lists.length; c++) {
            int[] list = lists[c];
            int[] rel = relevant[c];
            Set<Integer> set = Arrays.stream(rel).boxed().collect(Collectors.toSet());
            double expected = SparkRankingMetrics.rescaledMap(new int[][] {list},
                    new RelevantItems[] {RelevantItems.of(rel)});
            check.near(Arrays.toString(list) + " against " + set, () -> ap.apply(list.clone(), Set.copyOf(set)),
                    expected, 1e-12, hints[c]);
        }
        return check.run();
    }

    /**
     * Checks the answer on a class defined in a notebook cell and used inside a Spark job on a cluster. Options: (a) it
     * runs, since Spark serialises the object; (b) the executors fail to load the class, which exists only in the
     * notebook's JVM; (c) Spark ships the notebook's source and compiles it on each executor.
     */
    public static boolean cellClassesOnACluster(char answer) {
        return ExerciseCheck.named("cell_classes_on_a_cluster")
                .choice("cellClassAnswer", answer, "abc", 'b',
                        "a serialised object carries its fields, not its class's bytecode",
                        java.util.Map.of(
                                'a', "Java serialisation writes the object's fields and its class's name; the executor "
                                        + "must find that class on its own class path to rebuild the object, and a "
                                        + "cell's class is only in this kernel's JVM",
                                'c', "Spark never ships or compiles source: tasks carry serialised closures, and the "
                                        + "classes they name must already be on the executors' class path (a shipped "
                                        + "jar, or a REPL class server, which this kernel does not run)"))
                .run();
    }

    /**
     * Checks the answer on the penalty Spark's ALS puts on a user with 200 interactions at {@code regParam} 0.25.
     * Options: (a) 0.25, the same for every user; (b) 0.25 / 200; (c) 0.25 × 200 = 50.
     */
    public static boolean weightedPenalty(char answer) {
        return ExerciseCheck.named("weighted_penalty")
                .choice("penaltyAnswer", answer, "abc", 'c',
                        "Spark scales regParam by the number of interactions of the row it solves",
                        java.util.Map.of(
                                'a', "that is the library's default, HKV's fixed λ; Spark multiplies regParam by the "
                                        + "row's number of interactions (numExplicits × regParam in its solve)",
                                'b', "the penalty grows with the interactions, it is not divided by them: a heavy "
                                        + "user's vector is shrunk more, not less"))
                .run();
    }

    /**
     * Records the written answer of the notebook's open design task for review, as every notebook's last exercise
     * does ({@link org.recsysbook.exercises.Check#design}): it passes once the answer holds a few sentences; an
     * instructor grades it with the rubric of the instructor edition.
     */
    public static boolean design(String task, String answer) {
        return org.recsysbook.exercises.Check.design(task, answer);
    }
}
