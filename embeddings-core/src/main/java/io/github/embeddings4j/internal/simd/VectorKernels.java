package io.github.embeddings4j.internal.simd;

/**
 * The generic numeric loops the library is built on: dot products (float32 and half-precision rows), squared
 * distance, axpy and scale (the word2vec trainer's update), half-precision decoding and finite checks (table
 * building, file readers). Implementations trust their arguments: callers check lengths and offsets once at the
 * API edge (the facade validates, the kernel trusts).
 *
 * <p>Half-precision rows are 16-bit patterns in a {@code short[]}: bfloat16 (the upper half of a float32) or
 * IEEE float16, decoded to float32 on the fly. The search's block kernels are {@link ScanKernels} and, where the
 * implementation has them, {@link PanelKernels}.
 */
public interface VectorKernels {
  /**
   * Returns the dot product of two runs of floats.
   *
   * @param a the first vector's array
   * @param aOffset where the first vector starts
   * @param b the second vector's array
   * @param bOffset where the second vector starts
   * @param length values per vector
   * @return {@code sum(a[aOffset+i] * b[bOffset+i])} for {@code i < length}
   */
  float dot(float[] a, int aOffset, float[] b, int bOffset, int length);

  /**
   * Returns the squared Euclidean distance of two runs of floats.
   *
   * @param a the first vector's array
   * @param aOffset where the first vector starts
   * @param b the second vector's array
   * @param bOffset where the second vector starts
   * @param length values per vector
   * @return {@code sum((a[aOffset+i] - b[bOffset+i])^2)} for {@code i < length}
   */
  float squareDistance(float[] a, int aOffset, float[] b, int bOffset, int length);

  /**
   * Returns the dot product of a float query with a half-precision row.
   *
   * @param bfloat16 bfloat16 patterns when true, else IEEE float16 (finite)
   * @param q the query's array
   * @param qOffset where the query starts
   * @param b the row's patterns
   * @param bOffset where the row starts
   * @param length values per vector
   * @return the dot product of {@code q[qOffset..]} and the decoded {@code b[bOffset..]}
   */
  float dotHalf(boolean bfloat16, float[] q, int qOffset, short[] b, int bOffset, int length);

  /**
   * Adds a multiple of one run of floats to another: {@code y[yOffset+i] += alpha * x[xOffset+i]} for
   * {@code i < length}.
   *
   * @param alpha the factor
   * @param x the added values' array
   * @param xOffset where they start
   * @param y the updated array
   * @param yOffset where the updated values start
   * @param length how many values
   */
  void axpy(float alpha, float[] x, int xOffset, float[] y, int yOffset, int length);

  /**
   * Scales a run of floats in place: {@code x[offset+i] *= alpha} for {@code i < length}.
   *
   * @param alpha the factor
   * @param x the array
   * @param offset where the values start
   * @param length how many values
   */
  void scale(float alpha, float[] x, int offset, int length);

  /**
   * Decodes 16-bit patterns to floats. float16 patterns must be finite (tables reject NaN and infinities), which
   * the vector decoder relies on.
   *
   * @param bfloat16 bfloat16 patterns when true, else IEEE float16
   * @param src the patterns
   * @param srcOffset where they start
   * @param dst the floats written
   * @param dstOffset where they go
   * @param length how many values
   */
  void decodeHalf(boolean bfloat16, short[] src, int srcOffset, float[] dst, int dstOffset, int length);

  /**
   * Tells whether a run of floats is free of NaN and infinities.
   *
   * @param a the array
   * @param offset where the values start
   * @param length how many values
   * @return whether none of {@code a[offset..offset + length)} is NaN or infinite
   */
  boolean allFinite(float[] a, int offset, int length);

  /**
   * Tells whether a run of 16-bit patterns is free of NaN and infinities, i.e. none has all its exponent bits set.
   *
   * @param bfloat16 bfloat16 patterns when true, else IEEE float16
   * @param a the patterns
   * @param offset where they start
   * @param length how many values
   * @return whether every pattern is finite
   */
  boolean allFiniteHalf(boolean bfloat16, short[] a, int offset, int length);

  /**
   * Returns a short name for logs and benchmarks.
   *
   * @return the name
   */
  String name();
}
