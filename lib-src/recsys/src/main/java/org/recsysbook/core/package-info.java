/**
 * The types and helpers every stage shares, at the bottom of the library: the list one stage hands the next
 * ({@link org.recsysbook.core.ScoredItems}), a request and its context ({@link org.recsysbook.core.Request},
 * {@link org.recsysbook.core.UserContext}), what a request needs of a catalog ({@link org.recsysbook.core.Catalog}),
 * top-k selection ({@link org.recsysbook.core.TopK}), argument checks with one message style
 * ({@link org.recsysbook.core.Args}), seed derivation ({@link org.recsysbook.core.Seeds}), dot products
 * ({@link org.recsysbook.core.Vectors}), quantiles ({@link org.recsysbook.core.Quantile}) and confidence intervals
 * ({@link org.recsysbook.core.Interval}).
 *
 * <p>Layer: the bottom. It imports nothing else of the library (only the JDK, Tablesaw and commons-math3).
 */
package org.recsysbook.core;
