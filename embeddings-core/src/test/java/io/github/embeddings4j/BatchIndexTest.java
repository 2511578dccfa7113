package io.github.embeddings4j;

import static io.github.embeddings4j.NearestNeighborsTest.assertTopK;
import static io.github.embeddings4j.NearestNeighborsTest.gaussian;
import static io.github.embeddings4j.NearestNeighborsTest.randomTable;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.embeddings4j.internal.simd.Kernels;
import io.github.embeddings4j.internal.simd.PanelKernels;
import io.github.embeddings4j.internal.simd.PanelPlacement;
import io.github.embeddings4j.internal.simd.SearchKernels;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A {@link BatchIndex} finds exactly what a scan of its table finds, score for score. */
class BatchIndexTest {
  private static float[][] queries(Random rnd, int count, int dim) {
    float[][] q = new float[count][];
    for (int i = 0; i < count; i++) {
      q[i] = gaussian(rnd, dim);
    }
    return q;
  }

  private static void assertSame(List<TopK> expected, List<TopK> actual) {
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      assertArrayEquals(expected.get(i).ids(), actual.get(i).ids(), "ids of query " + i);
      assertArrayEquals(expected.get(i).scores(), actual.get(i).scores(), "scores of query " + i);
    }
  }

  /** Fails unless this run has the panel kernel, so that the tests below do exercise the copy. */
  private static PanelKernels panelKernels() {
    SearchKernels k = Kernels.search();
    assertTrue(k.panels().isPresent(), "tests run with --add-modules jdk.incubator.vector: " + k.vector().name());
    return k.panels().get();
  }

  /** A batch search through the index, as users run it. */
  private static List<TopK> searchBatch(BatchIndex index, float[][] queries, int k, Similarity similarity,
      IntPredicate exclude) {
    return NearestNeighbors.searchBatch(index.table(), queries, k, similarity, exclude,
        SearchOptions.defaults().withIndex(index));
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void findsWhatTheTableScanFindsForEverySimilarity(DType dtype) {
    Random rnd = new Random(41 + dtype.ordinal());
    int dim = 100;
    // 1,000 rows: 20 whole panels of 48 and 40 rows more; the table in chunks of 50 rows, so panels straddle the
    // table's chunks; the copy in chunks of 3 panels.
    VectorTable table = randomTable(rnd, dtype, 1_000, dim, 50 * dim);
    PanelKernels kernels = panelKernels();
    BatchIndex index = BatchIndex.of(table, Kernels.search(), 3 * kernels.rowPanel() * dim);
    assertTrue(index.sizeInBytes() >= 4L * 1_000 * dim, "copy made: " + index.sizeInBytes());
    float[][] queries = queries(rnd, 40, dim);
    IntPredicate exclude = id -> id % 97 == 3;
    for (Similarity similarity : Similarity.values()) {
      List<TopK> expected = NearestNeighbors.searchBatch(table, queries, 7, similarity, exclude);
      List<TopK> actual = searchBatch(index, queries, 7, similarity, exclude);
      assertSame(expected, actual);
      for (int i = 0; i < queries.length; i += 13) {
        assertTopK(table, queries[i], 7, similarity, Integer.MAX_VALUE, exclude, actual.get(i));
      }
    }
  }

  @Test
  void aSingleQueryAndATableSmallerThanAPanel() {
    Random rnd = new Random(43);
    VectorTable table = randomTable(rnd, DType.F32, 5, 24, VectorTable.DEFAULT_MAX_CHUNK_VALUES);
    BatchIndex index = BatchIndex.of(table);
    float[][] queries = queries(rnd, 20, 24);
    List<TopK> all = searchBatch(index, queries, 9, Similarity.COSINE, null);
    for (TopK top : all) {
      assertEquals(5, top.size(), "k above the table's size returns every row");
    }
    assertSame(NearestNeighbors.searchBatch(table, queries, 9, Similarity.COSINE, null), all);
    TopK one = NearestNeighbors.search(table, queries[0], 3, Similarity.DOT, table.rows(), null,
        SearchOptions.defaults().withIndex(index));
    TopK expected = NearestNeighbors.search(table, queries[0], 3, Similarity.DOT);
    assertArrayEquals(expected.ids(), one.ids());
    assertArrayEquals(expected.scores(), one.scores());
  }

  @Test
  void withoutAPanelKernelThereIsNoCopyAndTheSameResults() {
    Random rnd = new Random(47);
    VectorTable table = randomTable(rnd, DType.BF16, 300, 33, VectorTable.DEFAULT_MAX_CHUNK_VALUES);
    BatchIndex index = BatchIndex.of(table, SearchKernels.SCALAR, VectorTable.DEFAULT_MAX_CHUNK_VALUES);
    assertEquals(0, index.sizeInBytes());
    float[][] queries = queries(rnd, 20, 33);
    List<TopK> expected = List.of(ExactScan.search(SearchKernels.SCALAR, table, queries, 5, Similarity.COSINE,
        table.rows(), null, 1, null));
    assertSame(expected, List.of(index.search(queries, 5, Similarity.COSINE, table.rows(), null, 2, null)));
  }

  @Test
  void aMovedChunkGivesTheSameResults() {
    Random rnd = new Random(53);
    int dim = 64;
    VectorTable table = randomTable(rnd, DType.F32, 500, dim, VectorTable.DEFAULT_MAX_CHUNK_VALUES);
    PanelKernels kernels = panelKernels();
    RowPanels panels = RowPanels.build(Kernels.get(), kernels, table, 4 * kernels.rowPanel() * dim);
    float[][] queries = queries(rnd, 32, dim);
    List<TopK> before = List.of(search(table, queries, panels));
    for (int target = 0; target <= PanelPlacement.SLACK; target += 2) {
      int[] votes = new int[panels.chunkCount() * RowPanels.SLOTS];
      votes[target / 2] = 3; // chunk 0: three ranges for the target
      votes[target / 2 == 0 ? 1 : 0] = 2; // and two for another offset
      votes[RowPanels.SLOTS + 1] = 1; // chunk 1: one vote for 2 against one for 4: no majority, stays
      votes[RowPanels.SLOTS + 2] = 1;
      int chunk1 = panels.chunkOffset(1);
      boolean wants = panels.wantsMove(votes);
      assertEquals(target != panels.chunkOffset(0), wants, "target " + target);
      assertEquals(wants ? 1 : 0, panels.relayout(votes));
      assertEquals(target, panels.chunkOffset(0));
      assertEquals(chunk1, panels.chunkOffset(1));
      assertFalse(panels.wantsMove(votes));
      assertSame(before, List.of(search(table, queries, panels)));
    }
  }

  private static TopK[] search(VectorTable table, float[][] queries, RowPanels panels) {
    AtomicIntegerArray votes = new AtomicIntegerArray(panels.chunkCount() * RowPanels.SLOTS);
    return ExactScan.search(Kernels.search(), table, queries, 10, Similarity.COSINE, table.rows(), null,
        Runtime.getRuntime().availableProcessors(), null, panels, votes);
  }

  @Test
  void aBatchBigEnoughToTimeItsPlacementVotesAndFindsWhatTheTableScanFinds() {
    // 512 queries over 25,000 rows of 1,536 (a language model's row length: tiles of one 48-row panel): on two
    // cores eight row ranges of 3,125 rows, each 65 tiles and 2.5 * 2^31 multiply-adds, so each one times the
    // copy's offsets at its 64th tile and votes once.
    Random rnd = new Random(59);
    int dim = 1536;
    int rows = 25_000;
    VectorTable table = randomTable(rnd, DType.F32, rows, dim, VectorTable.DEFAULT_MAX_CHUNK_VALUES);
    PanelKernels kernels = panelKernels();
    float[][] queries = queries(rnd, 512, dim);
    List<TopK> expected = NearestNeighbors.searchBatch(table, queries, 10, Similarity.COSINE, null);

    RowPanels panels = RowPanels.build(Kernels.get(), kernels, table, VectorTable.DEFAULT_MAX_CHUNK_VALUES);
    AtomicIntegerArray votes = new AtomicIntegerArray(panels.chunkCount() * RowPanels.SLOTS);
    assertSame(expected, List.of(ExactScan.search(Kernels.search(), table, queries, 10, Similarity.COSINE, rows,
        null, Runtime.getRuntime().availableProcessors(), null, panels, votes)));
    int ranges = (int) Math.min(Runtime.getRuntime().availableProcessors() * 4L, rows / kernels.rowPanel());
    int cast = 0;
    for (int i = 0; i < votes.length(); i++) {
      cast += votes.get(i);
    }
    if (rows / ranges / kernels.rowPanel() > 64) {
      assertEquals(ranges, cast, "one vote per row range of more than 64 tiles");
    }

    // Through the index, twice: the second search runs on whatever placement the first left.
    BatchIndex index = BatchIndex.of(table);
    assertSame(expected, searchBatch(index, queries, 10, Similarity.COSINE, null));
    assertSame(expected, searchBatch(index, queries, 10, Similarity.COSINE, null));
  }

  @Test
  void concurrentSearchesAgree() throws Exception {
    Random rnd = new Random(61);
    int dim = 48;
    VectorTable table = randomTable(rnd, DType.F32, 2_000, dim, VectorTable.DEFAULT_MAX_CHUNK_VALUES);
    BatchIndex index = BatchIndex.of(table);
    float[][] queries = queries(rnd, 64, dim);
    List<TopK> expected = NearestNeighbors.searchBatch(table, queries, 5, Similarity.COSINE, null);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<TopK>>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        results.add(pool.submit(() -> searchBatch(index, queries, 5, Similarity.COSINE, null)));
      }
      for (Future<List<TopK>> f : results) {
        assertSame(expected, f.get());
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void rejectsBadArguments() {
    VectorTable table = randomTable(new Random(67), DType.F32, 10, 8, VectorTable.DEFAULT_MAX_CHUNK_VALUES);
    BatchIndex index = BatchIndex.of(table);
    assertThrows(IllegalArgumentException.class, () -> searchBatch(index, new float[][] {new float[7]}, 3,
        Similarity.COSINE, null));
    assertThrows(IllegalArgumentException.class, () -> searchBatch(index, new float[][] {new float[8]}, 0,
        Similarity.COSINE, null));
    assertThrows(NullPointerException.class, () -> BatchIndex.of(null));
    assertEquals(table, index.table());
  }
}
