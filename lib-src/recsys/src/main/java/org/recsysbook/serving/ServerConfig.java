package org.recsysbook.serving;

/**
 * How the HTTP layer runs: where it listens, how many requests it computes at once, what it refuses, and how long
 * it waits for a slow client.
 *
 * @param host                 the address to bind, {@code "127.0.0.1"} unless told otherwise
 * @param port                 the port, in [0, 65535] (0: any free port)
 * @param maxConcurrent        requests computed at once, ≥ 1; past it a request is shed (503) or queued
 * @param shedding             whether a request past {@code maxConcurrent} is refused at once with 503 and
 *                             {@code Retry-After} (true) or waits in an unbounded queue (false, to show why not)
 * @param deadline             whether a request still unanswered at its deadline gets the popularity list
 * @param maxBodyBytes         the largest request body accepted, ≥ 1 (larger: 413)
 * @param requestTimeoutMillis how long a client may take to send its request line, headers and body, and how long a
 *                             connection may sit idle, ≥ 1 (then the connection is closed)
 * @param ioThreads            threads that read and write sockets, ≥ 1
 * @param workerNice           whether the worker threads that compute the funnel run at nice {@value #WORKER_NICE}
 *                             (Linux; elsewhere a no-op with a log line), so that the I/O threads, which shed and
 *                             write answers, get a core at once instead of queueing behind them
 */
public record ServerConfig(String host, int port, int maxConcurrent, boolean shedding, boolean deadline,
                           int maxBodyBytes, int requestTimeoutMillis, int ioThreads, boolean workerNice) {

    /** The worker threads' nice value when {@link #workerNice} is on. */
    public static final int WORKER_NICE = 10;

    public ServerConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must be an address such as 127.0.0.1, got "
                    + (host == null ? "null" : "\"" + host + "\""));
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in [0, 65535], got " + port);
        }
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent must be ≥ 1, got " + maxConcurrent);
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be ≥ 1, got " + maxBodyBytes);
        }
        if (requestTimeoutMillis < 1) {
            throw new IllegalArgumentException("requestTimeoutMillis must be ≥ 1, got " + requestTimeoutMillis);
        }
        if (ioThreads < 1) {
            throw new IllegalArgumentException("ioThreads must be ≥ 1, got " + ioThreads);
        }
    }

    /**
     * Localhost, any free port, 4 requests at once (twice the cores of the machines this workbook targets), shedding
     * and the deadline on, bodies up to 1 MiB, 10 s for a slow client, 2 I/O threads, workers at the default
     * priority ({@code ./workbook serve} and {@code bench serving} turn {@link #workerNice} on).
     */
    public static ServerConfig defaults() {
        return new ServerConfig("127.0.0.1", 0, 4, true, true, 1 << 20, 10_000, 2, false);
    }

    public ServerConfig withWorkerNice(boolean on) {
        return new ServerConfig(host, port, maxConcurrent, shedding, deadline, maxBodyBytes, requestTimeoutMillis,
                ioThreads, on);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, maxConcurrent, shedding, deadline, maxBodyBytes, requestTimeoutMillis,
                ioThreads, workerNice);
    }

    public ServerConfig withHost(String newHost) {
        return new ServerConfig(newHost, port, maxConcurrent, shedding, deadline, maxBodyBytes, requestTimeoutMillis,
                ioThreads, workerNice);
    }

    public ServerConfig withMaxConcurrent(int n) {
        return new ServerConfig(host, port, n, shedding, deadline, maxBodyBytes, requestTimeoutMillis, ioThreads,
                workerNice);
    }

    public ServerConfig withShedding(boolean on) {
        return new ServerConfig(host, port, maxConcurrent, on, deadline, maxBodyBytes, requestTimeoutMillis, ioThreads,
                workerNice);
    }

    public ServerConfig withDeadline(boolean on) {
        return new ServerConfig(host, port, maxConcurrent, shedding, on, maxBodyBytes, requestTimeoutMillis, ioThreads,
                workerNice);
    }

    public ServerConfig withMaxBodyBytes(int n) {
        return new ServerConfig(host, port, maxConcurrent, shedding, deadline, n, requestTimeoutMillis, ioThreads,
                workerNice);
    }

    public ServerConfig withRequestTimeoutMillis(int millis) {
        return new ServerConfig(host, port, maxConcurrent, shedding, deadline, maxBodyBytes, millis, ioThreads,
                workerNice);
    }
}
