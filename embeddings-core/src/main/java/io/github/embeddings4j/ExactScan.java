package io.github.embeddings4j;

import io.github.embeddings4j.internal.simd.PanelKernels;
import io.github.embeddings4j.internal.simd.PanelPlacement;
import io.github.embeddings4j.internal.simd.ScanKernels;
import io.github.embeddings4j.internal.simd.SearchKernels;
import io.github.embeddings4j.internal.simd.VectorKernels;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * The scan behind {@link NearestNeighbors}: scores every row against a block of queries and keeps the k best per
 * query. Arguments are validated by the caller.
 *
 * <p>The table is walked in tiles of whole rows (about 256 KiB of float32) that stay in the L2 cache while every
 * query of a block (up to 1.5 MiB) is scored against them, so a batch reads each row from memory once instead of
 * once per query. Batches of {@value #PACKED_QUERIES} or more queries are packed once per search
 * ({@link ScanKernels#pack}) for the outer-product kernel {@link ScanKernels#dotPacked}, or, where the kernels
 * have panel kernels, in groups of eight ({@link PanelKernels#packQuads}) for {@link PanelKernels#dotRowPanels},
 * which scores each tile once it is transposed into panels of rows ({@link PanelKernels#transposeRows}) and
 * broadcasts query values instead; smaller ones use {@link ScanKernels#dotMatrix}. The scores then go through a
 * vector pass (the cosine division, {@link ScanKernels#divideByNorms}) and a vector scan for the few that can enter
 * a query's heap ({@link ScanKernels#firstNotBelow}). For batches, half-precision tiles are decoded once per
 * tile, not once per query; a single query decodes in registers ({@link ScanKernels#dotHalfRows}) and so reads
 * half the bytes of float32. Large scans are split into row ranges searched in parallel, each with its own
 * collectors, merged at the end: a single query over a big table is memory-bound, and a second core adds memory
 * bandwidth.
 *
 * <p>With a {@link RowPanels} copy of the table (a {@link BatchIndex}), batches for {@link
 * PanelKernels#dotRowPanels} skip the transpose: tiles are read from the copy as they are, and each row range
 * reports which panel offset it measured fastest ({@link PanelPlacement}) so the index can move a misplaced chunk.
 */
final class ExactScan {
  /** Float values of table rows per tile: 64 Ki floats = 256 KiB, leaving most of a 2 MiB L2 to the queries. */
  private static final int TILE_VALUES = 1 << 16;
  /**
   * Values per tile where half-precision rows are scored in registers (a single query or a few), and for a single
   * float32 query: 4 Mi values, 8 MiB of bfloat16 or 16 MiB of float32. {@link ScanKernels#dotHalfRows} and, for
   * one query, {@link ScanKernels#dotMatrix} read one row from each quarter of a tile, so a long tile makes their
   * four memory streams long ones that the prefetchers keep ahead of; with {@link #TILE_VALUES} a quarter was 10
   * rows (30 KiB or 60 KiB) of a 1,536-wide table. Nothing is reused from a tile, and only the small score buffer
   * grows with it.
   */
  private static final int LONG_TILE_VALUES = 1 << 22;
  /** Float values of queries per block: 1.5 MiB (256 queries of 1,536). */
  private static final int QUERY_BLOCK_VALUES = 3 << 17;
  /** Batches smaller than this score half-precision rows without decoding them to a tile first. */
  private static final int FUSED_QUERIES = 4;
  /** Batches of at least this many queries are packed for the outer-product kernel {@link ScanKernels#dotPacked}. */
  private static final int PACKED_QUERIES = 16;
  /** Float values of queries per pass over the table (256 MiB). */
  private static final int MAX_BATCH_VALUES = 1 << 26;
  /** Row ranges of at least this many multiply-adds place their panels by timing ({@link PanelPlacement}). */
  private static final long PLACEMENT_MIN_WORK = 1L << 31;
  /** Tiles after which the placement is measured again: the first one may have timed code not yet compiled. */
  private static final int PLACEMENT_RETRY_TILE = 64;
  /** Below this many multiply-adds a scan stays on the calling thread: forking would cost more than it saves. */
  private static final long PARALLEL_MIN_WORK = 1L << 22;

  private final VectorKernels vector;
  private final ScanKernels scanKernels;
  /** The panel kernels where the kernels have them and a batch is packed for them, or null. */
  private final PanelKernels panelKernels;
  private final VectorTable table;
  private final Similarity similarity;
  private final int k;
  private final IntPredicate exclude;
  private final int dimension;
  private final int queryCount;
  private final float[] queries;
  private final float[] queryNorms;
  private final int tileRows;
  private final int queryBlock;
  /** Whether a query block is scored by {@link ScanKernels#dotPacked} (scores stored row-major). */
  private final boolean packedMode;
  /** The queries packed for {@link ScanKernels#dotPacked} or {@link PanelKernels#dotRowPanels}, or null. */
  private final float[] packed;
  /** Rows per panel of {@link PanelKernels#dotRowPanels} in packed mode, or 0 to use {@link ScanKernels#dotPacked}. */
  private final int rowPanel;
  /** The table's rows already in panels (a {@link BatchIndex}), used where {@link #rowPanel} &gt; 0, or null. */
  private final RowPanels prepared;
  /** Per chunk of {@link #prepared} and offset slot: how many row ranges timed that offset fastest. */
  private final AtomicIntegerArray placementVotes;
  /** Whether half-precision rows are scored in registers by {@link ScanKernels#dotHalfRows}. */
  private final boolean fused;
  /**
   * Whether tiles are {@link #LONG_TILE_VALUES} long: fused half-precision scans, and a single float32 query, which
   * {@link ScanKernels#dotMatrix} also scores one row from each quarter of a tile at a time.
   */
  private final boolean longTiles;
  /** The queries de-interleaved for {@link ScanKernels#dotHalfRows}, or null. */
  private final float[] deinterleaved;

  private ExactScan(SearchKernels kernels, VectorTable table, float[][] queries, int k, Similarity similarity,
      IntPredicate exclude, RowPanels prepared, AtomicIntegerArray placementVotes) {
    this.vector = kernels.vector();
    this.scanKernels = kernels.scan();
    this.table = table;
    this.similarity = similarity;
    this.k = k;
    this.exclude = exclude;
    this.dimension = table.dimension();
    this.queryCount = queries.length;
    this.queries = new float[queryCount * dimension];
    this.queryNorms = new float[queryCount];
    for (int q = 0; q < queryCount; q++) {
      System.arraycopy(queries[q], 0, this.queries, q * dimension, dimension);
      queryNorms[q] = (float) Math.sqrt(vector.dot(queries[q], 0, queries[q], 0, dimension));
    }
    boolean f32 = table.dtype() == DType.F32;
    // Fewer queries than a kernel block: nothing to share a decoded tile with, so the half-precision kernels
    // decode in registers and read the table at its own width (half the bytes of float32).
    this.fused = !f32 && queryCount < FUSED_QUERIES;
    this.longTiles = fused || (f32 && queryCount == 1 && similarity != Similarity.EUCLIDEAN);
    this.packedMode = queryCount >= PACKED_QUERIES && !(similarity == Similarity.EUCLIDEAN && f32);
    this.panelKernels = packedMode ? kernels.panels().orElse(null) : null;
    this.rowPanel = panelKernels == null ? 0 : panelKernels.rowPanel();
    this.prepared = rowPanel > 0 ? prepared : null;
    this.placementVotes = placementVotes;
    if (rowPanel > 0) {
      // Whole row panels per tile; the transposed tile is shared by the whole query block.
      this.tileRows = Math.max(rowPanel, TILE_VALUES / dimension / rowPanel * rowPanel);
      int panels = Math.max(1, QUERY_BLOCK_VALUES / dimension / ScanKernels.PANEL);
      this.queryBlock = panels * ScanKernels.PANEL;
      this.packed = PanelKernels.packQuads(this.queries, 0, queryCount, dimension);
    } else if (packedMode) {
      // Whole 6-row groups for the micro-kernel, whole query panels per block.
      this.tileRows = Math.max(6, TILE_VALUES / dimension / 6 * 6);
      int panels = Math.max(1, QUERY_BLOCK_VALUES / dimension / ScanKernels.PANEL);
      this.queryBlock = panels * ScanKernels.PANEL;
      this.packed = ScanKernels.pack(this.queries, 0, queryCount, dimension);
    } else {
      this.tileRows = roundDown4((longTiles ? LONG_TILE_VALUES : TILE_VALUES) / dimension);
      this.queryBlock = roundDown4(QUERY_BLOCK_VALUES / dimension);
      this.packed = null;
    }
    if (fused) {
      this.deinterleaved = new float[queryCount * dimension];
      for (int q = 0; q < queryCount; q++) {
        ScanKernels.deinterleave(this.queries, q * dimension, deinterleaved, q * dimension, dimension);
      }
    } else {
      this.deinterleaved = null;
    }
  }

  /** Queries of a block as scored, padded to whole panels in packed mode. */
  private int padded(int m) {
    return packedMode ? (m + ScanKernels.PANEL - 1) / ScanKernels.PANEL * ScanKernels.PANEL : m;
  }

  /** Rounds down to a multiple of 4 (the kernels' block), keeping at least 1. */
  private static int roundDown4(int n) {
    return n >= 4 ? n & ~3 : Math.max(1, n);
  }

  /**
   * Returns the k best of rows {@code [0, rows)} for every query, in query order.
   *
   * @param rows the number of candidate rows, at most {@code table.rows()}
   */
  static TopK[] search(SearchKernels kernels, VectorTable table, float[][] queries, int k, Similarity similarity,
      int rows, IntPredicate exclude) {
    return search(kernels, table, queries, k, similarity, rows, exclude, null, null);
  }

  /**
   * {@link #search} over a table whose rows are also in {@code prepared}, made with the same panel kernels;
   * {@code votes} ({@code prepared.chunkCount() * RowPanels.SLOTS} counters) receives the offsets measured fastest.
   */
  static TopK[] search(SearchKernels kernels, VectorTable table, float[][] queries, int k, Similarity similarity,
      int rows, IntPredicate exclude, RowPanels prepared, AtomicIntegerArray votes) {
    int perPass = Math.max(1, MAX_BATCH_VALUES / table.dimension());
    if (queries.length > perPass) {
      // The queries are copied into one flat array: a huge batch goes in passes so that array stays small.
      TopK[] out = new TopK[queries.length];
      for (int q0 = 0; q0 < queries.length; q0 += perPass) {
        float[][] part = Arrays.copyOfRange(queries, q0, Math.min(queries.length, q0 + perPass));
        System.arraycopy(search(kernels, table, part, k, similarity, rows, exclude, prepared, votes), 0, out, q0,
            part.length);
      }
      return out;
    }
    ExactScan scan = new ExactScan(kernels, table, queries, Math.min(k, Math.max(rows, 1)), similarity, exclude,
        prepared, votes);
    return scan.run(rows);
  }

  private TopK[] run(int rows) {
    long work = (long) rows * dimension * queryCount;
    // Long-tile scans split as if their tiles were short ones, so that a table a few long tiles deep still splits.
    int grain = longTiles ? roundDown4(TILE_VALUES / dimension) : tileRows;
    int slices = work < PARALLEL_MIN_WORK ? 1
        : (int) Math.min(Runtime.getRuntime().availableProcessors() * 4L, Math.max(1, rows / grain));
    TopKCollector[] merged;
    if (slices == 1) {
      merged = scanRows(0, rows);
    } else {
      TopKCollector[][] parts = IntStream.range(0, slices).parallel()
          .mapToObj(s -> scanRows(sliceStart(rows, slices, s), sliceStart(rows, slices, s + 1)))
          .toArray(TopKCollector[][]::new);
      merged = parts[0];
      for (int s = 1; s < slices; s++) {
        for (int q = 0; q < queryCount; q++) {
          merged[q].addAll(parts[s][q]);
        }
      }
    }
    TopK[] out = new TopK[queryCount];
    for (int q = 0; q < queryCount; q++) {
      out[q] = merged[q].result();
    }
    return out;
  }

  /** Where row range {@code s} of {@code slices} starts: on a panel boundary when the panels are prepared. */
  private int sliceStart(int rows, int slices, int s) {
    if (s == slices) {
      return rows;
    }
    int start = (int) ((long) rows * s / slices);
    return prepared == null ? start : start / rowPanel * rowPanel;
  }

  /** Scans rows {@code [from, to)} for every query into new collectors. */
  private TopKCollector[] scanRows(int from, int to) {
    TopKCollector[] top = new TopKCollector[queryCount];
    for (int q = 0; q < queryCount; q++) {
      top[q] = new TopKCollector(k);
    }
    boolean f32 = table.dtype() == DType.F32;
    boolean pre = prepared != null;
    float[] decoded = f32 || fused || pre ? null : new float[tileRows * dimension];
    int paddedRows = rowPanel > 0 ? (tileRows + rowPanel - 1) / rowPanel * rowPanel : tileRows;
    float[] scores = new float[padded(Math.min(queryBlock, queryCount)) * paddedRows];
    float[] panels = rowPanel > 0 && !pre ? new float[paddedRows * dimension + PanelPlacement.SLACK] : null;
    int panelsOffset = 0;
    boolean place = rowPanel > 0 && (long) (to - from) * padded(queryCount) * dimension >= PLACEMENT_MIN_WORK;
    // Queries of a block rounded up to whole quads: what the kernel scores, and so what placement times.
    int placementQueries = (Math.min(queryBlock, queryCount) + PanelKernels.QUAD - 1) / PanelKernels.QUAD
        * PanelKernels.QUAD;
    for (int r0 = from, tile = 0; r0 < to; tile++) {
      int n = Math.min(Math.min(tileRows, to - r0), pre ? prepared.rowsToChunkEnd(r0) : table.rowsToChunkEnd(r0));
      float[] rows = null;
      int offset = table.offset(r0);
      if (pre) {
        panels = prepared.chunk(r0);
        panelsOffset = prepared.offset(r0);
        if (place && tile == PLACEMENT_RETRY_TILE && placementVotes != null) {
          // By now the kernel is compiled: time the offsets on the copy itself and report the fastest.
          int c = prepared.chunkIndex(r0);
          int chosen = PanelPlacement.choose(panelKernels, panels, packed, placementQueries, dimension, scores,
              prepared.chunkOffset(c));
          placementVotes.incrementAndGet(c * RowPanels.SLOTS + chosen / 2);
        }
      } else if (f32) {
        rows = table.floatChunks()[r0 / table.rowsPerChunk()];
      } else if (!fused) {
        table.decodeRows(vector, r0, n, decoded);
        rows = decoded;
        offset = 0;
      }
      if (rowPanel > 0 && !pre) {
        if (place && (tile == 0 || tile == PLACEMENT_RETRY_TILE)) {
          panelsOffset = PanelPlacement.choose(panelKernels, panels, packed, placementQueries, dimension, scores,
              panelsOffset);
        }
        // Once per tile, shared by every query block.
        panelKernels.transposeRows(rows, offset, n, dimension, panels, panelsOffset);
      }
      for (int q0 = 0; q0 < queryCount; q0 += queryBlock) {
        int m = Math.min(queryBlock, queryCount - q0);
        // Score of query i, row j at scores[i * qs + j * rs].
        int qs = n;
        int rs = 1;
        if (fused) {
          scoreHalf(q0, m, table.halfChunks()[r0 / table.rowsPerChunk()], offset, n, scores);
        } else if (rowPanel > 0) {
          int mq = (m + PanelKernels.QUAD - 1) / PanelKernels.QUAD * PanelKernels.QUAD;
          int np = (n + rowPanel - 1) / rowPanel * rowPanel;
          panelKernels.dotRowPanels(packed, q0 * dimension, mq, panels, panelsOffset, n, dimension, scores, 0, np);
          qs = np;
        } else if (packedMode) {
          int mp = padded(m);
          scanKernels.dotPacked(packed, q0 * dimension, mp, rows, offset, n, dimension, scores, 0);
          qs = 1;
          rs = mp;
        } else {
          score(q0, m, rows, offset, n, scores);
        }
        finishScores(q0, m, r0, n, scores, qs, rs);
        collect(q0, m, r0, n, scores, qs, rs, top);
      }
      r0 += n;
    }
    return top;
  }

  /**
   * Fills {@code scores[i * n + j]} with the dot product of query {@code q0 + i} and the row at {@code offset +
   * j * dimension} of {@code rows}, or for float32 Euclidean with the negated distance itself.
   */
  private void score(int q0, int m, float[] rows, int offset, int n, float[] scores) {
    if (similarity == Similarity.EUCLIDEAN && table.dtype() == DType.F32) {
      // Direct differences: |q|^2 + |r|^2 - 2 q.r cancels catastrophically for near-equal float32 vectors.
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          scores[i * n + j] = (float) -Math.sqrt(vector.squareDistance(queries, (q0 + i) * dimension, rows,
              offset + j * dimension, dimension));
        }
      }
      return;
    }
    scanKernels.dotMatrix(queries, q0 * dimension, m, rows, offset, n, dimension, scores, 0);
  }

  /** {@link #score} for half-precision rows still in their 16-bit patterns. */
  private void scoreHalf(int q0, int m, short[] rows, int offset, int n, float[] scores) {
    boolean bf16 = table.dtype() == DType.BF16;
    for (int i = 0; i < m; i++) {
      scanKernels.dotHalfRows(bf16, deinterleaved, (q0 + i) * dimension, rows, offset, n, dimension, scores, i * n);
    }
  }

  /** Turns the dot products left by {@link #score} into cosines or negated distances. */
  private void finishScores(int q0, int m, int r0, int n, float[] scores, int qs, int rs) {
    if (similarity == Similarity.DOT || (similarity == Similarity.EUCLIDEAN && table.dtype() == DType.F32)) {
      return;
    }
    if (similarity == Similarity.COSINE && rs == 1) {
      // The common case: Similarity.cosine's product and division (the same float result), without its zero test
      // where no product of norms can be zero (float multiplication is monotonic, so the smallest row norm
      // decides), a vector at a time.
      float[] norms = table.normsUnchecked();
      float minNorm = Float.POSITIVE_INFINITY;
      for (int j = 0; j < n; j++) {
        minNorm = Math.min(minNorm, norms[r0 + j]);
      }
      for (int i = 0; i < m; i++) {
        float qn = queryNorms[q0 + i];
        int base = i * qs;
        if (qn * minNorm > 0f) {
          scanKernels.divideByNorms(scores, base, n, qn, norms, r0);
        } else {
          for (int j = 0; j < n; j++) {
            scores[base + j] = Similarity.cosine(scores[base + j], qn, norms[r0 + j]);
          }
        }
      }
      return;
    }
    for (int i = 0; i < m; i++) {
      float qn = queryNorms[q0 + i];
      for (int j = 0; j < n; j++) {
        float rn = table.normUnchecked(r0 + j);
        float dot = scores[i * qs + j * rs];
        scores[i * qs + j * rs] = similarity == Similarity.COSINE ? Similarity.cosine(dot, qn, rn)
            // Half tables: one decoded dot product instead of a decoded difference.
            : (float) -Math.sqrt(Math.max(0f, qn * qn + rn * rn - 2f * dot));
      }
    }
  }

  private void collect(int q0, int m, int r0, int n, float[] scores, int qs, int rs, TopKCollector[] top) {
    if (rs == 1) {
      for (int i = 0; i < m; i++) {
        TopKCollector t = top[q0 + i];
        // Most scores are below the heap's floor once it is full: a vector compare skips them.
        int base = i * qs;
        int end = base + n;
        for (int x = scanKernels.firstNotBelow(scores, base, end, t.floor()); x < end;
            x = scanKernels.firstNotBelow(scores, x + 1, end, t.floor())) {
          int id = r0 + x - base;
          float s = scores[x];
          if (t.accepts(s, id) && (exclude == null || !exclude.test(id))) {
            t.add(s, id);
          }
        }
      }
      return;
    }
    for (int i = 0; i < m; i++) {
      TopKCollector t = top[q0 + i];
      // Most scores are below the heap's floor once it is full: one comparison rejects them.
      float floor = t.floor();
      for (int j = 0; j < n; j++) {
        float s = scores[i * qs + j * rs];
        if (s < floor) {
          continue;
        }
        int id = r0 + j;
        if (t.accepts(s, id) && (exclude == null || !exclude.test(id))) {
          t.add(s, id);
          floor = t.floor();
        }
      }
    }
  }
}
