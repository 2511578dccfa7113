package io.github.embeddings4j.examples.report;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An embedding graph to draw: nodes (tokens or words) and undirected neighbour edges.
 *
 * @param title the plot's title
 * @param nodes the node labels; a node is referred to by its index in this list
 * @param edges the neighbour edges, each between two node indices
 * @param seeds indices of the nodes the graph was built from (drawn larger); the rest are their neighbours
 */
public record GraphPlot(String title, List<String> nodes, List<GraphPlot.Edge> edges, Set<Integer> seeds) {

  /** Checks that every edge and seed names an existing node. */
  public GraphPlot {
    Objects.requireNonNull(title, "title");
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
    seeds = Set.copyOf(seeds);
    for (Edge e : edges) {
      if (e.source() < 0 || e.source() >= nodes.size() || e.target() < 0 || e.target() >= nodes.size()) {
        throw new IllegalArgumentException("edge " + e + " outside the " + nodes.size() + " nodes");
      }
    }
    for (int s : seeds) {
      if (s < 0 || s >= nodes.size()) {
        throw new IllegalArgumentException("seed " + s + " outside the " + nodes.size() + " nodes");
      }
    }
  }

  /**
   * An undirected edge.
   *
   * @param source index of one node
   * @param target index of the other node
   * @param similarity the cosine similarity between the two
   */
  public record Edge(int source, int target, double similarity) {

    /** Checks that the similarity is a finite number. */
    public Edge {
      if (!Double.isFinite(similarity)) {
        throw new IllegalArgumentException("edge " + source + "-" + target + " has similarity " + similarity);
      }
    }
  }
}
