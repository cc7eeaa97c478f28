package org.recsysbook.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MovieLensTest {
    static Path sample() {
        try {
            return Path.of(MovieLensTest.class.getResource("/movielens/ratings.csv").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static MovieLens load() {
        return MovieLens.load(sample());
    }

    @Test
    void readsTheSampleWithDenseIdsTitlesYearsAndGenres() {
        MovieLens ml = load();
        assertEquals(4, ml.userCount());
        assertEquals(5, ml.itemCount());
        assertEquals(11, ml.ratingCount());
        assertEquals(1, ml.userId(0));
        assertEquals(12, ml.userId(3));
        assertEquals(2, ml.movieId(0));
        assertEquals(50, ml.movieId(4));
        assertEquals(3, ml.item(10));
        assertEquals(-1, ml.item(99));
        assertEquals("Grumpier Old Men, The", ml.title(1));
        assertEquals(1995, ml.year(1));
        assertEquals("Babylon 5", ml.title(2));
        assertEquals(0, ml.year(2));
        assertEquals("Usual Suspects, The \"Director's Cut\"", ml.title(4));
        assertEquals(List.of("Adventure", "Children", "Fantasy"), ml.genres(0));
        assertEquals(List.of(), ml.genres(2));
        assertEquals(List.of("Action", "Adventure", "Adventure", "Children", "Comedy", "Crime", "Fantasy", "Mystery",
                "Romance", "Thriller").stream().distinct().toList(), List.of(ml.genreNames()));
    }

    @Test
    void keepsEachUsersRatingsInTimeOrderWithTiesByItem() {
        Interactions r = load().ratings();
        // user 1 (dense 0): movies 10 and 50 at the same second, then 3, then 2
        assertArrayEquals(new int[] {3, 4, 1, 0}, r.items(0));
        assertArrayEquals(new float[] {5.0f, 4.5f, 0.5f, 1.0f}, r.ratings(0));
        assertArrayEquals(new int[] {0, 1, 3, 4}, r.sortedItems(0));
        // user 12 (dense 3): movie 2 first, then 7 and 10 at the same second
        assertArrayEquals(new int[] {0, 2, 3}, r.items(3));
        assertArrayEquals(new int[] {3, 3, 1, 2, 2}, r.itemCounts());
        assertTrue(r.contains(2, 4));
    }

    @Test
    void loadsOneHundredThousandRatings(@TempDir Path dir) throws IOException {
        StringBuilder movies = new StringBuilder(MovieLens.MOVIES_HEADER + "\n");
        for (int m = 1; m <= 2000; m++) {
            movies.append(m).append(",Movie ").append(m).append(" (2001),Drama|Comedy\n");
        }
        StringBuilder ratings = new StringBuilder(MovieLens.RATINGS_HEADER + "\n");
        for (int e = 0; e < 100_000; e++) {
            int user = 1 + e / 150;
            ratings.append(user).append(',').append(1 + (e * 7919) % 2000 / 1).append(',').append("3.5,")
                    .append(1_000_000_000L + e).append('\n');
        }
        Files.writeString(dir.resolve("movies.csv"), movies);
        Files.writeString(dir.resolve("ratings.csv"), ratings);
        MovieLens ml = MovieLens.load(dir); // its time is printed by ./workbook bench movielens, not asserted here
        assertEquals(100_000, ml.ratingCount());
        assertEquals(667, ml.userCount());
        assertEquals(150, ml.ratings().count(0));
    }

    private static MovieLensFormatException bad(Path dir, String ratings) throws IOException {
        Files.createDirectories(dir);
        Files.copy(sample().resolve("movies.csv"), dir.resolve("movies.csv"));
        Files.writeString(dir.resolve("ratings.csv"), ratings);
        return assertThrows(MovieLensFormatException.class, () -> MovieLens.load(dir));
    }

    @Test
    void wrongColumnsNameTheHeader(@TempDir Path dir) throws IOException {
        MovieLensFormatException e = bad(dir, "userId,movieId,rating\n1,2,3.0\n");
        assertEquals(1, e.line());
        assertTrue(e.getMessage().contains("ratings.csv, line 1"), e.getMessage());
        assertTrue(e.getMessage().contains("expected the columns userId,movieId,rating,timestamp"), e.getMessage());
    }

    @Test
    void aNonNumericRatingNamesTheLine(@TempDir Path dir) throws IOException {
        MovieLensFormatException e = bad(dir, MovieLens.RATINGS_HEADER + "\n1,2,3.0,964982703\n1,3,good,964982703\n");
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("rating is \"good\"; expected a number in [0.5, 5]"), e.getMessage());
    }

    @Test
    void aRatingOutOfRangeIsRefused(@TempDir Path dir) throws IOException {
        MovieLensFormatException e = bad(dir, MovieLens.RATINGS_HEADER + "\n1,2,7,964982703\n");
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("rating is 7"), e.getMessage());
    }

    @Test
    void aTimestampOutOfRangeNamesTheLine(@TempDir Path dir) throws IOException {
        MovieLensFormatException e = bad(dir, MovieLens.RATINGS_HEADER + "\n1,2,3.0,964982703\n\n2,2,3.0,-5\n");
        assertEquals(4, e.line());
        assertTrue(e.getMessage().contains("timestamp is -5, out of range"), e.getMessage());
        MovieLensFormatException late = bad(dir.resolve("late"), MovieLens.RATINGS_HEADER
                + "\n1,2,3.0,99999999999\n");
        assertTrue(late.getMessage().contains("before the year 2100"), late.getMessage());
    }

    @Test
    void tooFewOrTooManyFieldsAreRefused(@TempDir Path dir) throws IOException {
        MovieLensFormatException e = bad(dir, MovieLens.RATINGS_HEADER + "\n1,2,3.0\n");
        assertTrue(e.getMessage().contains("has 3 fields; expected 4"), e.getMessage());
        MovieLensFormatException more = bad(dir.resolve("more"), MovieLens.RATINGS_HEADER + "\n1,2,3.0,5,6\n");
        assertTrue(more.getMessage().contains("more than 4 fields"), more.getMessage());
    }

    @Test
    void aMovieMissingFromTheCatalogOrRatedTwiceIsRefused(@TempDir Path dir) throws IOException {
        MovieLensFormatException e = bad(dir, MovieLens.RATINGS_HEADER + "\n1,999,3.0,964982703\n");
        assertTrue(e.getMessage().contains("movieId 999 is not in"), e.getMessage());
        MovieLensFormatException twice = bad(dir.resolve("twice"), MovieLens.RATINGS_HEADER
                + "\n1,2,3.0,964982703\n1,3,3.0,964982703\n1,2,4.0,964982800\n");
        assertEquals(4, twice.line());
        assertTrue(twice.getMessage().contains("rates movie 2 again (first on line 2)"), twice.getMessage());
    }

    @Test
    void aFileWithoutRatingsOrMissingIsRefused(@TempDir Path dir) throws IOException {
        MovieLensFormatException e = bad(dir, MovieLens.RATINGS_HEADER + "\n");
        assertTrue(e.getMessage().contains("holds no ratings"), e.getMessage());
        MovieLensFormatException missing = assertThrows(MovieLensFormatException.class,
                () -> MovieLens.load(dir.resolve("nowhere")));
        assertTrue(missing.getMessage().contains("file not found"), missing.getMessage());
    }

    @Test
    void aBadMoviesFileNamesItsLine(@TempDir Path dir) throws IOException {
        Files.copy(sample().resolve("ratings.csv"), dir.resolve("ratings.csv"));
        Files.writeString(dir.resolve("movies.csv"), MovieLens.MOVIES_HEADER + "\n2,\"Jumanji (1995),Adventure\n");
        MovieLensFormatException e = assertThrows(MovieLensFormatException.class, () -> MovieLens.load(dir));
        assertTrue(e.getMessage().contains("movies.csv, line 2"), e.getMessage());
        assertTrue(e.getMessage().contains("closing quote"), e.getMessage());
    }
}
