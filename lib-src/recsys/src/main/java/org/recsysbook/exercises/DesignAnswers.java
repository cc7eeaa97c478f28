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
        return written(ExerciseCheck.named("design_" + task), answer).run();
    }

    /**
     * Adds the written part of a design task to {@code check}: unanswered while blank, a case that needs {@link
     * #MIN_WORDS} words, and a note that an instructor grades it.
     */
    static ExerciseCheck written(ExerciseCheck check, String answer) {
        int n = words(answer);
        return check.unless(n == 0, "write your design into the text block")
                .answer(fmt("your written design (%d words)", n), () -> n, w -> w >= MIN_WORDS,
                        fmt("a design states its choices and the reasons for them: a few sentences, at least %d words",
                                MIN_WORDS))
                .note(fmt("your text is recorded for review (%d words): an instructor grades it with the rubric in "
                        + "the instructor edition", n));
    }
}
