package io.github.embeddings4j;

import static io.github.embeddings4j.NearestNeighborsTest.gaussian;
import static io.github.embeddings4j.NearestNeighborsTest.randomTable;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.embeddings4j.ScanPlan.Scoring;
import io.github.embeddings4j.internal.simd.Kernels;
import io.github.embeddings4j.internal.simd.PanelKernels;
import io.github.embeddings4j.internal.simd.SearchKernels;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The scan plan is chosen from the table's type, the similarity, the batch size and the kernels, and only them. */
class ScanPlanTest {
  private static final Optional<PanelKernels> NONE = Optional.empty();
  private static final Optional<PanelKernels> PANELS = Kernels.search().panels();

  private static Scoring scoring(DType dtype, Similarity similarity, int queries, Optional<PanelKernels> panels,
      boolean prepared) {
    return ScanPlan.choose(dtype, 300, similarity, queries, panels, prepared).scoring();
  }

  @Test
  void aFewHalfPrecisionQueriesAreScoredInRegistersForEverySimilarity() {
    for (DType dtype : new DType[] {DType.BF16, DType.F16}) {
      for (Similarity similarity : Similarity.values()) {
        for (int queries = 1; queries < ScanPlan.FUSED_QUERIES; queries++) {
          ScanPlan plan = ScanPlan.choose(dtype, 300, similarity, queries, PANELS, false);
          assertEquals(Scoring.HALF_ROWS, plan.scoring(), dtype + " " + similarity + " " + queries);
          assertFalse(plan.decodeTiles());
          assertTrue(plan.tileRows() > plan.sliceGrain(), "long tiles, split as short ones");
        }
      }
    }
  }

  @Test
  void float32EuclideanIsScoredPairByPairWhateverTheBatch() {
    for (int queries : new int[] {1, 5, 16, 300}) {
      ScanPlan plan = ScanPlan.choose(DType.F32, 300, Similarity.EUCLIDEAN, queries, PANELS, true);
      assertEquals(Scoring.PAIRS, plan.scoring(), "queries " + queries);
      assertEquals(0, plan.rowPanel());
      assertFalse(plan.decodeTiles());
    }
    // Half-precision Euclidean goes through dot products: one decoded product costs less than a decoded difference.
    assertEquals(Scoring.DOT_MATRIX, scoring(DType.BF16, Similarity.EUCLIDEAN, 5, PANELS, false));
  }

  @Test
  void aSingleFloat32QueryReadsLongTiles() {
    for (Similarity similarity : new Similarity[] {Similarity.COSINE, Similarity.DOT}) {
      ScanPlan one = ScanPlan.choose(DType.F32, 300, similarity, 1, PANELS, false);
      ScanPlan two = ScanPlan.choose(DType.F32, 300, similarity, 2, PANELS, false);
      assertEquals(Scoring.DOT_MATRIX, one.scoring());
      assertEquals(Scoring.DOT_MATRIX, two.scoring());
      assertTrue(one.tileRows() > two.tileRows(), one + " against " + two);
      assertEquals(two.tileRows(), one.sliceGrain());
    }
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void largeBatchesArePackedForThePanelKernelWhereThereIsOne(DType dtype) {
    for (Similarity similarity : Similarity.values()) {
      if (!similarity.fromDotProducts(dtype)) {
        continue;
      }
      int q = ScanPlan.PACKED_QUERIES;
      assertEquals(Scoring.PACKED, scoring(dtype, similarity, q, NONE, false));
      assertEquals(Scoring.PACKED, scoring(dtype, similarity, q, NONE, true), "no panel kernel: no copy to read");
      if (PANELS.isPresent()) {
        ScanPlan plan = ScanPlan.choose(dtype, 300, similarity, q, PANELS, false);
        assertEquals(Scoring.ROW_PANELS, plan.scoring());
        assertEquals(PANELS.get().rowPanel(), plan.rowPanel());
        assertEquals(0, plan.tileRows() % plan.rowPanel());
        assertEquals(dtype != DType.F32, plan.decodeTiles());
        ScanPlan prepared = ScanPlan.choose(dtype, 300, similarity, q, PANELS, true);
        assertEquals(Scoring.PREPARED_PANELS, prepared.scoring());
        assertFalse(prepared.decodeTiles(), "the copy is float32 already");
      }
      assertEquals(Scoring.DOT_MATRIX, scoring(dtype, similarity, q - 1, PANELS, true));
    }
  }

  @Test
  void panelsArePresentWithTheVectorApi() {
    // The build runs the tests with --add-modules jdk.incubator.vector: the panel plans above are exercised.
    assertTrue(PANELS.isPresent(), Kernels.get().name());
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void everyPlanFindsTheSameScoresAsTheScalarKernelsBitForBit(DType dtype) {
    Random rnd = new Random(71 + dtype.ordinal());
    int dim = 37;
    VectorTable table = randomTable(rnd, dtype, 700, dim, 100 * dim);
    for (int count : new int[] {1, 3, 5, ScanPlan.PACKED_QUERIES + 1}) {
      float[][] queries = new float[count][];
      for (int i = 0; i < count; i++) {
        queries[i] = gaussian(rnd, dim);
      }
      for (Similarity similarity : Similarity.values()) {
        TopK[] chosen = ExactScan.search(Kernels.search(), table, queries, 9, similarity, table.rows(), null, 2,
            null);
        TopK[] scalar = ExactScan.search(SearchKernels.SCALAR, table, queries, 9, similarity, table.rows(), null, 1,
            null);
        for (int i = 0; i < count; i++) {
          assertArrayEquals(scalar[i].ids(), chosen[i].ids(), dtype + " " + similarity + " " + count + " #" + i);
          float[] want = scalar[i].scores();
          float[] got = chosen[i].scores();
          for (int j = 0; j < want.length; j++) {
            // Kernels sum in different orders (the Panama ones fuse multiply-adds): close, not identical.
            assertEquals(want[j], got[j], 1e-5f * Math.max(1f, Math.abs(want[j])), similarity + " rank " + j);
          }
        }
      }
    }
  }
}
