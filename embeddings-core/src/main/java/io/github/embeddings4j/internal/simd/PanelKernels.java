package io.github.embeddings4j.internal.simd;

/**
 * The batch search's transposed-panel kernels: rows transposed into panels of {@link #rowPanel} rows stored
 * dimension-major, scored against queries packed in groups of {@link #QUAD} by broadcasting query values. Only
 * some implementations have them ({@link SearchKernels#panels()} says whether); the scan asks once and otherwise uses
 * {@link ScanKernels}.
 */
public interface PanelKernels {
  /** Queries per group of the layout of {@link #packQuads}. */
  int QUAD = 8;

  /**
   * Packs queries for {@link #dotRowPanels}: groups of {@link #QUAD} queries, each stored dimension-major ({@code
   * dst[(g * length + d) * QUAD + t] = query g * QUAD + t, value d}); the last group is padded with zero queries.
   *
   * @param src the queries, row after row
   * @param srcOffset where the first query starts
   * @param count how many queries
   * @param length values per query
   * @return a new array of {@code roundUp(count, QUAD) * length} floats
   */
  static float[] packQuads(float[] src, int srcOffset, int count, int length) {
    int groups = (count + QUAD - 1) / QUAD;
    float[] dst = new float[groups * QUAD * length];
    for (int i = 0; i < count; i++) {
      int base = (i / QUAD) * length * QUAD + i % QUAD;
      int s = srcOffset + i * length;
      for (int d = 0; d < length; d++) {
        dst[base + d * QUAD] = src[s + d];
      }
    }
    return dst;
  }

  /**
   * Returns the rows per panel.
   *
   * @return rows per panel of {@link #transposeRows} and {@link #dotRowPanels}, positive
   */
  int rowPanel();

  /**
   * Transposes float rows into panels: panels of {@link #rowPanel} rows, each stored dimension-major ({@code
   * panels[panelsOffset + (g * length + d) * rowPanel + r] = row g * rowPanel + r, value d}), rows past {@code
   * rowCount} up to a whole panel zeros. {@code panelsOffset} only places the panels in the array (see {@link
   * PanelPlacement}).
   *
   * @param rows the rows, {@code length} values apart
   * @param rowsOffset where the first row starts
   * @param rowCount how many rows
   * @param length values per row
   * @param panels the array written
   * @param panelsOffset where the first panel goes
   */
  void transposeRows(float[] rows, int rowsOffset, int rowCount, int length, float[] panels, int panelsOffset);

  /**
   * Scores a tile of rows transposed by {@link #transposeRows} against queries packed by {@link #packQuads}:
   * {@code out[outOffset + i * outStride + j] = dot(query i, row j)} for every query {@code i < paddedQueries} and
   * every row {@code j < rowCount}; the scores of the padding rows up to a whole panel are overwritten with zeros.
   * Every score is the sequential fused multiply-add chain over the dimensions, as in {@link
   * ScanKernels#dotPacked}.
   *
   * @param quads the packed queries
   * @param quadsOffset where the block's first group starts
   * @param paddedQueries queries scored, a multiple of {@link #QUAD}
   * @param panels the transposed rows
   * @param panelsOffset where the first panel starts
   * @param rowCount how many rows
   * @param length values per row
   * @param out the scores written, query-major
   * @param outOffset where the first score goes
   * @param outStride scores per query in {@code out}, at least {@code rowCount} rounded up to a whole panel
   */
  void dotRowPanels(float[] quads, int quadsOffset, int paddedQueries, float[] panels, int panelsOffset,
      int rowCount, int length, float[] out, int outOffset, int outStride);
}
