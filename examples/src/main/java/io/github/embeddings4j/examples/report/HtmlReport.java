package io.github.embeddings4j.examples.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One self-contained HTML page (plotly.js inlined, so it opens offline) holding text sections, tables,
 * interactive scatter plots and embedding graphs, in the order they were added.
 *
 * <p>CONTRACT ONLY: the report branch replaces these bodies.
 */
public final class HtmlReport {

  /** Starts an empty report with the page's title. */
  public HtmlReport(String title) {
    throw new UnsupportedOperationException("implemented on the report branch");
  }

  /** Adds a heading and a paragraph of plain text (escaped). */
  public HtmlReport section(String heading, String text) {
    throw new UnsupportedOperationException("implemented on the report branch");
  }

  /** Adds a table of plain-text cells (escaped). */
  public HtmlReport table(String caption, List<String> header, List<List<String>> rows) {
    throw new UnsupportedOperationException("implemented on the report branch");
  }

  /** Adds an interactive 2-D or 3-D scatter plot with hover labels. */
  public HtmlReport scatter(ScatterPlot plot) {
    throw new UnsupportedOperationException("implemented on the report branch");
  }

  /** Adds an embedding graph drawn with a force-directed layout, node labels and neighbour edges. */
  public HtmlReport graph(GraphPlot graph) {
    throw new UnsupportedOperationException("implemented on the report branch");
  }

  /** Writes the page atomically. */
  public void write(Path file) throws IOException {
    throw new UnsupportedOperationException("implemented on the report branch");
  }
}
