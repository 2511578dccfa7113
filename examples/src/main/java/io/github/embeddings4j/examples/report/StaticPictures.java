package io.github.embeddings4j.examples.report;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The report's plots as PNG and SVG files, for people without a browser. A 3-D scatter plot is drawn as its
 * first two coordinates.
 *
 * <p>CONTRACT ONLY: the report branch replaces these bodies.
 */
public final class StaticPictures {

  private StaticPictures() {}

  /** Writes a scatter plot as a PNG image of the given size in pixels. */
  public static void png(ScatterPlot plot, Path file, int width, int height) throws IOException {
    throw new UnsupportedOperationException("implemented on the report branch");
  }

  /** Writes a scatter plot as an SVG image of the given size. */
  public static void svg(ScatterPlot plot, Path file, int width, int height) throws IOException {
    throw new UnsupportedOperationException("implemented on the report branch");
  }

  /** Writes an embedding graph (force-directed layout) as a PNG image of the given size in pixels. */
  public static void png(GraphPlot graph, Path file, int width, int height) throws IOException {
    throw new UnsupportedOperationException("implemented on the report branch");
  }

  /** Writes an embedding graph (force-directed layout) as an SVG image of the given size. */
  public static void svg(GraphPlot graph, Path file, int width, int height) throws IOException {
    throw new UnsupportedOperationException("implemented on the report branch");
  }
}
