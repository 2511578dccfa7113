package io.github.embeddings4j;

import io.github.embeddings4j.internal.simd.PanelKernels;
import io.github.embeddings4j.internal.simd.ScanKernels;
import java.util.Optional;

/**
 * How {@link ExactScan} scores one table for one batch of queries, chosen once per search from the table's
 * storage type, the similarity, the number of queries and the kernels at hand. The scan branches on {@link
 * #scoring} and reads its sizes from here; nothing else decides its path.
 *
 * @param scoring which kernel scores a tile of rows against a block of queries
 * @param decodeTiles whether half-precision tiles are decoded to float32 before scoring
 * @param tileRows rows per tile (a whole number of the kernel's row groups)
 * @param queryBlock queries per block scored against a tile
 * @param sliceGrain rows per tile as far as splitting the scan into parallel row ranges is concerned
 * @param rowPanel rows per panel of the panel kernels, or 0 when the plan does not use them
 */
record ScanPlan(Scoring scoring, boolean decodeTiles, int tileRows, int queryBlock, int sliceGrain, int rowPanel) {
  /** Float values of table rows per tile: 64 Ki floats = 256 KiB, leaving most of a 2 MiB L2 to the queries. */
  static final int TILE_VALUES = 1 << 16;
  /**
   * Values per tile where half-precision rows are scored in registers (a single query or a few), and for a single
   * float32 query: 4 Mi values, 8 MiB of bfloat16 or 16 MiB of float32. {@link ScanKernels#dotHalfRows} and, for
   * one query, {@link ScanKernels#dotMatrix} read one row from each quarter of a tile, so a long tile makes their
   * four memory streams long ones that the prefetchers keep ahead of; with {@link #TILE_VALUES} a quarter was 10
   * rows (30 KiB or 60 KiB) of a 1,536-wide table. Nothing is reused from a tile, and only the small score buffer
   * grows with it.
   */
  static final int LONG_TILE_VALUES = 1 << 22;
  /** Float values of queries per block: 1.5 MiB (256 queries of 1,536). */
  static final int QUERY_BLOCK_VALUES = 3 << 17;
  /** Batches smaller than this score half-precision rows without decoding them to a tile first. */
  static final int FUSED_QUERIES = 4;
  /** Batches of at least this many queries are packed for a batch kernel. */
  static final int PACKED_QUERIES = 16;
  /** Rows per group of the micro-kernel of {@link ScanKernels#dotPacked}. */
  private static final int PACKED_ROW_GROUP = 6;

  /** The kernel that scores a tile. */
  enum Scoring {
    /** Half-precision rows decoded in registers by {@link ScanKernels#dotHalfRows}, one query at a time. */
    HALF_ROWS,
    /** Every pair scored from its values by {@link Similarity#pairScore} (float32 Euclidean). */
    PAIRS,
    /** A block of queries against a tile by {@link ScanKernels#dotMatrix}. */
    DOT_MATRIX,
    /** Queries packed in panels against a tile by {@link ScanKernels#dotPacked}; scores stored row-major. */
    PACKED,
    /** Each tile transposed into row panels once, scored by {@link PanelKernels#dotRowPanels}. */
    ROW_PANELS,
    /** Tiles read as they are from a prepared copy in row panels ({@link RowPanels}), scored likewise. */
    PREPARED_PANELS;

    /** Whether the queries are packed, in panels or quads, and scored in blocks padded to {@link ScanKernels#PANEL}. */
    boolean packed() {
      return this == PACKED || this == ROW_PANELS || this == PREPARED_PANELS;
    }

    /** Whether the kernel reads row panels. */
    boolean panels() {
      return this == ROW_PANELS || this == PREPARED_PANELS;
    }
  }

  /**
   * Chooses the plan.
   *
   * @param dtype the table's storage type
   * @param dimension the table's dimension
   * @param similarity the similarity searched
   * @param queryCount queries in the batch
   * @param panels the panel kernels, if the implementation has them
   * @param prepared whether the table's rows are also in a {@link RowPanels} copy made with those panel kernels
   */
  static ScanPlan choose(DType dtype, int dimension, Similarity similarity, int queryCount,
      Optional<PanelKernels> panels, boolean prepared) {
    boolean f32 = dtype == DType.F32;
    boolean dots = similarity.fromDotProducts(dtype);
    if (!f32 && queryCount < FUSED_QUERIES) {
      // Fewer queries than a kernel block: nothing to share a decoded tile with, so the half-precision kernels
      // decode in registers and read the table at its own width (half the bytes of float32).
      return longTiles(Scoring.HALF_ROWS, false, dimension);
    }
    if (queryCount >= PACKED_QUERIES && dots) {
      int queryBlock = Math.max(1, QUERY_BLOCK_VALUES / dimension / ScanKernels.PANEL) * ScanKernels.PANEL;
      if (panels.isPresent()) {
        // Whole row panels per tile; the transposed tile is shared by the whole query block.
        int rp = panels.get().rowPanel();
        int tileRows = Math.max(rp, TILE_VALUES / dimension / rp * rp);
        Scoring scoring = prepared ? Scoring.PREPARED_PANELS : Scoring.ROW_PANELS;
        return new ScanPlan(scoring, !f32 && !prepared, tileRows, queryBlock, tileRows, rp);
      }
      // Whole row groups for the micro-kernel, whole query panels per block.
      int tileRows = Math.max(PACKED_ROW_GROUP, TILE_VALUES / dimension / PACKED_ROW_GROUP * PACKED_ROW_GROUP);
      return new ScanPlan(Scoring.PACKED, !f32, tileRows, queryBlock, tileRows, 0);
    }
    if (!dots) {
      return shortTiles(Scoring.PAIRS, !f32, dimension);
    }
    if (f32 && queryCount == 1) {
      // dotMatrix scores a single query one row from each quarter of a tile at a time, as dotHalfRows does.
      return longTiles(Scoring.DOT_MATRIX, false, dimension);
    }
    return shortTiles(Scoring.DOT_MATRIX, !f32, dimension);
  }

  private static ScanPlan shortTiles(Scoring scoring, boolean decode, int dimension) {
    int tileRows = roundDown4(TILE_VALUES / dimension);
    return new ScanPlan(scoring, decode, tileRows, roundDown4(QUERY_BLOCK_VALUES / dimension), tileRows, 0);
  }

  /** Long tiles split as if they were short ones, so that a table a few long tiles deep still splits. */
  private static ScanPlan longTiles(Scoring scoring, boolean decode, int dimension) {
    return new ScanPlan(scoring, decode, roundDown4(LONG_TILE_VALUES / dimension),
        roundDown4(QUERY_BLOCK_VALUES / dimension), roundDown4(TILE_VALUES / dimension), 0);
  }

  /** Rounds down to a multiple of 4 (the kernels' block), keeping at least 1. */
  private static int roundDown4(int n) {
    return n >= 4 ? n & ~3 : Math.max(1, n);
  }

  /**
   * Returns the queries of a block as scored: rounded up to whole panels when the queries are packed.
   *
   * @param m queries in the block
   */
  int padded(int m) {
    return scoring.packed() ? (m + ScanKernels.PANEL - 1) / ScanKernels.PANEL * ScanKernels.PANEL : m;
  }

  /**
   * Returns rows rounded up to whole panels when the plan uses them.
   *
   * @param n rows
   */
  int paddedRows(int n) {
    return rowPanel > 0 ? (n + rowPanel - 1) / rowPanel * rowPanel : n;
  }
}
