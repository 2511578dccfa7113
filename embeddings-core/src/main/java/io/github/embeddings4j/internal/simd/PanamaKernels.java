package io.github.embeddings4j.internal.simd;

import io.github.embeddings4j.internal.util.Half;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The kernels on the Vector API ({@code jdk.incubator.vector}), at the widest shape the CPU has. Every kernel is a
 * vector body over whole vectors followed by a scalar tail for the last {@code length % lanes} values.
 *
 * <p>Loaded by {@link Kernels} only when the incubator module is present; nothing else may refer to this class,
 * so that the library links without the module. {@link PanamaScanKernels} and {@link PanamaPanelKernels} share
 * its species and reductions, so every kernel sums a dot product in the same order.
 */
final class PanamaKernels implements VectorKernels {
  static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  /** Ints of the float shape: a decoded half lands in the lane of the float it becomes. */
  static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
  /** Shorts with as many lanes as {@link #F}, so one load feeds one float vector. */
  private static final VectorSpecies<Short> S =
      VectorSpecies.of(short.class, VectorShape.forBitSize(F.vectorBitSize() / 2));
  /** Shorts of the full float shape: twice as many lanes as {@link #F}, read as {@link #L} pairs of patterns. */
  static final VectorSpecies<Short> S2 =
      VectorSpecies.of(short.class, VectorShape.forBitSize(F.vectorBitSize()));
  static final int L = F.length();

  PanamaKernels() {
    if (L < 4 || I.length() != L || S.length() != L || S2.length() != 2 * L) {
      throw new UnsupportedOperationException("no useful vector shape: " + F);
    }
  }

  @Override
  public float dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
    // Unrolled 4x: an FMA has a latency of ~4 cycles and two issue per cycle, so one accumulator would leave
    // the FMA units mostly idle; four independent chains keep them busy.
    FloatVector s0 = FloatVector.zero(F);
    FloatVector s1 = FloatVector.zero(F);
    FloatVector s2 = FloatVector.zero(F);
    FloatVector s3 = FloatVector.zero(F);
    int i = 0;
    for (int bound = length - 4 * L; i <= bound; i += 4 * L) {
      s0 = FloatVector.fromArray(F, a, aOffset + i).fma(FloatVector.fromArray(F, b, bOffset + i), s0);
      s1 = FloatVector.fromArray(F, a, aOffset + i + L).fma(FloatVector.fromArray(F, b, bOffset + i + L), s1);
      s2 = FloatVector.fromArray(F, a, aOffset + i + 2 * L).fma(FloatVector.fromArray(F, b, bOffset + i + 2 * L), s2);
      s3 = FloatVector.fromArray(F, a, aOffset + i + 3 * L).fma(FloatVector.fromArray(F, b, bOffset + i + 3 * L), s3);
    }
    for (int bound = F.loopBound(length); i < bound; i += L) {
      s0 = FloatVector.fromArray(F, a, aOffset + i).fma(FloatVector.fromArray(F, b, bOffset + i), s0);
    }
    float sum = sum(s0.add(s1).add(s2.add(s3)));
    for (; i < length; i++) {
      sum = Math.fma(a[aOffset + i], b[bOffset + i], sum);
    }
    return sum;
  }

  @Override
  public float squareDistance(float[] a, int aOffset, float[] b, int bOffset, int length) {
    // Two chains: the subtract already interleaves with the FMA, so two are enough to cover its latency.
    FloatVector s0 = FloatVector.zero(F);
    FloatVector s1 = FloatVector.zero(F);
    int i = 0;
    for (int bound = length - 2 * L; i <= bound; i += 2 * L) {
      FloatVector d0 = FloatVector.fromArray(F, a, aOffset + i).sub(FloatVector.fromArray(F, b, bOffset + i));
      FloatVector d1 = FloatVector.fromArray(F, a, aOffset + i + L).sub(FloatVector.fromArray(F, b, bOffset + i + L));
      s0 = d0.fma(d0, s0);
      s1 = d1.fma(d1, s1);
    }
    for (int bound = F.loopBound(length); i < bound; i += L) {
      FloatVector d = FloatVector.fromArray(F, a, aOffset + i).sub(FloatVector.fromArray(F, b, bOffset + i));
      s0 = d.fma(d, s0);
    }
    float sum = sum(s0.add(s1));
    for (; i < length; i++) {
      float d = a[aOffset + i] - b[bOffset + i];
      sum = Math.fma(d, d, sum);
    }
    return sum;
  }

  @Override
  public float dotHalf(boolean bfloat16, float[] q, int qOffset, short[] b, int bOffset, int length) {
    return bfloat16 ? dotBf16(q, qOffset, b, bOffset, length) : dotF16(q, qOffset, b, bOffset, length);
  }

  private static float dotBf16(float[] q, int qOffset, short[] b, int bOffset, int length) {
    // Two chains: the decode (widen, shift) between loads already hides part of the FMA latency.
    FloatVector s0 = FloatVector.zero(F);
    FloatVector s1 = FloatVector.zero(F);
    int i = 0;
    for (int bound = length - 2 * L; i <= bound; i += 2 * L) {
      s0 = FloatVector.fromArray(F, q, qOffset + i).fma(bf16(b, bOffset + i), s0);
      s1 = FloatVector.fromArray(F, q, qOffset + i + L).fma(bf16(b, bOffset + i + L), s1);
    }
    int bound = F.loopBound(length);
    for (; i < bound; i += L) {
      s0 = FloatVector.fromArray(F, q, qOffset + i).fma(bf16(b, bOffset + i), s0);
    }
    return finishHalf(true, s0.add(s1), q, qOffset, b, bOffset, bound, length);
  }

  private static float dotF16(float[] q, int qOffset, short[] b, int bOffset, int length) {
    FloatVector s0 = FloatVector.zero(F);
    FloatVector s1 = FloatVector.zero(F);
    int i = 0;
    for (int bound = length - 2 * L; i <= bound; i += 2 * L) {
      s0 = FloatVector.fromArray(F, q, qOffset + i).fma(f16(b, bOffset + i), s0);
      s1 = FloatVector.fromArray(F, q, qOffset + i + L).fma(f16(b, bOffset + i + L), s1);
    }
    int bound = F.loopBound(length);
    for (; i < bound; i += L) {
      s0 = FloatVector.fromArray(F, q, qOffset + i).fma(f16(b, bOffset + i), s0);
    }
    return finishHalf(false, s0.add(s1), q, qOffset, b, bOffset, bound, length);
  }

  /** bfloat16 is the upper half of a float32: widen to int, shift into place, read the bits as floats. */
  private static FloatVector bf16(short[] b, int offset) {
    return ((IntVector) ShortVector.fromArray(S, b, offset).convertShape(VectorOperators.S2I, I, 0))
        .lanewise(VectorOperators.LSHL, 16)
        .reinterpretAsFloats();
  }

  /**
   * float16 without branches, valid for finite values only: exponent and mantissa shifted into a float32 with
   * the half's bias (15), the sign put in bit 31, then a multiply by 2^(127-15) rebiases the exponent and turns
   * half subnormals into normal floats. The sign goes in before the multiply, which keeps it.
   */
  private static FloatVector f16(short[] b, int offset) {
    IntVector h = (IntVector) ShortVector.fromArray(S, b, offset).convertShape(VectorOperators.S2I, I, 0);
    IntVector magnitude = h.and(0x7FFF).lanewise(VectorOperators.LSHL, 13);
    IntVector sign = h.lanewise(VectorOperators.LSHL, 16).and(0x80000000);
    return magnitude.or(sign).reinterpretAsFloats().mul(0x1p112f);
  }

  @Override
  public void axpy(float alpha, float[] x, int xOffset, float[] y, int yOffset, int length) {
    FloatVector va = FloatVector.broadcast(F, alpha);
    int i = 0;
    for (int bound = F.loopBound(length); i < bound; i += L) {
      FloatVector.fromArray(F, x, xOffset + i).fma(va, FloatVector.fromArray(F, y, yOffset + i))
          .intoArray(y, yOffset + i);
    }
    for (; i < length; i++) {
      y[yOffset + i] = Math.fma(alpha, x[xOffset + i], y[yOffset + i]);
    }
  }

  @Override
  public void scale(float alpha, float[] x, int offset, int length) {
    int i = 0;
    for (int bound = F.loopBound(length); i < bound; i += L) {
      FloatVector.fromArray(F, x, offset + i).mul(alpha).intoArray(x, offset + i);
    }
    for (; i < length; i++) {
      x[offset + i] *= alpha;
    }
  }

  /**
   * Adds the lanes in a fixed order. {@code reduceLanes(ADD)} may reassociate in JIT-compiled code but not in the
   * interpreter, so two identical rows scored before and after a compilation could get different scores and
   * break the id order of ties.
   */
  static float sum(FloatVector v) {
    float[] lanes = new float[L];
    v.intoArray(lanes, 0);
    float s = 0;
    for (int i = 0; i < L; i++) {
      s += lanes[i];
    }
    return s;
  }

  /** Reduces an accumulator and adds the scalar tail {@code [from, length)}. */
  static float finish(FloatVector acc, float[] a, int a0, float[] b, int b0, int from, int length) {
    float sum = sum(acc);
    for (int x = from; x < length; x++) {
      sum = Math.fma(a[a0 + x], b[b0 + x], sum);
    }
    return sum;
  }

  @Override
  public void decodeHalf(boolean bfloat16, short[] src, int srcOffset, float[] dst, int dstOffset, int length) {
    int i = 0;
    for (int bound = F.loopBound(length); i < bound; i += L) {
      half(bfloat16, src, srcOffset + i).intoArray(dst, dstOffset + i);
    }
    for (; i < length; i++) {
      dst[dstOffset + i] = half(bfloat16, src[srcOffset + i]);
    }
  }

  @Override
  public boolean allFinite(float[] a, int offset, int length) {
    // The exponent field XOR its all-ones pattern is 0 exactly for NaN and the infinities; the lane minimum of
    // that (non-negative ints) is one vpminsd per vector, and a single test at the end.
    int exp = ScalarKernels.FLOAT_EXPONENT;
    IntVector min = IntVector.broadcast(I, exp);
    int i = 0;
    for (int bound = F.loopBound(length); i < bound; i += L) {
      IntVector bits = FloatVector.fromArray(F, a, offset + i).reinterpretAsInts();
      min = min.min(bits.and(exp).lanewise(VectorOperators.XOR, exp));
    }
    int m = min.reduceLanes(VectorOperators.MIN);
    for (; i < length; i++) {
      m = Math.min(m, ~Float.floatToRawIntBits(a[offset + i]) & exp);
    }
    return m != 0;
  }

  @Override
  public boolean allFiniteHalf(boolean bfloat16, short[] a, int offset, int length) {
    short exp = (short) (bfloat16 ? ScalarKernels.BF16_EXPONENT : ScalarKernels.F16_EXPONENT);
    ShortVector min = ShortVector.broadcast(S2, exp);
    int i = 0;
    int lanes = S2.length();
    for (int bound = S2.loopBound(length); i < bound; i += lanes) {
      ShortVector bits = ShortVector.fromArray(S2, a, offset + i);
      min = min.min(bits.and(exp).lanewise(VectorOperators.XOR, exp));
    }
    int m = min.reduceLanes(VectorOperators.MIN);
    for (; i < length; i++) {
      m = Math.min(m, ~a[offset + i] & exp);
    }
    return m != 0;
  }

  /** The flag is loop-invariant at every call site, so the JIT hoists the choice out of the loop. */
  private static FloatVector half(boolean bfloat16, short[] b, int offset) {
    return bfloat16 ? bf16(b, offset) : f16(b, offset);
  }

  static float half(boolean bfloat16, short h) {
    return bfloat16 ? Half.bf16ToFloat(h) : Half.f16ToFloat(h);
  }

  /** Reduces an accumulator and adds the scalar tail {@code [from, length)} of a half-precision row. */
  private static float finishHalf(boolean bfloat16, FloatVector acc, float[] q, int q0, short[] b, int b0, int from,
      int length) {
    float sum = sum(acc);
    for (int x = from; x < length; x++) {
      sum = Math.fma(q[q0 + x], half(bfloat16, b[b0 + x]), sum);
    }
    return sum;
  }

  @Override
  public String name() {
    return "Panama Vector API, " + F.vectorBitSize() + "-bit float vectors";
  }
}
