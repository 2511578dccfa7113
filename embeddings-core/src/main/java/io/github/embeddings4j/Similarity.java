package io.github.embeddings4j;

import io.github.embeddings4j.internal.simd.Kernels;
import io.github.embeddings4j.internal.simd.ScanKernels;
import io.github.embeddings4j.internal.simd.VectorKernels;

/**
 * How close two vectors are. For every constant, <b>higher is closer</b>, so nearest neighbours are the highest
 * scores.
 *
 * <p>Each constant carries its own arithmetic: how it compares two vectors, and how the exact search turns a
 * block of dot products into its scores (or scores pairs directly where dot products would lose precision). A
 * search never asks which constant it has.
 */
public enum Similarity {
  /**
   * The cosine of the angle, in [-1, 1]. A zero vector has similarity 0 with everything (not NaN). Tables cache
   * their row norms, so a search costs one dot product per row.
   */
  COSINE {
    @Override
    float score(VectorKernels k, float[] a, float[] b) {
      return cosine(k.dot(a, 0, b, 0, a.length), (float) Math.sqrt(k.dot(a, 0, a, 0, a.length)),
          (float) Math.sqrt(k.dot(b, 0, b, 0, b.length)));
    }

    @Override
    float pairScore(VectorKernels k, float[] q, int qOffset, float[] rows, int rowOffset, int length) {
      return cosine(k.dot(q, qOffset, rows, rowOffset, length), (float) Math.sqrt(k.dot(q, qOffset, q, qOffset,
          length)), (float) Math.sqrt(k.dot(rows, rowOffset, rows, rowOffset, length)));
    }

    @Override
    void finishDots(ScanKernels k, float[] scores, int m, int n, int qs, int rs, float[] queryNorms, int q0,
        float[] rowNorms, int r0) {
      if (rs == 1) {
        // The common case: cosine's product and division (the same float result), without its zero test where no
        // product of norms can be zero (float multiplication is monotonic, so the smallest row norm decides), a
        // vector at a time.
        float minNorm = Float.POSITIVE_INFINITY;
        for (int j = 0; j < n; j++) {
          minNorm = Math.min(minNorm, rowNorms[r0 + j]);
        }
        for (int i = 0; i < m; i++) {
          float qn = queryNorms[q0 + i];
          int base = i * qs;
          if (qn * minNorm > 0f) {
            k.divideByNorms(scores, base, n, qn, rowNorms, r0);
          } else {
            for (int j = 0; j < n; j++) {
              scores[base + j] = cosine(scores[base + j], qn, rowNorms[r0 + j]);
            }
          }
        }
        return;
      }
      for (int i = 0; i < m; i++) {
        float qn = queryNorms[q0 + i];
        for (int j = 0; j < n; j++) {
          scores[i * qs + j * rs] = cosine(scores[i * qs + j * rs], qn, rowNorms[r0 + j]);
        }
      }
    }
  },

  /** The dot product; equals cosine on unit-length vectors. */
  DOT {
    @Override
    float score(VectorKernels k, float[] a, float[] b) {
      return k.dot(a, 0, b, 0, a.length);
    }

    @Override
    float pairScore(VectorKernels k, float[] q, int qOffset, float[] rows, int rowOffset, int length) {
      return k.dot(q, qOffset, rows, rowOffset, length);
    }

    @Override
    void finishDots(ScanKernels k, float[] scores, int m, int n, int qs, int rs, float[] queryNorms, int q0,
        float[] rowNorms, int r0) {
      // The dot products are the scores.
    }
  },

  /** The negated Euclidean distance, {@code -|a - b|}: 0 for equal vectors, lower for farther ones. */
  EUCLIDEAN {
    @Override
    float score(VectorKernels k, float[] a, float[] b) {
      return 0f - (float) Math.sqrt(k.squareDistance(a, 0, b, 0, a.length)); // 0f - x: never -0.0
    }

    /**
     * Float32 rows are scored from their differences: {@code |q|^2 + |r|^2 - 2 q.r} cancels catastrophically for
     * near-equal float32 vectors. Half-precision rows are decoded per dot product, and one decoded dot product
     * costs less than a decoded difference.
     */
    @Override
    boolean fromDotProducts(DType dtype) {
      return dtype != DType.F32;
    }

    @Override
    float pairScore(VectorKernels k, float[] q, int qOffset, float[] rows, int rowOffset, int length) {
      return (float) -Math.sqrt(k.squareDistance(q, qOffset, rows, rowOffset, length));
    }

    @Override
    void finishDots(ScanKernels k, float[] scores, int m, int n, int qs, int rs, float[] queryNorms, int q0,
        float[] rowNorms, int r0) {
      for (int i = 0; i < m; i++) {
        float qn = queryNorms[q0 + i];
        for (int j = 0; j < n; j++) {
          float rn = rowNorms[r0 + j];
          float dot = scores[i * qs + j * rs];
          scores[i * qs + j * rs] = (float) -Math.sqrt(Math.max(0f, qn * qn + rn * rn - 2f * dot));
        }
      }
    }
  };

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
    return score(Kernels.get(), a, b);
  }

  /** {@link #compare} on given kernels, the lengths checked. */
  abstract float score(VectorKernels k, float[] a, float[] b);

  /**
   * Whether a search over rows of {@code dtype} scores them as dot products, turned into scores by {@link
   * #finishDots}; otherwise it scores each pair with {@link #pairScore}.
   */
  boolean fromDotProducts(DType dtype) {
    return true;
  }

  /** The score of query {@code q[qOffset..]} and row {@code rows[rowOffset..]}, from the values themselves. */
  abstract float pairScore(VectorKernels k, float[] q, int qOffset, float[] rows, int rowOffset, int length);

  /**
   * Turns a block of dot products into scores, in place: query {@code q0 + i}, row {@code r0 + j} at {@code
   * scores[i * qs + j * rs]} for {@code i < m}, {@code j < n}.
   */
  abstract void finishDots(ScanKernels k, float[] scores, int m, int n, int qs, int rs, float[] queryNorms, int q0,
      float[] rowNorms, int r0);

  /** Cosine from a dot product and two norms; 0 when either norm is 0. */
  static float cosine(float dot, float normA, float normB) {
    float d = normA * normB;
    return d == 0f ? 0f : dot / d;
  }
}
