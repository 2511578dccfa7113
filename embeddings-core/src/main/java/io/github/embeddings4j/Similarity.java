package io.github.embeddings4j;

import io.github.embeddings4j.internal.simd.Kernels;
import io.github.embeddings4j.internal.simd.VectorKernels;

/**
 * How close two vectors are. For every constant, <b>higher is closer</b>, so nearest neighbours are the highest
 * scores.
 */
public enum Similarity {
  /**
   * The cosine of the angle, in [-1, 1]. A zero vector has similarity 0 with everything (not NaN). Tables cache
   * their row norms, so a search costs one dot product per row.
   */
  COSINE,
  /** The dot product; equals cosine on unit-length vectors. */
  DOT,
  /** The negated Euclidean distance, {@code -|a - b|}: 0 for equal vectors, lower for farther ones. */
  EUCLIDEAN;

  /**
   * Compares two vectors.
   *
   * @param a a vector
   * @param b a vector of the same length
   * @return the similarity, higher is closer
   * @throws IllegalArgumentException if the lengths differ
   */
  public float compare(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("vector dimensions differ: " + a.length + " != " + b.length);
    }
    VectorKernels k = Kernels.get();
    switch (this) {
      case COSINE:
        return cosine(k.dot(a, 0, b, 0, a.length), (float) Math.sqrt(k.dot(a, 0, a, 0, a.length)),
            (float) Math.sqrt(k.dot(b, 0, b, 0, b.length)));
      case DOT:
        return k.dot(a, 0, b, 0, a.length);
      case EUCLIDEAN:
        return 0f - (float) Math.sqrt(k.squareDistance(a, 0, b, 0, a.length)); // 0f - x: never -0.0
      default:
        throw new AssertionError(this);
    }
  }

  /** Cosine from a dot product and two norms; 0 when either norm is 0. */
  static float cosine(float dot, float normA, float normB) {
    float d = normA * normB;
    return d == 0f ? 0f : dot / d;
  }
}
