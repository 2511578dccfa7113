package io.github.embeddings4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.embeddings4j.internal.simd.Kernels;
import io.github.embeddings4j.internal.simd.SearchKernels;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Exact search against a brute-force reference computed in double precision from the decoded rows. */
class NearestNeighborsTest {
  static float[] gaussian(Random rnd, int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) rnd.nextGaussian();
    }
    return x;
  }

  /** A random table; every 17th row is zero, to check cosine with a zero norm. */
  static VectorTable randomTable(Random rnd, DType dtype, int rows, int dim, int maxChunkValues) {
    VectorTable.Builder b = VectorTable.builder(dtype, rows, dim, maxChunkValues);
    for (int r = 0; r < rows; r++) {
      b.set(r, r % 17 == 5 ? new float[dim] : gaussian(rnd, dim));
    }
    return b.build();
  }

  private static double reference(Similarity similarity, float[] q, float[] row) {
    double dot = 0;
    double qq = 0;
    double rr = 0;
    double dist = 0;
    for (int i = 0; i < q.length; i++) {
      dot += (double) q[i] * row[i];
      qq += (double) q[i] * q[i];
      rr += (double) row[i] * row[i];
      dist += ((double) q[i] - row[i]) * ((double) q[i] - row[i]);
    }
    switch (similarity) {
      case COSINE:
        return qq == 0 || rr == 0 ? 0 : dot / Math.sqrt(qq * rr);
      case DOT:
        return dot;
      case EUCLIDEAN:
        return -Math.sqrt(dist);
      default:
        throw new AssertionError(similarity);
    }
  }

  /**
   * Checks {@code top} is a correct top-k of rows {@code [0, rowLimit)} minus {@code exclude}: sorted, scores
   * right within float rounding, and no left-out row scoring clearly better than the last one kept.
   */
  static void assertTopK(VectorTable table, float[] q, int k, Similarity similarity, int rowLimit,
      IntPredicate exclude, TopK top) {
    int rows = Math.min(rowLimit, table.rows());
    double[] ref = new double[rows];
    double scale = 0;
    int eligible = 0;
    for (int r = 0; r < rows; r++) {
      ref[r] = reference(similarity, q, table.row(r));
      scale = Math.max(scale, Math.abs(ref[r]));
      if (exclude == null || !exclude.test(r)) {
        eligible++;
      }
    }
    double tol = 1e-5 * Math.max(1, scale) * Math.sqrt(q.length);
    assertEquals(Math.min(k, eligible), top.size(), "result size");
    boolean[] kept = new boolean[rows];
    for (int i = 0; i < top.size(); i++) {
      int id = top.ids()[i];
      assertTrue(id >= 0 && id < rows, "id in range: " + id);
      assertFalse(kept[id], "id returned twice: " + id);
      assertFalse(exclude != null && exclude.test(id), "excluded id returned: " + id);
      kept[id] = true;
      assertEquals(ref[id], top.scores()[i], tol, "score of row " + id);
      if (i > 0) {
        float prev = top.scores()[i - 1];
        float cur = top.scores()[i];
        assertTrue(prev > cur || (prev == cur && top.ids()[i - 1] < id), "order at " + i);
      }
    }
    if (top.size() > 0) {
      double last = top.scores()[top.size() - 1];
      for (int r = 0; r < rows; r++) {
        if (!kept[r] && (exclude == null || !exclude.test(r))) {
          assertTrue(ref[r] <= last + 2 * tol, "row " + r + " (" + ref[r] + ") beats the last kept (" + last + ")");
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void matchesBruteForceForEverySimilarityAndSize(DType dtype) {
    Random rnd = new Random(dtype.ordinal());
    for (int dim : new int[] {1, 7, 13, 100, 300}) {
      VectorTable table = randomTable(rnd, dtype, 203, dim, VectorTable.DEFAULT_MAX_CHUNK_VALUES);
      for (Similarity similarity : Similarity.values()) {
        for (int k : new int[] {1, 10, 203, 500}) {
          float[] q = gaussian(rnd, dim);
          assertTopK(table, q, k, similarity, Integer.MAX_VALUE, null,
              NearestNeighbors.search(table, q, k, similarity));
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void exclusionAndRowLimit(DType dtype) {
    Random rnd = new Random(7);
    VectorTable table = randomTable(rnd, dtype, 500, 37, VectorTable.DEFAULT_MAX_CHUNK_VALUES);
    IntPredicate odd = id -> id % 2 == 1;
    for (Similarity similarity : Similarity.values()) {
      float[] q = gaussian(rnd, 37);
      for (int limit : new int[] {0, 1, 5, 99, 500, 10_000}) {
        TopK top = NearestNeighbors.search(table, q, 20, similarity, limit, odd);
        assertTopK(table, q, 20, similarity, limit, odd, top);
      }
    }
    float[] q = table.row(3);
    TopK self = NearestNeighbors.search(table, q, 5, Similarity.COSINE, 500, id -> id == 3);
    assertFalse(Arrays.stream(self.ids()).anyMatch(id -> id == 3), "the query's own row is excluded");
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void chunkedTablesSearchAcrossChunkBoundaries(DType dtype) {
    Random rnd = new Random(11);
    int dim = 19;
    // 7 rows a chunk (the remainder of maxChunkValues is wasted on purpose): tiles must stop at chunk ends.
    VectorTable table = randomTable(rnd, dtype, 1000, dim, 7 * dim + 5);
    VectorTable flat = table.prefix(1000);
    for (Similarity similarity : Similarity.values()) {
      float[] q = gaussian(rnd, dim);
      TopK chunked = NearestNeighbors.search(table, q, 25, similarity);
      assertTopK(table, q, 25, similarity, Integer.MAX_VALUE, null, chunked);
      TopK single = NearestNeighbors.search(flat, q, 25, similarity);
      assertArrayEquals(single.ids(), chunked.ids(), similarity + " ids");
      assertArrayEquals(single.scores(), chunked.scores(), similarity + " scores");
      for (int r = 0; r < table.rows(); r += 97) {
        assertArrayEquals(flat.row(r), table.row(r), "row " + r);
      }
    }
  }

  @Test
  void tiesAreBrokenByAscendingId() {
    int dim = 24;
    float[] v = gaussian(new Random(3), dim);
    float[] w = v.clone();
    for (int i = 0; i < dim; i++) {
      w[i] = -v[i];
    }
    VectorTable.Builder b = VectorTable.builder(DType.F32, 300, dim, 10 * dim);
    for (int r = 0; r < 300; r++) {
      b.set(r, r % 3 == 0 ? v : w);
    }
    VectorTable table = b.build();
    for (Similarity similarity : Similarity.values()) {
      TopK top = NearestNeighbors.search(table, v, 7, similarity, 300, id -> id == 3);
      assertArrayEquals(new int[] {0, 6, 9, 12, 15, 18, 21}, top.ids(), similarity.toString());
      for (float s : top.scores()) {
        assertEquals(top.scores()[0], s, similarity + " identical rows score identically");
      }
    }
    List<TopK> batch = NearestNeighbors.searchBatch(table, new float[][] {w, v}, 3, Similarity.DOT, null);
    assertArrayEquals(new int[] {1, 2, 4}, batch.get(0).ids());
    assertArrayEquals(new int[] {0, 3, 6}, batch.get(1).ids());
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void batchEqualsSingleQueries(DType dtype) {
    Random rnd = new Random(5);
    // Large enough for the parallel path (rows x dim x queries past 2^22) and a partial last query block.
    int dim = 300;
    VectorTable table = randomTable(rnd, dtype, 3001, dim, 1000 * dim);
    float[][] queries = new float[9][];
    for (int i = 0; i < queries.length; i++) {
      queries[i] = gaussian(rnd, dim);
    }
    queries[4] = new float[dim];
    IntPredicate exclude = id -> id % 10 == 0;
    for (Similarity similarity : Similarity.values()) {
      List<TopK> batch = NearestNeighbors.searchBatch(table, queries, 10, similarity, exclude);
      assertEquals(queries.length, batch.size());
      for (int i = 0; i < queries.length; i++) {
        TopK single = NearestNeighbors.search(table, queries[i], 10, similarity, table.rows(), exclude);
        assertTopK(table, queries[i], 10, similarity, Integer.MAX_VALUE, exclude, batch.get(i));
        assertArrayEquals(single.ids(), batch.get(i).ids(), similarity + " query " + i);
        for (int j = 0; j < single.size(); j++) {
          // Half tables: single queries decode in registers, batches decode a tile; sums differ in order.
          float s = single.scores()[j];
          assertEquals(s, batch.get(i).scores()[j], 1e-5f * Math.max(1, Math.abs(s)), similarity + " query " + i);
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void packedBatchesEqualSingleQueries(DType dtype) {
    // 40 queries: the packed kernels (row panels, transposed once per tile, where the vector kernels offer them),
    // across chunk ends (partial tiles), for a dimension that is not a whole number of vectors and one that is.
    for (int dim : new int[] {300, 64}) {
      Random rnd = new Random(dim);
      VectorTable table = randomTable(rnd, dtype, 2001, dim, 700 * dim);
      float[][] queries = new float[40][];
      for (int i = 0; i < queries.length; i++) {
        queries[i] = gaussian(rnd, dim);
      }
      queries[7] = new float[dim];
      IntPredicate exclude = id -> id % 7 == 3;
      for (Similarity similarity : Similarity.values()) {
        List<TopK> batch = NearestNeighbors.searchBatch(table, queries, 10, similarity, exclude);
        for (int i = 0; i < queries.length; i++) {
          assertTopK(table, queries[i], 10, similarity, Integer.MAX_VALUE, exclude, batch.get(i));
          TopK single = NearestNeighbors.search(table, queries[i], 10, similarity, table.rows(), exclude);
          assertArrayEquals(single.ids(), batch.get(i).ids(), dtype + " " + dim + " " + similarity + " query " + i);
        }
      }
    }
  }

  @Test
  void aBatchBigEnoughToPlaceItsPanelsFindsWhatSingleQueriesFind() {
    // 4,096 queries over 131,072 rows of 64: each of the row ranges searched in parallel (eight on two cores) is
    // 2^32 multiply-adds, over ExactScan's threshold, so the scan times the panel offsets (PanelPlacement) before
    // its first tile and again at its 64th, and the tiles after those go to the chosen offsets.
    Random rnd = new Random(29);
    int dim = 64;
    VectorTable table = randomTable(rnd, DType.F32, 131_072, dim, VectorTable.DEFAULT_MAX_CHUNK_VALUES);
    float[][] queries = new float[4096][];
    for (int i = 0; i < queries.length; i++) {
      queries[i] = gaussian(rnd, dim);
    }
    TopK[] batch = ExactScan.search(Kernels.search(), table, queries, 10, Similarity.COSINE, table.rows(), null,
        Runtime.getRuntime().availableProcessors(), null);
    for (int i = 0; i < queries.length; i += 511) {
      assertTopK(table, queries[i], 10, Similarity.COSINE, Integer.MAX_VALUE, null, batch[i]);
      TopK single = NearestNeighbors.search(table, queries[i], 10, Similarity.COSINE, table.rows(), null);
      assertArrayEquals(single.ids(), batch[i].ids(), "query " + i);
    }
  }

  @Test
  void largeSingleQueryUsesTheParallelPathCorrectly() {
    Random rnd = new Random(13);
    int dim = 128;
    VectorTable table = randomTable(rnd, DType.BF16, 40_000, dim, VectorTable.DEFAULT_MAX_CHUNK_VALUES);
    float[] q = gaussian(rnd, dim);
    assertTopK(table, q, 10, Similarity.COSINE, Integer.MAX_VALUE, null,
        NearestNeighbors.search(table, q, 10, Similarity.COSINE));
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void scalarKernelsFindTheSameNeighbours(DType dtype) {
    Random rnd = new Random(19);
    VectorTable table = randomTable(rnd, dtype, 400, 33, 50 * 33);
    float[][] queries = {gaussian(rnd, 33), gaussian(rnd, 33), gaussian(rnd, 33), gaussian(rnd, 33), gaussian(rnd, 33)};
    for (Similarity similarity : Similarity.values()) {
      TopK[] scalar = ExactScan.search(SearchKernels.SCALAR, table, queries, 8, similarity, 400, null, 1, null);
      for (int i = 0; i < queries.length; i++) {
        assertTopK(table, queries[i], 8, similarity, 400, null, scalar[i]);
      }
    }
  }

  @Test
  void zeroVectorsHaveCosineZero() {
    VectorTable table = VectorTable.of(new float[][] {{0, 0, 0}, {1, 0, 0}, {-1, 0, 0}});
    TopK top = NearestNeighbors.search(table, new float[] {2, 0, 0}, 3, Similarity.COSINE);
    assertArrayEquals(new int[] {1, 0, 2}, top.ids());
    assertArrayEquals(new float[] {1, 0, -1}, top.scores());
    TopK fromZero = NearestNeighbors.search(table, new float[3], 3, Similarity.COSINE);
    assertArrayEquals(new int[] {0, 1, 2}, fromZero.ids());
    assertArrayEquals(new float[] {0, 0, 0}, fromZero.scores());
  }

  @Test
  void emptyTablesAndBatches() {
    VectorTable empty = VectorTable.builder(DType.F32, 0, 4).build();
    assertEquals(0, NearestNeighbors.search(empty, new float[4], 5, Similarity.COSINE).size());
    VectorTable table = VectorTable.of(new float[][] {{1, 2, 3, 4}});
    assertTrue(NearestNeighbors.searchBatch(table, new float[0][], 5, Similarity.DOT, null).isEmpty());
  }

  @Test
  void theFacadeValidates() {
    VectorTable table = VectorTable.of(new float[][] {{1, 2}});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> NearestNeighbors.search(table, new float[3], 1, Similarity.DOT));
    assertEquals("vector dimensions differ: 3 != 2", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> NearestNeighbors.search(table, new float[2], 0, Similarity.DOT));
    assertThrows(IllegalArgumentException.class,
        () -> NearestNeighbors.search(table, new float[2], 1, Similarity.DOT, -1, null));
    assertThrows(IllegalArgumentException.class,
        () -> NearestNeighbors.searchBatch(table, new float[][] {{1, 2}, {1}}, 1, Similarity.DOT, null));
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void aQueryWithANaNOrAnInfinityIsRejectedNamingTheValue(DType dtype) {
    // Issue 18: such a query used to return NaN scores. Lengths around the vector width, the bad value at the
    // first index, in the vector body, in the scalar tail and at the last index.
    Random rnd = new Random(37);
    for (int dim : new int[] {1, 7, 16, 17, 300}) {
      VectorTable table = randomTable(rnd, dtype, 50, dim, VectorTable.DEFAULT_MAX_CHUNK_VALUES);
      BatchIndex index = BatchIndex.of(table);
      for (int at : new int[] {0, dim / 2, dim - 1}) {
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
          float[] query = gaussian(rnd, dim);
          query[at] = bad;
          IllegalArgumentException single = assertThrows(IllegalArgumentException.class,
              () -> NearestNeighbors.search(table, query, 3, Similarity.COSINE));
          assertEquals("query has a non-finite value at index " + at + ": " + bad, single.getMessage());
          assertThrows(IllegalArgumentException.class,
              () -> NearestNeighbors.search(table, query, 3, Similarity.EUCLIDEAN, 10, id -> false));
          float[][] batch = {gaussian(rnd, dim), gaussian(rnd, dim), query, gaussian(rnd, dim)};
          for (Similarity similarity : Similarity.values()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NearestNeighbors.searchBatch(table, batch, 3, similarity, null));
            assertEquals("query 2 has a non-finite value at index " + at + ": " + bad, e.getMessage());
          }
          IllegalArgumentException viaIndex = assertThrows(IllegalArgumentException.class,
              () -> NearestNeighbors.searchBatch(table, batch, 3, Similarity.DOT, null,
                  SearchOptions.defaults().withIndex(index)));
          assertEquals("query 2 has a non-finite value at index " + at + ": " + bad, viaIndex.getMessage());
        }
      }
    }
    VectorTable table = VectorTable.of(new float[][] {{1, 2}});
    // The largest finite values are fine.
    assertEquals(1, NearestNeighbors.search(table, new float[] {Float.MAX_VALUE, -Float.MAX_VALUE}, 1,
        Similarity.DOT).size());
  }

  @Test
  void aBatchNamesTheQueryWhoseLengthDiffersOrThatIsNull() {
    VectorTable table = VectorTable.of(new float[][] {{1, 2}});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> NearestNeighbors.searchBatch(table, new float[][] {{1, 2}, {1}}, 1, Similarity.DOT, null));
    assertEquals("query 1: vector dimensions differ: 1 != 2", e.getMessage());
    NullPointerException n = assertThrows(NullPointerException.class,
        () -> NearestNeighbors.searchBatch(table, new float[][] {{1, 2}, null}, 1, Similarity.DOT, null));
    assertEquals("queries[1]", n.getMessage());
    assertThrows(NullPointerException.class, () -> NearestNeighbors.searchBatch(table, null, 1, Similarity.DOT, null));
    NullPointerException q = assertThrows(NullPointerException.class,
        () -> NearestNeighbors.search(table, null, 1, Similarity.DOT));
    assertEquals("query", q.getMessage());
  }

  @Test
  void resultsAreSortedLikeAFullSort() {
    Random rnd = new Random(17);
    VectorTable table = randomTable(rnd, DType.F32, 777, 16, VectorTable.DEFAULT_MAX_CHUNK_VALUES);
    float[] q = gaussian(rnd, 16);
    Integer[] all = new Integer[777];
    float[] scores = new float[777];
    for (int r = 0; r < 777; r++) {
      all[r] = r;
    }
    // k past the table returns every row: sorting all of them must agree with a smaller k.
    TopK full = NearestNeighbors.search(table, q, 1000, Similarity.DOT);
    for (int i = 0; i < full.size(); i++) {
      scores[full.ids()[i]] = full.scores()[i];
    }
    Arrays.sort(all, Comparator.<Integer>comparingDouble(r -> -scores[r]).thenComparingInt(r -> r));
    TopK top = NearestNeighbors.search(table, q, 50, Similarity.DOT);
    for (int i = 0; i < 50; i++) {
      assertEquals(all[i], top.ids()[i], "rank " + i);
    }
  }
}
