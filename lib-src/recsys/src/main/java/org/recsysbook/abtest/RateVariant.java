package org.recsysbook.abtest;

import java.util.random.RandomGenerator;

import org.recsysbook.core.Args;
import org.recsysbook.core.Seeds;

/**
 * An experiment arm described by its rates alone, without a catalog: each visit shows
 * {@code impressionsPerVisit} recommendations, each clicked with probability ctr · engagement(user) ·
 * (1 + lift + novelty), and the {@link Behaviour} turns clicks into conversions, revenue, time and
 * return visits; keen users also come back more often (the return chance is multiplied by their
 * engagement, within the behaviour's cap). It is the fast stand-in for a whole pipeline when only the
 * statistics matter (the thousand A/A tests of the peeking pitfall).
 *
 * <p>Users differ: engagement(user) is log-normal with mean 1 and log-scale spread
 * {@code engagementSpread}, a fixed function of the user id and {@code populationSeed}, so the same user
 * is equally keen in every arm, every run and in the pre-experiment period (which is what CUPED exploits).
 *
 * <p>Immutable apart from a cache of users' engagement; safe to share between threads.

 */
public final class RateVariant implements Variant {
    private final String name;
    private final int impressionsPerVisit;
    private final double ctr;
    private final double engagementSpread;
    private final double lift;
    private final NoveltyEffect novelty;
    private final Behaviour behaviour;
    private final long populationSeed;
    /** Engagement of users 0 … length−1, filled on demand; replaced whole, never changed in place. */
    private volatile double[] engagementCache = new double[0];

    /**
     * @param name                the arm's name
     * @param impressionsPerVisit recommendations shown per visit, ≥ 1
     * @param ctr                 base click probability per impression, in (0, 1)
     * @param engagementSpread    σ of log-engagement across users, ≥ 0
     * @param lift                relative lift of the click probability over the base (0 for control), &gt; −1
     * @param novelty             an extra lift that fades with the user's exposure
     * @param behaviour           how clicks become conversions, revenue, seconds and returns
     * @param populationSeed      fixes every user's engagement
     */
    public RateVariant(String name, int impressionsPerVisit, double ctr, double engagementSpread, double lift,
                       NoveltyEffect novelty, Behaviour behaviour, long populationSeed) {
        if (name == null || name.isEmpty()) {
            throw Args.fail("name", name == null ? "null" : "\"\"", "a non-empty string");
        }
        Args.positive("impressionsPerVisit", impressionsPerVisit);
        Args.openUnit("ctr", ctr);
        Args.nonNegative("engagementSpread", engagementSpread);
        if (!(lift > -1) || Double.isInfinite(lift)) {
            throw Args.fail("lift", lift, "a finite number > -1");
        }
        if (novelty == null || behaviour == null) {
            throw new IllegalArgumentException((novelty == null ? "novelty" : "behaviour") + " must not be null");
        }
        this.name = name;
        this.impressionsPerVisit = impressionsPerVisit;
        this.ctr = ctr;
        this.engagementSpread = engagementSpread;
        this.lift = lift;
        this.novelty = novelty;
        this.behaviour = behaviour;
        this.populationSeed = populationSeed;
    }

    /** An arm with 10 impressions per visit, engagement spread 1, no lift, default behaviour, population 2024. */
    public static RateVariant of(String name, double ctr) {
        return new RateVariant(name, 10, ctr, 1.0, 0, NoveltyEffect.NONE, Behaviour.defaults(), 2024);
    }

    public RateVariant withName(String newName) {
        return new RateVariant(newName, impressionsPerVisit, ctr, engagementSpread, lift, novelty, behaviour, populationSeed);
    }

    public RateVariant withLift(double newLift) {
        return new RateVariant(name, impressionsPerVisit, ctr, engagementSpread, newLift, novelty, behaviour, populationSeed);
    }

    public RateVariant withNovelty(NoveltyEffect newNovelty) {
        return new RateVariant(name, impressionsPerVisit, ctr, engagementSpread, lift, newNovelty, behaviour, populationSeed);
    }

    public RateVariant withBehaviour(Behaviour newBehaviour) {
        return new RateVariant(name, impressionsPerVisit, ctr, engagementSpread, lift, novelty, newBehaviour, populationSeed);
    }

    public RateVariant withImpressionsPerVisit(int n) {
        return new RateVariant(name, n, ctr, engagementSpread, lift, novelty, behaviour, populationSeed);
    }

    public RateVariant withEngagementSpread(double spread) {
        return new RateVariant(name, impressionsPerVisit, ctr, spread, lift, novelty, behaviour, populationSeed);
    }

    /** The user's engagement multiplier: exp(σz − σ²/2), z standard normal from the user's hash (Box–Muller). */
    public double engagement(int user) {
        if (user < 0) {
            throw Args.fail("user", user, "≥ 0");
        }
        double[] cache = engagementCache;
        if (user >= cache.length) {
            int n = Math.max(user + 1, Math.min(Integer.MAX_VALUE / 2, 2 * cache.length + 1024));
            double[] grown = new double[n];
            for (int u = 0; u < n; u++) {
                grown[u] = computeEngagement(u);
            }
            engagementCache = grown;
            cache = grown;
        }
        return cache[user];
    }

    private double computeEngagement(int user) {
        if (engagementSpread == 0) {
            return 1;
        }
        long h = TrafficSplitter.hash64(populationSeed, user);
        double u1 = Seeds.unit(h);
        double u2 = Seeds.unit(Seeds.fmix64(h ^ Seeds.GOLDEN));
        double z = Math.sqrt(-2 * Math.log1p(-u1)) * Math.cos(2 * Math.PI * u2);
        return Math.exp(engagementSpread * z - 0.5 * engagementSpread * engagementSpread);
    }

    /** The click probability of one impression for this user on this day of exposure (capped at 1). */
    public double clickProbability(int user, int daysInTest) {
        return clickProbability(engagement(user), daysInTest);
    }

    private double clickProbability(double engagement, int daysInTest) {
        return Math.min(1.0, ctr * engagement * (1 + lift + novelty.extraLift(daysInTest)));
    }

    @Override
    public String name() {
        return name;
    }

    public int impressionsPerVisit() {
        return impressionsPerVisit;
    }

    public double ctr() {
        return ctr;
    }

    public double engagementSpread() {
        return engagementSpread;
    }

    public double lift() {
        return lift;
    }

    public NoveltyEffect novelty() {
        return novelty;
    }

    public Behaviour behaviour() {
        return behaviour;
    }

    public long populationSeed() {
        return populationSeed;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "RateVariant[%s: ctr %.4g × (1 + lift %.4g), %s]", name, ctr, lift, novelty);
    }

    @Override
    public void serve(int user, int day, int daysInTest, RandomGenerator rng, Visit visit) {
        double m = engagement(user);
        double p = clickProbability(m, daysInTest);
        visit.impressions(impressionsPerVisit);
        int clicks = 0;
        for (int k = 0; k < impressionsPerVisit; k++) {
            if (rng.nextDouble() < p) {
                clicks++;
                visit.click();
                if (rng.nextDouble() < behaviour.conversionRate()) {
                    behaviour.convert(rng, visit);
                }
            }
        }
        behaviour.spend(clicks, rng, visit);
        behaviour.setReturn(visit);
        visit.returnProbability(Math.min(behaviour.maxReturn(), visit.returnProbability() * m));
    }
}
