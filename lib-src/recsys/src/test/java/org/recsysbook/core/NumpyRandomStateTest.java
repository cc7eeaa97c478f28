package org.recsysbook.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Every expected value below was printed by NumPy 2.4.6 ({@code np.random.seed(...)} then the call named). */
class NumpyRandomStateTest {

    @Test
    void rawOutputsAreMt19937SeededLikeNumpy() {
        NumpyRandomState r = new NumpyRandomState(0);
        assertEquals(2357136044L, r.nextInt32() & 0xFFFF_FFFFL);
        assertEquals(2546248239L, r.nextInt32() & 0xFFFF_FFFFL);
        assertEquals(3071714933L, r.nextInt32() & 0xFFFF_FFFFL);
    }

    @Test
    void randomMatchesNumpyAcrossSeveralTwists() {
        double[] r = new NumpyRandomState(42).random(1000);  // 2000 draws: the state twists four times
        assertEquals(0.3745401188473625, r[0], 0.0);
        assertEquals(0.9507143064099162, r[1], 0.0);
        assertEquals(0.7319939418114051, r[2], 0.0);
        assertEquals(0.1368186309189614, r[997], 0.0);
        assertEquals(0.9502373538208024, r[998], 0.0);
        assertEquals(0.44600577295795574, r[999], 0.0);
        assertArrayEquals(new double[] {0.0976320289940138, 0.9123828453026218},
                new NumpyRandomState(4294967295L).random(2), 0.0);
    }

    @Test
    void randnIsRowMajorPolarGaussians() {
        assertArrayEquals(new double[] {0.4967141530112327, -0.13826430117118466, 0.6476885381006925,
                1.5230298564080254, -0.23415337472333597, -0.23413695694918055, 1.5792128155073915,
                0.7674347291529088, -0.4694743859349521, 0.5425600435859647, -0.46341769281246226,
                -0.46572975357025687}, new NumpyRandomState(42).randn(3, 4), 1e-15);
    }

    @Test
    void exponentialGammaAndBetaMatchNumpy() {
        assertArrayEquals(new double[] {0.14078042699305773, 0.9030364292752563, 0.3950237080636348,
                0.27388276613278595}, new NumpyRandomState(42).exponential(0.3, 4), 1e-15);
        assertArrayEquals(new double[] {0.24718270613672058, 0.16419095353984334, 0.31752371202951296,
                0.10875451388100753}, new NumpyRandomState(42).beta(2, 8, 4), 1e-15);
        NumpyRandomState g = new NumpyRandomState(7);
        double[] small = {g.standardGamma(0.4), g.standardGamma(0.4), g.standardGamma(0.4), g.standardGamma(0.4)};
        assertArrayEquals(new double[] {0.0016085304804862174, 0.12726214117380993, 0.03733481040832819,
                0.39304133615273923}, small, 1e-15);
        NumpyRandomState one = new NumpyRandomState(7);
        assertArrayEquals(new double[] {0.07937690952144451, 1.5137586745587868},
                new double[] {one.standardGamma(1.0), one.standardGamma(1.0)}, 1e-15);
        assertArrayEquals(new double[] {0.008236951777054774, 0.2338367025416732, 0.9149684397918086,
                0.1625035337253303}, new NumpyRandomState(7).beta(0.5, 0.7, 4), 1e-15);
    }

    @Test
    void mixedSequenceOfTheChaptersPipelineDemo() {
        NumpyRandomState r = new NumpyRandomState(42);
        double[] features = r.randn(1000, 20);
        double[] popularity = r.exponential(0.3, 1000);
        double[] user = r.randn(1, 20);
        assertEquals(-1.6199198031884334, features[999 * 20 + 19], 1e-15);
        assertEquals(0.062133678267552936, popularity[999], 1e-15);
        assertEquals(2.1284677685016002, user[19], 1e-15);
        assertEquals(0.4729874610064738, r.nextDouble(), 0.0);
    }

    @Test
    void badParametersAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new NumpyRandomState(-1))
                .getMessage().startsWith("seed must be in [0, 4294967295]"));
        NumpyRandomState r = new NumpyRandomState(1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> r.beta(0, 1)).getMessage().startsWith("a must"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> r.beta(1, Double.NaN)).getMessage().startsWith("b must"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> r.standardGamma(-1)).getMessage().startsWith("shape must"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> r.exponential(-0.1)).getMessage().startsWith("scale must"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> r.random(-1)).getMessage().startsWith("size must"));
    }
}
