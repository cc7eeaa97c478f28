package org.recsysbook.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class MavenResolverTest {
    @Test
    void theWorkbooksOwnModulesPointAtTheSetUp() {
        String hint = MavenResolver.setupHint(List.of("org.recsysbook:scale:1.0.0-SNAPSHOT"));
        assertTrue(hint.endsWith("run ./workbook setup"), hint);
        assertTrue(hint.contains(MavenResolver.localRepository().toString()), hint);
        assertEquals("", MavenResolver.setupHint(List.of("org.apache.commons:commons-text:1.12.0")));
        assertEquals("", MavenResolver.setupHint(List.of("org.recsysbookish:x:1")));
    }
}
