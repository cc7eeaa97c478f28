package org.recsysbook.bandit;

import java.util.Arrays;

/** A test policy that always shows the first {@code nSelect} candidates and learns nothing: its regret is known in closed form. */
class FirstArms implements BanditPolicy {
    private final int arms;

    FirstArms(int arms) {
        this.arms = arms;
    }

    static BanditPolicy.Factory factory() {
        return (arms, rng) -> new FirstArms(arms);
    }

    public int arms() {
        return arms;
    }

    public int[] select(int[] candidates, int nSelect) {
        return Arrays.copyOf(candidates, nSelect);
    }

    public void update(int arm, double reward) { }

    public ArmStats stats(int arm) {
        return new ArmStats(0, 0, 0);
    }

    public String name() {
        return "first arms";
    }
}
