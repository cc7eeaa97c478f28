package org.recsysbook.exercises;

import static org.recsysbook.exercises.ExerciseCheck.fmt;

/** The check behind {@link Check#design}: an open design task's written answer, recorded for review. */
final class DesignAnswers {
    /** The fewest words an answer needs to count as answered: a few sentences. */
    static final int MIN_WORDS = 60;

    private DesignAnswers() { }

    static int words(String text) {
        String t = text == null ? "" : text.strip();
        return t.isEmpty() ? 0 : t.split("\\s+").length;
    }

    static boolean check(String task, String answer) {
        int n = words(answer);
        return ExerciseCheck.named("design_" + task)
                .unless(n == 0, "write your design into the text block")
                .answer(fmt("your design (%d words)", n), () -> n, w -> w >= MIN_WORDS,
                        fmt("a design states its choices and the reasons for them: a few sentences, at least %d words",
                                MIN_WORDS))
                .note(fmt("recorded for review (%d words): an instructor grades it with the rubric in the "
                        + "instructor edition", n))
                .run();
    }
}
