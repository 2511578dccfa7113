package io.github.embeddings4j.tfidf;

import java.util.Arrays;

/**
 * A sparse float64 vector: the nonzero entries' indices in increasing order and their values.
 *
 * @param dimension the full length
 * @param indices where the stored entries are, strictly increasing, in {@code [0, dimension)}
 * @param values their values, one per index
 */
public record SparseVector(int dimension, int[] indices, double[] values) {
  /**
   * Checks the parts.
   *
   * @param dimension the full length of the vector, stored and implicit zero entries together
   * @param indices where the stored entries are, strictly increasing, in {@code [0, dimension)}
   * @param values the value of each stored entry, one per index
   * @throws IllegalArgumentException if the lengths differ, or an index is out of range or out of order
   */
  public SparseVector {
    if (indices.length != values.length) {
      throw new IllegalArgumentException("indices and values differ in length: " + indices.length + " != "
          + values.length);
    }
    for (int i = 0; i < indices.length; i++) {
      if (indices[i] < 0 || indices[i] >= dimension || (i > 0 && indices[i] <= indices[i - 1])) {
        throw new IllegalArgumentException("index " + indices[i] + " at position " + i
            + " is out of range [0, " + dimension + ") or not increasing");
      }
    }
  }

  /**
   * Returns the value at an index (0 where nothing is stored).
   *
   * @param index in {@code [0, dimension)}
   * @return the value
   * @throws IndexOutOfBoundsException if out of range
   */
  public double get(int index) {
    java.util.Objects.checkIndex(index, dimension);
    int at = Arrays.binarySearch(indices, index);
    return at >= 0 ? values[at] : 0;
  }

  /**
   * Returns the number of stored entries.
   *
   * @return the number of nonzeros
   */
  public int nonZeros() {
    return indices.length;
  }

  /**
   * Returns the vector as a dense array.
   *
   * @return {@code dimension} values
   */
  public double[] toDense() {
    double[] out = new double[dimension];
    for (int i = 0; i < indices.length; i++) {
      out[indices[i]] = values[i];
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SparseVector v && v.dimension == dimension && Arrays.equals(v.indices, indices)
        && Arrays.equals(v.values, values);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * dimension + Arrays.hashCode(indices)) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "SparseVector[dimension=" + dimension + ", nonZeros=" + indices.length + "]";
  }
}
