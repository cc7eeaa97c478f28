package org.recsysbook.display;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DisplayTest {
    private RecordingSink sink;

    /** A provider the tests register through a services file. */
    public static final class Doubler implements RendererProvider {
        @Override
        public void registerRenderers(Renderer renderer) {
            renderer.createRegistration(Integer.class).preferring(MIMEType.TEXT_HTML)
                    .register((i, ctx) -> ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> "<i>" + (2 * i) + "</i>"));
        }
    }

    @BeforeEach
    void freshSink() {
        sink = new RecordingSink(new Renderer());
        Display.setSink(sink);
    }

    @Test
    void displayAndUpdateShareAnId() {
        String id = Display.display("first");
        Display.updateDisplay(id, "second");
        assertEquals(2, sink.outputs().size());
        assertEquals(id, sink.outputs().get(1).data().getDisplayId());
        assertTrue(sink.outputs().get(1).update());
    }

    @Test
    void textGivenAsHtmlIsShownAsHtml() {
        DisplayData d = Display.renderAs("<b>hi</b>", "text/html");
        assertEquals("<b>hi</b>", d.getData(MIMEType.TEXT_HTML));
        assertEquals("<b>hi</b>", d.getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void updateNeedsAnId() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Display.updateDisplay("", "x"));
        assertTrue(e.getMessage().contains("id"));
    }

    @Test
    void providersRegisterOnceAndBrokenEntriesAreSkipped(@TempDir Path dir) throws Exception {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(RendererProvider.class.getName()),
                "org.recsysbook.display.NoSuchProvider\n" + Doubler.class.getName() + "\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            Renderer renderer = new Renderer();
            Set<String> done = new HashSet<>();
            assertEquals(1, Display.registerProviders(renderer, loader, done));
            assertEquals(0, Display.registerProviders(renderer, loader, done), "a second call registers nothing new");
            assertEquals("<i>42</i>", renderer.render(21).getData(MIMEType.TEXT_HTML));
        }
    }
}
