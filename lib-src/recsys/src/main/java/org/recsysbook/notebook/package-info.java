/**
 * What notebooks use around the recommender code: {@link org.recsysbook.notebook.Results} records a notebook's key
 * figures for the tests, {@link org.recsysbook.notebook.Progress} shows a live progress bar for long work,
 * {@link org.recsysbook.notebook.Charts} builds the usual charts in one call, and
 * {@link org.recsysbook.notebook.NotebookRenderers} (found through {@link java.util.ServiceLoader}) shows Tablesaw
 * tables ({@link org.recsysbook.notebook.TableHtml}) and charts ({@link org.recsysbook.notebook.PlotlyHtml}) in
 * JupyterLab, the classic Notebook, VS Code and HTML exports, with no network. {@link org.recsysbook.notebook.Check}
 * holds the self-checks of the notebooks' exercises, built on {@link org.recsysbook.notebook.ExerciseCheck}; unlike
 * the rest of this package it depends on the recommender packages, whose reference implementations its hidden cases
 * use.
 */
package org.recsysbook.notebook;
