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
 * so that the library links without the module.
 */
final class PanamaKernels implements VectorKernels {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  /** Ints of the float shape: a decoded half lands in the lane of the float it becomes. */
  private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
  /** Shorts with as many lanes as {@link #F}, so one load feeds one float vector. */
  private static final VectorSpecies<Short> S =
      VectorSpecies.of(short.class, VectorShape.forBitSize(F.vectorBitSize() / 2));
  /** Shorts of the full float shape: twice as many lanes as {@link #F}, read as {@link #L} pairs of patterns. */
  private static final VectorSpecies<Short> S2 =
      VectorSpecies.of(short.class, VectorShape.forBitSize(F.vectorBitSize()));
  private static final int L = F.length();

  PanamaKernels() {
    if (L < 4 || I.length() != L || S.length() != L || S2.length() != 2 * L || PANEL % (2 * L) != 0) {
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

  @Override
  public void dotMatrix(float[] a, int aOffset, int aRows, float[] b, int bOffset, int bRows, int length,
      float[] out, int outOffset) {
    if (aRows == 1) {
      // A single query: one row from each quarter of the range, four long memory streams that the prefetchers
      // follow as such (four adjacent rows restart four short streams every 4 rows), as in bf16Rows.
      int quarter = bRows / 4;
      for (int j = 0; j < quarter; j++) {
        dot1x4(a, aOffset, b, bOffset + j * length, quarter * length, length, out, outOffset + j, quarter);
      }
      for (int j = 4 * quarter; j < bRows; j++) {
        out[outOffset + j] = dotPair(a, aOffset, b, bOffset + j * length, length);
      }
      return;
    }
    int i = 0;
    for (; i + 4 <= aRows; i += 4) {
      int j = 0;
      for (; j + 4 <= bRows; j += 4) {
        dot4x4(a, aOffset + i * length, b, bOffset + j * length, length, out, outOffset + i * bRows + j, bRows);
      }
      for (; j < bRows; j++) {
        for (int ii = i; ii < i + 4; ii++) {
          out[outOffset + ii * bRows + j] = dotPair(a, aOffset + ii * length, b, bOffset + j * length, length);
        }
      }
    }
    for (; i < aRows; i++) {
      int j = 0;
      for (; j + 4 <= bRows; j += 4) {
        dot1x4(a, aOffset + i * length, b, bOffset + j * length, length, length, out, outOffset + i * bRows + j, 1);
      }
      for (; j < bRows; j++) {
        out[outOffset + i * bRows + j] = dotPair(a, aOffset + i * length, b, bOffset + j * length, length);
      }
    }
  }

  /**
   * Four rows of {@code a} against four rows of {@code b}: sixteen accumulators, one per pair, so each loaded
   * vector feeds four FMAs (8 loads for 16 FMAs keeps the two FMA ports, not the load ports, the limit) and the
   * sixteen independent chains cover the FMA latency. 16 accumulators + 8 operands fit the 32 AVX-512 registers.
   * Every pair is summed in the same order as {@link #dotPair}, so a score does not depend on the blocking.
   */
  private static void dot4x4(float[] a, int a0, float[] b, int b0, int length, float[] out, int o, int stride) {
    int a1 = a0 + length;
    int a2 = a1 + length;
    int a3 = a2 + length;
    int b1 = b0 + length;
    int b2 = b1 + length;
    int b3 = b2 + length;
    FloatVector c00 = FloatVector.zero(F);
    FloatVector c01 = c00;
    FloatVector c02 = c00;
    FloatVector c03 = c00;
    FloatVector c10 = c00;
    FloatVector c11 = c00;
    FloatVector c12 = c00;
    FloatVector c13 = c00;
    FloatVector c20 = c00;
    FloatVector c21 = c00;
    FloatVector c22 = c00;
    FloatVector c23 = c00;
    FloatVector c30 = c00;
    FloatVector c31 = c00;
    FloatVector c32 = c00;
    FloatVector c33 = c00;
    int bound = F.loopBound(length);
    for (int x = 0; x < bound; x += L) {
      FloatVector vb0 = FloatVector.fromArray(F, b, b0 + x);
      FloatVector vb1 = FloatVector.fromArray(F, b, b1 + x);
      FloatVector vb2 = FloatVector.fromArray(F, b, b2 + x);
      FloatVector vb3 = FloatVector.fromArray(F, b, b3 + x);
      FloatVector va = FloatVector.fromArray(F, a, a0 + x);
      c00 = va.fma(vb0, c00);
      c01 = va.fma(vb1, c01);
      c02 = va.fma(vb2, c02);
      c03 = va.fma(vb3, c03);
      va = FloatVector.fromArray(F, a, a1 + x);
      c10 = va.fma(vb0, c10);
      c11 = va.fma(vb1, c11);
      c12 = va.fma(vb2, c12);
      c13 = va.fma(vb3, c13);
      va = FloatVector.fromArray(F, a, a2 + x);
      c20 = va.fma(vb0, c20);
      c21 = va.fma(vb1, c21);
      c22 = va.fma(vb2, c22);
      c23 = va.fma(vb3, c23);
      va = FloatVector.fromArray(F, a, a3 + x);
      c30 = va.fma(vb0, c30);
      c31 = va.fma(vb1, c31);
      c32 = va.fma(vb2, c32);
      c33 = va.fma(vb3, c33);
    }
    out[o] = finish(c00, a, a0, b, b0, bound, length);
    out[o + 1] = finish(c01, a, a0, b, b1, bound, length);
    out[o + 2] = finish(c02, a, a0, b, b2, bound, length);
    out[o + 3] = finish(c03, a, a0, b, b3, bound, length);
    o += stride;
    out[o] = finish(c10, a, a1, b, b0, bound, length);
    out[o + 1] = finish(c11, a, a1, b, b1, bound, length);
    out[o + 2] = finish(c12, a, a1, b, b2, bound, length);
    out[o + 3] = finish(c13, a, a1, b, b3, bound, length);
    o += stride;
    out[o] = finish(c20, a, a2, b, b0, bound, length);
    out[o + 1] = finish(c21, a, a2, b, b1, bound, length);
    out[o + 2] = finish(c22, a, a2, b, b2, bound, length);
    out[o + 3] = finish(c23, a, a2, b, b3, bound, length);
    o += stride;
    out[o] = finish(c30, a, a3, b, b0, bound, length);
    out[o + 1] = finish(c31, a, a3, b, b1, bound, length);
    out[o + 2] = finish(c32, a, a3, b, b2, bound, length);
    out[o + 3] = finish(c33, a, a3, b, b3, bound, length);
  }

  /**
   * One row of {@code a} (a single query) against four rows {@code rowStride} apart: four chains, and four row
   * streams in flight; the scores go to {@code out[o + r * outStride]}.
   */
  private static void dot1x4(float[] a, int a0, float[] b, int b0, int rowStride, int length, float[] out, int o,
      int outStride) {
    int b1 = b0 + rowStride;
    int b2 = b1 + rowStride;
    int b3 = b2 + rowStride;
    FloatVector c0 = FloatVector.zero(F);
    FloatVector c1 = c0;
    FloatVector c2 = c0;
    FloatVector c3 = c0;
    int bound = F.loopBound(length);
    for (int x = 0; x < bound; x += L) {
      FloatVector va = FloatVector.fromArray(F, a, a0 + x);
      c0 = va.fma(FloatVector.fromArray(F, b, b0 + x), c0);
      c1 = va.fma(FloatVector.fromArray(F, b, b1 + x), c1);
      c2 = va.fma(FloatVector.fromArray(F, b, b2 + x), c2);
      c3 = va.fma(FloatVector.fromArray(F, b, b3 + x), c3);
    }
    out[o] = finish(c0, a, a0, b, b0, bound, length);
    out[o + outStride] = finish(c1, a, a0, b, b1, bound, length);
    out[o + 2 * outStride] = finish(c2, a, a0, b, b2, bound, length);
    out[o + 3 * outStride] = finish(c3, a, a0, b, b3, bound, length);
  }

  /** One pair, for the rows left over by the blocked kernels; same summation order as they use. */
  private static float dotPair(float[] a, int a0, float[] b, int b0, int length) {
    FloatVector c = FloatVector.zero(F);
    int bound = F.loopBound(length);
    for (int x = 0; x < bound; x += L) {
      c = FloatVector.fromArray(F, a, a0 + x).fma(FloatVector.fromArray(F, b, b0 + x), c);
    }
    return finish(c, a, a0, b, b0, bound, length);
  }

  /**
   * Adds the lanes in a fixed order. {@code reduceLanes(ADD)} may reassociate in JIT-compiled code but not in the
   * interpreter, so two identical rows scored before and after a compilation could get different scores and
   * break the id order of ties.
   */
  private static float sum(FloatVector v) {
    float[] lanes = new float[L];
    v.intoArray(lanes, 0);
    float s = 0;
    for (int i = 0; i < L; i++) {
      s += lanes[i];
    }
    return s;
  }

  /** Reduces an accumulator and adds the scalar tail {@code [from, length)}. */
  private static float finish(FloatVector acc, float[] a, int a0, float[] b, int b0, int from, int length) {
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
  public void divideByNorms(float[] scores, int offset, int length, float scale, float[] norms, int normsOffset) {
    // vmulps then vdivps: the scalar loop's operations lane by lane, where C2 would divide one score at a time.
    int j = 0;
    for (int bound = F.loopBound(length); j < bound; j += L) {
      FloatVector n = FloatVector.fromArray(F, norms, normsOffset + j).mul(scale);
      FloatVector.fromArray(F, scores, offset + j).div(n).intoArray(scores, offset + j);
    }
    ScalarKernels.INSTANCE.divideByNorms(scores, offset + j, length - j, scale, norms, normsOffset + j);
  }

  @Override
  public int firstNotBelow(float[] a, int from, int to, float floor) {
    FloatVector f = FloatVector.broadcast(F, floor);
    int i = from;
    for (; i <= to - L; i += L) {
      // "Not below" rather than "at least", so that a NaN stops the scan as in the scalar loop.
      VectorMask<Float> hit = FloatVector.fromArray(F, a, i).compare(VectorOperators.LT, f).not();
      if (hit.anyTrue()) {
        return i + hit.firstTrue();
      }
    }
    return ScalarKernels.INSTANCE.firstNotBelow(a, i, to, floor);
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

  @Override
  public void dotHalfRows(boolean bfloat16, float[] q, int qOffset, short[] rows, int rowsOffset, int rowCount,
      int length, float[] out, int outOffset) {
    if (bfloat16) {
      bf16Rows(q, qOffset, rows, rowsOffset, rowCount, length, out, outOffset);
    } else {
      f16Rows(q, qOffset, rows, rowsOffset, rowCount, length, out, outOffset);
    }
  }

  /**
   * bfloat16 rows against a de-interleaved query. A load of {@code 2L} patterns read as {@code L} ints holds an
   * even-index value in the low half of every int (little-endian) and the next odd-index one in the high half:
   * the even floats are the ints shifted left by 16, the odd ones the ints with the low half masked off. One
   * cheap lane-wise op per float vector, no widening across lanes. Four rows per pass (four memory streams in
   * flight, eight FMA chains); every row is summed in the same order whichever loop scores it.
   */
  private static void bf16Rows(float[] q, int qOffset, short[] rows, int rowsOffset, int rowCount, int length,
      float[] out, int outOffset) {
    int odd = qOffset + (length + 1) / 2;
    int bound = S2.loopBound(length);
    // One row from each quarter of the range: four streams in flight, far enough apart for the hardware
    // prefetchers to follow them as separate streams (measured ~12% faster than two adjacent rows from each half,
    // which was ~10% faster than four adjacent rows; a single query reads a table at ~11 GB/s on one core).
    int quarter = rowCount / 4;
    for (int j = 0; j < quarter; j++) {
      int b0 = rowsOffset + j * length;
      int b1 = rowsOffset + (quarter + j) * length;
      int b2 = rowsOffset + (2 * quarter + j) * length;
      int b3 = rowsOffset + (3 * quarter + j) * length;
      FloatVector e0 = FloatVector.zero(F);
      FloatVector o0 = e0;
      FloatVector e1 = e0;
      FloatVector o1 = e0;
      FloatVector e2 = e0;
      FloatVector o2 = e0;
      FloatVector e3 = e0;
      FloatVector o3 = e0;
      for (int x = 0, h = 0; x < bound; x += 2 * L, h += L) {
        FloatVector qe = FloatVector.fromArray(F, q, qOffset + h);
        FloatVector qo = FloatVector.fromArray(F, q, odd + h);
        IntVector v0 = ShortVector.fromArray(S2, rows, b0 + x).reinterpretAsInts();
        IntVector v1 = ShortVector.fromArray(S2, rows, b1 + x).reinterpretAsInts();
        IntVector v2 = ShortVector.fromArray(S2, rows, b2 + x).reinterpretAsInts();
        IntVector v3 = ShortVector.fromArray(S2, rows, b3 + x).reinterpretAsInts();
        e0 = qe.fma(v0.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), e0);
        o0 = qo.fma(v0.and(0xFFFF0000).reinterpretAsFloats(), o0);
        e1 = qe.fma(v1.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), e1);
        o1 = qo.fma(v1.and(0xFFFF0000).reinterpretAsFloats(), o1);
        e2 = qe.fma(v2.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), e2);
        o2 = qo.fma(v2.and(0xFFFF0000).reinterpretAsFloats(), o2);
        e3 = qe.fma(v3.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), e3);
        o3 = qo.fma(v3.and(0xFFFF0000).reinterpretAsFloats(), o3);
      }
      out[outOffset + j] = finishPairs(true, e0.add(o0), q, qOffset, odd, rows, b0, bound, length);
      out[outOffset + quarter + j] = finishPairs(true, e1.add(o1), q, qOffset, odd, rows, b1, bound, length);
      out[outOffset + 2 * quarter + j] = finishPairs(true, e2.add(o2), q, qOffset, odd, rows, b2, bound, length);
      out[outOffset + 3 * quarter + j] = finishPairs(true, e3.add(o3), q, qOffset, odd, rows, b3, bound, length);
    }
    // Left over: the last rowCount % 4 rows, one at a time.
    bf16Row(q, qOffset, odd, rows, rowsOffset, 4 * quarter, rowCount, bound, length, out, outOffset);
  }

  /** Rows {@code [from, to)} one at a time, summed as {@link #bf16Rows} sums every row. */
  private static void bf16Row(float[] q, int qOffset, int odd, short[] rows, int rowsOffset, int from, int to,
      int bound, int length, float[] out, int outOffset) {
    for (int j = from; j < to; j++) {
      int b0 = rowsOffset + j * length;
      FloatVector e0 = FloatVector.zero(F);
      FloatVector o0 = e0;
      for (int x = 0, h = 0; x < bound; x += 2 * L, h += L) {
        IntVector v0 = ShortVector.fromArray(S2, rows, b0 + x).reinterpretAsInts();
        e0 = FloatVector.fromArray(F, q, qOffset + h).fma(v0.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(), e0);
        o0 = FloatVector.fromArray(F, q, odd + h).fma(v0.and(0xFFFF0000).reinterpretAsFloats(), o0);
      }
      out[outOffset + j] = finishPairs(true, e0.add(o0), q, qOffset, odd, rows, b0, bound, length);
    }
  }

  /**
   * float16 rows against a de-interleaved query, decoded from pairs as {@link #f16} decodes single patterns:
   * even values from the low half of every int, odd ones from the high half, again without widening.
   */
  private static void f16Rows(float[] q, int qOffset, short[] rows, int rowsOffset, int rowCount, int length,
      float[] out, int outOffset) {
    int odd = qOffset + (length + 1) / 2;
    int bound = S2.loopBound(length);
    int j = 0;
    for (; j + 2 <= rowCount; j += 2) {
      int b0 = rowsOffset + j * length;
      int b1 = b0 + length;
      FloatVector e0 = FloatVector.zero(F);
      FloatVector o0 = e0;
      FloatVector e1 = e0;
      FloatVector o1 = e0;
      for (int x = 0, h = 0; x < bound; x += 2 * L, h += L) {
        FloatVector qe = FloatVector.fromArray(F, q, qOffset + h);
        FloatVector qo = FloatVector.fromArray(F, q, odd + h);
        IntVector v0 = ShortVector.fromArray(S2, rows, b0 + x).reinterpretAsInts();
        IntVector v1 = ShortVector.fromArray(S2, rows, b1 + x).reinterpretAsInts();
        e0 = qe.fma(f16Even(v0), e0);
        o0 = qo.fma(f16Odd(v0), o0);
        e1 = qe.fma(f16Even(v1), e1);
        o1 = qo.fma(f16Odd(v1), o1);
      }
      out[outOffset + j] = finishPairs(false, e0.add(o0), q, qOffset, odd, rows, b0, bound, length);
      out[outOffset + j + 1] = finishPairs(false, e1.add(o1), q, qOffset, odd, rows, b1, bound, length);
    }
    for (; j < rowCount; j++) {
      int b0 = rowsOffset + j * length;
      FloatVector e0 = FloatVector.zero(F);
      FloatVector o0 = e0;
      for (int x = 0, h = 0; x < bound; x += 2 * L, h += L) {
        IntVector v0 = ShortVector.fromArray(S2, rows, b0 + x).reinterpretAsInts();
        e0 = FloatVector.fromArray(F, q, qOffset + h).fma(f16Even(v0), e0);
        o0 = FloatVector.fromArray(F, q, odd + h).fma(f16Odd(v0), o0);
      }
      out[outOffset + j] = finishPairs(false, e0.add(o0), q, qOffset, odd, rows, b0, bound, length);
    }
  }

  private static FloatVector f16Even(IntVector v) {
    IntVector magnitude = v.and(0x7FFF).lanewise(VectorOperators.LSHL, 13);
    IntVector sign = v.lanewise(VectorOperators.LSHL, 16).and(0x80000000);
    return magnitude.or(sign).reinterpretAsFloats().mul(0x1p112f);
  }

  private static FloatVector f16Odd(IntVector v) {
    IntVector magnitude = v.lanewise(VectorOperators.LSHR, 3).and(0x0FFFE000);
    return magnitude.or(v.and(0x80000000)).reinterpretAsFloats().mul(0x1p112f);
  }

  /** Reduces an accumulator and adds the scalar tail {@code [from, length)} against a de-interleaved query. */
  private static float finishPairs(boolean bfloat16, FloatVector acc, float[] q, int even, int odd, short[] b, int b0,
      int from, int length) {
    float sum = sum(acc);
    for (int x = from; x < length; x++) {
      sum = Math.fma(q[((x & 1) == 0 ? even : odd) + (x >> 1)], half(bfloat16, b[b0 + x]), sum);
    }
    return sum;
  }

  @Override
  public void dotPacked(float[] packed, int packedOffset, int paddedQueries, float[] rows, int rowsOffset,
      int rowCount, int length, float[] out, int outOffset) {
    // Not reached by the search: these kernels offer row panels (rowPanel() > 0), which ExactScan prefers for
    // every packed batch. The scalar version keeps the contract for any other caller.
    ScalarKernels.INSTANCE.dotPacked(packed, packedOffset, paddedQueries, rows, rowsOffset, rowCount, length, out,
        outOffset);
  }

  private static FloatVector acc(boolean first, float[] out, int o) {
    return first ? FloatVector.zero(F) : FloatVector.fromArray(F, out, o);
  }

  /** Dimensions per block of {@link #dotRowPanels}: a transposed row panel's block (KR x 3L floats) stays in L1. */
  private static final int KR = 128;
  /** Offsets {@code i * 3L} of lane i, the scatter that transposes a row vector into a row panel. */
  private static final int[] PANEL_STRIDES = new int[L];

  static {
    for (int i = 0; i < L; i++) {
      PANEL_STRIDES[i] = i * 3 * L;
    }
  }


  @Override
  public int rowPanel() {
    return 3 * L;
  }

  @Override
  public void transposeRows(float[] rows, int rowsOffset, int rowCount, int length, float[] panels,
      int panelsOffset) {
    // Blocks of L rows by L dimensions, each L rows read front to back: few enough streams for the hardware
    // prefetcher (all 3L rows at once left the transpose waiting on memory: ~7% slower overall).
    int rp = 3 * L;
    int panelCount = (rowCount + rp - 1) / rp;
    for (int g = 0; g < panelCount; g++) {
      for (int b0 = 0; b0 < rp; b0 += L) {
        for (int d0 = 0; d0 < length; d0 += L) {
          transposeBlock(rows, rowsOffset, rowCount, length, panels, panelsOffset, g, b0, d0);
        }
      }
    }
  }

  /** Transposes rows {@code b0..b0 + L} of panel {@code g}, dimensions {@code d0..d0 + L}; rows past the end: zeros. */
  private static void transposeBlock(float[] rows, int rowsOffset, int rowCount, int length, float[] panels,
      int panelsOffset, int g, int b0, int d0) {
    int rp = 3 * L;
    int base = panelsOffset + g * length * rp;
    int j0 = g * rp;
    int live = Math.min(rp, rowCount - j0);
    int b1 = Math.min(live, b0 + L);
    int d1 = Math.min(length, d0 + L);
    if (d1 - d0 == L && b1 - b0 == L && (L == 16 || L == 8)) {
      // A whole L x L block: transposed in registers, L loads and L contiguous stores.
      int src = rowsOffset + (j0 + b0) * length + d0;
      int dst = base + d0 * rp + b0;
      if (L == 16) {
        transpose16(rows, src, length, panels, dst, rp);
      } else {
        transpose8(rows, src, length, panels, dst, rp);
      }
      return;
    }
    if (d1 - d0 == L) {
      // One vector of a row's dimensions goes out as one scatter at stride 3L.
      for (int r = b0; r < b1; r++) {
        FloatVector.fromArray(F, rows, rowsOffset + (j0 + r) * length + d0)
            .intoArray(panels, base + d0 * rp + r, PANEL_STRIDES, 0);
      }
    } else {
      for (int r = b0; r < b1; r++) {
        int src = rowsOffset + (j0 + r) * length;
        for (int d = d0; d < d1; d++) {
          panels[base + d * rp + r] = rows[src + d];
        }
      }
    }
    for (int r = Math.max(b0, live); r < b0 + L; r++) {
      for (int d = d0; d < d1; d++) {
        panels[base + d * rp + r] = 0f;
      }
    }
  }

  @Override
  public void dotRowPanels(float[] quads, int quadsOffset, int paddedQueries, float[] panels, int panelsOffset,
      int rowCount, int length, float[] out, int outOffset, int outStride) {
    // Roles swapped against dotPacked: the tile's rows were transposed into panels of 3L rows stored
    // dimension-major, so per dimension three row vectors are loaded and each of QUAD (8) queries' values is
    // broadcast into them (24 FMAs into 24 accumulators, three vector loads, eight broadcasts from one contiguous
    // 32-byte run).
    int rp = 3 * L;
    int panelCount = (rowCount + rp - 1) / rp;
    for (int g = 0; g < panelCount; g++) {
      int base = panelsOffset + g * length * rp;
      for (int k0 = 0; k0 < length; k0 += KR) {
        int k1 = Math.min(length, k0 + KR);
        boolean first = k0 == 0;
        for (int i = 0; i < paddedQueries; i += QUAD) {
          quad8x3(panels, base, quadsOffset + i * length, quads, k0, k1, first, out,
              outOffset + i * outStride + g * rp, outStride);
        }
      }
    }
  }

  // The in-register transpose: stage s swaps lane j of vector i with lane j ^ s of vector i ^ s where i & s == 0
  // and j & s != 0: one permute and one blend per vector (P<s> and Q<s> are j -> j ^ s, U<s> and B<s> the lanes
  // with j & s != 0, W<s> the others; transpose8 uses the float ones, transpose16 the int ones). After the stages
  // s = L/2, ..., 1, vector c holds column c. Separate static finals, not arrays: C2 intrinsifies rearrange and
  // blend only with constant shuffles and masks. (Lanes j ^ s beyond L, for a stage a shorter vector never runs,
  // are only wrapped to exceptional indexes.)
  private static final VectorShuffle<Float> P1 = permute(1);
  private static final VectorShuffle<Float> P2 = permute(2);
  private static final VectorShuffle<Float> P4 = permute(4);
  private static final VectorMask<Float> U1 = lanes(1, true);
  private static final VectorMask<Float> U2 = lanes(2, true);
  private static final VectorMask<Float> U4 = lanes(4, true);
  private static final VectorMask<Float> W1 = lanes(1, false);
  private static final VectorMask<Float> W2 = lanes(2, false);
  private static final VectorMask<Float> W4 = lanes(4, false);

  private static final VectorShuffle<Integer> Q1 = VectorShuffle.fromOp(I, j -> j ^ 1);
  private static final VectorShuffle<Integer> Q2 = VectorShuffle.fromOp(I, j -> j ^ 2);
  private static final VectorShuffle<Integer> Q4 = VectorShuffle.fromOp(I, j -> j ^ 4);
  private static final VectorShuffle<Integer> Q8 = VectorShuffle.fromOp(I, j -> j ^ 8);
  private static final IntVector B1 = bits(1);
  private static final IntVector B2 = bits(2);
  private static final IntVector B4 = bits(4);
  private static final IntVector B8 = bits(8);
  private static final VectorOperators.Ternary BLEND = VectorOperators.BITWISE_BLEND;

  private static IntVector bits(int bit) {
    int[] lanes = new int[L];
    for (int j = 0; j < L; j++) {
      lanes[j] = (j & bit) != 0 ? -1 : 0;
    }
    return IntVector.fromArray(I, lanes, 0);
  }

  private static VectorShuffle<Float> permute(int bit) {
    return VectorShuffle.fromOp(F, j -> j ^ bit);
  }

  private static VectorMask<Float> lanes(int bit, boolean set) {
    boolean[] bits = new boolean[L];
    for (int j = 0; j < L; j++) {
      bits[j] = ((j & bit) != 0) == set;
    }
    return VectorMask.fromArray(F, bits, 0);
  }

  /**
   * Writes the 16 x 16 block {@code rows[src + r * length + c]} to {@code out[dst + c * stride + r]} (only for
   * {@code L == 16}): 16 loads, 4 stages of 16 permutes and 16 bitwise blends, 16 stores, where 16 scatters cost
   * several times as much. The blends are {@code BITWISE_BLEND} with a constant bit pattern on ints (one {@code
   * vpternlogd} each), not {@code blend} with a {@link VectorMask}: JDK 17 keeps masks in vector registers and
   * turns each masked blend into a compare and a blend on the shuffle port, which made this transpose ~1.4x
   * slower out of L2 (72 against 52 ms per 0.93 GB, 91 against 77 ms from memory). The reinterpretations name
   * their species ({@code reinterpretShape(I, 0)}): with {@code reinterpretAsInts()} C2 once lost the constant
   * species inside a larger program and boxed every vector (3x slower).
   */
  private static void transpose16(float[] rows, int src, int length, float[] out, int dst, int stride) {
    IntVector a0 = (IntVector) FloatVector.fromArray(F, rows, src).reinterpretShape(I, 0);
    IntVector a1 = (IntVector) FloatVector.fromArray(F, rows, src + length).reinterpretShape(I, 0);
    IntVector a2 = (IntVector) FloatVector.fromArray(F, rows, src + 2 * length).reinterpretShape(I, 0);
    IntVector a3 = (IntVector) FloatVector.fromArray(F, rows, src + 3 * length).reinterpretShape(I, 0);
    IntVector a4 = (IntVector) FloatVector.fromArray(F, rows, src + 4 * length).reinterpretShape(I, 0);
    IntVector a5 = (IntVector) FloatVector.fromArray(F, rows, src + 5 * length).reinterpretShape(I, 0);
    IntVector a6 = (IntVector) FloatVector.fromArray(F, rows, src + 6 * length).reinterpretShape(I, 0);
    IntVector a7 = (IntVector) FloatVector.fromArray(F, rows, src + 7 * length).reinterpretShape(I, 0);
    IntVector a8 = (IntVector) FloatVector.fromArray(F, rows, src + 8 * length).reinterpretShape(I, 0);
    IntVector a9 = (IntVector) FloatVector.fromArray(F, rows, src + 9 * length).reinterpretShape(I, 0);
    IntVector a10 = (IntVector) FloatVector.fromArray(F, rows, src + 10 * length).reinterpretShape(I, 0);
    IntVector a11 = (IntVector) FloatVector.fromArray(F, rows, src + 11 * length).reinterpretShape(I, 0);
    IntVector a12 = (IntVector) FloatVector.fromArray(F, rows, src + 12 * length).reinterpretShape(I, 0);
    IntVector a13 = (IntVector) FloatVector.fromArray(F, rows, src + 13 * length).reinterpretShape(I, 0);
    IntVector a14 = (IntVector) FloatVector.fromArray(F, rows, src + 14 * length).reinterpretShape(I, 0);
    IntVector a15 = (IntVector) FloatVector.fromArray(F, rows, src + 15 * length).reinterpretShape(I, 0);
    VectorShuffle<Integer> p = Q8;
    IntVector u = B8;
    IntVector t;
    t = a0; a0 = a0.lanewise(BLEND, a8.rearrange(p), u); a8 = t.rearrange(p).lanewise(BLEND, a8, u);
    t = a1; a1 = a1.lanewise(BLEND, a9.rearrange(p), u); a9 = t.rearrange(p).lanewise(BLEND, a9, u);
    t = a2; a2 = a2.lanewise(BLEND, a10.rearrange(p), u); a10 = t.rearrange(p).lanewise(BLEND, a10, u);
    t = a3; a3 = a3.lanewise(BLEND, a11.rearrange(p), u); a11 = t.rearrange(p).lanewise(BLEND, a11, u);
    t = a4; a4 = a4.lanewise(BLEND, a12.rearrange(p), u); a12 = t.rearrange(p).lanewise(BLEND, a12, u);
    t = a5; a5 = a5.lanewise(BLEND, a13.rearrange(p), u); a13 = t.rearrange(p).lanewise(BLEND, a13, u);
    t = a6; a6 = a6.lanewise(BLEND, a14.rearrange(p), u); a14 = t.rearrange(p).lanewise(BLEND, a14, u);
    t = a7; a7 = a7.lanewise(BLEND, a15.rearrange(p), u); a15 = t.rearrange(p).lanewise(BLEND, a15, u);
    p = Q4;
    u = B4;
    t = a0; a0 = a0.lanewise(BLEND, a4.rearrange(p), u); a4 = t.rearrange(p).lanewise(BLEND, a4, u);
    t = a1; a1 = a1.lanewise(BLEND, a5.rearrange(p), u); a5 = t.rearrange(p).lanewise(BLEND, a5, u);
    t = a2; a2 = a2.lanewise(BLEND, a6.rearrange(p), u); a6 = t.rearrange(p).lanewise(BLEND, a6, u);
    t = a3; a3 = a3.lanewise(BLEND, a7.rearrange(p), u); a7 = t.rearrange(p).lanewise(BLEND, a7, u);
    t = a8; a8 = a8.lanewise(BLEND, a12.rearrange(p), u); a12 = t.rearrange(p).lanewise(BLEND, a12, u);
    t = a9; a9 = a9.lanewise(BLEND, a13.rearrange(p), u); a13 = t.rearrange(p).lanewise(BLEND, a13, u);
    t = a10; a10 = a10.lanewise(BLEND, a14.rearrange(p), u); a14 = t.rearrange(p).lanewise(BLEND, a14, u);
    t = a11; a11 = a11.lanewise(BLEND, a15.rearrange(p), u); a15 = t.rearrange(p).lanewise(BLEND, a15, u);
    p = Q2;
    u = B2;
    t = a0; a0 = a0.lanewise(BLEND, a2.rearrange(p), u); a2 = t.rearrange(p).lanewise(BLEND, a2, u);
    t = a1; a1 = a1.lanewise(BLEND, a3.rearrange(p), u); a3 = t.rearrange(p).lanewise(BLEND, a3, u);
    t = a4; a4 = a4.lanewise(BLEND, a6.rearrange(p), u); a6 = t.rearrange(p).lanewise(BLEND, a6, u);
    t = a5; a5 = a5.lanewise(BLEND, a7.rearrange(p), u); a7 = t.rearrange(p).lanewise(BLEND, a7, u);
    t = a8; a8 = a8.lanewise(BLEND, a10.rearrange(p), u); a10 = t.rearrange(p).lanewise(BLEND, a10, u);
    t = a9; a9 = a9.lanewise(BLEND, a11.rearrange(p), u); a11 = t.rearrange(p).lanewise(BLEND, a11, u);
    t = a12; a12 = a12.lanewise(BLEND, a14.rearrange(p), u); a14 = t.rearrange(p).lanewise(BLEND, a14, u);
    t = a13; a13 = a13.lanewise(BLEND, a15.rearrange(p), u); a15 = t.rearrange(p).lanewise(BLEND, a15, u);
    p = Q1;
    u = B1;
    t = a0; a0 = a0.lanewise(BLEND, a1.rearrange(p), u); a1 = t.rearrange(p).lanewise(BLEND, a1, u);
    t = a2; a2 = a2.lanewise(BLEND, a3.rearrange(p), u); a3 = t.rearrange(p).lanewise(BLEND, a3, u);
    t = a4; a4 = a4.lanewise(BLEND, a5.rearrange(p), u); a5 = t.rearrange(p).lanewise(BLEND, a5, u);
    t = a6; a6 = a6.lanewise(BLEND, a7.rearrange(p), u); a7 = t.rearrange(p).lanewise(BLEND, a7, u);
    t = a8; a8 = a8.lanewise(BLEND, a9.rearrange(p), u); a9 = t.rearrange(p).lanewise(BLEND, a9, u);
    t = a10; a10 = a10.lanewise(BLEND, a11.rearrange(p), u); a11 = t.rearrange(p).lanewise(BLEND, a11, u);
    t = a12; a12 = a12.lanewise(BLEND, a13.rearrange(p), u); a13 = t.rearrange(p).lanewise(BLEND, a13, u);
    t = a14; a14 = a14.lanewise(BLEND, a15.rearrange(p), u); a15 = t.rearrange(p).lanewise(BLEND, a15, u);
    ((FloatVector) a0.reinterpretShape(F, 0)).intoArray(out, dst);
    ((FloatVector) a1.reinterpretShape(F, 0)).intoArray(out, dst + stride);
    ((FloatVector) a2.reinterpretShape(F, 0)).intoArray(out, dst + 2 * stride);
    ((FloatVector) a3.reinterpretShape(F, 0)).intoArray(out, dst + 3 * stride);
    ((FloatVector) a4.reinterpretShape(F, 0)).intoArray(out, dst + 4 * stride);
    ((FloatVector) a5.reinterpretShape(F, 0)).intoArray(out, dst + 5 * stride);
    ((FloatVector) a6.reinterpretShape(F, 0)).intoArray(out, dst + 6 * stride);
    ((FloatVector) a7.reinterpretShape(F, 0)).intoArray(out, dst + 7 * stride);
    ((FloatVector) a8.reinterpretShape(F, 0)).intoArray(out, dst + 8 * stride);
    ((FloatVector) a9.reinterpretShape(F, 0)).intoArray(out, dst + 9 * stride);
    ((FloatVector) a10.reinterpretShape(F, 0)).intoArray(out, dst + 10 * stride);
    ((FloatVector) a11.reinterpretShape(F, 0)).intoArray(out, dst + 11 * stride);
    ((FloatVector) a12.reinterpretShape(F, 0)).intoArray(out, dst + 12 * stride);
    ((FloatVector) a13.reinterpretShape(F, 0)).intoArray(out, dst + 13 * stride);
    ((FloatVector) a14.reinterpretShape(F, 0)).intoArray(out, dst + 14 * stride);
    ((FloatVector) a15.reinterpretShape(F, 0)).intoArray(out, dst + 15 * stride);
  }

  /**
   * {@link #transpose16} for {@code L == 8} (256-bit vectors, AVX2, which has no scatter instruction): 3 stages.
   * Both are written out vector by vector: a loop over an array of vectors would box them.
   */
  private static void transpose8(float[] rows, int src, int length, float[] out, int dst, int stride) {
    FloatVector a0 = FloatVector.fromArray(F, rows, src);
    FloatVector a1 = FloatVector.fromArray(F, rows, src + length);
    FloatVector a2 = FloatVector.fromArray(F, rows, src + 2 * length);
    FloatVector a3 = FloatVector.fromArray(F, rows, src + 3 * length);
    FloatVector a4 = FloatVector.fromArray(F, rows, src + 4 * length);
    FloatVector a5 = FloatVector.fromArray(F, rows, src + 5 * length);
    FloatVector a6 = FloatVector.fromArray(F, rows, src + 6 * length);
    FloatVector a7 = FloatVector.fromArray(F, rows, src + 7 * length);
    VectorShuffle<Float> p = P4;
    VectorMask<Float> u = U4;
    VectorMask<Float> w = W4;
    FloatVector t;
    t = a0; a0 = a0.blend(a4.rearrange(p), u); a4 = a4.blend(t.rearrange(p), w);
    t = a1; a1 = a1.blend(a5.rearrange(p), u); a5 = a5.blend(t.rearrange(p), w);
    t = a2; a2 = a2.blend(a6.rearrange(p), u); a6 = a6.blend(t.rearrange(p), w);
    t = a3; a3 = a3.blend(a7.rearrange(p), u); a7 = a7.blend(t.rearrange(p), w);
    p = P2;
    u = U2;
    w = W2;
    t = a0; a0 = a0.blend(a2.rearrange(p), u); a2 = a2.blend(t.rearrange(p), w);
    t = a1; a1 = a1.blend(a3.rearrange(p), u); a3 = a3.blend(t.rearrange(p), w);
    t = a4; a4 = a4.blend(a6.rearrange(p), u); a6 = a6.blend(t.rearrange(p), w);
    t = a5; a5 = a5.blend(a7.rearrange(p), u); a7 = a7.blend(t.rearrange(p), w);
    p = P1;
    u = U1;
    w = W1;
    t = a0; a0 = a0.blend(a1.rearrange(p), u); a1 = a1.blend(t.rearrange(p), w);
    t = a2; a2 = a2.blend(a3.rearrange(p), u); a3 = a3.blend(t.rearrange(p), w);
    t = a4; a4 = a4.blend(a5.rearrange(p), u); a5 = a5.blend(t.rearrange(p), w);
    t = a6; a6 = a6.blend(a7.rearrange(p), u); a7 = a7.blend(t.rearrange(p), w);
    a0.intoArray(out, dst);
    a1.intoArray(out, dst + stride);
    a2.intoArray(out, dst + 2 * stride);
    a3.intoArray(out, dst + 3 * stride);
    a4.intoArray(out, dst + 4 * stride);
    a5.intoArray(out, dst + 5 * stride);
    a6.intoArray(out, dst + 6 * stride);
    a7.intoArray(out, dst + 7 * stride);
  }

  private static void quad8x3(float[] rp, int rb, int qb, float[] quads, int k0, int k1, boolean first, float[] out,
      int o, int stride) {
    FloatVector c00 = acc(first, out, o);
    FloatVector c01 = acc(first, out, o + L);
    FloatVector c02 = acc(first, out, o + 2 * L);
    FloatVector c10 = acc(first, out, o + stride);
    FloatVector c11 = acc(first, out, o + stride + L);
    FloatVector c12 = acc(first, out, o + stride + 2 * L);
    FloatVector c20 = acc(first, out, o + 2 * stride);
    FloatVector c21 = acc(first, out, o + 2 * stride + L);
    FloatVector c22 = acc(first, out, o + 2 * stride + 2 * L);
    FloatVector c30 = acc(first, out, o + 3 * stride);
    FloatVector c31 = acc(first, out, o + 3 * stride + L);
    FloatVector c32 = acc(first, out, o + 3 * stride + 2 * L);
    FloatVector c40 = acc(first, out, o + 4 * stride);
    FloatVector c41 = acc(first, out, o + 4 * stride + L);
    FloatVector c42 = acc(first, out, o + 4 * stride + 2 * L);
    FloatVector c50 = acc(first, out, o + 5 * stride);
    FloatVector c51 = acc(first, out, o + 5 * stride + L);
    FloatVector c52 = acc(first, out, o + 5 * stride + 2 * L);
    FloatVector c60 = acc(first, out, o + 6 * stride);
    FloatVector c61 = acc(first, out, o + 6 * stride + L);
    FloatVector c62 = acc(first, out, o + 6 * stride + 2 * L);
    FloatVector c70 = acc(first, out, o + 7 * stride);
    FloatVector c71 = acc(first, out, o + 7 * stride + L);
    FloatVector c72 = acc(first, out, o + 7 * stride + 2 * L);
    for (int d = k0; d < k1; d++) {
      int ri = rb + d * (3 * L);
      FloatVector r0 = FloatVector.fromArray(F, rp, ri);
      FloatVector r1 = FloatVector.fromArray(F, rp, ri + L);
      FloatVector r2 = FloatVector.fromArray(F, rp, ri + 2 * L);
      int qi = qb + d * QUAD;
      FloatVector b = FloatVector.broadcast(F, quads[qi]);
      c00 = b.fma(r0, c00);
      c01 = b.fma(r1, c01);
      c02 = b.fma(r2, c02);
      b = FloatVector.broadcast(F, quads[qi + 1]);
      c10 = b.fma(r0, c10);
      c11 = b.fma(r1, c11);
      c12 = b.fma(r2, c12);
      b = FloatVector.broadcast(F, quads[qi + 2]);
      c20 = b.fma(r0, c20);
      c21 = b.fma(r1, c21);
      c22 = b.fma(r2, c22);
      b = FloatVector.broadcast(F, quads[qi + 3]);
      c30 = b.fma(r0, c30);
      c31 = b.fma(r1, c31);
      c32 = b.fma(r2, c32);
      b = FloatVector.broadcast(F, quads[qi + 4]);
      c40 = b.fma(r0, c40);
      c41 = b.fma(r1, c41);
      c42 = b.fma(r2, c42);
      b = FloatVector.broadcast(F, quads[qi + 5]);
      c50 = b.fma(r0, c50);
      c51 = b.fma(r1, c51);
      c52 = b.fma(r2, c52);
      b = FloatVector.broadcast(F, quads[qi + 6]);
      c60 = b.fma(r0, c60);
      c61 = b.fma(r1, c61);
      c62 = b.fma(r2, c62);
      b = FloatVector.broadcast(F, quads[qi + 7]);
      c70 = b.fma(r0, c70);
      c71 = b.fma(r1, c71);
      c72 = b.fma(r2, c72);
    }
    c00.intoArray(out, o);
    c01.intoArray(out, o + L);
    c02.intoArray(out, o + 2 * L);
    c10.intoArray(out, o + stride);
    c11.intoArray(out, o + stride + L);
    c12.intoArray(out, o + stride + 2 * L);
    c20.intoArray(out, o + 2 * stride);
    c21.intoArray(out, o + 2 * stride + L);
    c22.intoArray(out, o + 2 * stride + 2 * L);
    c30.intoArray(out, o + 3 * stride);
    c31.intoArray(out, o + 3 * stride + L);
    c32.intoArray(out, o + 3 * stride + 2 * L);
    c40.intoArray(out, o + 4 * stride);
    c41.intoArray(out, o + 4 * stride + L);
    c42.intoArray(out, o + 4 * stride + 2 * L);
    c50.intoArray(out, o + 5 * stride);
    c51.intoArray(out, o + 5 * stride + L);
    c52.intoArray(out, o + 5 * stride + 2 * L);
    c60.intoArray(out, o + 6 * stride);
    c61.intoArray(out, o + 6 * stride + L);
    c62.intoArray(out, o + 6 * stride + 2 * L);
    c70.intoArray(out, o + 7 * stride);
    c71.intoArray(out, o + 7 * stride + L);
    c72.intoArray(out, o + 7 * stride + 2 * L);
  }

  /** The flag is loop-invariant at every call site, so the JIT hoists the choice out of the loop. */
  private static FloatVector half(boolean bfloat16, short[] b, int offset) {
    return bfloat16 ? bf16(b, offset) : f16(b, offset);
  }

  private static float half(boolean bfloat16, short h) {
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
