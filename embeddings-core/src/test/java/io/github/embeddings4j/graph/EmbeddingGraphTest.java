package io.github.embeddings4j.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.embeddings4j.Embedding;
import io.github.embeddings4j.UnknownTokenException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The graph against a brute-force reference: every pair's cosine in double precision, sorted by hand. */
class EmbeddingGraphTest {

  private static Embedding randomEmbedding(int tokens, int dim, long seed) {
    Random rnd = new Random(seed);
    Map<String, float[]> m = new LinkedHashMap<>();
    for (int t = 0; t < tokens; t++) {
      float[] v = new float[dim];
      for (int i = 0; i < dim; i++) {
        v[i] = (float) rnd.nextGaussian();
      }
      m.put("w" + t, v);
    }
    return Embedding.of(m);
  }

  private static double cosine(float[] a, float[] b) {
    double dot = 0;
    double aa = 0;
    double bb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      aa += (double) a[i] * a[i];
      bb += (double) b[i] * b[i];
    }
    return dot / Math.sqrt(aa * bb);
  }

  /** The k nearest ids of a token by brute force, best first, ties by id, the token itself excluded. */
  private static List<Integer> bruteForce(Embedding e, int id, int k) {
    int n = e.vocabulary().size();
    float[] q = e.vector(id);
    return IntStream.range(0, n).filter(i -> i != id).boxed()
        .sorted(Comparator.<Integer>comparingDouble(i -> -cosine(q, e.vector(i))).thenComparing(i -> i))
        .limit(k).toList();
  }

  @Test
  void nodesAndEdgesAreTheSeedsAndTheirBruteForceNeighbours() {
    for (int[] shape : new int[][] {{13, 3, 4}, {100, 7, 20}, {61, 16, 60}}) {
      Embedding e = randomEmbedding(shape[0], shape[1], 31L * shape[0]);
      int k = shape[2];
      List<String> seeds = List.of("w5", "w2", "w5", "w11");
      EmbeddingGraph g = EmbeddingGraph.of(e, seeds, k);

      // Expected, built independently: seeds (repeats dropped), then neighbours in first-met order.
      List<Integer> expectedIds = new ArrayList<>(List.of(5, 2, 11));
      Map<Long, Double> expectedEdges = new HashMap<>();
      for (int s : List.of(5, 2, 11)) {
        for (int nb : bruteForce(e, s, k)) {
          if (!expectedIds.contains(nb)) {
            expectedIds.add(nb);
          }
          expectedEdges.putIfAbsent(key(expectedIds.indexOf(s), expectedIds.indexOf(nb)),
              cosine(e.vector(s), e.vector(nb)));
        }
      }
      assertEquals(expectedIds, g.nodes().stream().map(EmbeddingGraph.Node::id).toList(), "shape " + shape[0]);
      for (EmbeddingGraph.Node node : g.nodes()) {
        assertEquals(e.vocabulary().token(node.id()), node.token());
        assertEquals(expectedIds.indexOf(node.id()) < 3, node.seed());
      }
      assertEquals(List.of("w5", "w2", "w11"), g.seeds());
      assertEquals(expectedEdges.size(), g.edges().size());
      for (EmbeddingGraph.Edge edge : g.edges()) {
        assertTrue(g.nodes().get(edge.source()).seed(), "an edge starts at a seed: " + edge);
        Double want = expectedEdges.get(key(edge.source(), edge.target()));
        assertTrue(want != null, "unexpected edge " + edge);
        assertEquals(want, edge.similarity(), 1e-5);
      }
      assertEquals(k, g.k());
    }
  }

  private static long key(int a, int b) {
    return ((long) Math.min(a, b) << 32) | Math.max(a, b);
  }

  @Test
  void seedsThatAreEachOthersNeighboursShareOneEdge() {
    Map<String, float[]> m = new LinkedHashMap<>();
    m.put("king", new float[] {1f, 0.1f, 0f});
    m.put("queen", new float[] {1f, 0.2f, 0f});
    m.put("car", new float[] {0f, 0f, 1f});
    m.put("bus", new float[] {0.1f, 0f, 1f});
    EmbeddingGraph g = EmbeddingGraph.of(Embedding.of(m), List.of("king", "queen"), 1);
    assertEquals(2, g.nodes().size());
    assertEquals(1, g.edges().size());
    EmbeddingGraph.Edge edge = g.edges().get(0);
    assertEquals(0, edge.source());
    assertEquals(1, edge.target());
    assertEquals(Embedding.of(m).similarity("king", "queen"), edge.similarity(), 1e-6);

    EmbeddingGraph wide = EmbeddingGraph.of(Embedding.of(m), List.of("king", "car"), 3);
    assertEquals(4, wide.nodes().size());
    // king: queen, bus, car; car: bus, queen, king (shared with king's edge) -> 3 + 2 edges
    assertEquals(5, wide.edges().size());
    assertFalse(wide.nodes().get(2).seed());
  }

  @Test
  void badArgumentsAreNamed() {
    Embedding e = randomEmbedding(10, 4, 1);
    UnknownTokenException unknown =
        assertThrows(UnknownTokenException.class, () -> EmbeddingGraph.of(e, List.of("w1", "nope"), 3));
    assertTrue(unknown.getMessage().contains("nope"), unknown.getMessage());
    assertThrows(IllegalArgumentException.class, () -> EmbeddingGraph.of(e, List.of(), 3));
    IllegalArgumentException k = assertThrows(IllegalArgumentException.class,
        () -> EmbeddingGraph.of(e, List.of("w1"), 0));
    assertTrue(k.getMessage().contains("0"), k.getMessage());
  }
}
