package io.github.embeddings4j.eval;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Pearson and Spearman correlation as scipy computes them ({@code pearsonr}, {@code spearmanr}): the word-pair
 * evaluation's scores and any other evaluation that ranks scores against gold values (e.g. the STS Benchmark).
 */
public final class Correlation {
  private Correlation() {}

  /**
   * Pearson's r of two equally long samples, clipped to [-1, 1]; NaN with fewer than 2 values or when a sample is
   * constant (where scipy warns and returns NaN).
   *
   * @param x one sample
   * @param y the other, as long
   * @return r in [-1, 1], or NaN
   * @throws IllegalArgumentException if the lengths differ
   */
  public static double pearson(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("sample sizes differ: " + x.length + " != " + y.length);
    }
    int n = x.length;
    if (n < 2) {
      return Double.NaN;
    }
    double meanX = mean(x);
    double meanY = mean(y);
    double sxx = 0;
    double syy = 0;
    double sxy = 0;
    for (int i = 0; i < n; i++) {
      double dx = x[i] - meanX;
      double dy = y[i] - meanY;
      sxx += dx * dx;
      syy += dy * dy;
      sxy += dx * dy;
    }
    if (sxx == 0 || syy == 0) {
      return Double.NaN;
    }
    return Math.max(-1.0, Math.min(1.0, sxy / (Math.sqrt(sxx) * Math.sqrt(syy))));
  }

  /**
   * Spearman's rho: Pearson's r of the ranks, tied values sharing their average rank.
   *
   * @param x one sample
   * @param y the other, as long
   * @return rho in [-1, 1], or NaN when a sample is constant
   * @throws IllegalArgumentException if the lengths differ
   */
  public static double spearman(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("sample sizes differ: " + x.length + " != " + y.length);
    }
    return pearson(ranks(x), ranks(y));
  }

  /**
   * 1-based ranks, ties given the mean of the ranks they span (scipy's {@code rankdata(method='average')}).
   *
   * @param values the values to rank
   * @return each value's rank, in the values' order
   */
  public static double[] ranks(double[] values) {
    Integer[] order = IntStream.range(0, values.length).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
    double[] ranks = new double[values.length];
    int start = 0;
    while (start < order.length) {
      int end = start + 1;
      while (end < order.length && values[order[end]] == values[order[start]]) {
        end++;
      }
      // positions start..end-1 hold equal values: ranks start+1..end, whose mean is (start + 1 + end) / 2
      double rank = (start + 1 + end) / 2.0;
      for (int i = start; i < end; i++) {
        ranks[order[i]] = rank;
      }
      start = end;
    }
    return ranks;
  }

  private static double mean(double[] v) {
    double sum = 0;
    for (double d : v) {
      sum += d;
    }
    return sum / v.length;
  }
}
