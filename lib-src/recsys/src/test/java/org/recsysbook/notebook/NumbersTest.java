package org.recsysbook.notebook;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NumbersTest {
    @Test
    void formatsForReaders() {
        assertEquals("0", Numbers.format(0.0));
        assertEquals("1234567", Numbers.format(1234567.0));
        assertEquals("-3", Numbers.format(-3.0));
        assertEquals("0.333333", Numbers.format(1.0 / 3));
        assertEquals("123457", Numbers.format(123456.789));
        assertEquals("0.1", Numbers.format(0.1));
        assertEquals("0.00012", Numbers.format(0.00012));
        assertEquals("1.5e-5", Numbers.format(0.000015));
        assertEquals("1e15", Numbers.format(1e15));
        assertEquals("2.5e20", Numbers.format(2.5e20));
        assertEquals("NaN", Numbers.format(Double.NaN));
    }
}
