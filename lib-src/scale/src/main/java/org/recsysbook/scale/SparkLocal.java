package org.recsysbook.scale;

import java.lang.reflect.InaccessibleObjectException;
import java.nio.file.Files;
import java.nio.file.Path;

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
 * the system's temporary directory for what Spark spills and checkpoints.
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
            Path scratch = Files.createTempDirectory("workbook-spark-");
            scratch.toFile().deleteOnExit();
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
            return spark;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create Spark's scratch directory: " + e.getMessage(), e);
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
