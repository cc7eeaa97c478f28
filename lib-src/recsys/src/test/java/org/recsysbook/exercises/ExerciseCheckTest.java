package org.recsysbook.exercises;

import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recsysbook.display.RecordingSink;
import org.recsysbook.notebook.Results;
import org.recsysbook.notebook.TestSinks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExerciseCheckTest {
    private RecordingSink sink;

    @BeforeEach
    void freshSink() {
        sink = TestSinks.fresh();
        Results.clear();
    }

    private String verdict() {
        return (String) sink.outputs().get(0).data().getData(MIMEType.TEXT_PLAIN);
    }

    @Test
    void passingCasesSayHowManyAndRecordTrue() {
        boolean ok = ExerciseCheck.named("square")
                .near("x=3", () -> 3.0 * 3.0, 9, 1e-9, "multiply")
                .same("x=[1, 2]", () -> new int[] {1, 4}, new int[] {1, 4}, "each element")
                .run();
        assertTrue(ok);
        assertEquals("✔ square: passed 2 cases", verdict());
        assertEquals(Boolean.TRUE, Results.get("check_square"));
    }

    @Test
    void aWrongValueNamesTheInputTheExpectedValueAndTheHint() {
        boolean ok = ExerciseCheck.named("square")
                .near("x=3", () -> 6.0, 9, 1e-9, "x times x, not x plus x")
                .near("x=2", () -> 4.0, 4, 1e-9, "")
                .run();
        assertFalse(ok);
        assertEquals("✘ square: failed 1 of 2 cases: for input x=3, expected a value near 9 but got 6 "
                + "(hint: x times x, not x plus x)", verdict());
        assertEquals(Boolean.FALSE, Results.get("check_square"));
    }

    @Test
    void anAnswerCaseNeverShowsTheExpectedValue() {
        ExerciseCheck.named("length").answer("quotaOneLength", () -> 4, v -> v == 5, "count the categories").run();
        assertEquals("✘ length: failed: quotaOneLength is not right (hint: count the categories)", verdict());
        assertFalse(verdict().contains("5"));
    }

    @Test
    void exceptionsAndNullsFromTheReadersCodeAreReportedNotThrown() {
        boolean ok = ExerciseCheck.named("boom")
                .near("x=1", () -> {
                    throw new ArithmeticException("/ by zero");
                }, 1, 0, "guard the division")
                .same("x=2", () -> null, new int[] {2}, "")
                .run();
        assertFalse(ok);
        assertEquals("✘ boom: failed 2 of 2 cases\n  • for input x=1, your code threw ArithmeticException: "
                + "/ by zero (hint: guard the division)\n  • for input x=2, expected [2] but got null", verdict());
        ExerciseCheck.named("nul").same("x=2", () -> null, new int[] {2}, "").run();
        assertEquals("✘ nul: failed: for input x=2, expected [2] but got null",
                sink.outputs().get(2).data().getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void everyConceptMissedShowsItsOwnHintOnceWithHowManyCasesShareIt() {
        boolean ok = ExerciseCheck.named("dcg")
                .near("rels=[1]", () -> 1.0, 1, 1e-9, "the first rank is not discounted")
                .near("rels=[0, 1]", () -> 1.0, 1 / (Math.log(3) / Math.log(2)), 1e-9, "divide by log2(rank + 1)")
                .near("rels=[0, 0, 1]", () -> 1.0, 0.5, 1e-9, "divide by log2(rank + 1)")
                .near("rels=[]", () -> Double.NaN, 0, 1e-9, "an empty list scores 0")
                .run();
        assertFalse(ok);
        assertEquals("✘ dcg: failed 3 of 4 cases"
                + "\n  • for input rels=[0, 1], expected a value near 0.63093 but got 1 (hint: divide by log2(rank + 1))"
                + " [and 1 more case like it]"
                + "\n  • for input rels=[], expected a value near 0 but got NaN (hint: an empty list scores 0)", verdict());
    }

    @Test
    void aWrongChoiceSaysWhatIsWrongWithThatOption() {
        Map<Character, String> wrong = Map.of('a', "the ranker keeps 50", 'c', "the quota ignores scores",
                'b', "never shown: b is right");
        ExerciseCheck.named("why").choice("quotaOneWhy", 'a', "abc", 'b', "count", wrong).run();
        assertEquals("✘ why: failed: quotaOneWhy is not right: the ranker keeps 50 (hint: count)", verdict());
        ExerciseCheck.named("why").choice("quotaOneWhy", 'C', "abc", 'b', "count", wrong).run();
        assertEquals("✘ why: failed: quotaOneWhy is not right: the quota ignores scores (hint: count)",
                sink.outputs().get(2).data().getData(MIMEType.TEXT_PLAIN));
        assertTrue(ExerciseCheck.named("why").choice("quotaOneWhy", 'b', "abc", 'b', "count", wrong).run());
        // a letter without an explanation fails with the hint alone
        ExerciseCheck.named("why").choice("x", 'c', "abc", 'b', "count", Map.of('a', "no")).run();
        assertEquals("✘ why: failed: x is not right (hint: count)",
                sink.outputs().get(6).data().getData(MIMEType.TEXT_PLAIN));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExerciseCheck.named("why").choice("x", 'a', "abc", 'd', "", Map.of()));
        assertTrue(e.getMessage().contains("'d'"), e.getMessage());
    }

    @Test
    void aStackOverflowInTheReadersCodeIsAFailedCase() {
        assertFalse(ExerciseCheck.named("deep").near("n=1", ExerciseCheckTest::recurse, 1, 0, "").run());
        assertTrue(verdict().contains("StackOverflowError"), verdict());
    }

    private static Double recurse() {
        return recurse();
    }

    @Test
    void choicesFailAsUnansweredUntilALetterIsSetAndNeverShowTheRightOne() {
        ExerciseCheck.named("why").choice("quotaOneWhy", '?', "abc", 'b', "count").run();
        assertEquals("✘ why: not answered yet: set quotaOneWhy to one of a, b, c (it is '?')", verdict());
        ExerciseCheck.named("why").choice("quotaOneWhy", 'a', "abc", 'b', "count").run();
        assertEquals("✘ why: failed: quotaOneWhy is not right (hint: count)",
                sink.outputs().get(2).data().getData(MIMEType.TEXT_PLAIN));
        assertTrue(ExerciseCheck.named("why").choice("quotaOneWhy", 'B', "abc", 'b', "count").run());
    }

    @Test
    void aNoteIsShownOnlyOnceTheExerciseIsAnswered() {
        ExerciseCheck.named("p").unless(true, "run it first").note("measured 0.1").run();
        assertEquals("✘ p: not answered yet: run it first", verdict());
        ExerciseCheck.named("p").answer("x", () -> 1, v -> v == 1, "").note("measured 0.1").run();
        assertEquals("✔ p: passed 1 case\n  measured 0.1", sink.outputs().get(2).data().getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void infiniteExpectationsMatchOnlyTheSameInfinity() {
        assertTrue(ExerciseCheck.named("inf").near("n=0", () -> Double.POSITIVE_INFINITY,
                Double.POSITIVE_INFINITY, 0, "").run());
        assertFalse(ExerciseCheck.named("inf").near("n=0", () -> Double.MAX_VALUE,
                Double.POSITIVE_INFINITY, 0, "").run());
    }

    @Test
    void badNamesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExerciseCheck.named("a b"));
        assertTrue(e.getMessage().contains("\"a b\""));
        assertThrows(IllegalArgumentException.class, () -> ExerciseCheck.named(null));
    }
}
