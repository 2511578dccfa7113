package io.github.embeddings4j;

import io.github.embeddings4j.ScanPlan.Scoring;
import io.github.embeddings4j.internal.simd.PanelKernels;
import io.github.embeddings4j.internal.simd.PanelPlacement;
import io.github.embeddings4j.internal.simd.ScanKernels;
import io.github.embeddings4j.internal.simd.SearchKernels;
import io.github.embeddings4j.internal.simd.VectorKernels;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * The scan behind {@link NearestNeighbors}: scores every row against a block of queries and keeps the k best per
 * query. Arguments are validated by the caller.
 *
 * <p>The table is walked in tiles of whole rows (about 256 KiB of float32) that stay in the L2 cache while every
 * query of a block (up to 1.5 MiB) is scored against them, so a batch reads each row from memory once instead of
 * once per query. Which kernel scores a tile is the {@link ScanPlan}, chosen once per search: batches of {@value
 * ScanPlan#PACKED_QUERIES} or more queries are packed once per search, for the panel kernel ({@link
 * PanelKernels#dotRowPanels}, which scores each tile once it is transposed into panels of rows) where the kernels
 * have one, else for {@link ScanKernels#dotPacked}; smaller ones use {@link ScanKernels#dotMatrix}, and a few
 * queries over half-precision rows decode them in registers ({@link ScanKernels#dotHalfRows}), reading half the
 * bytes of float32. The similarity then turns the dot products into scores ({@link Similarity#finishDots}: the
 * cosine division is a vector pass), and a vector scan finds the few that can enter a query's heap ({@link
 * ScanKernels#firstNotBelow}). Large scans are split into row ranges searched in parallel, each with its own
 * collectors, merged at the end: a single query over a big table is memory-bound, and a second core adds memory
 * bandwidth.
 *
 * <p>With a {@link RowPanels} copy of the table (a {@link BatchIndex}), panel batches skip the transpose: tiles are
 * read from the copy as they are, and each row range reports which panel offset it measured fastest ({@link
 * PanelPlacement}) so the index can move a misplaced chunk.
 */
final class ExactScan {
  /** Float values of queries per pass over the table (256 MiB). */
  private static final int MAX_BATCH_VALUES = 1 << 26;
  /** Row ranges of at least this many multiply-adds place their panels by timing ({@link PanelPlacement}). */
  private static final long PLACEMENT_MIN_WORK = 1L << 31;
  /** Tiles after which the placement is measured again: the first one may have timed code not yet compiled. */
  private static final int PLACEMENT_RETRY_TILE = 64;
  /** Below this many multiply-adds a scan stays on the calling thread: forking would cost more than it saves. */
  private static final long PARALLEL_MIN_WORK = 1L << 22;

  private final VectorKernels vector;
  private final ScanKernels scan;
  /** The panel kernels, or null when the plan does not use them. */
  private final PanelKernels panelKernels;
  private final ScanPlan plan;
  private final VectorTable table;
  private final Similarity similarity;
  private final int k;
  private final IntPredicate exclude;
  private final int dimension;
  private final int queryCount;
  private final float[] queries;
  private final float[] queryNorms;
  /** The queries packed for the plan's batch kernel, or null. */
  private final float[] packed;
  /** The table's rows already in panels (a {@link BatchIndex}) for {@link Scoring#PREPARED_PANELS}, or null. */
  private final RowPanels prepared;
  /** Per chunk of {@link #prepared} and offset slot: how many row ranges timed that offset fastest. */
  private final AtomicIntegerArray placementVotes;
  /** The queries de-interleaved for {@link ScanKernels#dotHalfRows}, or null. */
  private final float[] deinterleaved;

  private ExactScan(SearchKernels kernels, VectorTable table, float[][] queries, int k, Similarity similarity,
      IntPredicate exclude, RowPanels prepared, AtomicIntegerArray placementVotes) {
    this.vector = kernels.vector();
    this.scan = kernels.scan();
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
    this.plan = ScanPlan.choose(table.dtype(), dimension, similarity, queryCount, kernels.panels(),
        prepared != null);
    this.panelKernels = plan.scoring().panels() ? kernels.panels().orElseThrow() : null;
    this.prepared = plan.scoring() == Scoring.PREPARED_PANELS ? prepared : null;
    this.placementVotes = placementVotes;
    switch (plan.scoring()) {
      case ROW_PANELS, PREPARED_PANELS -> this.packed = PanelKernels.packQuads(this.queries, 0, queryCount, dimension);
      case PACKED -> this.packed = ScanKernels.pack(this.queries, 0, queryCount, dimension);
      default -> this.packed = null;
    }
    if (plan.scoring() == Scoring.HALF_ROWS) {
      this.deinterleaved = new float[queryCount * dimension];
      for (int q = 0; q < queryCount; q++) {
        ScanKernels.deinterleave(this.queries, q * dimension, deinterleaved, q * dimension, dimension);
      }
    } else {
      this.deinterleaved = null;
    }
  }

  /**
   * Returns the k best of rows {@code [0, rows)} for every query, in query order.
   *
   * @param kernels the kernels to score with
   * @param table the rows
   * @param queries vectors of the table's dimension
   * @param k how many per query
   * @param similarity how to score
   * @param rows the number of candidate rows, at most {@code table.rows()}
   * @param exclude ids never returned, or null
   * @param parallelism at most this many row ranges run at once (more are cut, for balance); 1 stays on the
   *     calling thread
   * @param executor where the row ranges run, or null for a parallel stream (the calling thread's fork-join pool,
   *     the common pool outside one)
   */
  static TopK[] search(SearchKernels kernels, VectorTable table, float[][] queries, int k, Similarity similarity,
      int rows, IntPredicate exclude, int parallelism, Executor executor) {
    return search(kernels, table, queries, k, similarity, rows, exclude, parallelism, executor, null, null);
  }

  /**
   * {@link #search} over a table whose rows are also in {@code prepared}, made with the same panel kernels;
   * {@code votes} ({@code prepared.chunkCount() * RowPanels.SLOTS} counters) receives the offsets measured fastest.
   */
  static TopK[] search(SearchKernels kernels, VectorTable table, float[][] queries, int k, Similarity similarity,
      int rows, IntPredicate exclude, int parallelism, Executor executor, RowPanels prepared,
      AtomicIntegerArray votes) {
    int perPass = Math.max(1, MAX_BATCH_VALUES / table.dimension());
    if (queries.length > perPass) {
      // The queries are copied into one flat array: a huge batch goes in passes so that array stays small.
      TopK[] out = new TopK[queries.length];
      for (int q0 = 0; q0 < queries.length; q0 += perPass) {
        float[][] part = Arrays.copyOfRange(queries, q0, Math.min(queries.length, q0 + perPass));
        System.arraycopy(search(kernels, table, part, k, similarity, rows, exclude, parallelism, executor,
            prepared, votes), 0, out, q0, part.length);
      }
      return out;
    }
    ExactScan scan = new ExactScan(kernels, table, queries, Math.min(k, Math.max(rows, 1)), similarity, exclude,
        prepared, votes);
    return scan.run(rows, parallelism, executor);
  }

  /** The plan this scan runs, for tests. */
  ScanPlan plan() {
    return plan;
  }

  private TopK[] run(int rows, int parallelism, Executor executor) {
    long work = (long) rows * dimension * queryCount;
    int slices = work < PARALLEL_MIN_WORK || parallelism == 1 ? 1
        : (int) Math.min(parallelism * 4L, Math.max(1, rows / plan.sliceGrain()));
    TopKCollector[] merged;
    if (slices == 1) {
      merged = scanRows(0, rows);
    } else {
      TopKCollector[][] parts = executor == null
          ? IntStream.range(0, slices).parallel()
              .mapToObj(s -> scanRows(sliceStart(rows, slices, s), sliceStart(rows, slices, s + 1)))
              .toArray(TopKCollector[][]::new)
          : runOn(executor, rows, slices);
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

  /** Scans every row range as a task of {@code executor}, and waits for all of them. */
  private TopKCollector[][] runOn(Executor executor, int rows, int slices) {
    @SuppressWarnings("unchecked")
    CompletableFuture<TopKCollector[]>[] tasks = new CompletableFuture[slices];
    for (int s = 0; s < slices; s++) {
      int from = sliceStart(rows, slices, s);
      int to = sliceStart(rows, slices, s + 1);
      tasks[s] = CompletableFuture.supplyAsync(() -> scanRows(from, to), executor);
    }
    TopKCollector[][] parts = new TopKCollector[slices][];
    try {
      for (int s = 0; s < slices; s++) {
        parts[s] = tasks[s].join();
      }
    } catch (CompletionException e) {
      // A failure inside a row range is the search's own failure: rethrow it as it was thrown.
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
    return parts;
  }

  /** Where row range {@code s} of {@code slices} starts: on a panel boundary when the panels are prepared. */
  private int sliceStart(int rows, int slices, int s) {
    if (s == slices) {
      return rows;
    }
    int start = (int) ((long) rows * s / slices);
    return prepared == null ? start : start / plan.rowPanel() * plan.rowPanel();
  }

  /** Scans rows {@code [from, to)} for every query into new collectors. */
  private TopKCollector[] scanRows(int from, int to) {
    TopKCollector[] top = new TopKCollector[queryCount];
    for (int q = 0; q < queryCount; q++) {
      top[q] = new TopKCollector(k);
    }
    Scoring scoring = plan.scoring();
    int tileRows = plan.tileRows();
    int queryBlock = plan.queryBlock();
    float[] decoded = plan.decodeTiles() ? new float[tileRows * dimension] : null;
    int paddedRows = plan.paddedRows(tileRows);
    float[] scores = new float[plan.padded(Math.min(queryBlock, queryCount)) * paddedRows];
    float[] panels = scoring == Scoring.ROW_PANELS ? new float[paddedRows * dimension + PanelPlacement.SLACK] : null;
    int panelsOffset = 0;
    boolean place = scoring.panels()
        && (long) (to - from) * plan.padded(queryCount) * dimension >= PLACEMENT_MIN_WORK;
    // Queries of a block rounded up to whole quads: what the kernel scores, and so what placement times.
    int placementQueries = (Math.min(queryBlock, queryCount) + PanelKernels.QUAD - 1) / PanelKernels.QUAD
        * PanelKernels.QUAD;
    float[] rowNorms = table.normsUnchecked();
    for (int r0 = from, tile = 0; r0 < to; tile++) {
      int chunkEnd = prepared != null ? prepared.rowsToChunkEnd(r0) : table.rowsToChunkEnd(r0);
      int n = Math.min(Math.min(tileRows, to - r0), chunkEnd);
      float[] rows = null;
      int offset = table.offset(r0);
      if (scoring == Scoring.PREPARED_PANELS) {
        panels = prepared.chunk(r0);
        panelsOffset = prepared.offset(r0);
        if (place && tile == PLACEMENT_RETRY_TILE && placementVotes != null) {
          // By now the kernel is compiled: time the offsets on the copy itself and report the fastest.
          int c = prepared.chunkIndex(r0);
          int chosen = PanelPlacement.choose(panelKernels, panels, packed, placementQueries, dimension, scores,
              prepared.chunkOffset(c));
          placementVotes.incrementAndGet(c * RowPanels.SLOTS + chosen / 2);
        }
      } else if (scoring != Scoring.HALF_ROWS) {
        if (decoded != null) {
          table.decodeRows(vector, r0, n, decoded);
          rows = decoded;
          offset = 0;
        } else {
          rows = table.floatChunks()[r0 / table.rowsPerChunk()];
        }
      }
      if (scoring == Scoring.ROW_PANELS) {
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
        switch (scoring) {
          case HALF_ROWS -> scoreHalf(q0, m, table.halfChunks()[r0 / table.rowsPerChunk()], offset, n, scores);
          case PAIRS -> scorePairs(q0, m, rows, offset, n, scores);
          case DOT_MATRIX -> scan.dotMatrix(queries, q0 * dimension, m, rows, offset, n, dimension, scores, 0);
          case PACKED -> {
            int mp = plan.padded(m);
            scan.dotPacked(packed, q0 * dimension, mp, rows, offset, n, dimension, scores, 0);
            qs = 1;
            rs = mp;
          }
          case ROW_PANELS, PREPARED_PANELS -> {
            int mq = (m + PanelKernels.QUAD - 1) / PanelKernels.QUAD * PanelKernels.QUAD;
            int np = plan.paddedRows(n);
            panelKernels.dotRowPanels(packed, q0 * dimension, mq, panels, panelsOffset, n, dimension, scores, 0,
                np);
            qs = np;
          }
          default -> throw new AssertionError(scoring);
        }
        if (scoring != Scoring.PAIRS) {
          similarity.finishDots(scan, scores, m, n, qs, rs, queryNorms, q0, rowNorms, r0);
        }
        collect(q0, m, r0, n, scores, qs, rs, top);
      }
      r0 += n;
    }
    return top;
  }

  /** Fills {@code scores[i * n + j]} with the similarity's own score of query {@code q0 + i} and row {@code j}. */
  private void scorePairs(int q0, int m, float[] rows, int offset, int n, float[] scores) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        scores[i * n + j] = similarity.pairScore(vector, queries, (q0 + i) * dimension, rows, offset + j * dimension,
            dimension);
      }
    }
  }

  /** Dot products of half-precision rows still in their 16-bit patterns, query by query. */
  private void scoreHalf(int q0, int m, short[] rows, int offset, int n, float[] scores) {
    boolean bf16 = table.dtype() == DType.BF16;
    for (int i = 0; i < m; i++) {
      scan.dotHalfRows(bf16, deinterleaved, (q0 + i) * dimension, rows, offset, n, dimension, scores, i * n);
    }
  }

  private void collect(int q0, int m, int r0, int n, float[] scores, int qs, int rs, TopKCollector[] top) {
    if (rs == 1) {
      for (int i = 0; i < m; i++) {
        TopKCollector t = top[q0 + i];
        // Most scores are below the heap's floor once it is full: a vector compare skips them.
        int base = i * qs;
        int end = base + n;
        for (int x = scan.firstNotBelow(scores, base, end, t.floor()); x < end;
            x = scan.firstNotBelow(scores, x + 1, end, t.floor())) {
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
