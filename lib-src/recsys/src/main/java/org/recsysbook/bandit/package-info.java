/**
 * Online learning and bandits, the seed's section "Online Learning and Bandits": policies that choose
 * which item to show and learn from each click, and the tools to judge them.
 *
 * <ul>
 *   <li>Policies behind {@link org.recsysbook.bandit.BanditPolicy}: {@link org.recsysbook.bandit.EpsilonGreedy},
 *       the seed's {@link org.recsysbook.bandit.Ucb}, {@link org.recsysbook.bandit.Ucb#ucb1 UCB1},
 *       {@link org.recsysbook.bandit.ThompsonSampling} (with {@link org.recsysbook.bandit.BetaSampler}),
 *       {@link org.recsysbook.bandit.DiscountedThompsonSampling} for drift and the frozen
 *       {@link org.recsysbook.bandit.StaticModel}.</li>
 *   <li>Simulation: {@link org.recsysbook.bandit.BernoulliArms}, {@link org.recsysbook.bandit.DriftingArms},
 *       {@link org.recsysbook.bandit.BanditSimulator} (seeded, parallel = serial),
 *       {@link org.recsysbook.bandit.SimulationResult}, the seed's demo in
 *       {@link org.recsysbook.bandit.SeedBanditScenario}, and {@link org.recsysbook.bandit.LaiRobbinsBound}.</li>
 *   <li>Context: {@link org.recsysbook.bandit.LinUcb} behind {@link org.recsysbook.bandit.ContextualPolicy},
 *       on {@link org.recsysbook.bandit.ContextualTraffic} from the synthetic world, simulated by
 *       {@link org.recsysbook.bandit.ContextualSimulator}.</li>
 *   <li>Off-policy evaluation from {@link org.recsysbook.bandit.LoggedBandit} data:
 *       {@link org.recsysbook.bandit.InversePropensityScoring}, {@link org.recsysbook.bandit.SelfNormalizedIps},
 *       {@link org.recsysbook.bandit.DirectMethod} and {@link org.recsysbook.bandit.DoublyRobust}, judged
 *       against the truth by {@link org.recsysbook.bandit.OffPolicyExperiment}.</li>
 * </ul>
 *
 * <p>Charts for the notebooks are in {@link org.recsysbook.studies.BanditCharts}.
 *
 * <p>Layer: evaluation, beside {@code metrics} and {@code abtest}, above {@code pipeline}; it may import every stage
 * and the layers below, never {@code serving}, {@code studies} or {@code exercises}.
 */
package org.recsysbook.bandit;
