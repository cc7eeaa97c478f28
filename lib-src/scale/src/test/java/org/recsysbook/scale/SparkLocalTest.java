package org.recsysbook.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SparkLocalTest {
    @Test
    void theTestJvmHasSparksOptionsAndTheSessionIsLocal() {
        assertTrue(SparkLocal.jdkOpened());
        assertEquals("local[2]", SharedSpark.get().sparkContext().master());
        assertEquals("4", SharedSpark.get().conf().get("spark.sql.shuffle.partitions"));
    }

    @Test
    void badArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkLocal.start("x", 0));
        assertTrue(e.getMessage().startsWith("cores must be"), e.getMessage());
    }
}
