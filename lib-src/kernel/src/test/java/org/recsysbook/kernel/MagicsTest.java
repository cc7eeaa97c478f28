package org.recsysbook.kernel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MagicsTest {

    @Test
    void splitsArgumentsLikeAShell() {
        assertEquals(List.of("a", "b c", "d"), Magics.split("a \"b c\"  'd'"));
        assertEquals(List.of("", "x"), Magics.split("'' x"));
        assertEquals(List.of(), Magics.split("   "));
    }

    @Test
    void parsesDurations() throws CellError {
        assertEquals(30_000, Magics.parseDuration("30s"));
        assertEquals(30_000, Magics.parseDuration("30"));
        assertEquals(500, Magics.parseDuration("500ms"));
        assertEquals(120_000, Magics.parseDuration("2m"));
        assertEquals(1_500, Magics.parseDuration("1.5s"));
        assertEquals(0, Magics.parseDuration("off"));
    }

    @Test
    void rejectsNonsenseDurationsNamingTheValue() {
        CellError e = assertThrows(CellError.class, () -> Magics.parseDuration("soon"));
        assertTrue(e.value().contains("'soon' is not a time"), e.value());
        assertThrows(CellError.class, () -> Magics.parseDuration("0.0001ms"));
    }

    @Test
    void globsFindJarsAndSayWhenNothingMatches(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("lib/nested"));
        Files.writeString(dir.resolve("lib/a.jar"), "");
        Files.writeString(dir.resolve("lib/b.jar"), "");
        Files.writeString(dir.resolve("lib/notes.txt"), "");
        Files.writeString(dir.resolve("lib/nested/c.jar"), "");
        assertEquals(List.of(dir.resolve("lib/a.jar"), dir.resolve("lib/b.jar")),
                Magics.glob("%jars", dir + "/lib/*.jar", true));
        assertEquals(List.of(dir.resolve("lib/nested/c.jar")), Magics.glob("%jars", dir + "/lib/*/?.jar", true));
        assertEquals(List.of(dir.resolve("lib/a.jar"), dir.resolve("lib/b.jar"), dir.resolve("lib/notes.txt")),
                Magics.glob("%jars", dir + "/lib/", true), "a glob ending in / means the files in the folder");
        assertEquals(List.of(dir.resolve("lib/a.jar"), dir.resolve("lib/b.jar"), dir.resolve("lib/nested"),
                dir.resolve("lib/notes.txt")), Magics.glob("%classpath", dir + "/lib/*", false),
                "%classpath takes folders too");
        CellError e = assertThrows(CellError.class, () -> Magics.glob("%jars", dir + "/nothing/*.jar", true));
        assertTrue(e.value().startsWith("%jars: no file matches"), e.value());
        e = assertThrows(CellError.class, () -> Magics.glob("%jars", dir + "/lib/*.war", true));
        assertTrue(e.value().startsWith("%jars: no file matches"), e.value());
    }

    @Test
    void theRegistryNamesEveryMagicAndAnUnknownOneListsThem() {
        Magics magics = new Magics(null);
        assertEquals(List.of("%classpath", "%jars", "%maven", "%mavenRepo", "%load", "%timeout", "%lsmagic",
                "%%time", "%%html", "%%markdown", "%%md", "%%javascript", "%%js", "%%latex"), magics.names());
        CellError e = assertThrows(CellError.class, () -> magics.runCell("%%nosuch\nbody"));
        assertEquals("unknown magic %%nosuch", e.value());
        assertTrue(e.traceback().get(0).contains("Cell magics (first line of a cell): %%time, %%html"),
                e.traceback().get(0));
    }

    @Test
    void formatsTimes() {
        assertEquals("12 µs", Magics.formatNanos(12_000));
        assertEquals("3.5 ms", Magics.formatNanos(3_500_000));
        assertEquals("2.25 s", Magics.formatNanos(2_250_000_000L));
    }
}
