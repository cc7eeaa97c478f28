package org.recsysbook.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recsysbook.abtest.Comparison;
import org.recsysbook.bandit.StochasticPolicy;
import org.recsysbook.bandit.offpolicy.DoublyRobust;
import org.recsysbook.bandit.offpolicy.InversePropensityScoring;
import org.recsysbook.bandit.offpolicy.LoggedBandit;
import org.recsysbook.bandit.offpolicy.RewardModel;
import org.recsysbook.bandit.offpolicy.SelfNormalizedIps;

import tech.tablesaw.api.Table;

/**
 * The loop end to end, small: a pre-period, an A/B test, a day of broken logging, a day of exploration and a new
 * policy served; every figure read from the store in SQL. The notebook runs the same at a larger size.
 */
class LiveExperimentTest {
    @TempDir
    Path dir;

    static final String PER_USER = """
            WITH exp AS (
              SELECT i.user_id, i.arm, count(*) AS impressions, count(c.request_id) AS clicks
              FROM impressions i LEFT JOIN clicks c USING (request_id, item_id)
              WHERE CAST(i.ts AS DATE) BETWEEN ? AND ?
              GROUP BY i.user_id, i.arm),
            pre AS (
              SELECT i.user_id, count(c.request_id) AS pre_clicks
              FROM impressions i LEFT JOIN clicks c USING (request_id, item_id)
              WHERE CAST(i.ts AS DATE) BETWEEN ? AND ?
              GROUP BY i.user_id)
            SELECT exp.*, coalesce(pre.pre_clicks, 0) AS pre_clicks,
                   CAST(hash('bucket/' || exp.user_id) % 40 AS INTEGER) AS bucket
            FROM exp LEFT JOIN pre USING (user_id)""";

    static final String USERS_PER_DAY = """
            SELECT CAST(ts AS DATE) AS day,
                   count(DISTINCT user_id) FILTER (WHERE arm = 'control') AS control,
                   count(DISTINCT user_id) FILTER (WHERE arm = 'treatment') AS treatment
            FROM impressions GROUP BY day ORDER BY day""";

    static final String AA_SPLITS = """
            SELECT s.salt, i.user_id,
                   CASE WHEN hash('aa/' || s.salt || '/' || i.user_id) % 2 = 0 THEN 'control' ELSE 'treatment' END AS arm,
                   count(*) AS impressions, count(c.request_id) AS clicks
            FROM impressions i LEFT JOIN clicks c USING (request_id, item_id)
                 CROSS JOIN range(?) AS s(salt)
            WHERE CAST(i.ts AS DATE) BETWEEN ? AND ?
            GROUP BY s.salt, i.user_id""";

    static final String EXPLORED = """
            SELECT i.item_id, CAST(c.request_id IS NOT NULL AS INTEGER) AS clicked, i.propensity
            FROM impressions i LEFT JOIN clicks c USING (request_id, item_id)
            WHERE i.explored AND epoch_ms(i.ts) >= ? AND epoch_ms(i.ts) < ?
            ORDER BY i.ts, i.request_id""";

    @Test
    void theLoopEndToEnd() throws Exception {
        long t0 = System.nanoTime();
        try (LiveExperiment x = LiveExperiment.start(dir.resolve("events.duckdb"), 3000, 2000, 11)) {
            TrafficSimulator sim = x.simulator(2, 5);
            x.treatmentServesControl(true);
            long acked = 0;
            long shown = 0;
            for (int d = 7; d >= 6; d--) {
                TrafficSimulator.Day day = sim.playDay(x.day(d), 2000, 10);
                acked += day.clicksAcknowledged();
                shown += day.impressionsShown();
                assertEquals(0, day.clicksRefused());
            }
            x.treatmentServesControl(false);
            for (int d = 5; d >= 3; d--) {
                TrafficSimulator.Day day = sim.playDay(x.day(d), 2500, 10);
                acked += day.clicksAcknowledged();
                shown += day.impressionsShown();
            }
            try (Connection c = x.connection()) {
                assertEquals(acked, x.store().count(org.recsysbook.serving.Event.Type.CLICK),
                        "the store holds exactly the clicks the simulator saw acknowledged");
                long logged = x.store().count(org.recsysbook.serving.Event.Type.IMPRESSION);
                // The service logs what it answered; an answer lost on the way (the HTTP client retries a GET whose
                // connection closed) is logged and not shown. Rare, never the other way round.
                assertTrue(logged >= shown && logged <= shown + shown / 1000, logged + " logged, " + shown + " shown");
                System.out.printf("A/B traffic: %.1f s, %d logged, %d shown%n", (System.nanoTime() - t0) / 1e9,
                        logged, shown);
            }
            x.loop().breakLogging("treatment", 0.3);
            sim.playDay(x.day(2), 3000, 10);
            x.loop().breakLogging("treatment", 0);
            System.out.printf("traffic: %.1f s%n", (System.nanoTime() - t0) / 1e9);

            int[] pool = x.explorationPool(8);
            ThompsonSlot slot = ThompsonSlot.of(pool, 3, 3);
            x.loop().exploration(slot);
            long half = x.day(1) + org.recsysbook.experiment.SimulatedClock.DAY_MILLIS / 2;
            sim.play(x.day(1), half - x.day(1), 3000, 10);
            System.out.printf("exploration: %.1f s; pi %s%n", (System.nanoTime() - t0) / 1e9,
                    java.util.Arrays.toString(slot.probabilities()));

            try (Connection c = x.connection()) {
                Table srm = ExperimentAnalysis.srmByDay(ExperimentAnalysis.query(c, USERS_PER_DAY));
                System.out.println(srm.print());
                assertEquals("MISMATCH", srm.stringColumn("verdict").get(5), "day 2's broken logging is found");
                for (int i = 0; i < 5; i++) {
                    assertEquals("ok", srm.stringColumn("verdict").get(i));
                }
                Table users = ExperimentAnalysis.query(c, PER_USER, x.date(5), x.date(3), x.date(7), x.date(6));
                Comparison ctr = ExperimentAnalysis.ctr(users, 0.05);
                double truth = x.trueCtr("treatment", 10) - x.trueCtr("control", 10);
                System.out.println("CTR " + ctr + " truth " + truth);
                System.out.println("conversion " + ExperimentAnalysis.conversion(users, 0.05));
                System.out.println("CUPED " + ExperimentAnalysis.cuped(users, 0.05) + " reduction "
                        + ExperimentAnalysis.cupedVarianceReduction(users));
                List<Comparison> buckets = ExperimentAnalysis.ctrBy(users, "bucket", 0.05);
                System.out.println("A/B coverage over " + buckets.size() + " buckets: "
                        + ExperimentAnalysis.coverage(buckets, truth));
                assertTrue(ctr.differenceCi().contains(truth), ctr + " must cover " + truth);
                assertEquals(40, buckets.size());
                assertTrue(ExperimentAnalysis.coverage(buckets, truth) >= 0.85);
                assertTrue(ExperimentAnalysis.cupedVarianceReduction(users) > 0.05, "heavy users stay heavy");
                long t1 = System.nanoTime();
                Table aa = ExperimentAnalysis.query(c, AA_SPLITS, 200, x.date(7), x.date(6));
                List<Comparison> splits = ExperimentAnalysis.ctrBy(aa, "salt", 0.05);
                double fpr = ExperimentAnalysis.significantShare(splits);
                assertTrue(fpr >= 0.01 && fpr <= 0.10, "A/A false-positive rate " + fpr);
                System.out.printf("A/A FPR over %d splits: delta %.3f; naive %.3f (%.1f s)%n", splits.size(),
                        ExperimentAnalysis.significantShare(splits),
                        aa.splitOn("salt").asTableList().stream().filter(t -> ExperimentAnalysis.naiveCtr(t, 0.05)
                                .significant()).count() / 200.0, (System.nanoTime() - t1) / 1e9);

                long quarter = x.day(1) + SimulatedClock.DAY_MILLIS / 4;
                Table learn = ExperimentAnalysis.query(c, EXPLORED, x.day(1),
                        quarter);
                Table explored = ExperimentAnalysis.query(c, EXPLORED, quarter,
                        half);
                LoggedBandit log = ExperimentAnalysis.loggedBandit(explored, pool);
                double[] shows = new double[pool.length];
                double[] clicks = new double[pool.length];
                for (int i = 0; i < learn.rowCount(); i++) {
                    int a = slot.indexOf(learn.intColumn("item_id").get(i));
                    shows[a]++;
                    clicks[a] += learn.intColumn("clicked").get(i);
                }
                double[] target = new double[pool.length];
                int best = 0;
                for (int a = 0; a < pool.length; a++) {
                    if ((clicks[a] + 1.0) / (shows[a] + 2.0) > (clicks[best] + 1.0) / (shows[best] + 2.0)) {
                        best = a;
                    }
                }
                for (int a = 0; a < pool.length; a++) {
                    target[a] = 0.2 / pool.length + (a == best ? 0.8 : 0);
                }
                StochasticPolicy policy = fixed(target);
                double ips = new InversePropensityScoring().estimate(log, policy);
                double snips = new SelfNormalizedIps().estimate(log, policy);
                double dr = new DoublyRobust(RewardModel.armMeans(), 2).estimate(log, policy);
                slot.serve(policy);
                sim.play(half, half - x.day(1), 3000, 10);
                x.store().flush();
                Table served = ExperimentAnalysis.query(c, EXPLORED, half,
                        x.day(1) + SimulatedClock.DAY_MILLIS);
                double servedCtr = served.intColumn("clicked").mean();
                double trueRate = TrafficSimulator.trueSlotCtr(x.world(), pool, target, 3);
                assertTrue(Math.abs(servedCtr - trueRate) < 0.25 * trueRate, servedCtr + " served, " + trueRate + " true");
                for (double estimate : new double[] {ips, snips, dr}) {
                    assertTrue(Math.abs(estimate - trueRate) < 0.4 * trueRate, estimate + " estimated, " + trueRate);
                }
                System.out.printf("off-policy: IPS %.4f SNIPS %.4f DR %.4f; served %.4f (n=%d), true %.4f%n", ips,
                        snips, dr, servedCtr, served.rowCount(), trueRate);
            }
        }
        System.out.printf("total: %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    /**
     * The same seeds play the same clicks whatever the date: the notebook's pinned figures must not move by day.
     * (Both dates lie in the last days, as the service refuses clicks older than 14 days or in the future.)
     */
    @Test
    void theTrafficDoesNotDependOnTheDate() throws Exception {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        List<String> first = clicksPlayed(today, "a.duckdb");
        List<String> later = clicksPlayed(today.minusDays(3), "b.duckdb");
        assertTrue(first.size() > 100, first.size() + " clicks");
        assertEquals(first, later);
    }

    private List<String> clicksPlayed(java.time.LocalDate today, String file) throws Exception {
        try (LiveExperiment x = LiveExperiment.start(dir.resolve(file), 2000, 500, 11, today)) {
            x.simulator(1, 5).playDay(x.day(3), 300, 10);
            try (Connection c = x.connection()) {
                Table t = ExperimentAnalysis.query(c, """
                        SELECT i.user_id, i.arm, i.position, i.item_id
                        FROM impressions i JOIN clicks c USING (request_id, item_id)
                        ORDER BY i.request_id, i.position""");
                List<String> out = new java.util.ArrayList<>();
                for (int i = 0; i < t.rowCount(); i++) {
                    out.add(t.intColumn("user_id").get(i) + " " + t.stringColumn("arm").get(i) + " "
                            + t.intColumn("position").get(i) + " " + t.intColumn("item_id").get(i));
                }
                return out;
            }
        }
    }

    static StochasticPolicy fixed(double[] p) {
        return new StochasticPolicy() {
            @Override
            public int arms() {
                return p.length;
            }

            @Override
            public void probabilities(double[] context, double[] out) {
                System.arraycopy(p, 0, out, 0, p.length);
            }

            @Override
            public String name() {
                return "fixed";
            }
        };
    }
}
