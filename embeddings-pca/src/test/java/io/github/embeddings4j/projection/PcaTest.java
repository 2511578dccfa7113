package io.github.embeddings4j.projection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.embeddings4j.Embedding;
import io.github.embeddings4j.UnknownTokenException;
import io.github.embeddings4j.testutil.FixtureLines;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PCA against scikit-learn's {@code PCA(svd_solver='full')} on the fixture {@code sklearn/pca.txt.gz} made by
 * {@code sklearn/sklearn_fixtures.py} (in embeddings-core's test resources, beside the TF-IDF fixture it also
 * makes): a 200 x 12 case (Gram matrix of the columns) and an 8 x 20 case (fewer
 * rows than columns: Gram matrix of the rows).
 */
class PcaTest {

  @Test
  void matchesScikitLearnIncludingSign() {
    try (FixtureLines in = FixtureLines.open("/sklearn/pca.txt.gz")) {
      for (int c = 0; c < 2; c++) {
        int[] shape = in.ints();
        int n = shape[0];
        int d = shape[1];
        int k = shape[2];
        float[][] rows = new float[n][d];
        for (int i = 0; i < n; i++) {
          double[] r = in.doubles();
          for (int j = 0; j < d; j++) {
            rows[i][j] = (float) r[j];
          }
        }
        double[] mean = in.doubles();
        double[][] components = new double[k][];
        for (int j = 0; j < k; j++) {
          components[j] = in.doubles();
        }
        double[] variance = in.doubles();
        double[] ratio = in.doubles();
        double[] singular = in.doubles();
        Pca pca = Pca.fit(rows, k);
        String where = n + " x " + d;
        assertEquals(k, pca.componentCount());
        assertEquals(d, pca.dimension());
        assertEquals(n, pca.samples());
        assertArrayEquals(mean, pca.mean(), 1e-12, where + " mean");
        for (int j = 0; j < k; j++) {
          assertArrayEquals(components[j], pca.components()[j], 1e-9, where + " component " + j);
        }
        assertRelative(variance, pca.explainedVariance(), 1e-10, where + " explained variance");
        assertRelative(ratio, pca.explainedVarianceRatio(), 1e-10, where + " explained variance ratio");
        assertRelative(singular, pca.singularValues(), 1e-10, where + " singular values");
        double[][] projected = pca.project(rows);
        for (int i = 0; i < n; i++) {
          assertArrayEquals(in.doubles(), projected[i], 1e-8, where + " transform row " + i);
        }
      }
    }
  }

  @Test
  void recoversAKnownDirection() {
    // Points on the line y = 2x plus a small orthogonal wobble: the first component is (1, 2)/sqrt(5).
    float[][] rows = new float[41][];
    for (int i = 0; i <= 40; i++) {
      float t = i - 20;
      float wobble = (i % 2 == 0 ? 0.01f : -0.01f);
      rows[i] = new float[] {t - 2 * wobble, 2 * t + wobble};
    }
    Pca pca = Pca.fit(rows, 2);
    double[] first = pca.components()[0];
    assertEquals(1 / Math.sqrt(5), Math.abs(first[0]), 1e-6);
    assertEquals(2 / Math.sqrt(5), Math.abs(first[1]), 1e-6);
    assertEquals(1.0, pca.explainedVarianceRatio()[0] + pca.explainedVarianceRatio()[1], 1e-12);
    assertTrue(pca.explainedVarianceRatio()[0] > 0.9999);
  }

  @Test
  void fitsAnEmbeddingOrASubsetOfItsTokens() {
    Map<String, float[]> map = new LinkedHashMap<>();
    map.put("a", new float[] {1, 0, 0});
    map.put("b", new float[] {-1, 0, 0});
    map.put("c", new float[] {0, 3, 0});
    map.put("d", new float[] {0, -3, 0});
    Embedding e = Embedding.of(map);
    Pca all = Pca.fit(e, 2);
    assertEquals(4, all.samples());
    assertArrayEquals(new double[] {0, 1, 0}, abs(all.components()[0]), 1e-12);
    Pca some = Pca.fit(e, List.of("a", "b"), 1);
    assertArrayEquals(new double[] {1, 0, 0}, abs(some.components()[0]), 1e-12);
    assertEquals(1.0, some.explainedVarianceRatio()[0], 1e-12);
    double[][] xy = all.project(e, List.of("c", "d"));
    assertEquals(3, Math.abs(xy[0][0]), 1e-12);
    assertEquals(-xy[0][0], xy[1][0], 1e-12);
    assertThrows(UnknownTokenException.class, () -> Pca.fit(e, List.of("a", "zzz"), 1));
  }

  @Test
  void rejectsBadInputNamingTheValue() {
    float[][] two = {{1, 2, 3}, {4, 5, 6}};
    IllegalArgumentException k = assertThrows(IllegalArgumentException.class, () -> Pca.fit(two, 3));
    assertTrue(k.getMessage().contains("[1, 2], got 3"), k.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Pca.fit(two, 0));
    IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
        () -> Pca.fit(new float[][] {{1, 2}}, 1));
    assertTrue(one.getMessage().contains("at least 2 rows, got 1"), one.getMessage());
    IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class,
        () -> Pca.fit(new float[][] {{1, 2}, {1}}, 1));
    assertTrue(ragged.getMessage().contains("row 1 has dimension 1 != 2"), ragged.getMessage());
    IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
        () -> Pca.fit(new float[][] {{1, 2}, {1, Float.NaN}}, 1));
    assertTrue(nan.getMessage().contains("row 1 column 1 is NaN"), nan.getMessage());
    Pca pca = Pca.fit(two, 1);
    IllegalArgumentException dim = assertThrows(IllegalArgumentException.class,
        () -> pca.project(new float[] {1, 2}));
    assertTrue(dim.getMessage().contains("2 != 3"), dim.getMessage());
  }

  @Test
  void constantDataHaveNoVariance() {
    Pca pca = Pca.fit(new float[][] {{1, 2}, {1, 2}, {1, 2}}, 1);
    assertEquals(0, pca.totalVariance());
    assertEquals(0, pca.explainedVarianceRatio()[0]);
    assertArrayEquals(new double[] {0}, pca.project(new float[] {1, 2}), 0);
  }

  private static double[] abs(double[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = Math.abs(v[i]);
    }
    return out;
  }

  private static void assertRelative(double[] expected, double[] actual, double tolerance, String what) {
    assertEquals(expected.length, actual.length, what + " length");
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], tolerance * Math.max(1e-300, Math.abs(expected[i])), what + " [" + i + "]");
    }
  }
}
