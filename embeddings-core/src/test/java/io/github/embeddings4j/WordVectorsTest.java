package io.github.embeddings4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
}
