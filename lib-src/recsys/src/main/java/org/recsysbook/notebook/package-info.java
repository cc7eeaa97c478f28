/**
 * What notebooks use around the recommender code: {@link org.recsysbook.notebook.Results} records a notebook's key
 * figures for the tests, {@link org.recsysbook.notebook.Progress} shows a live progress bar for long work,
 * {@link org.recsysbook.notebook.Charts} builds the usual charts in one call, and
 * {@link org.recsysbook.notebook.NotebookRenderers} (found through {@link java.util.ServiceLoader}) shows Tablesaw
 * tables ({@link org.recsysbook.notebook.TableHtml}) and charts ({@link org.recsysbook.notebook.PlotlyHtml}) in
 * JupyterLab, the classic Notebook, VS Code and HTML exports, with no network.
 *
 * <p>Layer: a floor. It imports nothing else of the library (only the display module, Tablesaw and the JDK), so
 * every package may use it; the exercise checks, which need the recommender packages, live in
 * {@code org.recsysbook.exercises}.
 */
package org.recsysbook.notebook;
