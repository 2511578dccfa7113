package io.github.embeddings4j.examples.report;

import java.util.List;
import java.util.Objects;

/**
 * A labelled 2-D or 3-D scatter plot: one point per label, optionally coloured by group.
 *
 * @param title the plot's title
 * @param labels one label per point (shown on hover and, for small plots, next to the point)
 * @param points {@code labels.size()} rows of 2 or 3 coordinates each, all rows the same length
 * @param groups one group name per point (points of a group share a colour and a legend entry), or an empty list
 *     for a single group
 */
public record ScatterPlot(String title, List<String> labels, double[][] points, List<String> groups) {

  /** Checks the shapes and that every coordinate is finite, and copies the points. */
  public ScatterPlot {
    Objects.requireNonNull(title, "title");
    labels = List.copyOf(labels);
    groups = List.copyOf(groups);
    if (points.length != labels.size()) {
      throw new IllegalArgumentException(points.length + " points for " + labels.size() + " labels");
    }
    if (!groups.isEmpty() && groups.size() != labels.size()) {
      throw new IllegalArgumentException(groups.size() + " groups for " + labels.size() + " labels");
    }
    int dims = points.length == 0 ? 2 : points[0].length;
    if (dims != 2 && dims != 3) {
      throw new IllegalArgumentException("points must have 2 or 3 coordinates, not " + dims);
    }
    double[][] copy = new double[points.length][];
    for (int i = 0; i < points.length; i++) {
      double[] p = points[i];
      if (p.length != dims) {
        throw new IllegalArgumentException("points of " + p.length + " and " + dims + " coordinates mixed");
      }
      for (double v : p) {
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException("point " + i + " (\"" + labels.get(i) + "\") has coordinate " + v);
        }
      }
      copy[i] = p.clone();
    }
    points = copy;
  }

  /** Returns 2 or 3. */
  public int dimensions() {
    return points.length == 0 ? 2 : points[0].length;
  }
}
