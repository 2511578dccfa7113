package io.github.embeddings4j.internal.simd;

/**
 * The few numeric loops everything else is built on. Implementations trust their arguments: callers check
 * lengths and offsets once at the API edge (the facade validates, the kernel trusts).
 *
 * <p>Half-precision rows are 16-bit patterns in a {@code short[]}: bfloat16 (the upper half of a float32) or
 * IEEE float16, decoded to float32 on the fly.
 */
public interface VectorKernels {
  /** Returns {@code sum(a[aOffset+i] * b[bOffset+i])} for {@code i < length}. */
  float dot(float[] a, int aOffset, float[] b, int bOffset, int length);

  /** Returns {@code sum((a[aOffset+i] - b[bOffset+i])^2)} for {@code i < length}. */
  float squareDistance(float[] a, int aOffset, float[] b, int bOffset, int length);

  /** Returns the dot product of {@code q[qOffset..]} with a bfloat16 row {@code b[bOffset..]}. */
  float dotBf16(float[] q, int qOffset, short[] b, int bOffset, int length);

  /** Returns the dot product of {@code q[qOffset..]} with an IEEE float16 row {@code b[bOffset..]}. */
  float dotF16(float[] q, int qOffset, short[] b, int bOffset, int length);

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

  /**
   * Dot products of one query with {@code rowCount} consecutive half-precision rows, {@code length} patterns
   * apart from {@code rowsOffset}: {@code out[outOffset + j] = dot(q, row j)}, bfloat16 when {@code bfloat16},
   * else (finite) IEEE float16. For single queries: the rows are read at their own width and decoded in registers.
   */
  void dotHalfRows(boolean bfloat16, float[] q, int qOffset, short[] rows, int rowsOffset, int rowCount, int length,
      float[] out, int outOffset);

  /** A short name for logs and benchmarks. */
  String name();
}
