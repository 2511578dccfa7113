package io.github.embeddings4j.examples.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The force-directed layout: repeatable, inside the unit square, neighbours near, nothing piled on the border. */
class GraphLayoutTest {

  private final GraphPlot graph = ReportFixtures.graph("g", 20, 20, 5);

  @Test
  void theSameGraphIsLaidOutTheSameWay() {
    double[][] a = GraphLayout.positions(graph);
    double[][] b = GraphLayout.positions(graph);
    assertEquals(graph.nodes().size(), a.length);
    for (int i = 0; i < a.length; i++) {
      assertArrayEquals(a[i], b[i], 0.0, "node " + i);
    }
  }

  @Test
  void positionsFillTheUnitSquare() {
    double[][] xy = GraphLayout.positions(graph);
    double minX = 1;
    double maxX = 0;
    double minY = 1;
    double maxY = 0;
    for (double[] p : xy) {
      assertTrue(p[0] >= 0 && p[0] <= 1 && p[1] >= 0 && p[1] <= 1, Arrays.toString(p));
      minX = Math.min(minX, p[0]);
      maxX = Math.max(maxX, p[0]);
      minY = Math.min(minY, p[1]);
      maxY = Math.max(maxY, p[1]);
    }
    assertTrue(maxX - minX > 0.999 || maxY - minY > 0.999, "the longer side spans the square");
  }

  @Test
  void neighboursAreCloseAndNodesAreNotPiledUpOnTheBorder() {
    double[][] xy = GraphLayout.positions(graph);
    double edgeMean = 0;
    for (GraphPlot.Edge e : graph.edges()) {
      edgeMean += distance(xy[e.source()], xy[e.target()]);
    }
    edgeMean /= graph.edges().size();
    double pairMean = 0;
    int pairs = 0;
    for (int i = 0; i < xy.length; i++) {
      for (int j = 0; j < i; j++) {
        pairMean += distance(xy[i], xy[j]);
        pairs++;
      }
    }
    pairMean /= pairs;
    assertTrue(edgeMean < pairMean / 4, "edges " + edgeMean + " vs all pairs " + pairMean);
    int onBorder = 0;
    for (double[] p : xy) {
      if (Math.min(Math.min(p[0], 1 - p[0]), Math.min(p[1], 1 - p[1])) < 0.005) {
        onBorder++;
      }
    }
    assertTrue(onBorder < xy.length / 20, onBorder + " of " + xy.length + " nodes on the border");
  }

  @Test
  void tinyGraphsAndLoopsAreFine() {
    assertEquals(0, GraphLayout.positions(new GraphPlot("empty", List.of(), List.of(), Set.of())).length);
    double[][] one =
        GraphLayout.positions(new GraphPlot("one", List.of("a"), List.of(new GraphPlot.Edge(0, 0, 1)), Set.of(0)));
    assertTrue(Double.isFinite(one[0][0]) && Double.isFinite(one[0][1]));
    double[][] two =
        GraphLayout.positions(new GraphPlot("two", List.of("a", "b"), List.of(new GraphPlot.Edge(0, 1, 1)), Set.of()));
    assertTrue(distance(two[0], two[1]) > 0.5, "two nodes end up apart");
  }

  private static double distance(double[] a, double[] b) {
    return Math.hypot(a[0] - b[0], a[1] - b[1]);
  }
}
