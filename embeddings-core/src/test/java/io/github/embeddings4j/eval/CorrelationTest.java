package io.github.embeddings4j.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CorrelationTest {
  @Test
  void tiesShareTheirAverageRank() {
    // scipy.stats.rankdata([10, 20, 20, 30, 20, 5]) == [2, 4, 4, 6, 4, 1]
    assertArrayEquals(new double[] {2, 4, 4, 6, 4, 1}, Correlation.ranks(new double[] {10, 20, 20, 30, 20, 5}));
    assertArrayEquals(new double[] {3, 1, 2}, Correlation.ranks(new double[] {0.3, -1, 0}));
    assertArrayEquals(new double[] {1.5, 1.5}, Correlation.ranks(new double[] {7, 7}));
  }

  @Test
  void spearmanWithTiesByHand() {
    // ranks x = [1, 2.5, 2.5, 4, 5], y = [2, 1, 3.5, 3.5, 5], both of mean 3:
    // sum dx dy = 7.25, sum dx^2 = sum dy^2 = 9.5 (scipy.stats.spearmanr gives 0.7631578947368421)
    double rho = Correlation.spearman(new double[] {1, 2, 2, 3, 4}, new double[] {2, 1, 3, 3, 5});
    assertEquals(7.25 / 9.5, rho, 1e-12);
  }

  @Test
  void pearsonByHand() {
    // dx = [-1.5, -0.5, 0.5, 1.5], dy = [-3, -1, 0, 4]: 11 / sqrt(5 * 26) (scipy: 0.9647638212377322)
    assertEquals(11 / Math.sqrt(130), Correlation.pearson(new double[] {1, 2, 3, 4}, new double[] {2, 4, 5, 9}),
        1e-12);
    assertEquals(-1.0, Correlation.pearson(new double[] {1, 2, 3}, new double[] {3, 2, 1}), 1e-12);
  }

  @Test
  void monotoneIsPerfectForSpearmanOnly() {
    double[] x = {1, 2, 3, 4, 5};
    double[] y = {1, 4, 9, 16, 1000};
    assertEquals(1.0, Correlation.spearman(x, y), 1e-12);
    assertEquals(0.7, Correlation.pearson(x, y), 0.05);
  }

  @Test
  void undefinedCorrelationsAreNaN() {
    assertEquals(Double.NaN, Correlation.pearson(new double[] {1, 2, 3}, new double[] {5, 5, 5}));
    assertEquals(Double.NaN, Correlation.spearman(new double[] {1}, new double[] {2}));
    assertEquals(Double.NaN, Correlation.spearman(new double[0], new double[0]));
    assertThrows(IllegalArgumentException.class, () -> Correlation.pearson(new double[2], new double[3]));
  }
}
