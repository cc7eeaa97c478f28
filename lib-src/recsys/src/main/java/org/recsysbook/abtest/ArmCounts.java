package org.recsysbook.abtest;

import org.recsysbook.core.Args;

/** The checks of an arm's counts that the tests share: enough users for an estimate, and binomial counts. */
final class ArmCounts {
    private ArmCounts() { }

    /** An arm must hold at least {@code min} users (or observations) for its statistic to exist. */
    static long size(String name, long n, long min) {
        if (n < min) {
            throw Args.fail(name, n, "≥ " + min + " (an arm with " + (min == 1 ? "no users" : "fewer than " + min
                    + " observations") + " has no estimate)");
        }
        return n;
    }

    /** Two arms' binomial counts: trials ≥ 1 and 0 ≤ successes ≤ trials in each, control first. */
    static void proportions(long controlSuccesses, long controlTrials, long treatmentSuccesses, long treatmentTrials) {
        size("controlTrials", controlTrials, 1);
        size("treatmentTrials", treatmentTrials, 1);
        successes("controlSuccesses", controlSuccesses, "controlTrials", controlTrials);
        successes("treatmentSuccesses", treatmentSuccesses, "treatmentTrials", treatmentTrials);
    }

    private static void successes(String name, long successes, String trialsName, long trials) {
        if (successes < 0 || successes > trials) {
            throw Args.fail(name, successes, "in [0, " + trialsName + "] = [0, " + trials + "]");
        }
    }
}
