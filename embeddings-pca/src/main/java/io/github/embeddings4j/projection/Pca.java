package io.github.embeddings4j.projection;

import io.github.embeddings4j.Embedding;
import io.github.embeddings4j.EmbeddingException;
import io.github.embeddings4j.VectorTable;
import io.github.embeddings4j.internal.linalg.Nd4jLinalg;
import java.util.Arrays;
import java.util.List;

/**
 * Principal component analysis: a fitted projection of vectors onto their k directions of largest variance,
 * computed like scikit-learn's {@code PCA(n_components=k, svd_solver='full')}.
 *
 * <p>The data are centred by their mean; the components are the top right singular vectors of the centred
 * matrix, found as the top eigenvectors of its smaller Gram matrix ({@code X^T X} when there are at least as many
 * rows as columns, otherwise {@code X X^T}) with ND4J's BLAS and LAPACK. <b>Precision:</b> the float32 input is
 * widened to float64 and everything (mean, Gram matrix, eigenvectors, projections) is computed and returned in
 * float64; results agree with scikit-learn on float64 data to about 1e-9 relative for well-separated
 * components. Forming the Gram matrix squares the condition number, so components whose variance is below about
 * 1e-8 of the largest are not resolved accurately (their ratios still are: the total variance is the exact sum
 * of squares, not a sum of eigenvalues).
 *
 * <p><b>Signs</b> follow scikit-learn's {@code svd_flip}: each component is oriented so that the projection with
 * the largest absolute value (the first such row on ties) is positive. The results are then deterministic and
 * equal to scikit-learn's, sign included, except where that largest projection is tied between rows.
 *
 * <p>This class is the module {@code embeddings-pca}, apart from {@code embeddings-core} so that projects that never
 * project pay nothing for ND4J. ND4J must be on the class path, not the module path (its module descriptors
 * require modules that do not exist under those names); this module's Maven dependencies bring it with the
 * linux-x86_64 natives (another platform: the same artifacts with that platform's classifier). Its first use
 * extracts the natives to {@code ~/.javacpp/cache}. An application launched with {@code java -m} and this module
 * on the module path needs no extra flag; with this jar on the class path of such an application, {@code fit}
 * throws an {@link EmbeddingException} asking for {@code --add-modules jdk.unsupported}.
 *
 * <p><b>Logging:</b> ND4J's start-up report (backend, thread counts, BLAS vendor, build flags: about 15 INFO
 * lines) is turned off by setting the system property {@code org.nd4j.log.initialization} to {@code false} on
 * the first fit, unless it is already set: {@code -Dorg.nd4j.log.initialization=true} brings the report back. The
 * one INFO line left (the native binary's optimization level) comes from a logger under {@code org.nd4j}: set that
 * logger to {@code WARN} in the logging configuration to hide it too.
 *
 * <pre>{@code
 * Pca pca = Pca.fit(embedding, List.of("king", "queen", "man", "woman", "car"), 2);
 * double[] xy = pca.project(embedding.vector("king"));
 * double shown = pca.explainedVarianceRatio()[0] + pca.explainedVarianceRatio()[1];
 * }</pre>
 *
 * <p>Instances are immutable and safe for use by many threads.
 */
public final class Pca {
  /** The system property that, set to {@code false}, stops ND4J's INFO lines about its start-up. */
  static final String ND4J_LOG_INITIALIZATION = "org.nd4j.log.initialization";
  /** The JDK module that holds {@code sun.misc.Unsafe}, which JavaCPP (under ND4J) reads. */
  static final String UNSAFE_MODULE = "jdk.unsupported";

  private final double[] mean;
  private final double[][] components;
  private final double[] explainedVariance;
  private final double[] explainedVarianceRatio;
  private final double totalVariance;
  private final int samples;

  private Pca(double[] mean, double[][] components, double[] explainedVariance, double totalVariance, int samples) {
    this.mean = mean;
    this.components = components;
    this.explainedVariance = explainedVariance;
    this.totalVariance = totalVariance;
    this.samples = samples;
    this.explainedVarianceRatio = new double[explainedVariance.length];
    for (int j = 0; j < explainedVariance.length; j++) {
      explainedVarianceRatio[j] = totalVariance == 0 ? 0 : explainedVariance[j] / totalVariance;
    }
  }

  /**
   * Fits a PCA to rows of vectors.
   *
   * @param rows at least 2 vectors, all of one length, finite
   * @param components how many components, from 1 to {@code min(rows, dimension)}
   * @return the fitted projection
   * @throws IllegalArgumentException if there are fewer than 2 rows, lengths differ, a value is not finite, or
   *     {@code components} is out of range (the message names the value and the bound)
   * @throws EmbeddingException if ND4J is not on the class path, the JVM lacks the module {@code jdk.unsupported}
   *     (the message names the flag to add) or LAPACK fails
   */
  public static Pca fit(float[][] rows, int components) {
    if (rows.length < 2) {
      throw new IllegalArgumentException("PCA needs at least 2 rows, got " + rows.length);
    }
    int d = rows[0].length;
    double[] x = new double[Math.multiplyExact(rows.length, d)];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != d) {
        throw new IllegalArgumentException("row " + i + " has dimension " + rows[i].length + " != " + d);
      }
      for (int c = 0; c < d; c++) {
        float v = rows[i][c];
        if (!Float.isFinite(v)) {
          throw new IllegalArgumentException("row " + i + " column " + c + " is " + v);
        }
        x[i * d + c] = v;
      }
    }
    return fit(x, rows.length, d, components);
  }

  /**
   * Fits a PCA to every vector of an embedding (the rows searched by nearest-neighbour queries).
   *
   * @param embedding an embedding with at least 2 tokens
   * @param components how many components, from 1 to {@code min(tokens, dimension)}
   * @return the fitted projection
   * @throws IllegalArgumentException if {@code components} is out of range or there are fewer than 2 tokens
   * @throws EmbeddingException if ND4J is not on the class path, the JVM lacks the module {@code jdk.unsupported}
   *     (the message names the flag to add) or LAPACK fails
   */
  public static Pca fit(Embedding embedding, int components) {
    VectorTable table = embedding.vectors();
    int n = embedding.searchableRows();
    float[][] rows = new float[n][];
    for (int i = 0; i < n; i++) {
      rows[i] = table.row(i);
    }
    return fit(rows, components);
  }

  /**
   * Fits a PCA to the vectors of some tokens of an embedding.
   *
   * @param embedding an embedding
   * @param tokens at least 2 tokens of it
   * @param components how many components, from 1 to {@code min(tokens.size(), dimension)}
   * @return the fitted projection
   * @throws io.github.embeddings4j.UnknownTokenException if a token is not in the vocabulary (naming it)
   * @throws IllegalArgumentException if {@code components} is out of range or there are fewer than 2 tokens
   * @throws EmbeddingException if ND4J is not on the class path, the JVM lacks the module {@code jdk.unsupported}
   *     (the message names the flag to add) or LAPACK fails
   */
  public static Pca fit(Embedding embedding, List<String> tokens, int components) {
    float[][] rows = new float[tokens.size()][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = embedding.vector(tokens.get(i));
    }
    return fit(rows, components);
  }

  private static Pca fit(double[] x, int n, int d, int k) {
    int max = Math.min(n, d);
    if (k < 1 || k > max) {
      throw new IllegalArgumentException("components must be in [1, min(rows, dimension)] = [1, " + max + "], got "
          + k);
    }
    double[] mean = new double[d];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < d; c++) {
        mean[c] += x[i * d + c];
      }
    }
    for (int c = 0; c < d; c++) {
      mean[c] /= n;
    }
    double sumOfSquares = 0;
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < d; c++) {
        double v = x[i * d + c] - mean[c];
        x[i * d + c] = v;
        sumOfSquares += v * v;
      }
    }
    boolean byColumns = d <= n;
    int size = byColumns ? d : n;
    double[][] eigen = linalg(x, n, d, byColumns, size, k);
    double[][] comps = new double[k][];
    double[] variance = new double[k];
    for (int j = 0; j < k; j++) {
      double lambda = Math.max(0, eigen[0][j]);
      variance[j] = lambda / (n - 1);
      double[] v = eigen[j + 1];
      if (!byColumns) {
        v = rowCombination(x, n, d, v);
      }
      comps[j] = orient(x, n, d, unit(v));
    }
    return new Pca(mean, comps, variance, sumOfSquares / (n - 1), n);
  }

  private static double[][] linalg(double[] x, int n, int d, boolean byColumns, int size, int k) {
    prepareNd4j();
    try {
      return Nd4jLinalg.topEigen(Nd4jLinalg.gram(x, n, d, byColumns), size, k);
    } catch (NoClassDefFoundError | UnsatisfiedLinkError e) {
      throw new EmbeddingException("PCA needs ND4J on the class path (org.nd4j:nd4j-native with the natives of "
          + "this platform): " + e, e);
    } catch (ArithmeticException e) {
      throw new EmbeddingException("PCA failed: " + e.getMessage(), e);
    }
  }

  /**
   * Readies the JVM for ND4J's first use: the read edge to the class path, the module JavaCPP needs, and ND4J's
   * start-up log.
   */
  private static void prepareNd4j() {
    Module pca = Pca.class.getModule();
    if (pca.isNamed()) {
      // ND4J cannot be on the module path (its descriptors require modules that do not exist), so it is on the
      // class path: let this module read the unnamed module before the first class naming ND4J is linked.
      pca.addReads(Pca.class.getClassLoader().getUnnamedModule());
    }
    // JavaCPP reads sun.misc.Unsafe and, without it, fails later with a bare NullPointerException. This module
    // requires jdk.unsupported, so it is missing only when this jar itself is on the class path of an application
    // launched with java -m (the class path then does not get the default modules).
    if (ModuleLayer.boot().findModule(UNSAFE_MODULE).isEmpty()) {
      throw new EmbeddingException("PCA needs the module " + UNSAFE_MODULE + " for ND4J's JavaCPP (sun.misc.Unsafe),"
          + " and this JVM did not resolve it: add --add-modules " + UNSAFE_MODULE + " to the java command, or put "
          + "embeddings-pca on the module path");
    }
    // ND4J logs about 15 INFO lines (backend, threads, build flags) on its first use unless told not to; the
    // caller's own setting wins.
    if (System.getProperty(ND4J_LOG_INITIALIZATION) == null) {
      System.setProperty(ND4J_LOG_INITIALIZATION, "false");
    }
  }

  /** X^T u for an eigenvector u of X X^T: the matching right singular vector, before normalization. */
  private static double[] rowCombination(double[] x, int n, int d, double[] u) {
    double[] v = new double[d];
    for (int i = 0; i < n; i++) {
      double w = u[i];
      for (int c = 0; c < d; c++) {
        v[c] += w * x[i * d + c];
      }
    }
    return v;
  }

  private static double[] unit(double[] v) {
    double s = 0;
    for (double a : v) {
      s += a * a;
    }
    double inv = s == 0 ? 0 : 1 / Math.sqrt(s);
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i] * inv;
    }
    return out;
  }

  /** scikit-learn's svd_flip (u-based): the projection of largest magnitude, first on ties, is positive. */
  private static double[] orient(double[] x, int n, int d, double[] v) {
    double best = -1;
    double sign = 1;
    for (int i = 0; i < n; i++) {
      double p = 0;
      for (int c = 0; c < d; c++) {
        p += x[i * d + c] * v[c];
      }
      if (Math.abs(p) > best) {
        best = Math.abs(p);
        sign = p < 0 ? -1 : 1;
      }
    }
    if (sign < 0) {
      for (int c = 0; c < d; c++) {
        v[c] = -v[c];
      }
    }
    return v;
  }

  /**
   * Projects a vector onto the components: {@code (v - mean) · component_j} for each j.
   *
   * @param vector a vector of the fitted dimension
   * @return its k coordinates
   * @throws IllegalArgumentException if the dimension differs
   */
  public double[] project(float[] vector) {
    if (vector.length != mean.length) {
      throw new IllegalArgumentException("vector dimensions differ: " + vector.length + " != " + mean.length);
    }
    double[] out = new double[components.length];
    for (int j = 0; j < components.length; j++) {
      double[] comp = components[j];
      double s = 0;
      for (int c = 0; c < comp.length; c++) {
        s += (vector[c] - mean[c]) * comp[c];
      }
      out[j] = s;
    }
    return out;
  }

  /**
   * Projects many vectors.
   *
   * @param vectors vectors of the fitted dimension
   * @return one row of k coordinates per vector
   * @throws IllegalArgumentException if a dimension differs
   */
  public double[][] project(float[][] vectors) {
    double[][] out = new double[vectors.length][];
    for (int i = 0; i < vectors.length; i++) {
      out[i] = project(vectors[i]);
    }
    return out;
  }

  /**
   * Projects the vectors of some tokens of an embedding.
   *
   * @param embedding an embedding of the fitted dimension
   * @param tokens tokens of it
   * @return one row of k coordinates per token, in the given order
   * @throws io.github.embeddings4j.UnknownTokenException if a token is not in the vocabulary (naming it)
   * @throws IllegalArgumentException if the dimension differs
   */
  public double[][] project(Embedding embedding, List<String> tokens) {
    double[][] out = new double[tokens.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = project(embedding.vector(tokens.get(i)));
    }
    return out;
  }

  /**
   * Returns the number of components k.
   *
   * @return k
   */
  public int componentCount() {
    return components.length;
  }

  /**
   * Returns the dimension of the vectors this projection takes.
   *
   * @return the input dimension
   */
  public int dimension() {
    return mean.length;
  }

  /**
   * Returns how many vectors it was fitted on.
   *
   * @return the number of samples
   */
  public int samples() {
    return samples;
  }

  /**
   * Returns the mean of the fitted vectors, subtracted before projecting (scikit-learn's {@code mean_}).
   *
   * @return a copy of the mean
   */
  public double[] mean() {
    return mean.clone();
  }

  /**
   * Returns the components, unit vectors by decreasing variance (scikit-learn's {@code components_}).
   *
   * @return a copy, k rows of the input dimension
   */
  public double[][] components() {
    double[][] out = new double[components.length][];
    for (int j = 0; j < out.length; j++) {
      out[j] = components[j].clone();
    }
    return out;
  }

  /**
   * Returns the variance along each component, with the n - 1 denominator (scikit-learn's
   * {@code explained_variance_}).
   *
   * @return a copy, k values, descending
   */
  public double[] explainedVariance() {
    return explainedVariance.clone();
  }

  /**
   * Returns each component's share of the total variance (scikit-learn's {@code explained_variance_ratio_}).
   *
   * @return a copy, k values in [0, 1], 0 when the data have no variance
   */
  public double[] explainedVarianceRatio() {
    return explainedVarianceRatio.clone();
  }

  /**
   * Returns the total variance of the data: the sum of the column variances, n - 1 denominator.
   *
   * @return the total variance
   */
  public double totalVariance() {
    return totalVariance;
  }

  /**
   * Returns the singular values of the centred data for the components (scikit-learn's {@code singular_values_}):
   * {@code sqrt(explainedVariance * (samples - 1))}.
   *
   * @return k values, descending
   */
  public double[] singularValues() {
    double[] out = new double[explainedVariance.length];
    for (int j = 0; j < out.length; j++) {
      out[j] = Math.sqrt(explainedVariance[j] * (samples - 1));
    }
    return out;
  }

  @Override
  public String toString() {
    return "Pca[samples=" + samples + ", dimension=" + mean.length + ", components=" + components.length
        + ", explainedVarianceRatio=" + Arrays.toString(explainedVarianceRatio) + "]";
  }
}
