package org.recsysbook.exercises;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;

import org.recsysbook.display.Display;
import org.recsysbook.notebook.Html;
import org.recsysbook.notebook.Numbers;
import org.recsysbook.notebook.Results;

/**
 * One exercise's self-check: cases run against the reader's code or answer, then a verdict that says ✔, or ✘ with
 * the hint of each concept missed (one line per distinct hint, with its first failing case) and, for a wrong
 * multiple-choice letter, what is wrong with that option; the workbook's exercises call it through {@link Check},
 * and an instructor can write new checks with it.
 *
 * <pre>{@code
 * ExerciseCheck.named("dcg")
 *     .near("rels=[1, 0, 1], k=3", () -> mine.apply(new double[] {1, 0, 1}, 3), 1.5, 1e-9,
 *           "each grade is divided by log2(rank + 1), with ranks counted from 1")
 *     .run();
 * }</pre>
 *
 * <p>A case either shows the expected value when it fails ({@link #near}, {@link #same}: for a function the reader
 * writes, where seeing one expected output teaches without giving the code away) or keeps it to itself
 * ({@link #answer}: when the value is the answer of the exercise). {@link #run()} never throws for a wrong answer,
 * nor for an exception or a {@code null} from the reader's code: it reports them, so a failing check does not stop
 * a notebook run. It shows its verdict below the cell and records it with
 * {@code Results.record("check_<name>", passed)}, so tests and graders can read it.
 */
public final class ExerciseCheck {
    /** The reader's code, run lazily so that its exceptions become a failed case. */
    @FunctionalInterface
    public interface Attempt<T> {
        T get() throws Exception;
    }

    /**
     * One case; {@code why} (may be null) explains a wrong value the reader gave, e.g. why the option chosen in a
     * multiple-choice case is wrong.
     */
    private record Case(String input, Attempt<?> actual, Predicate<Object> accepts, String expected, String hint,
                        Function<Object, String> why) { }

    private final String name;
    private final List<Case> cases = new ArrayList<>();
    private String unanswered;
    private String note;

    private ExerciseCheck(String name) {
        this.name = name;
    }

    /**
     * A new check whose verdict is recorded as {@code check_<name>}.
     *
     * @param name letters, digits and {@code _} only, non-empty
     */
    public static ExerciseCheck named(String name) {
        if (name == null || !name.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("name must be non-empty and use only letters, digits and '_', got "
                    + (name == null ? "null" : "\"" + name + "\""));
        }
        return new ExerciseCheck(name);
    }

    /**
     * Fails at once, before any case runs, with {@code message} if {@code missing} is true: for an exercise whose
     * answer was not given yet (a {@code null} function, an unset choice).
     */
    public ExerciseCheck unless(boolean missing, String message) {
        if (missing && unanswered == null) {
            unanswered = message;
        }
        return this;
    }

    /** A line shown under the verdict whatever it is: what the run measured, for a predict-then-run exercise. */
    public ExerciseCheck note(String text) {
        this.note = text;
        return this;
    }

    /**
     * A multiple-choice case: passes when {@code chosen} is {@code right}; fails as unanswered when {@code chosen}
     * is not one of {@code options} (a student edition's stub leaves it at {@code '?'}).
     *
     * @param what    the variable that holds the choice, as the message names it
     * @param options the letters offered, e.g. {@code "abc"}
     */
    public ExerciseCheck choice(String what, char chosen, String options, char right, String hint) {
        return choice(what, chosen, options, right, hint, Map.of());
    }

    /**
     * A multiple-choice case whose failure also says why the letter chosen is wrong: {@code wrong} maps a letter to
     * what is wrong with that option (an entry for the right letter is never shown, so a check whose right letter
     * is computed from a run may explain every option).
     */
    public ExerciseCheck choice(String what, char chosen, String options, char right, String hint,
                                Map<Character, String> wrong) {
        char c = Character.toLowerCase(chosen);
        if (options.indexOf(right) < 0) {
            throw new IllegalArgumentException("right must be one of \"" + options + "\", got '" + right + "'");
        }
        unless(options.indexOf(c) < 0, "set " + what + " to one of " + String.join(", ", options.split(""))
                + " (it is " + show(chosen) + ")");
        Map<Character, String> explained = new LinkedHashMap<>(wrong);
        cases.add(new Case(what, () -> c, v -> (char) v == right, null, hint,
                v -> explained.get((Character) v)));
        return this;
    }

    /** A case that passes when the reader's number lies within {@code tolerance} of {@code expected}. */
    public ExerciseCheck near(String input, Attempt<? extends Number> actual, double expected, double tolerance,
                              String hint) {
        return add(input, actual, v -> v instanceof Number n && Math.abs(n.doubleValue() - expected) <= tolerance
                        || v instanceof Number m && Double.isInfinite(expected) && m.doubleValue() == expected,
                "a value near " + show(expected), hint);
    }

    /**
     * A case that passes when the reader's value equals {@code expected}: arrays element by element (doubles within
     * 1e-9), anything else by {@code equals}.
     */
    public ExerciseCheck same(String input, Attempt<?> actual, Object expected, String hint) {
        return add(input, actual, v -> equal(v, expected), show(expected), hint);
    }

    /**
     * A case whose expected value is not shown: it passes when {@code accepts} holds for the reader's value.
     *
     * @param what what the value is, as the failure message names it ("quotaOneLength")
     */
    public <T> ExerciseCheck answer(String what, Attempt<T> actual, Predicate<? super T> accepts, String hint) {
        @SuppressWarnings("unchecked")
        Predicate<Object> p = v -> accepts.test((T) v);
        cases.add(new Case(what, actual, p, null, hint, null));
        return this;
    }

    private ExerciseCheck add(String input, Attempt<?> actual, Predicate<Object> accepts, String expected,
                              String hint) {
        cases.add(new Case(input, actual, accepts, expected, hint, null));
        return this;
    }

    /**
     * Runs every case, shows the verdict and records it as {@code check_<name>}.
     *
     * @return whether every case passed
     */
    public boolean run() {
        String verdict = verdict();
        boolean passed = verdict == null;
        String text = (passed ? "✔ " + name + ": passed " + cases.size() + (cases.size() == 1 ? " case" : " cases")
                : "✘ " + name + ": " + verdict) + (note == null || unanswered != null ? "" : "\n  " + note);
        DisplayData data = new DisplayData(text);
        data.putHTML("<div class=\"recsysbook-check\" style=\"font-family:monospace;padding:4px 8px;border-left:4px solid "
                + (passed ? "#2e7d32;background:#edf7ed" : "#c62828;background:#fdecea") + "\">"
                + Html.escape(text).replace("\n", "<br>") + "</div>");
        Display.show(data);
        Results.record("check_" + name, passed);
        return passed;
    }

    /**
     * {@code null} when every case passes; otherwise what went wrong: for a single failure that case, for several
     * one line per concept (per distinct hint) with its first failing case, so that each idea missed shows its own
     * hint.
     */
    private String verdict() {
        if (unanswered != null) {
            return "not answered yet: " + unanswered;
        }
        int failed = 0;
        Map<String, List<String>> byHint = new LinkedHashMap<>();
        for (Case c : cases) {
            String problem = problem(c);
            if (problem != null) {
                failed++;
                byHint.computeIfAbsent(c.hint() == null ? "" : c.hint(), h -> new ArrayList<>()).add(problem);
            }
        }
        if (failed == 0) {
            return null;
        }
        if (cases.size() == 1) {
            return "failed: " + byHint.values().iterator().next().get(0);
        }
        StringBuilder sb = new StringBuilder("failed " + failed + " of " + cases.size() + " cases");
        if (failed == 1) {
            return sb.append(": ").append(byHint.values().iterator().next().get(0)).toString();
        }
        for (List<String> problems : byHint.values()) {
            sb.append("\n  • ").append(problems.get(0));
            if (problems.size() > 1) {
                int more = problems.size() - 1;
                sb.append(" [and ").append(more).append(more == 1 ? " more case" : " more cases").append(" like it]");
            }
        }
        return sb.toString();
    }

    private static String problem(Case c) {
        Object value;
        try {
            value = c.actual().get();
        } catch (Exception | StackOverflowError | AssertionError e) {
            return (c.expected() == null ? "computing " + c.input() : "for input " + c.input()) + ", your code threw "
                    + describe(e) + hint(c);
        }
        boolean ok;
        try {
            ok = value != null && c.accepts().test(value);
        } catch (RuntimeException e) {
            ok = false;
        }
        if (ok) {
            return null;
        }
        if (c.expected() == null) {
            String why = value == null || c.why() == null ? null : c.why().apply(value);
            return c.input() + " is not right" + (value == null ? " (it is null)" : "")
                    + (why == null ? "" : ": " + why) + hint(c);
        }
        return "for input " + c.input() + ", expected " + c.expected() + " but got "
                + (value == null ? "null" : show(value)) + hint(c);
    }

    private static String hint(Case c) {
        return c.hint() == null || c.hint().isBlank() ? "" : " (hint: " + c.hint() + ")";
    }

    /** The exception's class and message, and where in the reader's cell it was thrown. */
    static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(e.getClass().getSimpleName());
        if (e.getMessage() != null) {
            sb.append(": ").append(e.getMessage());
        }
        for (StackTraceElement f : e.getStackTrace()) {
            String cls = f.getClassName();
            if (cls.startsWith("REPL.") || cls.contains("$JShell$")) {
                sb.append(" (in ").append(f.getMethodName());
                if (f.getLineNumber() > 0) {
                    sb.append(", line ").append(f.getLineNumber()).append(" of its cell");
                }
                sb.append(')');
                break;
            }
        }
        return sb.toString();
    }

    static boolean equal(Object actual, Object expected) {
        if (expected instanceof double[] e) {
            if (!(actual instanceof double[] a) || a.length != e.length) {
                return false;
            }
            for (int i = 0; i < e.length; i++) {
                if (!(Math.abs(a[i] - e[i]) <= 1e-9 || a[i] == e[i])) {
                    return false;
                }
            }
            return true;
        }
        if (expected instanceof Object[] e && actual instanceof Object[] a) {
            return Arrays.deepEquals(a, e);
        }
        if (expected != null && expected.getClass().isArray()) {
            return actual != null && actual.getClass() == expected.getClass()
                    && Arrays.deepEquals(new Object[] {actual}, new Object[] {expected});
        }
        return Objects.equals(actual, expected);
    }

    /** A short form of a value for a message: arrays in brackets, doubles with up to 6 significant digits. */
    static String show(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Double d) {
            return Double.isInfinite(d) ? (d > 0 ? "+∞" : "-∞") : Numbers.format(d);
        }
        if (v instanceof Float f) {
            return Numbers.format(f.doubleValue());
        }
        if (v instanceof double[] a) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < a.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(show(a[i]));
            }
            return sb.append(']').toString();
        }
        if (v instanceof int[] a) {
            return Arrays.toString(a);
        }
        if (v instanceof long[] a) {
            return Arrays.toString(a);
        }
        if (v instanceof boolean[] a) {
            return Arrays.toString(a);
        }
        if (v instanceof Object[] a) {
            return Arrays.deepToString(a);
        }
        if (v instanceof Character c) {
            return "'" + c + "'";
        }
        if (v instanceof String s) {
            return "\"" + s + "\"";
        }
        return String.valueOf(v);
    }

    /** Formats a number as the messages do, for the inputs a checker describes. */
    static String fmt(double v) {
        return show(v);
    }

    static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
