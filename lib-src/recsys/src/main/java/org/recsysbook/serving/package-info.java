/**
 * The funnel as a real service: {@link org.recsysbook.serving.RecommendationService} (model versions side by
 * side, one per experiment arm; stage budgets and a deadline that degrade an answer to a cheaper path; a candidate
 * cache; cold start; events behind an {@link org.recsysbook.serving.EventSink}) and
 * {@link org.recsysbook.serving.RecommendationServer}, which puts it behind HTTP with load shedding, body limits
 * and timeouts for slow clients; {@link org.recsysbook.serving.LoadGenerator} drives it open-loop or closed-loop,
 * over HTTP through {@link org.recsysbook.serving.LoadClient}, a lean keep-alive client that never resends a request.
 *
 * <h2>Why these libraries, and why here</h2>
 * <ul>
 *   <li><b>Undertow 2.3</b> for HTTP (rather than Javalin 7 on Jetty 12): its I/O threads parse requests and read
 *       bodies without blocking, so a slow client holds no worker; the service decides itself when a request goes
 *       to a worker, which is exactly where the concurrency limit and the shedding sit, and the limits this issue
 *       needs (body size, parse and read timeouts) are server options. It needs no Kotlin runtime and adds about
 *       3 MB of jars.</li>
 *   <li><b>Micrometer</b> with its Prometheus registry for {@code /metrics}; <b>HdrHistogram</b> for latencies in
 *       the load generator and the live panel; <b>Caffeine</b> for the bounded, expiring candidate cache; Gson
 *       (already pinned for the kernel) for JSON.</li>
 *   <li>The package lives in {@code recsys} rather than a module of its own: its dependencies come to about 5 MB,
 *       little beside Tablesaw and Lucene, and classes load only when used, so other notebooks pay nothing; and
 *       notebook 11 can start the service inside its kernel and compare it with the in-process funnel on the same
 *       class path.</li>
 * </ul>
 *
 * <h2>What it may import</h2>
 * The layers below it: {@code core} (the shared {@code Request}, {@code UserContext}, {@code ScoredItems},
 * {@code TopK}), {@code notebook}, {@code world}, {@code data}, the stages ({@code retrieval}, {@code ranking},
 * {@code rerank}), {@code pipeline}, and {@code metrics}, {@code abtest} (for the salted
 * {@link org.recsysbook.abtest.TrafficSplitter}) and {@code bandit}; never {@code studies} or {@code exercises}, which
 * sit above it (the notebook's load-run charts are {@code studies.ServingStudy}, its checks
 * {@code exercises.ServingExercises}).
 *
 * <h2>What builds on it</h2>
 * The experiment loop ({@code org.recsysbook.experiment}, a layer above this one) plugs in through two seams: its
 * event store is the {@link org.recsysbook.serving.EventSink} given to the builder (its {@code record} returns once
 * the batch is committed, which is what {@code POST /events} acknowledges), and its
 * {@link org.recsysbook.serving.AnswerHook} fills an exploration slot and logs each answer's impressions with their
 * propensities. The bundles are {@link org.recsysbook.serving.SyntheticBundle} (the synthetic world) and
 * {@link org.recsysbook.serving.MovieLensBundle} (ALS and item-kNN learned on MovieLens, {@code serve --movielens}).
 */
package org.recsysbook.serving;
