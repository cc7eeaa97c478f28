package org.recsysbook.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The MovieLens ratings published by GroupLens (grouplens.org/datasets/movielens), read from the two CSV files
 * of their format: the real interactions the chapter's "Building a recommendation model is one thing" asks a
 * model to be built from.
 *
 * <p>{@code ratings.csv} has the header {@code userId,movieId,rating,timestamp} and one rating per line (a
 * half-star rating in [0.5, 5], seconds since 1970); {@code movies.csv} has {@code movieId,title,genres}, the title
 * ending in its year in parentheses and the genres separated by {@code |} ({@code (no genres listed)} for none),
 * a field with a comma in double quotes. Users and movies get dense ids {@code 0 … n-1} in ascending order of their
 * GroupLens ids; every movie of {@code movies.csv} is in the catalog, rated or not.
 *
 * <p>Reading is all or nothing: a missing file, a wrong header, a line with the wrong number of fields, a
 * non-numeric or out-of-range value, a rating of a movie {@code movies.csv} does not list, the same user rating the
 * same movie twice or a file without ratings throws a {@link MovieLensFormatException} naming the file, the line and
 * what was expected, and no object is made. Parsing is hand-written (a field splitter that understands quotes)
 * because the format is simple and a CSV library would cost more than it saves; 100,000 ratings load in well under
 * a second.
 *
 * <p>Where the files come from: {@code ./workbook setup} exports them once from the Debian package
 * {@code r-cran-dslabs} (or conda-forge's {@code r-dslabs}) into {@code build/data/movielens/}; the environment
 * variable {@code WORKBOOK_MOVIELENS} may name any unpacked GroupLens download instead (see {@link #locate()}). The
 * data's licence belongs to GroupLens.
 */
public final class MovieLens {
    /** The environment variable (or system property {@code workbook.movielens}) naming a data directory. */
    public static final String ENVIRONMENT_VARIABLE = "WORKBOOK_MOVIELENS";
    static final String RATINGS_HEADER = "userId,movieId,rating,timestamp";
    static final String MOVIES_HEADER = "movieId,title,genres";
    /** Timestamps must lie in [0, 4102444800): from 1970 up to 2100. */
    static final long MAX_TIMESTAMP = 4_102_444_800L;

    private final int[] userIds;
    private final int[] movieIds;
    private final String[] titles;
    private final int[] years;
    private final String[] genreNames;
    private final int[] genreMasks;
    private final Interactions ratings;
    private final String source;

    private MovieLens(int[] userIds, int[] movieIds, String[] titles, int[] years, String[] genreNames,
                      int[] genreMasks, Interactions ratings, String source) {
        this.userIds = userIds;
        this.movieIds = movieIds;
        this.titles = titles;
        this.years = years;
        this.genreNames = genreNames;
        this.genreMasks = genreMasks;
        this.ratings = ratings;
        this.source = source;
    }

    /** Reads {@code ratings.csv} and {@code movies.csv} from {@code directory}. */
    public static MovieLens load(Path directory) {
        if (directory == null) {
            throw new IllegalArgumentException("directory must not be null");
        }
        return read(directory.resolve("ratings.csv"), directory.resolve("movies.csv"));
    }

    /**
     * The data directory to use: {@code WORKBOOK_MOVIELENS} (environment variable or system property
     * {@code workbook.movielens}) when set, else the first {@code build/data/movielens} holding a
     * {@code ratings.csv} in the working directory or one of its parents (a notebook runs in {@code notebooks/}).
     *
     * @throws IllegalStateException with a message saying how to get the data when none is found
     */
    public static Path locate() {
        String given = System.getProperty("workbook.movielens", System.getenv(ENVIRONMENT_VARIABLE));
        if (given != null && !given.isBlank()) {
            Path p = Path.of(given);
            if (!Files.isRegularFile(p.resolve("ratings.csv")) || !Files.isRegularFile(p.resolve("movies.csv"))) {
                throw new IllegalStateException(ENVIRONMENT_VARIABLE + " is " + given + ", which holds no ratings.csv"
                        + " and movies.csv; point it at an unpacked GroupLens download such as ml-latest-small");
            }
            return p;
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path p = d.resolve("build").resolve("data").resolve("movielens");
            if (Files.isRegularFile(p.resolve("ratings.csv"))) {
                return p;
            }
        }
        throw new IllegalStateException("no MovieLens data found: run ./workbook setup (on Debian or Ubuntu it "
                + "installs r-cran-dslabs and exports its MovieLens ratings to build/data/movielens/; with conda, "
                + "environment.yml brings r-dslabs), or download ml-latest-small.zip from "
                + "https://grouplens.org/datasets/movielens/, unpack it and set " + ENVIRONMENT_VARIABLE
                + " to its directory");
    }

    /** {@link #load} of {@link #locate()}. */
    public static MovieLens load() {
        return load(locate());
    }

    /** Reads the two files; see the class comment for the format and the errors. */
    public static MovieLens read(Path ratingsFile, Path moviesFile) {
        if (ratingsFile == null || moviesFile == null) {
            throw new IllegalArgumentException("ratingsFile and moviesFile must not be null");
        }
        Movies movies = readMovies(moviesFile);
        Map<Integer, Integer> movieIndex = new HashMap<>(movies.ids.length * 2);
        for (int i = 0; i < movies.ids.length; i++) {
            movieIndex.put(movies.ids[i], i);
        }
        String name = ratingsFile.toString();
        int capacity = 1 << 16;
        int[] rawUsers = new int[capacity];
        int[] items = new int[capacity];
        long[] times = new long[capacity];
        float[] values = new float[capacity];
        long[] lineOf = new long[capacity];
        int n = 0;
        try (BufferedReader in = open(ratingsFile)) {
            header(in, name, RATINGS_HEADER);
            String line;
            long number = 1;
            String[] f = new String[4];
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                fields(line, f, name, number, RATINGS_HEADER);
                int user = parseInt(f[0], "userId", name, number);
                if (user < 0) {
                    throw new MovieLensFormatException(name, number, "userId is " + user + "; expected an id >= 0");
                }
                int movie = parseInt(f[1], "movieId", name, number);
                Integer item = movieIndex.get(movie);
                if (item == null) {
                    throw new MovieLensFormatException(name, number, "movieId " + movie + " is not in "
                            + moviesFile + "; every rated movie must be listed there");
                }
                float rating = parseRating(f[2], name, number);
                long time = parseTimestamp(f[3], name, number);
                if (n == rawUsers.length) {
                    int c = 2 * n;
                    rawUsers = Arrays.copyOf(rawUsers, c);
                    items = Arrays.copyOf(items, c);
                    times = Arrays.copyOf(times, c);
                    values = Arrays.copyOf(values, c);
                    lineOf = Arrays.copyOf(lineOf, c);
                }
                rawUsers[n] = user;
                items[n] = item;
                times[n] = time;
                values[n] = rating;
                lineOf[n] = number;
                n++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + name, e);
        }
        if (n == 0) {
            throw new MovieLensFormatException(name, 0, "holds no ratings; expected at least one line after the "
                    + "header " + RATINGS_HEADER);
        }
        int[] distinct = Arrays.copyOf(rawUsers, n);
        Arrays.sort(distinct);
        int users = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || distinct[i] != distinct[i - 1]) {
                distinct[users++] = distinct[i];
            }
        }
        int[] userIds = Arrays.copyOf(distinct, users);
        int[] dense = new int[n];
        for (int e = 0; e < n; e++) {
            dense[e] = Arrays.binarySearch(userIds, rawUsers[e]);
        }
        Interactions all;
        try {
            all = Interactions.of(users, movies.ids.length, dense, Arrays.copyOf(items, n), Arrays.copyOf(times, n),
                    Arrays.copyOf(values, n));
        } catch (IllegalArgumentException twice) {
            throw duplicate(name, dense, items, lineOf, n, userIds, movies.ids);
        }
        return new MovieLens(userIds, movies.ids, movies.titles, movies.years, movies.genreNames, movies.genreMasks,
                all, ratingsFile.toAbsolutePath().getParent() == null ? name
                        : ratingsFile.toAbsolutePath().getParent().toString());
    }

    /** The error for the first repeated (user, movie) pair, found again with its two lines. */
    private static MovieLensFormatException duplicate(String name, int[] users, int[] items, long[] lineOf, int n,
                                                      int[] userIds, int[] movieIds) {
        Map<Long, Long> first = new HashMap<>();
        for (int e = 0; e < n; e++) {
            long key = ((long) users[e] << 32) | items[e];
            Long earlier = first.putIfAbsent(key, lineOf[e]);
            if (earlier != null) {
                return new MovieLensFormatException(name, lineOf[e], "user " + userIds[users[e]] + " rates movie "
                        + movieIds[items[e]] + " again (first on line " + earlier + "); expected one rating per "
                        + "user and movie");
            }
        }
        return new MovieLensFormatException(name, 0, "holds a repeated (user, movie) pair");
    }

    private record Movies(int[] ids, String[] titles, int[] years, String[] genreNames, int[] genreMasks) {
    }

    private static Movies readMovies(Path file) {
        String name = file.toString();
        List<String[]> rows = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        try (BufferedReader in = open(file)) {
            header(in, name, MOVIES_HEADER);
            String line;
            long number = 1;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = new String[3];
                fields(line, f, name, number, MOVIES_HEADER);
                rows.add(f);
                lines.add(number);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + name, e);
        }
        if (rows.isEmpty()) {
            throw new MovieLensFormatException(name, 0, "lists no movies; expected at least one line after the "
                    + "header " + MOVIES_HEADER);
        }
        int m = rows.size();
        int[] raw = new int[m];
        for (int i = 0; i < m; i++) {
            raw[i] = parseInt(rows.get(i)[0], "movieId", name, lines.get(i));
        }
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(raw[a], raw[b]));
        int[] ids = new int[m];
        String[] titles = new String[m];
        int[] years = new int[m];
        int[] masks = new int[m];
        Map<String, Integer> genres = new LinkedHashMap<>();
        for (int d = 0; d < m; d++) {
            int i = order[d];
            long number = lines.get(i);
            ids[d] = raw[i];
            if (d > 0 && ids[d] == ids[d - 1]) {
                throw new MovieLensFormatException(name, number, "movieId " + ids[d] + " is listed twice; expected "
                        + "each movie once");
            }
            String title = rows.get(i)[1].strip();
            int year = 0;
            if (title.length() >= 6 && title.endsWith(")") && title.charAt(title.length() - 6) == '(') {
                String y = title.substring(title.length() - 5, title.length() - 1);
                if (y.chars().allMatch(Character::isDigit)) {
                    year = Integer.parseInt(y);
                    title = title.substring(0, title.length() - 6).strip();
                }
            }
            titles[d] = title;
            years[d] = year;
            String g = rows.get(i)[2].strip();
            if (!g.isEmpty() && !g.equals("(no genres listed)")) {
                for (String genre : g.split("\\|")) {
                    Integer bit = genres.get(genre);
                    if (bit == null) {
                        if (genres.size() == 31) {
                            throw new MovieLensFormatException(name, number, "genre " + genre + " is the 32nd "
                                    + "distinct genre; expected at most 31");
                        }
                        bit = genres.size();
                        genres.put(genre, bit);
                    }
                    masks[d] |= 1 << bit;
                }
            }
        }
        // genre names in alphabetical order, masks renumbered to match
        String[] names = genres.keySet().toArray(new String[0]);
        String[] sortedNames = names.clone();
        Arrays.sort(sortedNames);
        int[] newBit = new int[names.length];
        for (int b = 0; b < names.length; b++) {
            newBit[b] = Arrays.binarySearch(sortedNames, names[b]);
        }
        for (int d = 0; d < m; d++) {
            int old = masks[d];
            int mask = 0;
            for (int b = 0; b < names.length; b++) {
                if ((old & (1 << b)) != 0) {
                    mask |= 1 << newBit[b];
                }
            }
            masks[d] = mask;
        }
        return new Movies(ids, titles, years, sortedNames, masks);
    }

    private static BufferedReader open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new MovieLensFormatException(file.toString(), 0, "file not found; expected a GroupLens CSV file "
                    + "there (see MovieLens.locate() for where the data comes from)");
        }
        return Files.newBufferedReader(file, StandardCharsets.UTF_8);
    }

    private static void header(BufferedReader in, String name, String expected) throws IOException {
        String h = in.readLine();
        if (h != null && !h.isEmpty() && h.charAt(0) == '\uFEFF') {
            h = h.substring(1);
        }
        if (h == null || !h.strip().equals(expected)) {
            throw new MovieLensFormatException(name, 1, "header is " + (h == null ? "missing (empty file)"
                    : "\"" + h + "\"") + "; expected the columns " + expected);
        }
    }

    /** Splits a CSV line into exactly {@code out.length} fields, double quotes around a field allowed. */
    static void fields(String line, String[] out, String name, long number, String header) {
        int field = 0;
        int i = 0;
        int len = line.length();
        while (true) {
            if (field == out.length) {
                throw new MovieLensFormatException(name, number, "has more than " + out.length + " fields; expected "
                        + out.length + " (" + header + ")");
            }
            if (i < len && line.charAt(i) == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                while (true) {
                    if (i >= len) {
                        throw new MovieLensFormatException(name, number, "has a quoted field without its closing "
                                + "quote; expected \"…\" around a field with a comma");
                    }
                    char c = line.charAt(i);
                    if (c == '"') {
                        if (i + 1 < len && line.charAt(i + 1) == '"') {
                            sb.append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    sb.append(c);
                    i++;
                }
                out[field++] = sb.toString();
                if (i < len && line.charAt(i) != ',') {
                    throw new MovieLensFormatException(name, number, "has text after a closing quote; expected a "
                            + "comma there");
                }
            } else {
                int comma = line.indexOf(',', i);
                int end = comma < 0 ? len : comma;
                out[field++] = line.substring(i, end);
                i = end;
            }
            if (i >= len) {
                break;
            }
            i++; // the comma
        }
        if (field != out.length) {
            throw new MovieLensFormatException(name, number, "has " + field + " field" + (field == 1 ? "" : "s")
                    + "; expected " + out.length + " (" + header + ")");
        }
    }

    private static int parseInt(String s, String column, String name, long number) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            throw new MovieLensFormatException(name, number, column + " is \"" + s + "\"; expected a whole number");
        }
    }

    private static float parseRating(String s, String name, long number) {
        float r;
        try {
            r = Float.parseFloat(s.strip());
        } catch (NumberFormatException e) {
            throw new MovieLensFormatException(name, number, "rating is \"" + s + "\"; expected a number in [0.5, 5]");
        }
        if (!(r >= 0.5f && r <= 5f)) {
            throw new MovieLensFormatException(name, number, "rating is " + s.strip() + "; expected a number in "
                    + "[0.5, 5]");
        }
        return r;
    }

    private static long parseTimestamp(String s, String name, long number) {
        long t;
        try {
            t = Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            throw new MovieLensFormatException(name, number, "timestamp is \"" + s + "\"; expected whole seconds "
                    + "since 1970");
        }
        if (t < 0 || t >= MAX_TIMESTAMP) {
            throw new MovieLensFormatException(name, number, "timestamp is " + t + ", out of range; expected seconds"
                    + " since 1970 in [0, " + MAX_TIMESTAMP + ") (before the year 2100)");
        }
        return t;
    }

    // ---- what was read --------------------------------------------------------------------------------------------

    /** Every rating as an implicit interaction, each user's in time order. */
    public Interactions ratings() {
        return ratings;
    }

    public int userCount() {
        return userIds.length;
    }

    public int itemCount() {
        return movieIds.length;
    }

    /** The number of ratings. */
    public int ratingCount() {
        return ratings.size();
    }

    /** The GroupLens userId of dense user {@code u}. */
    public int userId(int u) {
        return userIds[u];
    }

    /** The dense user of a GroupLens userId, or -1 when the ratings hold no such user. */
    public int user(int userId) {
        int u = Arrays.binarySearch(userIds, userId);
        return u >= 0 ? u : -1;
    }

    /** The GroupLens movieId of dense item {@code i}. */
    public int movieId(int i) {
        return movieIds[i];
    }

    /** The dense item id of a GroupLens movieId, or -1 when the catalog does not hold it. */
    public int item(int movieId) {
        int i = Arrays.binarySearch(movieIds, movieId);
        return i >= 0 ? i : -1;
    }

    /** The title without its year. */
    public String title(int i) {
        return titles[i];
    }

    /** The release year from the title, 0 when the title carries none. */
    public int year(int i) {
        return years[i];
    }

    /** Every item's release year (0 = unknown), a copy. */
    public int[] years() {
        return years.clone();
    }

    /** The genre names in alphabetical order; bit {@code g} of a genre mask is {@code genreNames()[g]}. */
    public String[] genreNames() {
        return genreNames.clone();
    }

    /** Item {@code i}'s genres as a bit mask over {@link #genreNames()}. */
    public int genreMask(int i) {
        return genreMasks[i];
    }

    /** Every item's genre mask, a copy. */
    public int[] genreMasks() {
        return genreMasks.clone();
    }

    /**
     * Each item's most specific genre (the index of the one with the fewest movies), or {@code genreNames().length},
     * one shared "none" category, for an item without genres: the category a genre quota counts.
     */
    public int[] primaryGenres() {
        int g = genreNames.length;
        int[] size = new int[g];
        for (int mask : genreMasks) {
            for (int k = 0; k < g; k++) {
                if ((mask & (1 << k)) != 0) {
                    size[k]++;
                }
            }
        }
        int[] out = new int[genreMasks.length];
        for (int i = 0; i < out.length; i++) {
            int best = g;
            for (int k = 0; k < g; k++) {
                if ((genreMasks[i] & (1 << k)) != 0 && (best == g || size[k] < size[best])) {
                    best = k;
                }
            }
            out[i] = best;
        }
        return out;
    }

    /** Item {@code i}'s genre names, in alphabetical order. */
    public List<String> genres(int i) {
        List<String> out = new ArrayList<>();
        for (int g = 0; g < genreNames.length; g++) {
            if ((genreMasks[i] & (1 << g)) != 0) {
                out.add(genreNames[g]);
            }
        }
        return out;
    }

    /** "Title (year)" for tables. */
    public String label(int i) {
        return years[i] > 0 ? titles[i] + " (" + years[i] + ")" : titles[i];
    }

    /** The directory the data was read from. */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "MovieLens[%,d ratings, %,d users, %,d movies, %d genres, from %s]",
                ratingCount(), userCount(), itemCount(), genreNames.length, source);
    }
}
