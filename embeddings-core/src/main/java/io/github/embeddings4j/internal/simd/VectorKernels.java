package io.github.embeddings4j.internal.simd;

/**
 * The few numeric loops everything else is built on. Implementations trust their arguments: callers check
 * lengths and offsets once at the API edge (the facade validates, the kernel trusts).
 *
 * <p>Half-precision rows are 16-bit patterns in a {@code short[]}: bfloat16 (the upper half of a float32) or
 * IEEE float16, decoded to float32 on the fly.
 */
public interface VectorKernels {
  /** Queries per panel of the packed batch layout of {@link #dotPacked}. */
  int PANEL = 32;

  /**
   * Packs {@code count} queries of {@code length} values (rows of {@code src} from {@code srcOffset}) for {@link
   * #dotPacked}: panels of {@link #PANEL} queries, each stored dimension-major ({@code dst[dstOffset + (p *
   * length + d) * PANEL + t] = query p * PANEL + t, value d}); the last panel is padded with zero queries.
   * Returns the new array of {@code roundUp(count, PANEL) * length} floats.
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
   * De-interleaves {@code length} values of {@code src[srcOffset..]} into {@code dst[dstOffset..]}: the even-index
   * values first ({@code (length + 1) / 2} of them), then the odd-index ones. The query layout of {@link
   * #dotHalfRows}.
   */
  static void deinterleave(float[] src, int srcOffset, float[] dst, int dstOffset, int length) {
    int half = (length + 1) / 2;
    for (int i = 0; i < length; i++) {
      dst[dstOffset + (i & 1) * half + (i >> 1)] = src[srcOffset + i];
    }
  }

  /** Returns {@code sum(a[aOffset+i] * b[bOffset+i])} for {@code i < length}. */
  float dot(float[] a, int aOffset, float[] b, int bOffset, int length);

  /** Returns {@code sum((a[aOffset+i] - b[bOffset+i])^2)} for {@code i < length}. */
  float squareDistance(float[] a, int aOffset, float[] b, int bOffset, int length);

  /**
   * Returns the dot product of {@code q[qOffset..]} with a half-precision row {@code b[bOffset..]}: bfloat16 when
   * {@code bfloat16}, else IEEE float16.
   */
  float dotHalf(boolean bfloat16, float[] q, int qOffset, short[] b, int bOffset, int length);

  /** {@code y[yOffset+i] += alpha * x[xOffset+i]} for {@code i < length}. */
  void axpy(float alpha, float[] x, int xOffset, float[] y, int yOffset, int length);

  /** {@code x[offset+i] *= alpha} for {@code i < length}. */
  void scale(float alpha, float[] x, int offset, int length);

  /**
   * Dot products of every row of {@code a} with every row of {@code b}: {@code out[outOffset + i * bRows + j] =
   * dot(a row i, b row j)} for {@code i < aRows}, {@code j < bRows}. Rows are {@code length} values apart, the
   * first at {@code aOffset} / {@code bOffset}. The search loop's workhorse: a block of queries against a block
   * of table rows, so each row is read from memory once for many queries.
   */
  void dotMatrix(float[] a, int aOffset, int aRows, float[] b, int bOffset, int bRows, int length, float[] out,
      int outOffset);

  /**
   * Decodes {@code length} 16-bit patterns from {@code src[srcOffset..]} to {@code dst[dstOffset..]}: bfloat16 when
   * {@code bfloat16}, else IEEE float16. float16 patterns must be finite (tables reject NaN and infinities), which
   * the vector decoder relies on.
   */
  void decodeHalf(boolean bfloat16, short[] src, int srcOffset, float[] dst, int dstOffset, int length);

  /** Returns whether none of {@code a[offset..offset + length)} is NaN or infinite. */
  boolean allFinite(float[] a, int offset, int length);

  /**
   * Divides each of {@code scores[offset..offset + length)} by {@code scale * norms[normsOffset + j]}: the cosine
   * of a dot product, the same float operations (a product, then a quotient) as a scalar loop, so the same floats.
   */
  void divideByNorms(float[] scores, int offset, int length, float scale, float[] norms, int normsOffset);

  /**
   * Returns the first index in {@code [from, to)} whose value is not below {@code floor} (at least it, or NaN), or
   * {@code to} if there is none: the scan that lets a top-k pass skip the scores its heap would refuse.
   */
  int firstNotBelow(float[] a, int from, int to, float floor);

  /**
   * Returns whether none of {@code length} 16-bit patterns (bfloat16 when {@code bfloat16}, else IEEE float16) is
   * NaN or infinite, i.e. has all its exponent bits set.
   */
  boolean allFiniteHalf(boolean bfloat16, short[] a, int offset, int length);

  /**
   * Dot products of one query with {@code rowCount} consecutive half-precision rows, {@code length} patterns
   * apart from {@code rowsOffset}: {@code out[outOffset + j] = dot(q, row j)}, bfloat16 when {@code bfloat16},
   * else (finite) IEEE float16. For single queries: the rows are read at their own width and decoded in registers.
   *
   * <p>The query comes de-interleaved (see {@link #deinterleave}): its even-index values at {@code
   * q[qOffset ..+ (length + 1) / 2]}, then its odd-index values, so a vector kernel can split a row's 32-bit
   * pairs of patterns into an even and an odd float vector with one shift or mask each, without widening.
   */
  void dotHalfRows(boolean bfloat16, float[] q, int qOffset, short[] rows, int rowsOffset, int rowCount, int length,
      float[] out, int outOffset);

  /**
   * Scores a tile of float rows against a packed block of queries (see {@link #pack}): {@code out[outOffset + j *
   * paddedQueries + i] = dot(query i, row j)} for every row {@code j < rowCount} and every query {@code i <
   * paddedQueries}, where {@code paddedQueries} is a multiple of {@link #PANEL} (the padding queries are zeros and
   * score 0). Every score is the sequential fused multiply-add chain over the dimensions {@code 0..length-1},
   * so it does not depend on the blocking or on the implementation. The batch search's workhorse.
   */
  void dotPacked(float[] packed, int packedOffset, int paddedQueries, float[] rows, int rowsOffset, int rowCount,
      int length, float[] out, int outOffset);

  /** Queries per group of the layout of {@link #packQuads}. */
  int QUAD = 8;

  /**
   * Packs {@code count} queries of {@code length} floats for {@link #dotRowPanels}: groups of {@link #QUAD}
   * queries, each stored dimension-major ({@code dst[(g * length + d) * QUAD + t] = query g * QUAD + t, value d});
   * the last group is padded with zero queries.
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

  /** Rows per panel of {@link #dotRowPanels}, or 0 if this implementation has no such kernel. */
  default int rowPanel() {
    return 0;
  }

  /**
   * Transposes {@code rowCount} float rows of {@code length} values into {@code panels} for {@link #dotRowPanels}:
   * panels of {@link #rowPanel} rows, each stored dimension-major ({@code panels[panelsOffset + (g * length + d) *
   * rowPanel + r] = row g * rowPanel + r, value d}), rows past {@code rowCount} up to a whole panel zeros.
   * {@code panelsOffset} only places the panels in the array (see {@link PanelPlacement}).
   */
  default void transposeRows(float[] rows, int rowsOffset, int rowCount, int length, float[] panels,
      int panelsOffset) {
    throw new UnsupportedOperationException();
  }

  /**
   * Scores a tile of rows transposed by {@link #transposeRows} against queries packed by {@link #packQuads}:
   * {@code out[outOffset + i * outStride + j] = dot(query i, row j)} for every query {@code i < paddedQueries} (a
   * multiple of {@link #QUAD}) and every row {@code j < rowCount}; {@code outStride} is at least {@code rowCount}
   * rounded up to a whole {@link #rowPanel}, and the scores of the padding rows up to there are overwritten with
   * zeros. Every score is the sequential fused multiply-add chain over the dimensions, as in {@link #dotPacked}.
   */
  default void dotRowPanels(float[] quads, int quadsOffset, int paddedQueries, float[] panels, int panelsOffset,
      int rowCount, int length, float[] out, int outOffset, int outStride) {
    throw new UnsupportedOperationException();
  }

  /** A short name for logs and benchmarks. */
  String name();
}
