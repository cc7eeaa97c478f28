package org.recsysbook.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kernel's start as a timeline: each step's time in milliseconds since the JVM started, one line a step
 * ({@code 812 engine ready}), appended to the file named by {@code WORKBOOK_KERNEL_TIMELINE}.
 *
 * <p>Without that variable it does nothing. Each step is written once, the first time it happens: main entered,
 * sockets bound, kernel_info answered, engine ready, first execute received, first reply.
 */
final class StartLog {
    static final String MAIN = "main entered";
    static final String SOCKETS = "sockets bound";
    static final String KERNEL_INFO = "kernel_info answered";
    static final String ENGINE = "engine ready";
    static final String FIRST_EXECUTE = "first execute received";
    static final String FIRST_REPLY = "first reply";

    private static final Path FILE = file();
    // The JVM's own record of its start: ProcessHandle's start instant is the boot time (whole seconds, from
    // /proc/stat's btime) plus the process's start in clock ticks, so on Linux it is off by up to a second.
    private static final long JVM_START = FILE == null ? 0
            : java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
    private static final Set<String> DONE = ConcurrentHashMap.newKeySet();

    private StartLog() { }

    private static Path file() {
        String name = System.getenv("WORKBOOK_KERNEL_TIMELINE");
        return name == null || name.isBlank() ? null : Path.of(name);
    }

    /** Notes that {@code step} has happened, if the timeline is on and the step is not noted yet. */
    static void mark(String step) {
        if (FILE == null || !DONE.add(step)) {
            return;
        }
        long ms = System.currentTimeMillis() - JVM_START;
        try {
            Files.writeString(FILE, ms + " " + step + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // a timeline that cannot be written does not stop the kernel
        }
    }
}
