package org.recsysbook.scale;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.linalg.BLAS$;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.recsysbook.core.Args;
import org.recsysbook.data.Interactions;
import org.recsysbook.retrieval.ImplicitAls;

/**
 * Implicit-feedback ALS (Hu, Koren and Volinsky 2008) trained with Spark MLlib: the chapter's candidate generator
 * trained in batch, as a cluster would train it, here beside the library's {@link ImplicitAls} on the same data.
 *
 * <p>What is the same, read from Spark's {@code ml.recommendation.ALS} ({@code computeFactors}): each interaction
 * (rating 1) adds {@code α y yᵀ} to the row's normal equations and {@code (1 + α) y} to its right-hand side, on top of
 * the shared Gram matrix {@code YᵀY}, exactly the library's confidence {@code 1 + α}; each iteration solves the items
 * from the users, then the users from the items, with a Cholesky solve in doubles; {@code nonnegative} is off. What
 * differs: Spark multiplies {@code regParam} by the number of interactions of the row being solved (the "weighted-λ"
 * of Zhou et al. 2008, {@code λ_u = regParam · n_u}), where the library's default is one {@code λ} for every row; so
 * Spark is trained only with settings in the weighted convention ({@link ImplicitAls.Regularization#WEIGHTED}), which
 * the library also trains, and the two then fit the same objective. {@link #weighted} maps a fixed {@code λ} to the
 * {@code regParam} that gives the same penalty to a user with the mean number of interactions, {@code regParam = λ ·
 * users / nnz}. What still differs: the initial factors (Spark draws each from a unit sphere with its own generator,
 * the library from N(0, 0.01²)) and Spark keeps factors in floats between the solves, so the two agree in quality,
 * not digit for digit.
 *
 * <p>Recommendations follow the library's protocol: a user's training items are left out. Spark's
 * {@code recommendForAllUsers} and {@code recommendForUserSubset} cannot leave anything out, so each user is asked
 * for at least {@code k + n_u} items and the list is filtered, which always leaves {@code k} (see {@link #recommend}).
 */
public final class SparkAls {
    private SparkAls() {
    }

    /** The names of the log's columns, as in the workbook's event schema. */
    public static final String USER = "user_id";
    public static final String ITEM = "item_id";

    /** A trained model and what it cost. */
    public record Trained(ALSModel model, double trainSeconds, double regParam) {
    }

    /** Spark's {@code regParam} for the library's fixed {@code λ} on this many interactions (see the class comment). */
    public static double regParam(double lambda, long interactions, long users) {
        Args.nonNegative("lambda", lambda);
        Args.atLeast("interactions", interactions, 1);
        Args.atLeast("users", users, 1);
        return lambda * users / interactions;
    }

    /**
     * {@code settings} in Spark's convention: unchanged if already weighted, otherwise the fixed {@code λ} mapped by
     * {@link #regParam} on {@code train}.
     */
    public static ImplicitAls.Settings weighted(ImplicitAls.Settings settings, Interactions train) {
        Args.notNull("settings", settings);
        Args.notNull("train", train);
        if (settings.convention() == ImplicitAls.Regularization.WEIGHTED) {
            return settings;
        }
        return settings.withRegularization(regParam(settings.regularization(), Math.max(1, train.size()),
                train.userCount()), ImplicitAls.Regularization.WEIGHTED);
    }

    /** The training interactions as a DataFrame ({@link #USER}, {@link #ITEM}). */
    public static Dataset<Row> frame(SparkSession spark, Interactions train) {
        Args.notNull("spark", spark);
        Args.notNull("train", train);
        List<Row> rows = new ArrayList<>(train.size());
        for (int u = 0; u < train.userCount(); u++) {
            for (int i : train.sortedItemsShared(u)) {
                rows.add(RowFactory.create(u, i));
            }
        }
        StructType schema = new StructType()
                .add(USER, DataTypes.IntegerType, false)
                .add(ITEM, DataTypes.IntegerType, false);
        return spark.createDataFrame(rows, schema);
    }

    /**
     * Trains on {@code log} (columns {@link #USER} and {@link #ITEM}, integers; one row per interaction) whose ids must
     * lie in {@code [0, users)} and {@code [0, items)}, with the settings' factors, iterations, α, seed and
     * {@code regParam} (their regularisation, which must be in Spark's weighted convention: see {@link #weighted}).
     *
     * @throws IllegalArgumentException when the settings' penalty is fixed, a column is missing or not an integer, or
     *                                  an id is out of range
     */
    public static Trained train(Dataset<Row> log, int users, int items, ImplicitAls.Settings settings) {
        Args.notNull("log", log);
        Args.positive("users", users);
        Args.positive("items", items);
        Args.notNull("settings", settings);
        if (settings.convention() != ImplicitAls.Regularization.WEIGHTED) {
            throw Args.fail("settings.convention", settings.convention(), "WEIGHTED: Spark multiplies regParam by "
                    + "each row's interactions (map a fixed λ with SparkAls.weighted)");
        }
        double regParam = settings.regularization();
        LogSchema.requireIntegers(log, "log", USER, ITEM);
        long start = System.nanoTime();
        Row range = log.agg(min(USER), max(USER), min(ITEM), max(ITEM), org.apache.spark.sql.functions.count(lit(1)))
                .first();
        long n = range.getLong(4);
        if (n == 0) {
            throw Args.fail("log", "0 rows", "a log of at least one interaction");
        }
        checkRange("log." + USER, range.getInt(0), range.getInt(1), users, "users");
        checkRange("log." + ITEM, range.getInt(2), range.getInt(3), items, "items");
        double reg = regParam;
        int blocks = log.sparkSession().sparkContext().defaultParallelism() / 2;
        ALS als = new ALS()
                .setImplicitPrefs(true)
                .setRank(settings.factors())
                .setMaxIter(settings.iterations())
                .setRegParam(reg)
                .setAlpha(settings.alpha())
                .setSeed(settings.seed())
                .setNumUserBlocks(blocks)
                .setNumItemBlocks(blocks)
                .setUserCol(USER)
                .setItemCol(ITEM)
                .setRatingCol("confidence");
        ALSModel model = als.fit(log.select(col(USER), col(ITEM), lit(1.0f).as("confidence")));
        // fit is lazy about nothing but the factors' storage: count them so the time covers the whole training
        model.userFactors().count();
        model.itemFactors().count();
        wholePartitionBlocks(model, Math.max(users, items));
        return new Trained(model, (System.nanoTime() - start) / 1e9, reg);
    }

    private static void checkRange(String name, int lo, int hi, int size, String what) {
        if (lo < 0 || hi >= size) {
            int bad = lo < 0 ? lo : hi;
            throw Args.fail(name, bad, String.format(Locale.ROOT, "ids of known %s, in [0, %d)", what, size));
        }
    }

    /** Trains on the library's training interactions with {@code settings} in Spark's convention ({@link #weighted}). */
    public static Trained train(SparkSession spark, Interactions train, ImplicitAls.Settings settings) {
        Args.notNull("train", train);
        Args.notNull("settings", settings);
        return train(frame(spark, train), train.userCount(), train.itemCount(), weighted(settings, train));
    }

    /**
     * Sets {@code model}'s block size for {@code recommendForAllUsers} to {@code rows} (at least every row of its user
     * and item factors), so that each partition of factors is one block. Spark scores each pair of a user block and
     * an item block, keeps each user's top {@code k} of the pair and merges them in a shuffle: with its default 4,096
     * rows a block, 20,000 users and items in two partitions each make 6 × 6 pairs and 6 partial lists a user to
     * merge; whole partitions make 2 × 2 and 2. The lists are the same (the scores are the same products).
     */
    public static ALSModel wholePartitionBlocks(ALSModel model, int rows) {
        Args.notNull("model", model);
        Args.positive("rows", rows);
        return model.setBlockSize(rows);
    }

    /**
     * The top {@code k} of each of {@code users}, the user's training items left out; {@code out[j]} is
     * {@code users[j]}'s list (shorter only when the catalog runs out). One Spark job scores every user of
     * {@code users} against all items as {@code recommendForAllUsers} does (the same single-precision matrix-vector
     * product of its BLAS, ties broken the same way: the higher item id first), keeps user {@code u}'s best
     * {@code k + n_u} and leaves out the training items: always {@code k} left. Spark's {@code recommendForUserSubset}
     * takes one list length for every user it is asked about, so it needs a job per length, or every user asked for
     * as many as the heaviest one needs.
     */
    public static int[][] recommend(ALSModel model, Interactions train, int[] users, int k) {
        Args.notNull("model", model);
        Args.notNull("train", train);
        Args.notNull("users", users);
        Args.positive("k", k);
        List<Row> asks = new ArrayList<>(users.length);
        for (int user : users) {
            int u = Args.index("users", user, train.userCount(), "users");
            asks.add(RowFactory.create(u, (int) Math.min(train.itemCount(), (long) k + train.count(u))));
        }
        List<Row> itemRows = model.itemFactors().collectAsList();
        int rank = model.rank();
        int[] itemIds = new int[itemRows.size()];
        float[] itemMatrix = new float[itemRows.size() * rank];
        for (int j = 0; j < itemIds.length; j++) {
            itemIds[j] = itemRows.get(j).getInt(0);
            List<Float> f = itemRows.get(j).getList(1);
            for (int r = 0; r < rank; r++) {
                itemMatrix[j * rank + r] = f.get(r);
            }
        }
        SparkSession spark = model.userFactors().sparkSession();
        StructType askSchema = new StructType().add(USER, DataTypes.IntegerType, false)
                .add("ask", DataTypes.IntegerType, false);
        Dataset<Row> wanted = model.userFactors()
                .join(functions.broadcast(spark.createDataFrame(asks, askSchema)), col("id").equalTo(col(USER)))
                .select(col(USER), col("features"), col("ask"));
        StructType out = new StructType().add(USER, DataTypes.IntegerType, false)
                .add("items", DataTypes.createArrayType(DataTypes.IntegerType, false), false);
        int[][] byUser = new int[train.userCount()][];
        for (Row r : wanted.mapPartitions(new TopScores(itemIds, itemMatrix, rank), Encoders.row(out))
                .collectAsList()) {
            int u = r.getInt(0);
            List<Integer> ranked = r.getList(1);
            int[] top = new int[k];
            int m = 0;
            for (int j = 0; j < ranked.size() && m < k; j++) {
                int item = ranked.get(j);
                if (!train.contains(u, item)) {
                    top[m++] = item;
                }
            }
            byUser[u] = Arrays.copyOf(top, m);
        }
        int[][] lists = new int[users.length][];
        for (int j = 0; j < users.length; j++) {
            lists[j] = byUser[users[j]] == null ? new int[0] : byUser[users[j]];
        }
        return lists;
    }

    /** A task of {@link #recommend}: each user's best {@code ask} items of the item factors it carries, best first. */
    private static final class TopScores implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final int[] itemIds;
        private final float[] itemMatrix;
        private final int rank;

        TopScores(int[] itemIds, float[] itemMatrix, int rank) {
            this.itemIds = itemIds;
            this.itemMatrix = itemMatrix;
            this.rank = rank;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            int n = itemIds.length;
            float[] scores = new float[n];
            long[] keys = new long[n];
            List<Row> out = new ArrayList<>();
            while (rows.hasNext()) {
                Row r = rows.next();
                List<Float> f = r.getList(1);
                float[] user = new float[rank];
                for (int j = 0; j < rank; j++) {
                    user[j] = f.get(j);
                }
                BLAS$.MODULE$.javaBLAS().sgemv("T", rank, n, 1f, itemMatrix, 0, rank, user, 0, 1, 0f, scores, 0, 1);
                for (int j = 0; j < n; j++) {
                    // ascending keys: by score, then by item id; read from the end, best first
                    int bits = Float.floatToIntBits(scores[j]);
                    long sortable = bits ^ ((bits >> 31) & 0x7fffffff);
                    keys[j] = (sortable << 32) | (itemIds[j] & 0xffffffffL);
                }
                Arrays.sort(keys);
                int ask = r.getInt(2);
                Integer[] best = new Integer[Math.min(ask, n)];
                for (int j = 0; j < best.length; j++) {
                    best[j] = (int) keys[n - 1 - j];
                }
                out.add(RowFactory.create(r.getInt(0), best));
            }
            return out.iterator();
        }
    }
}
