/**
 * Online experiments, the chapter's section "A/B Testing for Recommendations": splitting traffic, simulating
 * it, measuring the chapter's key metrics, testing the differences and the pitfalls that fool experimenters.
 *
 * <ul>
 *   <li>Step 1, split: {@link org.recsysbook.abtest.TrafficSplitter} (salted 64-bit hashing).</li>
 *   <li>Steps 2–3, run and measure: {@link org.recsysbook.abtest.Variant} (one arm; adapters
 *       {@link org.recsysbook.abtest.SlateVariant} for any recommender over the synthetic world and
 *       {@link org.recsysbook.abtest.RateVariant} for fast rate-only arms), simulated by
 *       {@link org.recsysbook.abtest.ExperimentSimulator} into {@link org.recsysbook.abtest.ExperimentData}.</li>
 *   <li>Step 4, test: {@link org.recsysbook.abtest.TwoProportionZTest}, {@link org.recsysbook.abtest.WelchTTest},
 *       {@link org.recsysbook.abtest.RatioMetricTest}, {@link org.recsysbook.abtest.Cuped},
 *       {@link org.recsysbook.abtest.MixtureSequentialTest}, {@link org.recsysbook.abtest.MultipleTesting},
 *       {@link org.recsysbook.abtest.SampleRatioMismatch}, {@link org.recsysbook.abtest.PowerAnalysis},
 *       {@link org.recsysbook.abtest.StratifiedEstimate} (Simpson's paradox), {@link org.recsysbook.abtest.Winsorizer}
 *       (heavy-tailed revenue);
 *       all report through {@link org.recsysbook.abtest.Comparison} and
 *       {@link org.recsysbook.abtest.ExperimentReport}.</li>
 *   <li>Pitfalls by simulation: {@link org.recsysbook.studies.PeekingStudy},
 *       {@link org.recsysbook.studies.MultipleMetricsStudy}, {@link org.recsysbook.abtest.NoveltyEffect},
 *       {@link org.recsysbook.studies.OfflineVsOnline}, {@link org.recsysbook.studies.InterferenceStudy},
 *       {@link org.recsysbook.studies.SharedLogStudy}, {@link org.recsysbook.studies.SimpsonStudy},
 *       {@link org.recsysbook.studies.HeavyTailStudy}, {@link org.recsysbook.studies.LongTermHoldoutStudy}; charts in
 *       {@link org.recsysbook.studies.AbTestCharts}.</li>
 * </ul>
 *
 * <p>Distributions and the t and chi-square tests come from commons-math; what it lacks is written here and
 * says so in its class comment.
 *
 * <p>Layer: evaluation, beside {@code metrics} and {@code bandit}, above {@code pipeline}; it may import every stage
 * and the layers below, never {@code serving}, {@code studies} or {@code exercises}.
 */
package org.recsysbook.abtest;
