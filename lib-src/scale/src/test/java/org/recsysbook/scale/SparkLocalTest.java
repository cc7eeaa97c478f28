package org.recsysbook.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.spark.scheduler.SparkListenerApplicationEnd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkLocalTest {
    @Test
    void theTestJvmHasSparksOptionsAndTheSessionIsLocal() {
        assertTrue(SparkLocal.jdkOpened());
        assertEquals("local[2]", SharedSpark.get().sparkContext().master());
        assertEquals("4", SharedSpark.get().conf().get("spark.sql.shuffle.partitions"));
    }

    @Test
    void theScratchDirectoryNamesThisJvm() throws Exception {
        Path scratch = SparkLocal.scratch(SharedSpark.get());
        assertTrue(scratch.getFileName().toString().startsWith(SparkLocal.SCRATCH_PREFIX), scratch.toString());
        assertEquals(SparkLocal.owner(ProcessHandle.current()), Files.readString(scratch.resolve(SparkLocal.OWNER)));
    }

    @Test
    void theCleanerDeletesTheScratchDirectoryAtTheApplicationsEnd(@TempDir Path tmp) throws Exception {
        Path scratch = Files.createDirectories(tmp.resolve("workbook-spark-1/blockmgr-x/0c"));
        Files.writeString(scratch.resolve("shuffle_0_0_0.data"), "spilled");
        new SparkLocal.ScratchCleaner(tmp.resolve("workbook-spark-1")).onApplicationEnd(
                new SparkListenerApplicationEnd(0L, scala.Option.empty()));
        assertFalse(Files.exists(tmp.resolve("workbook-spark-1")));
    }

    @Test
    void theSweepDeletesTheDirectoriesOfEndedJvmsOnly(@TempDir Path tmp) throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Path orphan = Files.createDirectories(tmp.resolve("workbook-spark-orphan/checkpoints"));
        Files.writeString(orphan.getParent().resolve(SparkLocal.OWNER), ended.pid() + " -\n");
        Path mine = Files.createDirectories(tmp.resolve("workbook-spark-mine"));
        Files.writeString(mine.resolve(SparkLocal.OWNER), SparkLocal.owner(ProcessHandle.current()));
        // this JVM's pid with another start time: a reused pid, so the JVM that made the directory has ended
        Path reused = Files.createDirectories(tmp.resolve("workbook-spark-reused"));
        Files.writeString(reused.resolve(SparkLocal.OWNER), ProcessHandle.current().pid() + " 1970-01-01T00:00:00Z\n");
        Path unowned = Files.createDirectories(tmp.resolve("workbook-spark-unowned"));
        Path other = Files.createDirectories(tmp.resolve("other-dir"));
        Files.writeString(other.resolve(SparkLocal.OWNER), ended.pid() + " -\n");
        assertEquals(2, SparkLocal.sweepOrphans(tmp));
        assertFalse(Files.exists(orphan.getParent()));
        assertFalse(Files.exists(reused));
        assertTrue(Files.exists(mine));
        assertTrue(Files.exists(unowned));
        assertTrue(Files.exists(other));
    }

    @Test
    void badArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkLocal.start("x", 0));
        assertTrue(e.getMessage().startsWith("cores must be"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SparkLocal.scratch(null));
        assertTrue(e.getMessage().startsWith("spark"), e.getMessage());
    }
}
