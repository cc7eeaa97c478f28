package org.recsysbook.notebook;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonTest {
    @Test
    void writesPlainDataAndNoNonFiniteNumbers() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", List.of(1, 2.5, true));
        m.put("b", new double[] {Double.NaN, 1e-9, Double.NEGATIVE_INFINITY});
        m.put("c", null);
        m.put("d", "q\"\\\n");
        assertEquals("{\"a\":[1,2.5,true],\"b\":[null,1.0E-9,null],\"c\":null,\"d\":\"q\\\"\\\\\\n\"}", Json.write(m));
    }

    @Test
    void stringsCannotCloseAScript() {
        assertEquals("\"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028\"", Json.write("</script><!-- & \u2028"));
    }

    @Test
    void readsTablesawStyleLiterals() {
        String js = "var trace0 =\n{\nx: [\"1.0\",\"2.0\",],\ny: [1.0, NaN, -Infinity],\n"
                + "line: {\n  \"color\" : \"red\"\n},\nname: 'A&#39;s &lt;b&gt; &amp; \\'q\\'',\n"
                + "z: [[1.0,2.0,],[3.0,4.0,],],\nshowlegend: true,\nlabel: \"&amp;\",\n};";
        Object v = Json.parseJs(js.substring(js.indexOf('=') + 1).strip());
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("x", List.of("1.0", "2.0"));
        expected.put("y", Arrays.asList(1.0, Double.NaN, Double.NEGATIVE_INFINITY));
        expected.put("line", Map.of("color", "red"));
        expected.put("name", "A's <b> & 'q'");
        expected.put("z", List.of(List.of(1.0, 2.0), List.of(3.0, 4.0)));
        expected.put("showlegend", true);
        expected.put("label", "&amp;");
        assertEquals(expected, v);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(((Map<?, ?>) v).keySet()));
    }

    @Test
    void rejectsMalformedLiterals() {
        assertThrows(IllegalArgumentException.class, () -> Json.parseJs("{x: [1, 2}"));
        assertThrows(IllegalArgumentException.class, () -> Json.parseJs("{x: 'open}"));
        assertThrows(IllegalArgumentException.class, () -> Json.parseJs("{x: foo}"));
        assertThrows(IllegalArgumentException.class, () -> Json.parseJs("{x: 1} y"));
    }
}
