package io.github.embeddings4j.internal.simd;

/**
 * Chooses where in a float array the row panels of {@link PanelKernels#transposeRows} go, so that the micro-kernel
 * of {@link PanelKernels#dotRowPanels} loads whole cache lines.
 *
 * <p>The kernel loads three 64-byte vectors of a panel per dimension. Java gives no way to ask where an array
 * lives (objects are only 8-byte aligned, and the collector may move them), and a 64-byte load that straddles two
 * cache lines costs about 14% of the kernel's throughput on the machines we measured (77 against 88 GFMA/s,
 * AVX-512). So the offset is measured instead: the kernel is timed on the panel array at each of the eight
 * offsets that cover the eight-byte alignments modulo 64 ({@code 0, 2, ..., 14} floats), and the fastest wins.
 * The offset only moves where the panels are stored: scores are the same at every offset, so a measurement
 * spoiled by noise costs speed, never a result.
 */
public final class PanelPlacement {
  /** Floats of slack a panel array needs beyond its panels for every candidate offset. */
  public static final int SLACK = 14;
  /** Offsets differ by two floats: eight bytes, Java's object alignment. */
  private static final int STEP = 2;
  /** Dimensions per timed call: one block of the kernel, as it sits in L1 during the search. */
  private static final int LENGTH = 128;
  /** Queries per timed call at most: several quads reuse the panel block, as in the search. */
  private static final int QUERIES = 8 * PanelKernels.QUAD;
  /** Timing rounds; the minimum per offset is kept, so an interrupt in one round does not decide. */
  private static final int ROUNDS = 3;
  /** Kernel calls per timing (about 10 microseconds at 64 queries). */
  private static final int CALLS = 2;

  private PanelPlacement() {
  }

  /**
   * Returns the offset in {@code [0, SLACK]} at which the kernel ran fastest over {@code panels}.
   *
   * @param kernels the panel kernels timed
   * @param panels the panel array, with at least {@code SLACK + rowPanel * min(length, 128)} floats
   * @param quads queries packed by {@link PanelKernels#packQuads}, {@code paddedQueries} of them
   * @param paddedQueries queries in {@code quads}, a multiple of {@link PanelKernels#QUAD}
   * @param length values per row
   * @param scratch at least {@code min(paddedQueries, 64) * rowPanel} floats, overwritten
   * @param current the offset in use, kept unless another one is faster
   * @return the fastest offset
   */
  public static int choose(PanelKernels kernels, float[] panels, float[] quads, int paddedQueries, int length,
      float[] scratch, int current) {
    int rp = kernels.rowPanel();
    int len = Math.min(length, LENGTH);
    int queries = Math.min(paddedQueries, QUERIES);
    long[] best = new long[SLACK / STEP + 1];
    java.util.Arrays.fill(best, Long.MAX_VALUE);
    for (int round = 0; round < ROUNDS; round++) {
      for (int c = 0; c < best.length; c++) {
        long t = System.nanoTime();
        for (int i = 0; i < CALLS; i++) {
          kernels.dotRowPanels(quads, 0, queries, panels, c * STEP, rp, len, scratch, 0, rp);
        }
        best[c] = Math.min(best[c], System.nanoTime() - t);
      }
    }
    int chosen = current;
    for (int c = 0; c < best.length; c++) {
      if (best[c] < best[chosen / STEP]) {
        chosen = c * STEP;
      }
    }
    return chosen;
  }
}
