package io.github.embeddings4j.internal.simd;

/**
 * The exact search's block kernels: many rows against one or a block of queries, the cosine division of a run of
 * scores and the scan for scores a top-k heap could take. Every implementation has them ({@link
 * ScalarScanKernels}, and the Vector API ones); the transposed-panel kernels that only some implementations have
 * are {@link PanelKernels}. Implementations trust their arguments, as {@link VectorKernels} does.
 */
public interface ScanKernels {
  /** Queries per panel of the packed batch layout of {@link #dotPacked}. */
  int PANEL = 32;

  /**
   * Packs queries for {@link #dotPacked}: panels of {@link #PANEL} queries, each stored dimension-major ({@code
   * dst[(p * length + d) * PANEL + t] = query p * PANEL + t, value d}); the last panel is padded with zero queries.
   *
   * @param src the queries, row after row
   * @param srcOffset where the first query starts
   * @param count how many queries
   * @param length values per query
   * @return a new array of {@code roundUp(count, PANEL) * length} floats
   */
  static float[] pack(float[] src, int srcOffset, int count, int length) {
    int panels = (count + PANEL - 1) / PANEL;
    float[] dst = new float[panels * PANEL * length];
    for (int i = 0; i < count; i++) {
      int base = (i / PANEL) * length * PANEL + i % PANEL;
      int s = srcOffset + i * length;
      for (int d = 0; d < length; d++) {
        dst[base + d * PANEL] = src[s + d];
      }
    }
    return dst;
  }

  /**
   * De-interleaves a query into the layout of {@link #dotHalfRows}: the even-index values first ({@code (length +
   * 1) / 2} of them), then the odd-index ones.
   *
   * @param src the query's array
   * @param srcOffset where the query starts
   * @param dst the array written
   * @param dstOffset where the de-interleaved query goes
   * @param length values per query
   */
  static void deinterleave(float[] src, int srcOffset, float[] dst, int dstOffset, int length) {
    int half = (length + 1) / 2;
    for (int i = 0; i < length; i++) {
      dst[dstOffset + (i & 1) * half + (i >> 1)] = src[srcOffset + i];
    }
  }

  /**
   * Dot products of every row of {@code a} with every row of {@code b}: {@code out[outOffset + i * bRows + j] =
   * dot(a row i, b row j)} for {@code i < aRows}, {@code j < bRows}. A block of queries against a block of table
   * rows, so each row is read from memory once for many queries.
   *
   * @param a the queries, {@code length} values apart
   * @param aOffset where the first query starts
   * @param aRows how many queries
   * @param b the rows, {@code length} values apart
   * @param bOffset where the first row starts
   * @param bRows how many rows
   * @param length values per row
   * @param out the scores written
   * @param outOffset where the first score goes
   */
  void dotMatrix(float[] a, int aOffset, int aRows, float[] b, int bOffset, int bRows, int length, float[] out,
      int outOffset);

  /**
   * Dot products of one query with consecutive half-precision rows: {@code out[outOffset + j] = dot(q, row j)}.
   * For single queries: the rows are read at their own width and decoded in registers.
   *
   * <p>The query comes de-interleaved (see {@link #deinterleave}): its even-index values at {@code
   * q[qOffset ..+ (length + 1) / 2]}, then its odd-index values, so a vector kernel can split a row's 32-bit
   * pairs of patterns into an even and an odd float vector with one shift or mask each, without widening.
   *
   * @param bfloat16 bfloat16 patterns when true, else IEEE float16 (finite)
   * @param q the de-interleaved query's array
   * @param qOffset where it starts
   * @param rows the rows' patterns, {@code length} apart
   * @param rowsOffset where the first row starts
   * @param rowCount how many rows
   * @param length values per row
   * @param out the scores written
   * @param outOffset where the first score goes
   */
  void dotHalfRows(boolean bfloat16, float[] q, int qOffset, short[] rows, int rowsOffset, int rowCount, int length,
      float[] out, int outOffset);

  /**
   * Scores a tile of float rows against a packed block of queries (see {@link #pack}): {@code out[outOffset + j *
   * paddedQueries + i] = dot(query i, row j)} for every row {@code j < rowCount} and every query {@code i <
   * paddedQueries}. Every score is the sequential fused multiply-add chain over the dimensions {@code
   * 0..length-1}, so it does not depend on the blocking or on the implementation.
   *
   * @param packed the packed queries
   * @param packedOffset where the block's first panel starts
   * @param paddedQueries queries scored, a multiple of {@link #PANEL} (padding queries are zeros and score 0)
   * @param rows the rows, {@code length} values apart
   * @param rowsOffset where the first row starts
   * @param rowCount how many rows
   * @param length values per row
   * @param out the scores written, row-major
   * @param outOffset where the first score goes
   */
  void dotPacked(float[] packed, int packedOffset, int paddedQueries, float[] rows, int rowsOffset, int rowCount,
      int length, float[] out, int outOffset);

  /**
   * Divides each of {@code scores[offset..offset + length)} by {@code scale * norms[normsOffset + j]}: the cosine
   * of a dot product, the same float operations (a product, then a quotient) as a scalar loop, so the same floats.
   *
   * @param scores the dot products, replaced by the quotients
   * @param offset where they start
   * @param length how many
   * @param scale the query's norm
   * @param norms the rows' norms
   * @param normsOffset the norm of the first row
   */
  void divideByNorms(float[] scores, int offset, int length, float scale, float[] norms, int normsOffset);

  /**
   * Finds the first score a top-k heap with the given floor could take: the scan that lets a top-k pass skip the
   * scores its heap would refuse.
   *
   * @param a the scores
   * @param from the first index looked at
   * @param to the end (exclusive)
   * @param floor the heap's floor
   * @return the first index in {@code [from, to)} whose value is not below {@code floor} (at least it, or NaN),
   *     or {@code to} if there is none
   */
  int firstNotBelow(float[] a, int from, int to, float floor);
}
