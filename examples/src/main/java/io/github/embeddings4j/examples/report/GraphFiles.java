package io.github.embeddings4j.examples.report;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Embedding graphs as GraphML and Graphviz DOT files (JGraphT's exporters), with labels and similarities.
 *
 * <p>CONTRACT ONLY: the report branch replaces these bodies.
 */
public final class GraphFiles {

  private GraphFiles() {}

  /** Writes the graph as GraphML, node attribute {@code label}, edge attribute {@code similarity}. */
  public static void graphMl(GraphPlot graph, Path file) throws IOException {
    throw new UnsupportedOperationException("implemented on the report branch");
  }

  /** Writes the graph as an undirected Graphviz DOT graph with node labels. */
  public static void dot(GraphPlot graph, Path file) throws IOException {
    throw new UnsupportedOperationException("implemented on the report branch");
  }
}
