package org.recsysbook.serving;

/**
 * How the HTTP layer runs: where it listens, how many requests it computes at once, what it refuses, and how long
 * it waits for a slow client.
 *
 * @param host                 the address to bind, {@code "127.0.0.1"} unless told otherwise
 * @param port                 the port, in [0, 65535] (0: any free port)
 * @param maxConcurrent        requests computed at once, ≥ 1; past it (and past {@code maxQueued} waiting) a request
 *                             is shed (503), or queued without limit when shedding is off
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
 * @param maxQueued            requests admitted beyond {@code maxConcurrent} to wait for a worker, ≥ 0, when shedding
 *                             is on (a request past both is shed): a worker that finishes takes the next at once
 *                             instead of idling while its client's next request travels the loopback
 */
public record ServerConfig(String host, int port, int maxConcurrent, boolean shedding, boolean deadline,
                           int maxBodyBytes, int requestTimeoutMillis, int ioThreads, boolean workerNice,
                           int maxQueued) {

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
        if (maxQueued < 0) {
            throw new IllegalArgumentException("maxQueued must be ≥ 0, got " + maxQueued);
        }
    }

    /**
     * Localhost, any free port, 4 requests at once (twice the cores of the machines this workbook targets), shedding
     * and the deadline on, bodies up to 1 MiB, 10 s for a slow client, 2 I/O threads, workers at the default
     * priority ({@code ./workbook serve} and {@code bench serving} turn {@link #workerNice} on), none admitted to
     * wait ({@code bench serving} admits one: {@link #maxQueued}).
     */
    public static ServerConfig defaults() {
        return new ServerConfig("127.0.0.1", 0, 4, true, true, 1 << 20, 10_000, 2, false, 0);
    }

    /** The most requests admitted at once when shedding is on: those computing and those waiting for a worker. */
    public int admissionLimit() {
        return maxConcurrent + maxQueued;
    }

    public ServerConfig withMaxQueued(int n) {
        return new ServerConfig(host, port, maxConcurrent, shedding, deadline, maxBodyBytes, requestTimeoutMillis,
                ioThreads, workerNice, n);
    }

    public ServerConfig withWorkerNice(boolean on) {
        return new ServerConfig(host, port, maxConcurrent, shedding, deadline, maxBodyBytes, requestTimeoutMillis,
                ioThreads, on, maxQueued);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, maxConcurrent, shedding, deadline, maxBodyBytes, requestTimeoutMillis,
                ioThreads, workerNice, maxQueued);
    }

    public ServerConfig withHost(String newHost) {
        return new ServerConfig(newHost, port, maxConcurrent, shedding, deadline, maxBodyBytes, requestTimeoutMillis,
                ioThreads, workerNice, maxQueued);
    }

    public ServerConfig withMaxConcurrent(int n) {
        return new ServerConfig(host, port, n, shedding, deadline, maxBodyBytes, requestTimeoutMillis, ioThreads,
                workerNice, maxQueued);
    }

    public ServerConfig withShedding(boolean on) {
        return new ServerConfig(host, port, maxConcurrent, on, deadline, maxBodyBytes, requestTimeoutMillis, ioThreads,
                workerNice, maxQueued);
    }

    public ServerConfig withDeadline(boolean on) {
        return new ServerConfig(host, port, maxConcurrent, shedding, on, maxBodyBytes, requestTimeoutMillis, ioThreads,
                workerNice, maxQueued);
    }

    public ServerConfig withMaxBodyBytes(int n) {
        return new ServerConfig(host, port, maxConcurrent, shedding, deadline, n, requestTimeoutMillis, ioThreads,
                workerNice, maxQueued);
    }

    public ServerConfig withRequestTimeoutMillis(int millis) {
        return new ServerConfig(host, port, maxConcurrent, shedding, deadline, maxBodyBytes, millis, ioThreads,
                workerNice, maxQueued);
    }
}
