package io.github.embeddings4j.examples.report;

import java.util.Random;
import org.jgrapht.Graph;
import org.jgrapht.alg.drawing.FRLayoutAlgorithm2D;
import org.jgrapht.alg.drawing.model.Box2D;
import org.jgrapht.alg.drawing.model.MapLayoutModel2D;
import org.jgrapht.alg.drawing.model.Point2D;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.SimpleGraph;

/**
 * The force-directed layout shared by the HTML report and the static pictures: JGraphT's Fruchterman-Reingold
 * ({@link FRLayoutAlgorithm2D}) in the unit square, with a fixed seed so the same graph is always drawn the same
 * way. Self-loops and repeated edges do not change the layout and are left out of it.
 */
final class GraphLayout {

  /** The seed of the initial random placement. */
  static final long SEED = 20261123L;

  private static final int ITERATIONS = 300;

  private GraphLayout() {}

  /** Returns one {x, y} in [0, 1] per node of the graph. */
  static double[][] positions(GraphPlot plot) {
    int n = plot.nodes().size();
    Graph<Integer, DefaultEdge> graph = new SimpleGraph<>(DefaultEdge.class);
    for (int i = 0; i < n; i++) {
      graph.addVertex(i);
    }
    for (GraphPlot.Edge e : plot.edges()) {
      if (e.source() != e.target()) {
        graph.addEdge(e.source(), e.target());
      }
    }
    MapLayoutModel2D<Integer> model = new MapLayoutModel2D<>(Box2D.of(1.0, 1.0));
    if (n > 0) {
      new FRLayoutAlgorithm2D<Integer, DefaultEdge>(
              ITERATIONS, FRLayoutAlgorithm2D.DEFAULT_NORMALIZATION_FACTOR, new Random(SEED))
          .layout(graph, model);
    }
    double[][] xy = new double[n][];
    for (int i = 0; i < n; i++) {
      Point2D p = model.get(i);
      xy[i] = new double[] {p.getX(), p.getY()};
    }
    return xy;
  }
}
