package io.github.embeddings4j.internal.simd;

import io.github.embeddings4j.internal.util.Half;

/**
 * Plain Java loops: the reference implementation of {@link VectorKernels} and the fallback where the Vector API
 * is absent.
 */
public final class ScalarKernels implements VectorKernels {
  static final int FLOAT_EXPONENT = 0x7F800000;
  static final int BF16_EXPONENT = 0x7F80;
  static final int F16_EXPONENT = 0x7C00;

  /** The one instance. */
  public static final ScalarKernels INSTANCE = new ScalarKernels();

  private ScalarKernels() {}

  @Override
  public float dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
    // Four accumulators hide the latency of the dependent adds, as the vector kernel does.
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int i = 0;
    for (; i + 4 <= length; i += 4) {
      s0 += a[aOffset + i] * b[bOffset + i];
      s1 += a[aOffset + i + 1] * b[bOffset + i + 1];
      s2 += a[aOffset + i + 2] * b[bOffset + i + 2];
      s3 += a[aOffset + i + 3] * b[bOffset + i + 3];
    }
    for (; i < length; i++) {
      s0 += a[aOffset + i] * b[bOffset + i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  @Override
  public float squareDistance(float[] a, int aOffset, float[] b, int bOffset, int length) {
    float s0 = 0, s1 = 0;
    int i = 0;
    for (; i + 2 <= length; i += 2) {
      float d0 = a[aOffset + i] - b[bOffset + i];
      float d1 = a[aOffset + i + 1] - b[bOffset + i + 1];
      s0 += d0 * d0;
      s1 += d1 * d1;
    }
    for (; i < length; i++) {
      float d = a[aOffset + i] - b[bOffset + i];
      s0 += d * d;
    }
    return s0 + s1;
  }

  @Override
  public float dotHalf(boolean bfloat16, float[] q, int qOffset, short[] b, int bOffset, int length) {
    float s0 = 0, s1 = 0;
    int i = 0;
    for (; i + 2 <= length; i += 2) {
      s0 += q[qOffset + i] * half(bfloat16, b[bOffset + i]);
      s1 += q[qOffset + i + 1] * half(bfloat16, b[bOffset + i + 1]);
    }
    for (; i < length; i++) {
      s0 += q[qOffset + i] * half(bfloat16, b[bOffset + i]);
    }
    return s0 + s1;
  }

  private static float half(boolean bfloat16, short h) {
    return bfloat16 ? Half.bf16ToFloat(h) : Half.f16ToFloat(h);
  }

  @Override
  public void axpy(float alpha, float[] x, int xOffset, float[] y, int yOffset, int length) {
    for (int i = 0; i < length; i++) {
      y[yOffset + i] += alpha * x[xOffset + i];
    }
  }

  @Override
  public void scale(float alpha, float[] x, int offset, int length) {
    for (int i = 0; i < length; i++) {
      x[offset + i] *= alpha;
    }
  }

  @Override
  public void decodeHalf(boolean bfloat16, short[] src, int srcOffset, float[] dst, int dstOffset, int length) {
    for (int i = 0; i < length; i++) {
      short h = src[srcOffset + i];
      dst[dstOffset + i] = bfloat16 ? Half.bf16ToFloat(h) : Half.f16ToFloat(h);
    }
  }

  @Override
  public boolean allFinite(float[] a, int offset, int length) {
    // Branch-free: a value is NaN or infinite when all its exponent bits are set, i.e. (~bits & exp) == 0.
    int min = FLOAT_EXPONENT;
    for (int i = offset; i < offset + length; i++) {
      min = Math.min(min, ~Float.floatToRawIntBits(a[i]) & FLOAT_EXPONENT);
    }
    return min != 0;
  }

  @Override
  public boolean allFiniteHalf(boolean bfloat16, short[] a, int offset, int length) {
    int exp = bfloat16 ? BF16_EXPONENT : F16_EXPONENT;
    int min = exp;
    for (int i = offset; i < offset + length; i++) {
      min = Math.min(min, ~a[i] & exp);
    }
    return min != 0;
  }

  @Override
  public String name() {
    return "scalar";
  }
}
