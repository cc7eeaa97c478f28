package org.recsysbook.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recsysbook.retrieval.HnswIndex;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** The resident search the peer benchmark interleaves with FAISS's: its protocol, its figures and its refusals. */
class PeerSearchServerTest {
    private static final int N = 3000;
    private static final int DIM = 16;
    private static final int QUERIES = 12;
    private static final int K = 100;

    /** Writes items.f32, queries.f32 (unit length) and the exact top-100 as truth.i32, as RetrievalBench --peer does.
     */
    private static float[] writeData(Path dir, long seed) throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] items = new float[N * DIM];
        for (int i = 0; i < N; i++) {
            unitRow(items, i, rng);
        }
        float[] queries = new float[QUERIES * DIM];
        for (int u = 0; u < QUERIES; u++) {
            unitRow(queries, u, rng);
        }
        ByteBuffer truth = ByteBuffer.allocate(QUERIES * K * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int u = 0; u < QUERIES; u++) {
            Integer[] order = new Integer[N];
            double[] score = new double[N];
            for (int i = 0; i < N; i++) {
                order[i] = i;
                for (int j = 0; j < DIM; j++) {
                    score[i] += (double) queries[u * DIM + j] * items[i * DIM + j];
                }
            }
            Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a]));
            for (int i = 0; i < K; i++) {
                truth.putInt(order[i]);
            }
        }
        Files.write(dir.resolve("items.f32"), bytes(items));
        Files.write(dir.resolve("queries.f32"), bytes(queries));
        Files.write(dir.resolve("truth.i32"), truth.array());
        return items;
    }

    private static void unitRow(float[] rows, int r, SplittableRandom rng) {
        double norm = 0;
        for (int j = 0; j < DIM; j++) {
            float x = (float) rng.nextGaussian();
            rows[r * DIM + j] = x;
            norm += (double) x * x;
        }
        for (int j = 0; j < DIM; j++) {
            rows[r * DIM + j] /= (float) Math.sqrt(norm);
        }
    }

    private static byte[] bytes(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return b.array();
    }

    private static List<String> serve(Path dir, Path graph, String commands) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PeerSearchServer.serve(dir, DIM, graph, new BufferedReader(new StringReader(commands)),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void timesEveryQueryAndScoresItsRecallAgainstTheExactAnswers(@TempDir Path dir) throws IOException {
        float[] items = writeData(dir, 7);
        Path graph = dir.resolve("graph.hnsw");
        HnswIndex.builder(items, DIM).threads(1).int8(false).cacheFile(graph).build(); // written, as the bench's run
        List<String> lines = serve(dir, graph, "search f32 100\nsearch int8 300\nsearch f32 " + N + "\nquit\n"
                + "search f32 100\n");
        assertTrue(lines.get(0).startsWith("ready {\"items\": " + N + ", \"queries\": " + QUERIES), lines.get(0));
        assertEquals(4, lines.size(), "ready, three results, and nothing after quit: " + lines);
        double[] meanRecall = new double[3];
        for (int r = 0; r < 3; r++) {
            String line = lines.get(r + 1);
            assertTrue(line.startsWith("result "), line);
            JsonObject result = JsonParser.parseString(line.substring("result ".length())).getAsJsonObject();
            for (String key : new String[] {"wall_ns", "cpu_ns", "recall"}) {
                assertEquals(QUERIES, result.getAsJsonArray(key).size(), key);
            }
            JsonArray wall = result.getAsJsonArray("wall_ns");
            for (int u = 0; u < QUERIES; u++) {
                assertTrue(wall.get(u).getAsLong() > 0, "a query takes time");
            }
            for (var v : result.getAsJsonArray("recall")) {
                meanRecall[r] += v.getAsDouble() / QUERIES;
            }
        }
        assertTrue(meanRecall[0] > 0.8 && meanRecall[0] < 1, "ef 100 on 3,000 random vectors: " + meanRecall[0]);
        assertTrue(meanRecall[1] > meanRecall[0], "a wider beam on codes re-scored: " + Arrays.toString(meanRecall));
        assertEquals(1.0, meanRecall[2], 1e-12, "ef = n visits every node: the exact answers");
    }

    @Test
    void refusesAMissingOrForeignGraphAndAnUnknownCommand(@TempDir Path dir) throws IOException {
        float[] items = writeData(dir, 7);
        Path graph = dir.resolve("graph.hnsw");
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> serve(dir, graph, "quit\n"));
        assertTrue(missing.getMessage().contains("GRAPH_FILE"), missing.getMessage());
        float[] other = items.clone();
        other[0] = -other[0];
        HnswIndex.builder(other, DIM).threads(1).int8(false).cacheFile(graph).build();
        IllegalStateException foreign = assertThrows(IllegalStateException.class, () -> serve(dir, graph, "quit\n"));
        assertTrue(foreign.getMessage().contains("cacheOnly"), foreign.getMessage());
        HnswIndex.builder(items, DIM).threads(1).int8(false).cacheFile(graph).build(); // the right one, over it
        assertEquals(4, serve(dir, graph, "search f32 100\nsearch int8 100\nsearch f32 100\n").size(),
                "the end of the input ends it too");
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> serve(dir, graph, "search fp16 100\n"));
        assertTrue(unknown.getMessage().contains("search f32|int8 EF"), unknown.getMessage());
    }
}
