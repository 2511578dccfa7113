package io.github.embeddings4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AnalogiesTest {
  /** Axis 0 is royalty, axis 1 is "male", axis 2 is fruit. */
  private static final Embedding ROYALS = embedding(
      "queen", new float[] {1, -1, 0},
      "apple", new float[] {0, 0, 1},
      "man", new float[] {0, 1, 0},
      "woman", new float[] {0, -1, 0},
      "king", new float[] {1, 1, 0},
      "prince", new float[] {0.9f, 0.8f, 0.3f});

  @Test
  void kingMinusManPlusWomanIsQueen() {
    List<Neighbor> r = Analogies.mostSimilar(ROYALS, List.of("king", "woman"), List.of("man"), 3);
    assertEquals("queen", r.get(0).token());
    assertEquals(0, r.get(0).id());
    // mean of the unit inputs: (1/sqrt2, 1/sqrt2 - 2, 0) / 3, normalized; its cosine with (1, -1, 0)
    double[] mean = {Math.sqrt(0.5), Math.sqrt(0.5) - 2, 0};
    double expected = (mean[0] - mean[1]) / (Math.sqrt(2) * Math.hypot(mean[0], mean[1]));
    assertEquals(expected, r.get(0).score(), 1e-6);
    assertEquals(List.of("queen", "apple", "prince"), r.stream().map(Neighbor::token).toList());
  }

  @Test
  void inputWordsAreNeverReturned() {
    List<Neighbor> all = Analogies.mostSimilar(ROYALS, List.of("king", "woman"), List.of("man"), 100);
    assertEquals(List.of("queen", "apple", "prince"), all.stream().map(Neighbor::token).toList());
    List<Neighbor> mul = Analogies.mostSimilarCosMul(ROYALS, List.of("king", "woman"), List.of("man"), 100);
    assertEquals(3, mul.size());
    assertTrue(mul.stream().noneMatch(n -> List.of("king", "woman", "man").contains(n.token())));
  }

  @Test
  void cosMulScoresAsLevyAndGoldberg() {
    List<Neighbor> r = Analogies.mostSimilarCosMul(ROYALS, List.of("king", "woman"), List.of("man"), 1);
    assertEquals("queen", r.get(0).token());
    // cos(queen, king) = 0, cos(queen, woman) = 1/sqrt2, cos(queen, man) = -1/sqrt2, each shifted by (1 + cos) / 2
    double h = Math.sqrt(0.5);
    double expected = (0.5 * (1 + h) / 2) / ((1 - h) / 2 + 1e-6);
    assertEquals(expected, r.get(0).score(), 1e-5 * expected);
  }

  @Test
  void cosMulWithOnePositiveWordRanksLikeCosine() {
    Random random = new Random(7);
    Map<String, float[]> vectors = new LinkedHashMap<>();
    for (int i = 0; i < 13; i++) {
      float[] v = new float[7];
      for (int j = 0; j < v.length; j++) {
        v[j] = (float) random.nextGaussian();
      }
      vectors.put("w" + i, v);
    }
    Embedding e = Embedding.of(vectors);
    for (String word : vectors.keySet()) {
      List<Neighbor> add = Analogies.mostSimilar(e, List.of(word), List.of(), 12);
      List<Neighbor> mul = Analogies.mostSimilarCosMul(e, List.of(word), List.of(), 12);
      assertEquals(add.stream().map(Neighbor::id).toList(), mul.stream().map(Neighbor::id).toList(), word);
      assertEquals(e.nearest(word, 12).stream().map(Neighbor::id).toList(),
          add.stream().map(Neighbor::id).toList(), word);
    }
  }

  @Test
  void equalScoresAreOrderedById() {
    Embedding e = embedding(
        "a", new float[] {1, 0},
        "twin2", new float[] {0, 2},
        "b", new float[] {0.6f, 0.8f},
        "twin1", new float[] {0, 1},
        "query", new float[] {0, 3});
    List<Neighbor> add = Analogies.mostSimilar(e, List.of("query"), List.of(), 3);
    assertEquals(List.of("twin2", "twin1", "b"), add.stream().map(Neighbor::token).toList());
    assertEquals(add.get(0).score(), add.get(1).score());
    List<Neighbor> mul = Analogies.mostSimilarCosMul(e, List.of("query"), List.of(), 3);
    assertEquals(List.of("twin2", "twin1", "b"), mul.stream().map(Neighbor::token).toList());
    assertEquals(mul.get(0).score(), mul.get(1).score());
  }

  @Test
  void restrictVocabLimitsCandidatesNotInputs() {
    List<Neighbor> one = Analogies.mostSimilar(ROYALS, List.of("king", "woman"), List.of("man"), 5, 1);
    assertEquals(List.of("queen"), one.stream().map(Neighbor::token).toList());
    List<Neighbor> two = Analogies.mostSimilarCosMul(ROYALS, List.of("king", "woman"), List.of("man"), 5, 2);
    assertEquals(List.of("queen", "apple"), two.stream().map(Neighbor::token).toList());
    List<Neighbor> beyond = Analogies.mostSimilar(ROYALS, List.of("king"), List.of(), 5, 1_000);
    assertEquals(5, beyond.size());
  }

  @Test
  void unknownWordsAreNamed() {
    UnknownTokenException e = assertThrows(UnknownTokenException.class,
        () -> Analogies.mostSimilar(ROYALS, List.of("king"), List.of("dragon"), 1));
    assertEquals("dragon", e.token());
    assertTrue(e.getMessage().contains("dragon"));
    e = assertThrows(UnknownTokenException.class,
        () -> Analogies.mostSimilarCosMul(ROYALS, List.of("unicorn"), List.of("man"), 1));
    assertEquals("unicorn", e.token());
  }

  @Test
  void badArgumentsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> Analogies.mostSimilar(ROYALS, List.of(), List.of(), 1));
    assertThrows(IllegalArgumentException.class,
        () -> Analogies.mostSimilar(ROYALS, List.of("king"), List.of(), 0));
    assertThrows(IllegalArgumentException.class,
        () -> Analogies.mostSimilar(ROYALS, List.of("king"), List.of(), 1, 0));
    assertThrows(IllegalArgumentException.class,
        () -> Analogies.mostSimilarCosMul(ROYALS, List.of(), List.of("man"), 1));
    IllegalArgumentException dim = assertThrows(IllegalArgumentException.class,
        () -> Analogies.mostSimilar(ROYALS, new float[][] {{1, 0}}, new float[0][], 1, 6));
    assertEquals("vector dimensions differ: 2 != 3", dim.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> Analogies.mostSimilarCosMul(ROYALS, new float[][] {{1, 0, 0}}, new float[][] {{1}}, 1, 6));
  }

  @Test
  void rawVectorsAreNotExcluded() {
    float[] queen = ROYALS.vector("queen");
    List<Neighbor> add = Analogies.mostSimilar(ROYALS, new float[][] {queen}, new float[0][], 1, 6);
    assertEquals("queen", add.get(0).token());
    assertEquals(1f, add.get(0).score(), 1e-6f);
    float[] unitQueen = {(float) Math.sqrt(0.5), (float) -Math.sqrt(0.5), 0};
    List<Neighbor> mul = Analogies.mostSimilarCosMul(ROYALS, new float[][] {unitQueen}, new float[0][], 1, 6);
    assertEquals("queen", mul.get(0).token());
    assertEquals(1f, mul.get(0).score(), 1e-6f);
  }

  @Test
  void nullListsAndWordsAreNamed() {
    NullPointerException e = assertThrows(NullPointerException.class,
        () -> Analogies.mostSimilar(ROYALS, null, List.of("man"), 3));
    assertEquals("positive", e.getMessage());
    e = assertThrows(NullPointerException.class,
        () -> Analogies.mostSimilarCosMul(ROYALS, List.of("king"), java.util.Arrays.asList("man", null), 3));
    assertEquals("negative[1]", e.getMessage());
    e = assertThrows(NullPointerException.class,
        () -> Analogies.mostSimilar(ROYALS, new float[][] {{1, 0, 0}}, null, 3, 10));
    assertEquals("negative", e.getMessage());
    e = assertThrows(NullPointerException.class,
        () -> Analogies.mostSimilarCosMul(ROYALS, new float[][] {null}, new float[0][], 3, 10));
    assertEquals("vector", e.getMessage());
  }

  @Test
  void rawVectorsEnterTheMeanUnnormalizedAsInGensim() {
    // 10 * woman outweighs a unit king: the mean points at woman's side, so queen beats prince by far
    float[] king = Analogies.unit(ROYALS.vector("king"));
    float[] woman = {0, -10, 0};
    List<Neighbor> r = Analogies.mostSimilar(ROYALS, new float[][] {king, woman}, new float[0][], 6, 6);
    assertEquals(List.of("woman", "queen"), r.subList(0, 2).stream().map(Neighbor::token).toList());
    double[] mean = {king[0], king[1] - 10, 0};
    assertEquals((mean[0] - mean[1]) / (Math.sqrt(2) * Math.hypot(mean[0], mean[1])), r.get(1).score(), 1e-6);
  }

  private static Embedding embedding(Object... tokensAndVectors) {
    Map<String, float[]> m = new LinkedHashMap<>();
    for (int i = 0; i < tokensAndVectors.length; i += 2) {
      m.put((String) tokensAndVectors[i], (float[]) tokensAndVectors[i + 1]);
    }
    return Embedding.of(m);
  }
}
