package org.recsysbook.scale;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InaccessibleObjectException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerApplicationEnd;
import org.apache.spark.sql.SparkSession;
import org.recsysbook.core.Args;

/**
 * A Spark session in local mode, the engine the chapter's batch jobs (training candidate generators, precomputing
 * candidates, analysing experiment logs) would run on a cluster, here on this machine's cores.
 *
 * <p>Local mode runs the driver and the executors as threads of this JVM, so the code is the code a cluster runs and
 * only the master URL changes ({@code local[2]} here, {@code spark://host:7077} or {@code yarn} there). The session is
 * quiet and small: no web UI, loopback networking only, as many shuffle partitions as twice the cores (Spark's default
 * of 200 is meant for clusters and costs seconds of scheduling per shuffle on two cores), and a scratch directory under
 * the system's temporary directory for what Spark spills and checkpoints and what the jobs write ({@link #scratch}):
 * deleted when the session stops, and, when a JVM ended without stopping it, by the next session's start (each
 * directory names its owner process in {@code owner.pid}).
 *
 * <p>Spark reaches into JDK internals (direct buffers, {@code sun.nio.ch}); on Java 17 and later the JVM must be started
 * with the {@code --add-opens} options of {@code lib-src/scale/spark-jvm-options}, which the workbook's kernelspec, the
 * module's tests and {@code ./workbook bench scale} pass. Without them {@link #start} says so in one line.
 */
public final class SparkLocal {
    private SparkLocal() {
    }

    /** The JVM options file this module ships (relative to the repository's root). */
    public static final String JVM_OPTIONS = "lib-src/scale/spark-jvm-options";

    /** A local session on {@code cores} threads, named {@code appName}; {@link SparkSession#stop()} ends it. */
    public static SparkSession start(String appName, int cores) {
        Args.nonEmpty("appName", appName);
        Args.inRange("cores", cores, 1, 256);
        requireOpenedJdk();
        try {
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
            sweepOrphans(tmp);
            Path scratch = Files.createTempDirectory(tmp, SCRATCH_PREFIX);
            Files.writeString(scratch.resolve(OWNER), owner(ProcessHandle.current()));
            SparkSession spark = SparkSession.builder()
                    .appName(appName)
                    .master("local[" + cores + "]")
                    .config("spark.ui.enabled", "false")
                    .config("spark.ui.showConsoleProgress", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", String.valueOf(2 * cores))
                    .config("spark.default.parallelism", String.valueOf(2 * cores))
                    .config("spark.sql.adaptive.enabled", "true")
                    .config("spark.local.dir", scratch.toString())
                    .config("spark.sql.warehouse.dir", scratch.resolve("warehouse").toString())
                    .getOrCreate();
            spark.sparkContext().setLogLevel("ERROR");
            // ALS cuts its lineage here every 10 iterations; without it 15 iterations of lineage overflow a task's stack
            spark.sparkContext().setCheckpointDir(scratch.resolve("checkpoints").toString());
            spark.sparkContext().addSparkListener(new ScratchCleaner(scratch));
            return spark;
        } catch (IOException e) {
            throw new IllegalStateException("cannot create Spark's scratch directory: " + e.getMessage(), e);
        }
    }

    /**
     * The session's scratch directory ({@code spark.local.dir}): what Spark spills, its checkpoints, and the files a
     * notebook's jobs write (logs, candidates); deleted when the session stops.
     */
    public static Path scratch(SparkSession spark) {
        Args.notNull("spark", spark);
        return Path.of(spark.conf().get("spark.local.dir"));
    }

    /** The scratch directories' name prefix, and the file in each naming the JVM that made it. */
    static final String SCRATCH_PREFIX = "workbook-spark-";
    static final String OWNER = "owner.pid";

    /** The owner file's text: the process id, and its start time when the system tells it (pids are reused). */
    static String owner(ProcessHandle process) {
        return process.pid() + " " + process.info().startInstant().map(Object::toString).orElse("-") + "\n";
    }

    /**
     * Deletes the scratch directories under {@code parent} whose owner JVM has ended without stopping its session (a
     * kernel killed or restarted): those with an owner file naming a process that no longer runs. A directory without
     * an owner file, or whose file cannot be read, is left alone; so are the directories of live JVMs. Returns how
     * many were deleted.
     */
    static int sweepOrphans(Path parent) {
        int deleted = 0;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(parent, SCRATCH_PREFIX + "*")) {
            for (Path dir : dirs) {
                Path owner = dir.resolve(OWNER);
                if (!Files.isRegularFile(owner)) {
                    continue;
                }
                if (!ownerAlive(owner)) {
                    deleteTree(dir);
                    deleted++;
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // a sweep is tidying, not a precondition: what it cannot list it leaves
        }
        return deleted;
    }

    /** Whether the process an owner file names still runs (true when the file is unreadable: keep the directory). */
    private static boolean ownerAlive(Path owner) {
        String[] f;
        long pid;
        try {
            f = Files.readString(owner).trim().split(" ");
            pid = Long.parseLong(f[0]);
        } catch (IOException | NumberFormatException e) {
            return true;
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .map(h -> f.length < 2 || f[1].equals("-") || owner(h).trim().equals(f[0] + " " + f[1]))
                .orElse(false);
    }

    /** Deletes {@code dir} and everything under it, as far as it can (a file gone meanwhile is no error). */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // left for the next session's sweep
        }
    }

    /** Deletes a session's scratch directory when the session stops (Spark posts the application's end then). */
    static final class ScratchCleaner extends SparkListener {
        private final Path dir;

        ScratchCleaner(Path dir) {
            this.dir = dir;
        }

        @Override
        public void onApplicationEnd(SparkListenerApplicationEnd end) {
            deleteTree(dir);
        }
    }

    /**
     * Fails with one clear line when the JVM was started without Spark's {@code --add-opens} options, rather than with
     * the {@code IllegalAccessError} deep inside Spark's start that would follow.
     */
    static void requireOpenedJdk() {
        if (!Object.class.getModule().isOpen("sun.nio.ch", SparkLocal.class.getModule())) {
            throw new IllegalStateException("this JVM was started without the options Spark needs on Java 17+ "
                    + "(--add-opens java.base/sun.nio.ch=ALL-UNNAMED and the others in " + JVM_OPTIONS
                    + "): use the workbook's kernel (run ./workbook setup), or pass @" + JVM_OPTIONS + " to java");
        }
    }

    /** Whether Spark's options are in effect in this JVM (for a notebook's first cell). */
    public static boolean jdkOpened() {
        try {
            requireOpenedJdk();
            return true;
        } catch (IllegalStateException | InaccessibleObjectException e) {
            return false;
        }
    }
}
