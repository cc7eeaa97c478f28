package org.recsysbook.metrics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The item feature vectors of the seed's metrics demo ({@code item_features}, 50 items × 10 features, unit
 * length), which its diversity example ranks; kept here because they come from numpy's random stream.
 *
 * <p>The seed draws them with {@code np.random.seed(42); np.random.randn(50, 10)} and scales each row to unit
 * length. Java cannot reproduce numpy's generator, so {@link #numpyItemFeatures()} returns the values the
 * seed's code produces, stored once as a resource, and {@link #itemFeatures(long)} draws a fresh set the same
 * way from a Java generator for experiments of one's own.
 */
public final class SeedMetricsDemo {
    /** The seed's catalog size in the diversity and coverage examples. */
    public static final int N_ITEMS = 50;
    /** The seed's feature dimension. */
    public static final int DIM = 10;

    private SeedMetricsDemo() { }

    /** The seed's {@code item_features} exactly as numpy draws them with seed 42 (row i is item i). */
    public static double[][] numpyItemFeatures() {
        String name = "seed-item-features.csv";
        try (InputStream in = SeedMetricsDemo.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the class path");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<double[]> rows = new ArrayList<>();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split(",");
                double[] row = new double[cells.length];
                for (int j = 0; j < cells.length; j++) {
                    row[j] = Double.parseDouble(cells[j]);
                }
                rows.add(row);
            }
            return rows.toArray(new double[0][]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** 50 × 10 standard-normal features scaled to unit length, drawn from {@code SplittableRandom(seed)}. */
    public static double[][] itemFeatures(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] f = new double[N_ITEMS][DIM];
        for (double[] row : f) {
            double s = 0;
            for (int j = 0; j < DIM; j++) {
                row[j] = rng.nextGaussian();
                s += row[j] * row[j];
            }
            double norm = Math.sqrt(s);
            for (int j = 0; j < DIM; j++) {
                row[j] /= norm;
            }
        }
        return f;
    }
}
