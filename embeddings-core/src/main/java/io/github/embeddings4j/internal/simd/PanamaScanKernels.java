package io.github.embeddings4j.internal.simd;

import static io.github.embeddings4j.internal.simd.PanamaKernels.F;
import static io.github.embeddings4j.internal.simd.PanamaKernels.L;
import static io.github.embeddings4j.internal.simd.PanamaKernels.S2;
import static io.github.embeddings4j.internal.simd.PanamaKernels.finish;
import static io.github.embeddings4j.internal.simd.PanamaKernels.half;
import static io.github.embeddings4j.internal.simd.PanamaKernels.sum;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * The search's block kernels ({@link ScanKernels}) on the Vector API, at {@link PanamaKernels}' shape: several
 * rows in flight per pass, half-precision rows decoded in registers, and the vector cosine division and floor scan.
 * Loaded only through {@link Kernels}, like {@link PanamaKernels}.
 */
final class PanamaScanKernels implements ScanKernels {
  PanamaScanKernels() {
    if (PANEL % (2 * L) != 0) {
      throw new UnsupportedOperationException("no useful vector shape: " + F);
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

  @Override
  public void divideByNorms(float[] scores, int offset, int length, float scale, float[] norms, int normsOffset) {
    // vmulps then vdivps: the scalar loop's operations lane by lane, where C2 would divide one score at a time.
    int j = 0;
    for (int bound = F.loopBound(length); j < bound; j += L) {
      FloatVector n = FloatVector.fromArray(F, norms, normsOffset + j).mul(scale);
      FloatVector.fromArray(F, scores, offset + j).div(n).intoArray(scores, offset + j);
    }
    ScalarScanKernels.INSTANCE.divideByNorms(scores, offset + j, length - j, scale, norms, normsOffset + j);
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
    return ScalarScanKernels.INSTANCE.firstNotBelow(a, i, to, floor);
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
    // Not reached by the search: these kernels come with PanelKernels, which the scan plan prefers for every
    // packed batch. The scalar version keeps the contract for any other caller.
    ScalarScanKernels.INSTANCE.dotPacked(packed, packedOffset, paddedQueries, rows, rowsOffset, rowCount, length, out,
        outOffset);
  }


  @Override
  public String toString() {
    return "Panama scan kernels";
  }
}
