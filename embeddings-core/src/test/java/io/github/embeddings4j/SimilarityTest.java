package io.github.embeddings4j;

import static io.github.embeddings4j.NearestNeighborsTest.gaussian;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.embeddings4j.internal.simd.Kernels;
import io.github.embeddings4j.internal.simd.ScalarScanKernels;
import io.github.embeddings4j.internal.simd.ScanKernels;
import io.github.embeddings4j.internal.simd.VectorKernels;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each similarity's own arithmetic: compare, the pair score and the scan's finishing of dot products agree. */
class SimilarityTest {
  private static final VectorKernels K = Kernels.get();

  @ParameterizedTest
  @EnumSource(Similarity.class)
  void thePairScoreIsTheComparisonUpToTheSignOfZero(Similarity similarity) {
    Random rnd = new Random(3 + similarity.ordinal());
    for (int n : new int[] {1, 7, 13, 100, 300}) {
      float[] a = gaussian(rnd, n);
      float[] b = gaussian(rnd, n);
      float[] rows = new float[3 + n];
      System.arraycopy(b, 0, rows, 3, n);
      float[] q = new float[5 + n];
      System.arraycopy(a, 0, q, 5, n);
      // == rather than bits: EUCLIDEAN's compare never returns -0.0, the scan's pair score may.
      assertTrue(similarity.compare(a, b) == similarity.pairScore(K, q, 5, rows, 3, n), similarity + " " + n);
    }
    assertTrue(0f == Similarity.EUCLIDEAN.pairScore(K, new float[] {1, 2}, 0, new float[] {1, 2}, 0, 2));
  }

  @ParameterizedTest
  @EnumSource(Similarity.class)
  void finishingDotProductsGivesTheComparedScore(Similarity similarity) {
    Random rnd = new Random(11 + similarity.ordinal());
    int n = 64;
    int m = 3;
    int rows = 21;
    float[][] queries = new float[m][];
    float[][] table = new float[rows][];
    float[] queryNorms = new float[m];
    float[] rowNorms = new float[2 + rows];
    for (int i = 0; i < m; i++) {
      queries[i] = i == 1 ? new float[n] : gaussian(rnd, n); // a zero query: cosine 0, not NaN
      queryNorms[i] = (float) Math.sqrt(K.dot(queries[i], 0, queries[i], 0, n));
    }
    for (int j = 0; j < rows; j++) {
      table[j] = j == 4 ? new float[n] : gaussian(rnd, n);
      rowNorms[2 + j] = (float) Math.sqrt(K.dot(table[j], 0, table[j], 0, n));
    }
    // Both layouts the scan uses: query-major (rs == 1), and row-major (the packed kernel's).
    for (boolean queryMajor : new boolean[] {true, false}) {
      int qs = queryMajor ? rows + 3 : 1;
      int rs = queryMajor ? 1 : m;
      float[] scores = new float[m * (rows + 3)];
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < rows; j++) {
          scores[i * qs + j * rs] = K.dot(queries[i], 0, table[j], 0, n);
        }
      }
      for (ScanKernels scan : new ScanKernels[] {ScalarScanKernels.INSTANCE, Kernels.search().scan()}) {
        float[] finished = scores.clone();
        similarity.finishDots(scan, finished, m, rows, qs, rs, queryNorms, 0, rowNorms, 2);
        for (int i = 0; i < m; i++) {
          for (int j = 0; j < rows; j++) {
            float want = similarity.compare(queries[i], table[j]);
            float tol = similarity == Similarity.EUCLIDEAN ? 1e-3f : 1e-5f;
            assertEquals(want, finished[i * qs + j * rs], tol * Math.max(1f, Math.abs(want)),
                similarity + " " + scan + " query " + i + " row " + j + " query-major " + queryMajor);
          }
        }
      }
    }
  }

  @Test
  void onlyFloat32EuclideanScoresFromTheValuesThemselves() {
    for (Similarity similarity : Similarity.values()) {
      for (DType dtype : DType.values()) {
        assertEquals(similarity != Similarity.EUCLIDEAN || dtype != DType.F32, similarity.fromDotProducts(dtype),
            similarity + " " + dtype);
      }
    }
    assertFalse(Similarity.EUCLIDEAN.fromDotProducts(DType.F32));
  }

  @Test
  void compareRejectsDifferentLengths() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Similarity.DOT.compare(new float[3], new float[4]));
    assertEquals("vector dimensions differ: 3 != 4", e.getMessage());
  }
}
