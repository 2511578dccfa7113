package io.github.embeddings4j;

import io.github.embeddings4j.internal.simd.PanelPlacement;
import io.github.embeddings4j.internal.simd.PanelKernels;
import io.github.embeddings4j.internal.simd.VectorKernels;
import java.util.stream.IntStream;

/**
 * A float32 copy of a table's rows in the layout of {@link PanelKernels#dotRowPanels}: panels of
 * {@link PanelKernels#rowPanel} rows, each stored dimension-major, in chunks of whole panels. This is what the
 * batch scan otherwise builds tile by tile ({@link PanelKernels#transposeRows}) on every search.
 *
 * <p>Each chunk is stored at an offset into its array ({@link PanelPlacement}) that the scan measures: where most
 * of a search's row ranges time another offset as faster, {@link #relayout} moves the chunk there. The first
 * offset is 12 floats, which puts the panels on 64-byte lines when the array starts 16 bytes into a 64-byte
 * boundary (a large array in G1, which starts its own region). Not thread-safe on its own: {@link BatchIndex}
 * guards {@link #relayout} with a lock.
 */
final class RowPanels {
  /** The first offset tried: 16 bytes of array header + 48 = 64. */
  private static final int INITIAL_OFFSET = 12;
  /** Offsets a chunk can be placed at: 0, 2, ..., SLACK. */
  static final int SLOTS = PanelPlacement.SLACK / 2 + 1;
  /** Tables with at least this many values are transposed on all cores. */
  private static final long PARALLEL_VALUES = 1L << 22;

  private final int rowPanel;
  private final int dimension;
  private final int rows;
  private final int rowsPerChunk;
  private final float[][] chunks;
  private final int[] offsets;

  private RowPanels(int rowPanel, int dimension, int rows, int rowsPerChunk, float[][] chunks, int[] offsets) {
    this.rowPanel = rowPanel;
    this.dimension = dimension;
    this.rows = rows;
    this.rowsPerChunk = rowsPerChunk;
    this.chunks = chunks;
    this.offsets = offsets;
  }

  /**
   * Copies every row of {@code table} into panels.
   *
   * @param kernels the generic kernels, to decode half-precision rows
   * @param panelKernels the panel kernels whose layout the copy has
   * @param maxChunkValues the most floats of panels per array (whole panels; at least one panel per chunk)
   */
  static RowPanels build(VectorKernels kernels, PanelKernels panelKernels, VectorTable table, int maxChunkValues) {
    int rp = panelKernels.rowPanel();
    int dim = table.dimension();
    int rows = table.rows();
    long panelValues = (long) rp * dim;
    int panelsPerChunk = (int) Math.max(1, Math.min(maxChunkValues / panelValues,
        (Integer.MAX_VALUE - 64 - PanelPlacement.SLACK) / panelValues));
    int rowsPerChunk = panelsPerChunk * rp;
    int chunkCount = (rows + rowsPerChunk - 1) / rowsPerChunk;
    float[][] chunks = new float[chunkCount][];
    int[] offsets = new int[chunkCount];
    for (int c = 0; c < chunkCount; c++) {
      int chunkRows = Math.min(rowsPerChunk, rows - c * rowsPerChunk);
      int panels = (chunkRows + rp - 1) / rp;
      chunks[c] = new float[(int) (panels * panelValues) + PanelPlacement.SLACK];
      offsets[c] = INITIAL_OFFSET;
    }
    RowPanels out = new RowPanels(rp, dim, rows, rowsPerChunk, chunks, offsets);
    int panelCount = (rows + rp - 1) / rp;
    IntStream groups = IntStream.range(0, panelCount);
    if ((long) rows * dim >= PARALLEL_VALUES) {
      groups = groups.parallel();
    }
    groups.forEach(g -> out.fill(kernels, panelKernels, table, g));
    return out;
  }

  /** Transposes panel {@code g} of the table into place. */
  private void fill(VectorKernels kernels, PanelKernels panelKernels, VectorTable table, int g) {
    int r0 = g * rowPanel;
    int n = Math.min(rowPanel, rows - r0);
    float[] dst = chunk(r0);
    int dstOffset = offset(r0);
    boolean oneChunk = table.rowsToChunkEnd(r0) >= n;
    if (table.dtype() == DType.F32 && oneChunk) {
      panelKernels.transposeRows(table.floatChunks()[r0 / table.rowsPerChunk()], table.offset(r0), n, dimension, dst,
          dstOffset);
      return;
    }
    // Half-precision rows, or a panel across two of the table's chunks: through a float buffer.
    float[] buffer = new float[n * dimension];
    if (oneChunk) {
      table.decodeRows(kernels, r0, n, buffer);
    } else {
      float[] row = new float[dimension];
      for (int i = 0; i < n; i++) {
        System.arraycopy(table.row(r0 + i, row), 0, buffer, i * dimension, dimension);
      }
    }
    panelKernels.transposeRows(buffer, 0, n, dimension, dst, dstOffset);
  }

  /** The array holding the panel of {@code row}, a multiple of the row panel. */
  float[] chunk(int row) {
    return chunks[row / rowsPerChunk];
  }

  int chunkIndex(int row) {
    return row / rowsPerChunk;
  }

  /** Where the panel of {@code row}, a multiple of the row panel, starts in {@link #chunk}. */
  int offset(int row) {
    return offsets[row / rowsPerChunk] + (row % rowsPerChunk) * dimension;
  }

  /** The offset chunk {@code c} is stored at. */
  int chunkOffset(int c) {
    return offsets[c];
  }

  /** Rows from {@code row} to the end of its chunk. */
  int rowsToChunkEnd(int row) {
    return Math.min(rows, (row / rowsPerChunk + 1) * rowsPerChunk) - row;
  }

  int chunkCount() {
    return chunks.length;
  }

  long sizeInBytes() {
    long bytes = 0;
    for (float[] c : chunks) {
      bytes += 4L * c.length;
    }
    return bytes;
  }

  /**
   * Returns the offset that more than half of {@code votes} (counts per chunk and offset slot, from one search's
   * row ranges) name for chunk {@code c}, if it is not the chunk's offset already; otherwise -1.
   */
  private int target(int c, int[] votes) {
    int total = 0;
    int best = 0;
    for (int s = 0; s < SLOTS; s++) {
      total += votes[c * SLOTS + s];
      if (votes[c * SLOTS + s] > votes[c * SLOTS + best]) {
        best = s;
      }
    }
    int offset = 2 * best;
    return total > 0 && 2 * votes[c * SLOTS + best] > total && offset != offsets[c] ? offset : -1;
  }

  /** Whether {@link #relayout} would move a chunk. */
  boolean wantsMove(int[] votes) {
    for (int c = 0; c < chunks.length; c++) {
      if (target(c, votes) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** Moves every chunk {@link #target} names another offset for; returns how many moved. No reader may run. */
  int relayout(int[] votes) {
    int moved = 0;
    for (int c = 0; c < chunks.length; c++) {
      int target = target(c, votes);
      if (target >= 0) {
        float[] chunk = chunks[c];
        System.arraycopy(chunk, offsets[c], chunk, target, chunk.length - PanelPlacement.SLACK);
        offsets[c] = target;
        moved++;
      }
    }
    return moved;
  }
}
