package io.github.embeddings4j.internal.simd;

import io.github.embeddings4j.internal.util.Half;

/**
 * Plain Java loops: the reference implementation of {@link ScanKernels} and the fallback where the Vector API is
 * absent. Dot products are {@link ScalarKernels#dot}'s, so a score is the same float whichever kernel computed it.
 */
public final class ScalarScanKernels implements ScanKernels {
  /** The one instance. */
  public static final ScalarScanKernels INSTANCE = new ScalarScanKernels();

  private ScalarScanKernels() {}

  @Override
  public void dotMatrix(float[] a, int aOffset, int aRows, float[] b, int bOffset, int bRows, int length,
      float[] out, int outOffset) {
    for (int i = 0; i < aRows; i++) {
      for (int j = 0; j < bRows; j++) {
        out[outOffset + i * bRows + j] =
            ScalarKernels.INSTANCE.dot(a, aOffset + i * length, b, bOffset + j * length, length);
      }
    }
  }

  @Override
  public void dotHalfRows(boolean bfloat16, float[] q, int qOffset, short[] rows, int rowsOffset, int rowCount,
      int length, float[] out, int outOffset) {
    int odd = qOffset + (length + 1) / 2;
    for (int j = 0; j < rowCount; j++) {
      int r = rowsOffset + j * length;
      float s0 = 0, s1 = 0;
      int i = 0;
      for (; i + 2 <= length; i += 2) {
        s0 += q[qOffset + (i >> 1)] * half(bfloat16, rows[r + i]);
        s1 += q[odd + (i >> 1)] * half(bfloat16, rows[r + i + 1]);
      }
      if (i < length) {
        s0 += q[qOffset + (i >> 1)] * half(bfloat16, rows[r + i]);
      }
      out[outOffset + j] = s0 + s1;
    }
  }

  @Override
  public void dotPacked(float[] packed, int packedOffset, int paddedQueries, float[] rows, int rowsOffset,
      int rowCount, int length, float[] out, int outOffset) {
    for (int j = 0; j < rowCount; j++) {
      int r = rowsOffset + j * length;
      for (int i = 0; i < paddedQueries; i++) {
        int p = packedOffset + (i / PANEL) * length * PANEL + i % PANEL;
        float s = 0;
        for (int d = 0; d < length; d++) {
          s = Math.fma(rows[r + d], packed[p + d * PANEL], s);
        }
        out[outOffset + j * paddedQueries + i] = s;
      }
    }
  }

  @Override
  public void divideByNorms(float[] scores, int offset, int length, float scale, float[] norms, int normsOffset) {
    for (int j = 0; j < length; j++) {
      scores[offset + j] = scores[offset + j] / (scale * norms[normsOffset + j]);
    }
  }

  @Override
  public int firstNotBelow(float[] a, int from, int to, float floor) {
    for (int i = from; i < to; i++) {
      if (!(a[i] < floor)) {
        return i;
      }
    }
    return to;
  }

  private static float half(boolean bfloat16, short h) {
    return bfloat16 ? Half.bf16ToFloat(h) : Half.f16ToFloat(h);
  }

  @Override
  public String toString() {
    return "scalar scan kernels";
  }
}
