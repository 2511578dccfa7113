package io.github.embeddings4j.internal.linalg;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The dense linear algebra PCA needs, computed by ND4J (BLAS GEMM and LAPACK {@code dsyev}) in float64. The only
 * class of core that names ND4J types: callers pass and get plain arrays, so ND4J stays an implementation detail
 * and is loaded on first use only.
 *
 * <p>ND4J lives on the class path (its module descriptors cannot be resolved on the module path); the caller
 * must make core read the unnamed module before calling in here, see {@code Pca}.
 */
public final class Nd4jLinalg {
  private Nd4jLinalg() {}

  /**
   * Returns the Gram matrix of the rows or of the columns of a row-major matrix.
   *
   * @param a a row-major {@code rows x cols} matrix
   * @param rows its rows
   * @param cols its columns
   * @param ofColumns true for {@code A^T A} ({@code cols x cols}), false for {@code A A^T} ({@code rows x rows})
   * @return the symmetric product, row-major
   */
  public static double[] gram(double[] a, int rows, int cols, boolean ofColumns) {
    INDArray m = Nd4j.create(a, new long[] {rows, cols}, DataType.DOUBLE);
    INDArray g = ofColumns ? m.transpose().mmul(m) : m.mmul(m.transpose());
    return g.dup('c').data().asDouble();
  }

  /**
   * Returns the largest eigenvalues of a symmetric matrix and their unit eigenvectors.
   *
   * @param symmetric a row-major symmetric {@code size x size} matrix (not modified)
   * @param size its order
   * @param k how many, at most {@code size}
   * @return {@code [0]}: the k largest eigenvalues, descending; {@code [1..k]}: the matching eigenvectors
   * @throws ArithmeticException if LAPACK reports that the decomposition did not converge
   */
  public static double[][] topEigen(double[] symmetric, int size, int k) {
    INDArray a = Nd4j.create(symmetric, new long[] {size, size}, 'f');
    INDArray values = Nd4j.create(DataType.DOUBLE, size);
    int info = Nd4j.getBlasWrapper().lapack().syev('V', 'U', a, values);
    if (info != 0) {
      throw new ArithmeticException("LAPACK dsyev did not converge (info " + info + ")");
    }
    double[] ascending = values.data().asDouble();
    double[][] out = new double[k + 1][];
    out[0] = new double[k];
    for (int j = 0; j < k; j++) {
      int column = size - 1 - j;
      out[0][j] = ascending[column];
      out[j + 1] = a.getColumn(column).dup().data().asDouble();
    }
    return out;
  }
}
