/**
 * Online learning and bandits, the chapter's section "Online Learning and Bandits": policies that choose
 * which item to show and learn from each click, and the tools to judge them.
 *
 * <ul>
 *   <li>Policies behind {@link org.recsysbook.bandit.BanditPolicy}: {@link org.recsysbook.bandit.EpsilonGreedy},
 *       the chapter's {@link org.recsysbook.bandit.Ucb}, {@link org.recsysbook.bandit.Ucb#ucb1 UCB1},
 *       {@link org.recsysbook.bandit.ThompsonSampling} (with {@link org.recsysbook.bandit.BetaSampler}),
 *       {@link org.recsysbook.bandit.DiscountedThompsonSampling} for drift and the frozen
 *       {@link org.recsysbook.bandit.StaticModel}.</li>
 *   <li>Simulation, in {@code org.recsysbook.bandit.simulation}:
 *       {@link org.recsysbook.bandit.simulation.BernoulliArms}, {@link org.recsysbook.bandit.simulation.DriftingArms},
 *       {@link org.recsysbook.bandit.simulation.BanditSimulator} (seeded, parallel = serial; a slate of
 *       {@code nSelect} positions with the click model's position bias through
 *       {@link org.recsysbook.bandit.simulation.BanditSimulator#slate}, learned by the chapter's update or by
 *       {@link org.recsysbook.bandit.ThompsonSampling#positionCorrected}),
 *       {@link org.recsysbook.bandit.simulation.SimulationResult}, the chapter's demo in
 *       {@link org.recsysbook.bandit.simulation.ChapterBanditDemo}, and {@link org.recsysbook.bandit.simulation.LaiRobbinsBound}.</li>
 *   <li>Context: {@link org.recsysbook.bandit.LinUcb} behind {@link org.recsysbook.bandit.ContextualPolicy},
 *       on {@link org.recsysbook.bandit.simulation.ContextualTraffic} from the synthetic world, simulated by
 *       {@link org.recsysbook.bandit.simulation.ContextualSimulator}.</li>
 *   <li>Online learning of a click model, in {@code org.recsysbook.bandit.online}:
 *       {@link org.recsysbook.bandit.online.FtrlProximal} on a {@link org.recsysbook.bandit.online.DriftingClickStream}
 *       with delayed clicks, against periodic retraining ({@link org.recsysbook.bandit.online.OnlineLearningStudy}).</li>
 *   <li>Off-policy evaluation, in {@code org.recsysbook.bandit.offpolicy}, from {@link org.recsysbook.bandit.offpolicy.LoggedBandit} data:
 *       {@link org.recsysbook.bandit.offpolicy.InversePropensityScoring}, {@link org.recsysbook.bandit.offpolicy.SelfNormalizedIps},
 *       {@link org.recsysbook.bandit.offpolicy.DirectMethod} and {@link org.recsysbook.bandit.offpolicy.DoublyRobust}, judged
 *       against the truth by {@link org.recsysbook.bandit.offpolicy.OffPolicyExperiment}.</li>
 * </ul>
 *
 * <p>Charts for the notebooks are in {@link org.recsysbook.studies.BanditCharts}.
 *
 * <p>This package holds the policies; the simulation and off-policy subpackages use them, never the other way.
 *
 * <p>Layer: evaluation, beside {@code metrics} and {@code abtest}, above {@code pipeline}; it may import every stage
 * and the layers below, never {@code serving}, {@code studies} or {@code exercises}.
 */
package org.recsysbook.bandit;
