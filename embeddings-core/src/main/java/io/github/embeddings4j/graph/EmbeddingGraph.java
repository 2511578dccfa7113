package io.github.embeddings4j.graph;

import io.github.embeddings4j.Embedding;
import io.github.embeddings4j.Neighbor;
import io.github.embeddings4j.UnknownTokenException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The embedding graph of some tokens: each seed token and its k nearest tokens by cosine are the nodes, and an
 * undirected edge joins each seed to each of its neighbours, weighted by their cosine similarity. Tokens that are
 * near several seeds are one node with several edges, which is what makes the picture show how the seeds relate.
 *
 * <p>Neighbours come from {@link Embedding#nearest(String, int)} (exact, the token itself excluded, padding rows
 * of language-model tables never returned). Order is deterministic: the seeds first, in the order given with
 * repeats dropped, then the other neighbours in the order they are first met (seed by seed, best first); edges
 * in the order they are found. When two seeds are each other's neighbours they share one edge, the first found.
 *
 * <pre>{@code
 * EmbeddingGraph g = EmbeddingGraph.of(embedding, List.of("ai", "agents", "artificial", "intelligence"), 20);
 * for (EmbeddingGraph.Edge e : g.edges()) {
 *   System.out.println(g.nodes().get(e.source()).token() + " -- " + g.nodes().get(e.target()).token());
 * }
 * }</pre>
 *
 * <p>Instances are immutable and safe for use by many threads.
 */
public final class EmbeddingGraph {

  /**
   * One token of the graph.
   *
   * @param id the token's id in the embedding's vocabulary
   * @param token the token
   * @param seed whether the graph was built from this token (otherwise it is only a neighbour)
   */
  public record Node(int id, String token, boolean seed) {
    /**
     * Checks the token.
     *
     * @param id the token's id in the embedding's vocabulary
     * @param token the token
     * @param seed whether the graph was built from this token
     * @throws NullPointerException if the token is null
     */
    public Node {
      Objects.requireNonNull(token, "token");
    }
  }

  /**
   * An undirected edge between a seed and one of its neighbours.
   *
   * @param source the index in {@link #nodes()} of the seed
   * @param target the index in {@link #nodes()} of the neighbour
   * @param similarity their cosine similarity
   */
  public record Edge(int source, int target, float similarity) {}

  private final List<Node> nodes;
  private final List<Edge> edges;
  private final int k;

  private EmbeddingGraph(List<Node> nodes, List<Edge> edges, int k) {
    this.nodes = List.copyOf(nodes);
    this.edges = List.copyOf(edges);
    this.k = k;
  }

  /**
   * Builds the graph of some seed tokens and their k nearest neighbours each.
   *
   * @param embedding the embedding to search
   * @param seeds at least one token; repeats are dropped
   * @param k neighbours per seed, at least 1
   * @return the graph
   * @throws UnknownTokenException if a seed is not in the vocabulary (naming it)
   * @throws IllegalArgumentException if there is no seed or k &lt; 1
   */
  public static EmbeddingGraph of(Embedding embedding, List<String> seeds, int k) {
    Objects.requireNonNull(embedding, "embedding");
    if (seeds.isEmpty()) {
      throw new IllegalArgumentException("an embedding graph needs at least one seed token");
    }
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1: " + k);
    }
    List<Node> nodes = new ArrayList<>();
    Map<Integer, Integer> indexOfId = new HashMap<>();
    for (String seed : seeds) {
      int id = embedding.vocabulary().id(seed);
      if (!indexOfId.containsKey(id)) {
        indexOfId.put(id, nodes.size());
        nodes.add(new Node(id, seed, true));
      }
    }
    int seedCount = nodes.size();
    List<Edge> edges = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
    for (int s = 0; s < seedCount; s++) {
      for (Neighbor n : embedding.nearest(nodes.get(s).token(), k)) {
        Integer t = indexOfId.get(n.id());
        if (t == null) {
          t = nodes.size();
          indexOfId.put(n.id(), t);
          nodes.add(new Node(n.id(), n.token(), false));
        }
        long key = ((long) Math.min(s, t) << 32) | Math.max(s, t);
        if (seen.add(key)) {
          edges.add(new Edge(s, t, n.score()));
        }
      }
    }
    return new EmbeddingGraph(nodes, edges, k);
  }

  /**
   * Returns the nodes: the seeds first, then their neighbours.
   *
   * @return the nodes, read-only
   */
  public List<Node> nodes() {
    return nodes;
  }

  /**
   * Returns the edges, each from a seed to one of its neighbours.
   *
   * @return the edges, read-only
   */
  public List<Edge> edges() {
    return edges;
  }

  /**
   * Returns the seed tokens, in order, repeats dropped.
   *
   * @return the seeds
   */
  public List<String> seeds() {
    List<String> out = new ArrayList<>();
    for (Node n : nodes) {
      if (n.seed()) {
        out.add(n.token());
      }
    }
    return out;
  }

  /**
   * Returns how many neighbours each seed was given.
   *
   * @return k
   */
  public int k() {
    return k;
  }

  @Override
  public String toString() {
    return "EmbeddingGraph[" + seeds().size() + " seeds, k=" + k + ", " + nodes.size() + " nodes, "
        + edges.size() + " edges]";
  }
}
