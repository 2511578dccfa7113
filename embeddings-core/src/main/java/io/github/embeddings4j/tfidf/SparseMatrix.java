package io.github.embeddings4j.tfidf;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable sparse float64 matrix in compressed sparse rows (CSR), the layout of scikit-learn's
 * {@code scipy.sparse.csr_matrix}: the entries of row {@code r} are at positions
 * {@code indptr[r] .. indptr[r + 1] - 1} of {@code indices} (their columns, strictly increasing within a row)
 * and {@code values}.
 *
 * <p>Safe for use by many threads.
 */
public final class SparseMatrix {
  private final int rows;
  private final int columns;
  private final int[] indptr;
  private final int[] indices;
  private final double[] values;

  /**
   * Wraps CSR arrays after checking them (the arrays are copied).
   *
   * @param rows the number of rows
   * @param columns the number of columns
   * @param indptr {@code rows + 1} offsets, from 0, non-decreasing, the last equal to the number of entries
   * @param indices the column of each entry, strictly increasing within a row
   * @param values the value of each entry
   * @throws IllegalArgumentException if the arrays are inconsistent, naming the row
   */
  public SparseMatrix(int rows, int columns, int[] indptr, int[] indices, double[] values) {
    this(rows, columns, indptr.clone(), indices.clone(), values.clone(), true);
  }

  SparseMatrix(int rows, int columns, int[] indptr, int[] indices, double[] values, boolean check) {
    this.rows = rows;
    this.columns = columns;
    this.indptr = indptr;
    this.indices = indices;
    this.values = values;
    if (check) {
      check();
    }
  }

  private void check() {
    if (rows < 0 || columns < 0) {
      throw new IllegalArgumentException("negative shape " + rows + " x " + columns);
    }
    if (indptr.length != rows + 1 || indptr[0] != 0 || indptr[rows] != indices.length
        || indices.length != values.length) {
      throw new IllegalArgumentException("inconsistent CSR arrays: " + rows + " rows, indptr length "
          + indptr.length + ", " + indices.length + " indices, " + values.length + " values");
    }
    for (int r = 0; r < rows; r++) {
      if (indptr[r + 1] < indptr[r]) {
        throw new IllegalArgumentException("indptr decreases at row " + r);
      }
      for (int p = indptr[r]; p < indptr[r + 1]; p++) {
        if (indices[p] < 0 || indices[p] >= columns || (p > indptr[r] && indices[p] <= indices[p - 1])) {
          throw new IllegalArgumentException("row " + r + ": column " + indices[p] + " is out of range [0, "
              + columns + ") or not increasing");
        }
      }
    }
  }

  /**
   * Returns the number of rows.
   *
   * @return the rows
   */
  public int rows() {
    return rows;
  }

  /**
   * Returns the number of columns.
   *
   * @return the columns
   */
  public int columns() {
    return columns;
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
   * Returns the row offsets.
   *
   * @return a copy of {@code indptr}, {@code rows + 1} values
   */
  public int[] indptr() {
    return indptr.clone();
  }

  /**
   * Returns the column of every entry, row after row.
   *
   * @return a copy of {@code indices}
   */
  public int[] indices() {
    return indices.clone();
  }

  /**
   * Returns the value of every entry, row after row.
   *
   * @return a copy of {@code values}
   */
  public double[] values() {
    return values.clone();
  }

  int[] indptrView() {
    return indptr;
  }

  int[] indicesView() {
    return indices;
  }

  double[] valuesView() {
    return values;
  }

  /**
   * Returns one row.
   *
   * @param row in {@code [0, rows)}
   * @return the row as a sparse vector of length {@link #columns()}
   * @throws IndexOutOfBoundsException if out of range
   */
  public SparseVector row(int row) {
    Objects.checkIndex(row, rows);
    return new SparseVector(columns, Arrays.copyOfRange(indices, indptr[row], indptr[row + 1]),
        Arrays.copyOfRange(values, indptr[row], indptr[row + 1]));
  }

  /**
   * Returns one value (0 where nothing is stored).
   *
   * @param row in {@code [0, rows)}
   * @param column in {@code [0, columns)}
   * @return the value
   * @throws IndexOutOfBoundsException if out of range
   */
  public double get(int row, int column) {
    Objects.checkIndex(row, rows);
    Objects.checkIndex(column, columns);
    int at = Arrays.binarySearch(indices, indptr[row], indptr[row + 1], column);
    return at >= 0 ? values[at] : 0;
  }

  /**
   * Returns the transpose, also in compressed rows (so the rows of the result are this matrix's columns).
   *
   * @return the {@code columns x rows} transpose
   */
  public SparseMatrix transpose() {
    int[] tIndptr = new int[columns + 1];
    for (int c : indices) {
      tIndptr[c + 1]++;
    }
    for (int c = 0; c < columns; c++) {
      tIndptr[c + 1] += tIndptr[c];
    }
    int[] next = Arrays.copyOf(tIndptr, columns);
    int[] tIndices = new int[indices.length];
    double[] tValues = new double[values.length];
    for (int r = 0; r < rows; r++) {
      for (int p = indptr[r]; p < indptr[r + 1]; p++) {
        int at = next[indices[p]]++;
        tIndices[at] = r;
        tValues[at] = values[p];
      }
    }
    return new SparseMatrix(columns, rows, tIndptr, tIndices, tValues, false);
  }

  /**
   * Returns the matrix as dense float32 rows (for small matrices and pictures).
   *
   * @return {@code rows x columns} values
   */
  public float[][] toDenseFloats() {
    float[][] out = new float[rows][columns];
    for (int r = 0; r < rows; r++) {
      for (int p = indptr[r]; p < indptr[r + 1]; p++) {
        out[r][indices[p]] = (float) values[p];
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "SparseMatrix[" + rows + " x " + columns + ", nonZeros=" + indices.length + "]";
  }
}
