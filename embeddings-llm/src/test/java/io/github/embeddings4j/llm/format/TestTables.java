package io.github.embeddings4j.llm.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.embeddings4j.VectorTable;
import java.util.Random;

/** Test tables shared by the reader tests. */
public final class TestTables {
  private TestTables() {}

  /** Gaussian rows from a seed. */
  public static float[][] random(int rows, int dim, long seed) {
    Random rnd = new Random(seed);
    float[][] m = new float[rows][dim];
    for (float[] r : m) {
      for (int i = 0; i < dim; i++) {
        r[i] = (float) rnd.nextGaussian();
      }
    }
    return m;
  }

  /** Asserts the table's shape and every value. */
  public static void assertRows(float[][] expected, VectorTable t) {
    assertEquals(expected.length, t.rows());
    assertEquals(expected[0].length, t.dimension());
    for (int r = 0; r < expected.length; r++) {
      assertArrayEquals(expected[r], t.row(r), "row " + r);
    }
  }
}
