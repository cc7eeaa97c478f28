package org.recsysbook.scale;

import org.apache.spark.sql.SparkSession;

/** One local Spark session for every test class of the module (starting one costs seconds); stopped at exit. */
final class SharedSpark {
    private static SparkSession session;

    private SharedSpark() {
    }

    static synchronized SparkSession get() {
        if (session == null) {
            session = SparkLocal.start("scale-tests", 2);
            Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
        }
        return session;
    }
}
