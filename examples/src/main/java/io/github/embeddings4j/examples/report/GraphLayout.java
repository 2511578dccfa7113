package io.github.embeddings4j.examples.report;

import java.util.Arrays;
import java.util.Random;

/**
 * The force-directed layout shared by the HTML report and the static pictures: Fruchterman-Reingold (1991) with a
 * weak pull towards the centre, from a seeded random start, so the same graph is always drawn the same way.
 *
 * <p>Why not JGraphT's {@code FRLayoutAlgorithm2D}: it clamps nodes to its drawing box, and an embedding graph is
 * usually several components (the neighbourhoods of unrelated seeds) that repel each other, so it piles them up
 * along the box's edges. Here nothing is clamped; instead every node feels a pull towards the centroid
 * proportional to its distance (the "gravity" of ForceAtlas2 and Gephi), which keeps components near each other,
 * and the result is scaled into the unit square at the end.
 *
 * <p>The scheme, as in networkx's {@code spring_layout}: ideal edge length {@code k = 1/sqrt(n)}; on every
 * iteration each node gets repulsion {@code k²/d} from every other node and attraction {@code d²/k} along its
 * edges (self-loops and repeated edges count once), plus gravity {@code |p − centroid|} towards the centroid;
 * each node then moves along its total force by at most the temperature, which starts at a tenth of the start's
 * extent and cools linearly to zero. Cost: {@code O(n²)} per iteration, {@value #ITERATIONS} iterations.
 */
final class GraphLayout {

  /** The seed of the initial random placement. */
  static final long SEED = 20261123L;

  static final int ITERATIONS = 300;

  private static final double GRAVITY = 1.0;

  private GraphLayout() {}

  /** Returns one {x, y} in [0, 1] per node of the graph. */
  static double[][] positions(GraphPlot plot) {
    int n = plot.nodes().size();
    double[][] xy = new double[n][2];
    if (n == 0) {
      return xy;
    }
    boolean[][] adjacent = new boolean[n][];
    for (int i = 0; i < n; i++) {
      adjacent[i] = new boolean[i];
    }
    for (GraphPlot.Edge e : plot.edges()) {
      int a = Math.max(e.source(), e.target());
      int b = Math.min(e.source(), e.target());
      if (a != b) {
        adjacent[a][b] = true;
      }
    }
    Random random = new Random(SEED);
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = random.nextDouble();
      y[i] = random.nextDouble();
    }
    double k = Math.sqrt(1.0 / n);
    double temperature = 0.1;
    double cooling = temperature / (ITERATIONS + 1);
    double[] fx = new double[n];
    double[] fy = new double[n];
    for (int it = 0; it < ITERATIONS; it++) {
      Arrays.fill(fx, 0);
      Arrays.fill(fy, 0);
      double cx = 0;
      double cy = 0;
      for (int i = 0; i < n; i++) {
        cx += x[i];
        cy += y[i];
      }
      cx /= n;
      cy /= n;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < i; j++) {
          double dx = x[i] - x[j];
          double dy = y[i] - y[j];
          double d = Math.max(Math.sqrt(dx * dx + dy * dy), 0.01);
          // Force along (dx, dy)/d: repulsion k²/d, minus attraction d²/k for neighbours.
          double f = k * k / (d * d) - (adjacent[i][j] ? d / k : 0);
          fx[i] += dx * f;
          fy[i] += dy * f;
          fx[j] -= dx * f;
          fy[j] -= dy * f;
        }
        fx[i] -= GRAVITY * (x[i] - cx);
        fy[i] -= GRAVITY * (y[i] - cy);
      }
      for (int i = 0; i < n; i++) {
        double length = Math.max(Math.sqrt(fx[i] * fx[i] + fy[i] * fy[i]), 0.01);
        x[i] += fx[i] * temperature / length;
        y[i] += fy[i] * temperature / length;
      }
      temperature -= cooling;
    }
    double minX = Double.POSITIVE_INFINITY;
    double maxX = Double.NEGATIVE_INFINITY;
    double minY = Double.POSITIVE_INFINITY;
    double maxY = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      minX = Math.min(minX, x[i]);
      maxX = Math.max(maxX, x[i]);
      minY = Math.min(minY, y[i]);
      maxY = Math.max(maxY, y[i]);
    }
    // One scale for both axes keeps the distances the layout found; the smaller extent is centred.
    double extent = Math.max(Math.max(maxX - minX, maxY - minY), 1e-12);
    double offsetX = (1 - (maxX - minX) / extent) / 2;
    double offsetY = (1 - (maxY - minY) / extent) / 2;
    for (int i = 0; i < n; i++) {
      xy[i][0] = offsetX + (x[i] - minX) / extent;
      xy[i][1] = offsetY + (y[i] - minY) / extent;
    }
    return xy;
  }
}
