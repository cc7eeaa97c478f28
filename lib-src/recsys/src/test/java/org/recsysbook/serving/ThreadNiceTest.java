package org.recsysbook.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** A thread's nice value, set by {@link ThreadNice} and read back here from {@code /proc} on its own. */
class ThreadNiceTest {

    /** Field 19 of {@code /proc/self/task/<tid>/stat}, the thread's nice value, parsed here apart from ThreadNice. */
    private static int statNice(long tid) throws IOException {
        String stat = Files.readString(Path.of("/proc/self/task/" + tid + "/stat"));
        String[] after = stat.substring(stat.lastIndexOf(')') + 1).trim().split("\\s+");
        return Integer.parseInt(after[19 - 3]);
    }

    private static boolean linux() {
        return Files.isSymbolicLink(Path.of("/proc/thread-self"));
    }

    @Test
    void setsTheCallingThreadAloneAndReadsItBack() throws Exception {
        assumeTrue(linux(), "needs /proc (Linux)");
        long mine = ThreadNice.currentTid();
        int before = statNice(mine);
        AtomicLong tid = new AtomicLong();
        AtomicBoolean set = new AtomicBoolean();
        int[] seen = new int[1];
        Thread t = new Thread(() -> {
            tid.set(ThreadNice.currentTid());
            set.set(ThreadNice.setCurrent(ServerConfig.WORKER_NICE));
            try {
                seen[0] = statNice(tid.get());
            } catch (IOException e) {
                seen[0] = Integer.MIN_VALUE;
            }
        });
        t.start();
        t.join();
        assertTrue(set.get(), "renice reported failure");
        assertTrue(tid.get() > 0 && tid.get() != mine);
        assertEquals(ServerConfig.WORKER_NICE, seen[0]);
        assertEquals(before, statNice(mine), "only the calling thread changes");
    }

    @Test
    void theServersWorkersRunAtNiceTenOnlyWhenAsked() throws Exception {
        assumeTrue(linux(), "needs /proc (Linux)");
        int base = statNice(ThreadNice.currentTid());
        assumeTrue(base < ServerConfig.WORKER_NICE, "the tests already run at nice " + base);
        RecommendationService s = ServingFixture.service(StageBudgets.of(5000));
        for (boolean nice : new boolean[] {false, true}) {
            ServerConfig config = ServerConfig.defaults().withMaxConcurrent(3).withWorkerNice(nice);
            try (RecommendationServer server = RecommendationServer.start(s, config)) {
                int want = nice ? ServerConfig.WORKER_NICE : base;
                List<Integer> nices = List.of();
                for (long end = System.nanoTime() + 5_000_000_000L; System.nanoTime() < end; Thread.sleep(20)) {
                    nices = workerNices();
                    if (nices.size() == 3 && nices.stream().allMatch(n -> n == want)) {
                        break;
                    }
                }
                assertEquals(List.of(want, want, want), nices, "workers' nice values, workerNice " + nice);
            }
        }
    }

    /** The nice values of the threads named recsys-worker-… (the kernel keeps 15 characters of a name). */
    private static List<Integer> workerNices() throws IOException {
        List<Integer> out = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    if (Files.readString(task.resolve("comm")).startsWith("recsys-worker")) {
                        out.add(statNice(Long.parseLong(task.getFileName().toString())));
                    }
                } catch (IOException e) {
                    // the thread ended meanwhile
                }
            }
        }
        return out;
    }

    @Test
    void refusesANiceValueOutsideZeroToNineteen() {
        assertThrows(IllegalArgumentException.class, () -> ThreadNice.setCurrent(-1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ThreadNice.setCurrent(20));
        assertTrue(e.getMessage().contains("nice"));
    }
}
