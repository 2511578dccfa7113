package io.github.embeddings4j.internal.simd;

import static io.github.embeddings4j.internal.simd.PanamaKernels.F;
import static io.github.embeddings4j.internal.simd.PanamaKernels.I;
import static io.github.embeddings4j.internal.simd.PanamaKernels.L;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;

/**
 * The batch search's transposed-panel kernels ({@link PanelKernels}) on the Vector API: panels of three vectors
 * of rows, transposed in registers, scored by a 8-query by 3-vector micro-kernel. Loaded only through {@link
 * Kernels}, like {@link PanamaKernels}.
 */
final class PanamaPanelKernels implements PanelKernels {
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


  @Override
  public String toString() {
    return "Panama panel kernels, " + rowPanel() + "-row panels";
  }
}
