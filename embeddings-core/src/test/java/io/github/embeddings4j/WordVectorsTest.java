package io.github.embeddings4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class WordVectorsTest {
  private static Embedding small() {
    Map<String, float[]> m = new LinkedHashMap<>();
    m.put("king", new float[] {0.9f, 0.8f, 0.1f});
    m.put("queen", new float[] {0.88f, 0.82f, 0.2f});
    m.put("car", new float[] {-0.7f, 0.1f, 0.9f});
    m.put("zero", new float[] {0f, 0f, 0f});
    return Embedding.of(m);
  }

  @Test
  void nearestExcludesTheTokenItselfAndSortsByScore() {
    Embedding e = small();
    List<Neighbor> near = e.nearest("king", 3);
    assertEquals(3, near.size());
    assertEquals("queen", near.get(0).token());
    assertEquals(1, near.get(0).id());
    assertTrue(near.stream().noneMatch(n -> n.token().equals("king")));
    for (int i = 1; i < near.size(); i++) {
      assertTrue(near.get(i - 1).score() >= near.get(i).score());
    }
    // The zero vector scores 0, not NaN.
    assertEquals(0f, near.stream().filter(n -> n.token().equals("zero")).findFirst().orElseThrow().score());
  }

  @Test
  void kLargerThanTheVocabularyReturnsEverythingElse() {
    assertEquals(3, small().nearest("car", 100).size());
    assertEquals(4, small().nearest(new float[] {1, 0, 0}, 100).size());
    assertThrows(IllegalArgumentException.class, () -> small().nearest("car", 0));
  }

  @Test
  void unknownTokensAreNamedNeverNull() {
    Embedding e = small();
    UnknownTokenException ex = assertThrows(UnknownTokenException.class, () -> e.vector("bicycle"));
    assertEquals("bicycle", ex.token());
    assertThrows(UnknownTokenException.class, () -> e.nearest("bicycle", 2));
    assertThrows(UnknownTokenException.class, () -> e.embed("king bicycle"));
    assertFalse(e.contains("bicycle"));
  }

  @Test
  void embedCutsOnWhitespace() {
    TokenVectors tv = small().embed("  king\tcar queen ");
    assertEquals(List.of("king", "car", "queen"), tv.tokens());
    assertArrayEquals(new int[] {0, 2, 1}, tv.ids());
    assertArrayEquals(new float[] {-0.7f, 0.1f, 0.9f}, tv.vectors()[1]);
  }

  @Test
  void similarityAndBatchAgreeWithSingleQueries() {
    Embedding e = small();
    assertEquals(Similarity.COSINE.compare(e.vector("king"), e.vector("car")), e.similarity("king", "car"));
    assertEquals(0f, e.similarity("king", "zero"));
    float[][] queries = {e.vector("car"), e.vector("queen")};
    List<List<Neighbor>> batch = e.nearest(queries, 2);
    assertEquals(e.nearest(queries[0], 2), batch.get(0));
    assertEquals(e.nearest(queries[1], 2), batch.get(1));
  }

  @Test
  void buildErrorsNameTheToken() {
    Map<String, float[]> m = new LinkedHashMap<>();
    m.put("a", new float[] {1, 2});
    m.put("b", new float[] {Float.NaN, 2});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Embedding.of(m));
    assertTrue(e.getMessage().contains("\"b\""), e.getMessage());
    m.put("b", new float[] {1});
    assertThrows(IllegalArgumentException.class, () -> Embedding.of(m));
    assertThrows(IllegalArgumentException.class, () -> Embedding.of(Map.of()));
  }

  @Test
  void limitKeepsTheFirstWords() {
    WordVectors wv = (WordVectors) small();
    WordVectors two = wv.limit(2);
    assertEquals(List.of("king", "queen"), two.vocabulary().tokens());
    assertArrayEquals(wv.vector("queen"), two.vector("queen"));
    assertThrows(IllegalArgumentException.class,
        () -> new WordVectors(Vocabulary.of(List.of("x")), wv.vectors()));
  }

  @Test
  void similaritiesAreHigherForCloser() {
    float[] a = {1, 0};
    float[] b = {0.9f, 0.1f};
    float[] c = {-1, 0};
    for (Similarity s : Similarity.values()) {
      assertTrue(s.compare(a, b) > s.compare(a, c), s.name());
    }
    assertEquals(0f, Similarity.EUCLIDEAN.compare(a, a));
    assertEquals(-2f, Similarity.EUCLIDEAN.compare(a, c), 1e-6f);
    assertThrows(IllegalArgumentException.class, () -> Similarity.DOT.compare(a, new float[3]));
  }
  private static void assertNullNamed(String name, Executable call) {
    NullPointerException e = assertThrows(NullPointerException.class, call);
    assertEquals(name, e.getMessage());
  }

  @Test
  void nullArgumentsAreNamedNotTakenForTheWordNull() {
    Embedding e = small();
    assertNullNamed("token", () -> e.vector(null));
    assertNullNamed("token", () -> e.nearest((String) null, 3));
    assertNullNamed("query", () -> e.nearest((float[]) null, 3));
    assertNullNamed("query", () -> e.nearest(null, 3, Similarity.COSINE, List.of()));
    assertNullNamed("similarity", () -> e.nearest(new float[3], 3, null, List.of()));
    assertNullNamed("exclude", () -> e.nearest(new float[3], 3, Similarity.COSINE, null));
    assertNullNamed("queries", () -> e.nearest((float[][]) null, 3));
    assertNullNamed("token", () -> e.similarity("king", null));
    assertNullNamed("token", () -> e.vocabulary().id(null));
    assertNullNamed("vectors", () -> Embedding.of(null));
    assertNullNamed("vectors", () -> WordVectors.of(null));
    assertNullNamed("text", () -> e.embed(null));
    assertNullNamed("tokens", () -> e.meanVector(null));
    assertNullNamed("token", () -> e.closerThan(null, "king"));
    assertNullNamed("other", () -> e.closerThan("king", null));
    assertNullNamed("vector", () -> e.cosineSimilarities(null));
    assertNullNamed("vectors[1]", () -> Embedding.cosineSimilarities(new float[3], new float[][] {new float[3], null}));
    Map<String, float[]> nullVector = new HashMap<>();
    nullVector.put("a", null);
    assertNullNamed("vector of token \"a\"", () -> Embedding.of(nullVector));
    // Lookups that answer yes or no still answer for null.
    assertFalse(e.contains(null));
    assertEquals(-1, e.vocabulary().idOrMinusOne(null));
  }

  @Test
  void gensimStyleMethodsOnASmallTable() {
    Embedding e = small();
    assertEquals(1f - e.similarity("king", "car"), e.distance("king", "car"));
    float[] all = e.distances("king", List.of());
    assertEquals(4, all.length);
    assertEquals(0f, all[0], 1e-6f);
    assertEquals(1f, all[3], 0f);   // the zero vector: cosine 0, distance 1
    assertEquals("car", e.doesntMatch(List.of("king", "queen", "car")));
    assertEquals(1, e.rank("king", "queen"));
    // car's cosine to king is negative (distance > 1); the zero vector's distance is 1 (gensim: NaN, never closer).
    assertEquals(List.of("queen", "zero"), e.closerThan("king", "car"));
    assertEquals(3, e.rank("king", "car"));
    assertEquals(List.of(), e.closerThan("king", "queen"));
    assertThrows(IllegalArgumentException.class, () -> e.meanVector(List.of()));
    assertThrows(UnknownTokenException.class, () -> e.meanVector(List.of("king", "bicycle")));
    assertThrows(UnknownTokenException.class, () -> e.doesntMatch(List.of("king", "bicycle")));
    assertArrayEquals(new float[3], e.meanVector(List.of("zero")));
    assertEquals(0f, e.nSimilarity(List.of("zero"), List.of("king")));
    IllegalArgumentException dim = assertThrows(IllegalArgumentException.class,
        () -> Embedding.cosineSimilarities(new float[3], new float[][] {new float[2]}));
    assertTrue(dim.getMessage().contains("vectors[0] has 2 != 3"), dim.getMessage());
    assertThrows(IllegalArgumentException.class, () -> e.cosineSimilarities(new float[2]));
  }

  @Test
  void matrixExportsAreCopiesInIdOrder() {
    Embedding e = small();
    float[][] rows = e.toArray();
    assertEquals(4, rows.length);
    assertArrayEquals(e.vector("car"), rows[2]);
    rows[2][0] = 42;
    assertArrayEquals(new float[] {-0.7f, 0.1f, 0.9f}, e.vector("car"));
    FloatBuffer all = e.toFloatBuffer();
    assertEquals(0, all.position());
    assertEquals(12, all.limit());
    float[] car = new float[3];
    all.get(6, car);
    assertArrayEquals(e.vector("car"), car);
  }

  @Test
  void addVectorsAndNormalizedLeaveTheOriginalAlone() {
    WordVectors wv = (WordVectors) small();
    assertSame(wv, wv.addVectors(List.of("king"), new float[][] {{1, 1, 1}}, false));
    IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
        () -> wv.addVectors(List.of("x", "x"), new float[][] {{1, 1, 1}, {2, 2, 2}}, false));
    assertTrue(twice.getMessage().contains("\"x\" given twice"), twice.getMessage());
    IllegalArgumentException dim = assertThrows(IllegalArgumentException.class,
        () -> wv.addVectors(List.of("x"), new float[][] {{1, 1}}, false));
    assertTrue(dim.getMessage().contains("2 != 3 (token \"x\")"), dim.getMessage());
    assertThrows(IllegalArgumentException.class, () -> wv.addVectors(List.of("x"), new float[0][], false));
    IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
        () -> wv.addVectors(List.of("x"), new float[][] {{1, Float.NaN, 1}}, false));
    assertTrue(nan.getMessage().contains("\"x\""), nan.getMessage());

    // Half precision keeps its bits; counts travel, new tokens count 0 (as gensim's).
    VectorTable.Builder b = VectorTable.builder(DType.BF16, 2, 3);
    b.set(0, new float[] {0.1f, 0.2f, 0.3f});
    b.set(1, new float[] {3f, 4f, 0f});
    WordVectors half = new WordVectors(Vocabulary.of(List.of("a", "b"), new long[] {7, 5}), b.build());
    WordVectors more = half.addVectors(List.of("c", "a"), new float[][] {{1, 2, 3}, {9, 9, 9}}, false);
    assertEquals(DType.BF16, more.vectors().dtype());
    assertArrayEquals(half.vector("a"), more.vector("a"), 0f);
    assertArrayEquals(new float[] {1, 2, 3}, more.vector("c"), 0f);
    assertEquals(0L, more.vocabulary().count(2).getAsLong());
    assertEquals(7L, more.vocabulary().count(0).getAsLong());

    WordVectors unit = wv.normalized();
    assertEquals(1f, unit.vectors().norm(0), 1e-6f);
    assertArrayEquals(new float[3], unit.vector("zero"), 0f);
    assertArrayEquals(new float[] {0.6f, 0.8f, 0f}, half.normalized().vector("b"), 1e-2f);
    assertEquals(wv.nearest("king", 3), unit.nearest("king", 3).stream()
        .map(n -> new Neighbor(n.id(), n.token(), wv.similarity("king", n.token()))).toList());
  }
}
