/**
 * The self-checks of the notebooks' exercises: {@link org.recsysbook.exercises.Check} is the one class a notebook
 * calls ({@code Check.ndcg(...)}), with one package-private class of cases per notebook behind it
 * ({@code PipelineExercises} for notebook 01 … {@code OnlineLearningExercises} for 08), built on
 * {@link org.recsysbook.exercises.ExerciseCheck}, which runs the cases, shows the verdict and records it, and
 * {@code DesignAnswers} for the written part of each notebook's design task.
 *
 * <p>Layer: the top. It may import every package of the library, whose reference implementations its hidden cases
 * use; nothing in the library imports it.
 */
package org.recsysbook.exercises;
