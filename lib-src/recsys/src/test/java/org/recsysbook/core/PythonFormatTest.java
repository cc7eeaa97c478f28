package org.recsysbook.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Expected strings printed by Python 3.11 and NumPy 2.4. */
class PythonFormatTest {

    @Test
    void fixedRoundsTheExactBinaryValueHalfToEven() {
        assertEquals("0.312", PythonFormat.fixed(0.3125, 3), "an exact tie rounds half to even, as Python does");
        assertEquals("0.001", PythonFormat.fixed(0.0005, 3), "0.0005 is slightly above the tie in binary");
        assertEquals("170", PythonFormat.fixed(170, 0));
        assertEquals("0.5794", PythonFormat.fixed(0.57935, 4), "0.57935 is slightly above the tie in binary");
        assertEquals("-0.0000", PythonFormat.fixed(-1e-6, 4));
        assertEquals("-1.2500", PythonFormat.fixed(-1.25, 4));
    }

    @Test
    void numpyArrayReprs() {
        assertEquals("[ 3 15  7]", PythonFormat.numpyInts(new int[] {3, 15, 7}));
        assertEquals("[0.5  0.45 0.4 ]", PythonFormat.numpyFloats(new double[] {0.5, 0.45, 0.4}));
        assertEquals("[0.5   0.45  0.412]", PythonFormat.numpyFloats(new double[] {0.5, 0.45, 0.412}));
    }
}
