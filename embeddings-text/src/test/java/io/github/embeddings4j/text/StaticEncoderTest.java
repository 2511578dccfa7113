package io.github.embeddings4j.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.embeddings4j.DType;
import io.github.embeddings4j.Embedding;
import io.github.embeddings4j.Tokenizer;
import io.github.embeddings4j.VectorTable;
import io.github.embeddings4j.Vocabulary;
import io.github.embeddings4j.WordVectors;
import io.github.embeddings4j.tfidf.TfIdf;
import io.github.embeddings4j.tfidf.TfIdfConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pooled static encoders against values worked out by hand (in the comments). */
class StaticEncoderTest {
  /** a = (1, 0), b = (0, 2), c = (3, 3). */
  private static Embedding toy() {
    Map<String, float[]> m = new LinkedHashMap<>();
    m.put("a", new float[] {1, 0});
    m.put("b", new float[] {0, 2});
    m.put("c", new float[] {3, 3});
    return Embedding.of(m);
  }

  @Test
  void meanOfKnownTokensWithUnknownOnesCounted() {
    StaticEncoder mean = StaticEncoder.mean(toy());
    // "a b a x": (1,0) + (0,2) + (1,0) = (2,2), / 3 known tokens; x skipped.
    TextVector v = mean.encode("a b a x");
    assertArrayEquals(new float[] {2f / 3, 2f / 3}, v.vector(), 1e-7f);
    assertEquals(3, v.tokens());
    assertEquals(1, v.skippedTokens());
    assertFalse(v.empty());
    assertEquals(2, mean.dimension());
  }

  @Test
  void aTextWithNoKnownTokenIsEmptyAndZeroNeverNaN() {
    for (StaticEncoder e : List.of(StaticEncoder.mean(toy()),
        StaticEncoder.sif(toy(), WordFrequencies.of(Map.of("a", 3L, "b", 1L)), 1e-3),
        StaticEncoder.sif(toy(), WordFrequencies.of(Map.of("a", 3L, "b", 1L)), 1e-3)
            .withCommonComponentRemoved(List.of("a b", "c")))) {
      for (String text : List.of("", "x y z", "   ")) {
        TextVector v = e.encode(text);
        assertTrue(v.empty(), e + " " + text);
        assertArrayEquals(new float[] {0, 0}, v.vector(), e + " " + text);
      }
      assertEquals(3, e.encode("x y z").skippedTokens());
    }
  }

  @Test
  void sifWeightsAreAOverAPlusP() {
    // counts a 3, b 1 -> p(a) = 0.75, p(b) = 0.25, p(c) = 0 (never counted); a = 0.25:
    // w(a) = 0.25 / 1.0 = 0.25, w(b) = 0.25 / 0.5 = 0.5, w(c) = 1.
    StaticEncoder sif = StaticEncoder.sif(toy(), WordFrequencies.of(Map.of("a", 3L, "b", 1L)), 0.25);
    // "a b": (0.25 * (1,0) + 0.5 * (0,2)) / 2 = (0.125, 0.5)
    assertArrayEquals(new float[] {0.125f, 0.5f}, sif.encode("a b").vector(), 1e-7f);
    // "c": 1 * (3,3) / 1
    assertArrayEquals(new float[] {3, 3}, sif.encode("c").vector(), 1e-7f);
    assertTrue(sif.commonComponent().isEmpty());
  }

  @Test
  void sifRemovesTheFirstSingularVectorOfTheCollection() {
    StaticEncoder sif = StaticEncoder.sif(toy(), WordFrequencies.of(Map.of("a", 3L, "b", 1L)), 0.25);
    // Collection vectors: "a b" (0.125, 0.5), "a" (0.25, 0), "b" (0, 1); "x" has no token and is left out.
    // XᵀX = [[0.125² + 0.25², 0.125·0.5], [0.125·0.5, 0.5² + 1]] = [[0.078125, 0.0625], [0.0625, 1.25]].
    double p = 0.078125;
    double q = 0.0625;
    double r = 1.25;
    // Its larger eigenvalue λ = (p + r)/2 + sqrt(((p - r)/2)² + q²), eigenvector (q, λ - p), normalised.
    double lambda = (p + r) / 2 + Math.sqrt((p - r) * (p - r) / 4 + q * q);
    double ux = q;
    double uy = lambda - p;
    double n = Math.hypot(ux, uy);
    ux /= n;
    uy /= n;
    StaticEncoder removed = sif.withCommonComponentRemoved(List.of("a b", "a", "b", "x"));
    float[] u = removed.commonComponent().orElseThrow();
    assertArrayEquals(new float[] {(float) ux, (float) uy}, u, 1e-9f);
    // "a b" = (0.125, 0.5) - (u · v) u
    double dot = ux * 0.125 + uy * 0.5;
    assertArrayEquals(new float[] {(float) (0.125 - dot * ux), (float) (0.5 - dot * uy)},
        removed.encode("a b").vector(), 1e-7f);
    // Removal leaves vectors orthogonal to u.
    float[] c = removed.encode("c a").vector();
    assertEquals(0, c[0] * u[0] + c[1] * u[1], 1e-6);
    assertThrows(IllegalStateException.class, () -> removed.withCommonComponentRemoved(List.of("a")));
    assertThrows(IllegalArgumentException.class, () -> sif.withCommonComponentRemoved(List.of("x", "")));
  }

  @Test
  void powerIterationMatchesAKnownSpectrum() {
    // Rows e1·3, e2·2, e3·1 in 3-D, rotated: XᵀX's top eigenvector is the rotated e1.
    double c = Math.cos(0.3);
    double s = Math.sin(0.3);
    List<double[]> rows = List.of(new double[] {3 * c, 3 * s, 0}, new double[] {-2 * s, 2 * c, 0},
        new double[] {0, 0, 1});
    double[] u = StaticEncoder.firstSingularVector(rows, 3);
    assertArrayEquals(new double[] {c, s, 0}, u, 1e-9);
  }

  @Test
  void tfIdfWeightedMean() {
    // Documents "a b", "a c", "a b b" with the article's TF-IDF: tf = count / length, idf = ln(N / df):
    // idf(a) = ln(3/3) = 0, idf(b) = ln(3/2), idf(c) = ln(3/1).
    TfIdf tfIdf = TfIdf.fit(List.of("a b", "a c", "a b b"), TfIdfConfig.article());
    StaticEncoder e = StaticEncoder.tfIdf(toy(), tfIdf);
    // "b c c": w(b) = 1/3 ln 1.5, w(c) = 2/3 ln 3; vector = (w(b) (0,2) + w(c) (3,3)) / (w(b) + w(c)).
    double wb = Math.log(1.5) / 3;
    double wc = 2 * Math.log(3) / 3;
    float[] expected = {(float) (3 * wc / (wb + wc)), (float) ((2 * wb + 3 * wc) / (wb + wc))};
    TextVector v = e.encode("b c c");
    assertArrayEquals(expected, v.vector(), 1e-6f);
    assertEquals(2, v.tokens());
    // "a" weighs 0 everywhere (in every document): an empty result, not 0/0.
    TextVector a = e.encode("a a");
    assertTrue(a.empty());
    assertArrayEquals(new float[] {0, 0}, a.vector());
    // "b" alone: its own row whatever its weight.
    assertArrayEquals(new float[] {0, 2}, e.encode("b").vector(), 1e-6f);
  }

  @Test
  void frequenciesFromAVocabularyOrACorpus() {
    Vocabulary counted = Vocabulary.of(List.of("a", "b", "c"), new long[] {6, 2, 0});
    WordFrequencies f = WordFrequencies.of(counted);
    assertEquals(0.75, f.probability("a"), 1e-12);
    assertEquals(0.25, f.probability("b"), 1e-12);
    assertEquals(0, f.probability("c"));
    assertEquals(8, f.total());
    WordFrequencies corpus = WordFrequencies.count(List.of("a b a", "a"), Tokenizer.WHITESPACE);
    assertEquals(0.75, corpus.probability("a"), 1e-12);
    assertEquals(4, corpus.total());
    assertThrows(IllegalArgumentException.class, () -> WordFrequencies.of(Vocabulary.of(List.of("a"))));
    assertThrows(IllegalArgumentException.class, () -> WordFrequencies.count(List.of(" "), Tokenizer.WHITESPACE));
    assertThrows(IllegalArgumentException.class, () -> WordFrequencies.of(Map.of("a", -1L)));
    // The counts of a vocabulary weigh a word2vec model's SIF.
    VectorTable t = VectorTable.of(new float[][] {{1, 0}, {0, 2}, {3, 3}});
    WordVectors w = new WordVectors(counted, t, Tokenizer.WHITESPACE);
    StaticEncoder sif = StaticEncoder.sif(w, f, 0.25);
    // w(a) = 0.25, w(b) = 0.5, w(c) = 1 as in sifWeightsAreAOverAPlusP
    assertArrayEquals(new float[] {0.125f, 0.5f}, sif.encode("a b").vector(), 1e-7f);
    assertEquals(DType.F32, t.dtype());
  }

  @Test
  void misuseIsRejected() {
    assertThrows(IllegalArgumentException.class,
        () -> StaticEncoder.sif(toy(), WordFrequencies.of(Map.of("a", 1L)), 0));
    assertThrows(IllegalArgumentException.class,
        () -> StaticEncoder.sif(toy(), WordFrequencies.of(Map.of("a", 1L)), Double.NaN));
    assertThrows(NullPointerException.class, () -> StaticEncoder.mean(toy()).encode(null));
    Embedding other = new Embedding() {
      @Override
      public Vocabulary vocabulary() {
        return toy().vocabulary();
      }

      @Override
      public VectorTable vectors() {
        return toy().vectors();
      }

      @Override
      public io.github.embeddings4j.TokenVectors embed(String text) {
        return toy().embed(text);
      }
    };
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StaticEncoder.mean(other));
    assertTrue(e.getMessage().contains("pass one"), e.getMessage());
    assertArrayEquals(new float[] {1, 0}, StaticEncoder.mean(other, Tokenizer.WHITESPACE).encode("a").vector());
  }
}
