package io.github.embeddings4j.internal.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.embeddings4j.internal.util.Half;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Vector API kernels against the scalar reference, at sizes that leave every kind of tail. */
class PanamaKernelsTest {
  private static final int OFFSET = 3;
  private final VectorKernels scalar = ScalarKernels.INSTANCE;
  private final VectorKernels panama = new PanamaKernels();
  private final ScanKernels scalarScan = ScalarScanKernels.INSTANCE;
  private final ScanKernels panamaScan = new PanamaScanKernels();
  private final PanelKernels panel = new PanamaPanelKernels();

  private static float[] gaussian(Random rnd, int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) rnd.nextGaussian();
    }
    return x;
  }

  private static short[] bf16(float[] x) {
    short[] h = new short[x.length];
    for (int i = 0; i < x.length; i++) {
      h[i] = Half.floatToBf16(x[i]);
    }
    return h;
  }

  /** Random finite float16 patterns, subnormals and the largest values included. */
  private static short[] f16(Random rnd, int n) {
    short[] h = new short[n];
    for (int i = 0; i < n; i++) {
      int bits;
      do {
        bits = rnd.nextInt(1 << 16);
      } while ((bits & 0x7C00) == 0x7C00);
      h[i] = (short) bits;
    }
    return h;
  }

  /** A bound on the rounding error of a float sum of {@code n} terms whose magnitudes add up to {@code abs}. */
  private static float tolerance(int n, double abs) {
    return (float) (2 * n * Math.ulp(1f) * abs) + Float.MIN_NORMAL;
  }

  private static double absDot(float[] a, int aOff, float[] b, int bOff, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += Math.abs((double) a[aOff + i] * b[bOff + i]);
    }
    return s;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 13, 100, 300, 768, 1021, 1536})
  void dotAndDistanceMatchScalar(int n) {
    Random rnd = new Random(n);
    float[] a = gaussian(rnd, n + OFFSET);
    float[] b = gaussian(rnd, n + 2 * OFFSET);
    for (int off : new int[] {0, OFFSET}) {
      float tol = tolerance(n, absDot(a, off, b, 2 * off, n));
      assertEquals(scalar.dot(a, off, b, 2 * off, n), panama.dot(a, off, b, 2 * off, n), tol, "dot " + n);
      float d = scalar.squareDistance(a, off, b, 2 * off, n);
      assertEquals(d, panama.squareDistance(a, off, b, 2 * off, n), tolerance(n, d), "squareDistance " + n);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 13, 100, 300, 768, 1021, 1536})
  void halfDotsMatchScalar(int n) {
    Random rnd = new Random(n);
    float[] q = gaussian(rnd, n + OFFSET);
    float[] bf = gaussian(rnd, n + OFFSET);
    short[] bBits = bf16(bf);
    short[] fBits = f16(rnd, n + OFFSET);
    float[] bDecoded = new float[n + OFFSET];
    float[] fDecoded = new float[n + OFFSET];
    scalar.decodeHalf(true, bBits, 0, bDecoded, 0, n + OFFSET);
    scalar.decodeHalf(false, fBits, 0, fDecoded, 0, n + OFFSET);
    for (int off : new int[] {0, OFFSET}) {
      int bOff = OFFSET - off;
      assertEquals(scalar.dotHalf(true, q, off, bBits, bOff, n), panama.dotHalf(true, q, off, bBits, bOff, n),
          tolerance(n, absDot(q, off, bDecoded, bOff, n)), "dotBf16 " + n);
      assertEquals(scalar.dotHalf(false, q, off, fBits, bOff, n), panama.dotHalf(false, q, off, fBits, bOff, n),
          tolerance(n, absDot(q, off, fDecoded, bOff, n)), "dotF16 " + n);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 13, 100, 300, 768, 1021, 1536})
  void halfRowDotsMatchScalar(int n) {
    Random rnd = new Random(n);
    float[] q = gaussian(rnd, n + OFFSET);
    for (int rowCount : new int[] {1, 4, 6, 9, 40, 43}) {
      short[] bBits = bf16(gaussian(rnd, rowCount * n + OFFSET));
      short[] fBits = f16(rnd, rowCount * n + OFFSET);
      for (boolean bfloat16 : new boolean[] {true, false}) {
        short[] bits = bfloat16 ? bBits : fBits;
        float[] decoded = new float[bits.length];
        scalar.decodeHalf(bfloat16, bits, 0, decoded, 0, bits.length);
        float[] expected = new float[rowCount + 1];
        float[] actual = new float[rowCount + 1];
        float[] qd = new float[n + OFFSET];
        ScanKernels.deinterleave(q, OFFSET, qd, OFFSET, n);
        scalarScan.dotHalfRows(bfloat16, qd, OFFSET, bits, OFFSET, rowCount, n, expected, 1);
        panamaScan.dotHalfRows(bfloat16, qd, OFFSET, bits, OFFSET, rowCount, n, actual, 1);
        for (int j = 0; j < rowCount; j++) {
          float tol = tolerance(n, absDot(q, OFFSET, decoded, OFFSET + j * n, n));
          assertEquals(expected[1 + j], actual[1 + j], tol, "dotHalfRows bf16=" + bfloat16 + " " + rowCount + "x" + n);
          assertEquals(scalar.dotHalf(bfloat16, q, OFFSET, bits, OFFSET + j * n, n), actual[1 + j], tol,
              "dotHalfRows vs dotHalf bf16=" + bfloat16 + " " + rowCount + "x" + n);
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 13, 100, 300, 768, 1021, 1536})
  void packedDotsMatchScalarExactly(int n) {
    Random rnd = new Random(n);
    for (int[] shape : new int[][] {{1, 1}, {5, 7}, {32, 6}, {33, 13}, {70, 20}}) {
      int queries = shape[0];
      int rowCount = shape[1];
      float[] q = gaussian(rnd, queries * n + OFFSET);
      float[] rows = gaussian(rnd, rowCount * n + OFFSET);
      float[] packed = ScanKernels.pack(q, OFFSET, queries, n);
      int padded = (queries + ScanKernels.PANEL - 1) / ScanKernels.PANEL * ScanKernels.PANEL;
      assertEquals(padded * n, packed.length);
      float[] expected = new float[padded * rowCount + 1];
      float[] actual = new float[padded * rowCount + 1];
      scalarScan.dotPacked(packed, 0, padded, rows, OFFSET, rowCount, n, expected, 1);
      panamaScan.dotPacked(packed, 0, padded, rows, OFFSET, rowCount, n, actual, 1);
      assertArrayEquals(expected, actual, "dotPacked " + queries + "x" + rowCount + "x" + n);
      for (int j = 0; j < rowCount; j++) {
        for (int i = 0; i < padded; i++) {
          float want = i < queries ? scalar.dot(q, OFFSET + i * n, rows, OFFSET + j * n, n) : 0f;
          float tol = i < queries ? tolerance(n, absDot(q, OFFSET + i * n, rows, OFFSET + j * n, n)) : 0f;
          assertEquals(want, actual[1 + j * padded + i], tol, "dotPacked vs dot " + i + "," + j + "x" + n);
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 13, 100, 300, 768, 1021, 1536})
  void rowPanelDotsMatchScalarExactly(int n) {
    Random rnd = new Random(n);
    int rp = panel.rowPanel();
    for (int[] shape : new int[][] {{1, 1}, {5, 7}, {8, 48}, {33, 13}, {70, 100}}) {
      int queries = shape[0];
      int rowCount = shape[1];
      float[] q = gaussian(rnd, queries * n + OFFSET);
      float[] rows = gaussian(rnd, rowCount * n + OFFSET);
      float[] quads = PanelKernels.packQuads(q, OFFSET, queries, n);
      int padded = (queries + PanelKernels.QUAD - 1) / PanelKernels.QUAD * PanelKernels.QUAD;
      assertEquals(padded * n, quads.length);
      int stride = (rowCount + rp - 1) / rp * rp;
      // Every placement the search may choose (PanelPlacement) gives the same scores.
      int po = queries % (PanelPlacement.SLACK + 1);
      float[] panels = new float[stride * n + PanelPlacement.SLACK];
      java.util.Arrays.fill(panels, Float.NaN);
      float[] actual = new float[padded * stride + 1];
      panel.transposeRows(rows, OFFSET, rowCount, n, panels, po);
      panel.dotRowPanels(quads, 0, padded, panels, po, rowCount, n, actual, 1, stride);
      assertRowPanelScores(q, rows, queries, padded, rowCount, n, stride, actual, "tile at " + po);
      // The panels are reused: a second tile (the rows in reverse order) overwrites every value, at another offset.
      float[] reversed = new float[rows.length];
      for (int j = 0; j < rowCount; j++) {
        System.arraycopy(rows, OFFSET + j * n, reversed, OFFSET + (rowCount - 1 - j) * n, n);
      }
      po = PanelPlacement.SLACK - po;
      panel.transposeRows(reversed, OFFSET, rowCount, n, panels, po);
      java.util.Arrays.fill(actual, Float.NaN);
      panel.dotRowPanels(quads, 0, padded, panels, po, rowCount, n, actual, 1, stride);
      assertRowPanelScores(q, reversed, queries, padded, rowCount, n, stride, actual, "second tile");
    }
  }

  private static void assertRowPanelScores(float[] q, float[] rows, int queries, int padded, int rowCount, int n,
      int stride, float[] actual, String what) {
    for (int i = 0; i < padded; i++) {
      for (int j = 0; j < stride; j++) {
        // Every score is the sequential fused multiply-add chain over the dimensions.
        float want = 0f;
        if (i < queries && j < rowCount) {
          for (int d = 0; d < n; d++) {
            want = Math.fma(q[OFFSET + i * n + d], rows[OFFSET + j * n + d], want);
          }
        }
        assertEquals(want, actual[1 + i * stride + j], 0f, "dotRowPanels " + what + " " + i + "," + j + "x" + n);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 13, 100, 300, 768, 1021, 1536})
  void decodeIsExact(int n) {
    Random rnd = new Random(n);
    short[] bBits = bf16(gaussian(rnd, n + OFFSET));
    short[] fBits = f16(rnd, n + OFFSET);
    for (int off : new int[] {0, OFFSET}) {
      float[] expected = new float[n + 1];
      float[] actual = new float[n + 1];
      scalar.decodeHalf(true, bBits, off, expected, 1, n);
      panama.decodeHalf(true, bBits, off, actual, 1, n);
      assertArrayEquals(expected, actual, "decodeBf16 " + n);
      scalar.decodeHalf(false, fBits, off, expected, 1, n);
      panama.decodeHalf(false, fBits, off, actual, 1, n);
      assertArrayEquals(expected, actual, "decodeF16 " + n);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 13, 100, 300, 768, 1021, 1536})
  void axpyAndScaleMatchScalar(int n) {
    Random rnd = new Random(n);
    float[] x = gaussian(rnd, n + OFFSET);
    float[] y = gaussian(rnd, n + OFFSET);
    float[] yScalar = y.clone();
    float[] yPanama = y.clone();
    scalar.axpy(0.37f, x, OFFSET, yScalar, 0, n);
    panama.axpy(0.37f, x, OFFSET, yPanama, 0, n);
    for (int i = 0; i < n + OFFSET; i++) {
      // Panama fuses the multiply-add, the scalar loop rounds the product first: one rounding of the product
      // apart, which cancellation can make large next to the result but not next to the operands.
      float product = i < n ? 0.37f * x[OFFSET + i] : 0f;
      assertEquals(yScalar[i], yPanama[i], Math.ulp(product) + Math.ulp(yScalar[i]) + Float.MIN_NORMAL,
          "axpy " + n + " at " + i);
    }
    float[] zScalar = y.clone();
    float[] zPanama = y.clone();
    scalar.scale(-1.37f, zScalar, OFFSET, n);
    panama.scale(-1.37f, zPanama, OFFSET, n);
    // One correctly rounded multiply each: bit for bit equal.
    assertArrayEquals(zScalar, zPanama, "scale " + n);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 13, 100, 300, 768, 1021, 1536})
  void dotMatrixMatchesScalar(int n) {
    Random rnd = new Random(n);
    // One query against 9 or 43 rows: rows taken from quarters of the range, plus the remainder.
    int[][] shapes = {{1, 1}, {1, 4}, {1, 9}, {1, 43}, {3, 5}, {4, 4}, {5, 6}, {8, 13}};
    for (int[] shape : shapes) {
      int aRows = shape[0];
      int bRows = shape[1];
      float[] a = gaussian(rnd, aRows * n + OFFSET);
      float[] b = gaussian(rnd, bRows * n + 2 * OFFSET);
      float[] expected = new float[aRows * bRows + 1];
      float[] actual = new float[aRows * bRows + 1];
      scalarScan.dotMatrix(a, OFFSET, aRows, b, 2 * OFFSET, bRows, n, expected, 1);
      panamaScan.dotMatrix(a, OFFSET, aRows, b, 2 * OFFSET, bRows, n, actual, 1);
      for (int i = 0; i < aRows; i++) {
        for (int j = 0; j < bRows; j++) {
          int o = 1 + i * bRows + j;
          float tol = tolerance(n, absDot(a, OFFSET + i * n, b, 2 * OFFSET + j * n, n));
          assertEquals(expected[o], actual[o], tol, "dotMatrix " + aRows + "x" + bRows + "x" + n);
          // The blocking must not change a pair's summation order.
          float[] single = new float[1];
          panamaScan.dotMatrix(a, OFFSET + i * n, 1, b, 2 * OFFSET + j * n, 1, n, single, 0);
          assertEquals(single[0], actual[o],
              "pair " + i + "," + j + " of " + aRows + "x" + bRows + "x" + n);
        }
      }
    }
  }

  @Test
  void vectorF16DecodeIsExactForEveryFinitePattern() {
    short[] all = new short[1 << 16];
    for (int i = 0; i < all.length; i++) {
      all[i] = (short) i;
    }
    float[] expected = new float[all.length];
    float[] actual = new float[all.length];
    for (int i = 0; i < all.length; i++) {
      expected[i] = Half.f16ToFloat(all[i]);
    }
    panama.decodeHalf(false, all, 0, actual, 0, all.length);
    for (int i = 0; i < all.length; i++) {
      if ((i & 0x7C00) != 0x7C00) {
        assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]),
            "f16 pattern 0x" + Integer.toHexString(i));
      }
    }
    panama.decodeHalf(true, all, 0, actual, 0, all.length);
    for (int i = 0; i < all.length; i++) {
      assertEquals((i << 16), Float.floatToRawIntBits(actual[i]), "bf16 pattern 0x" + Integer.toHexString(i));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 13, 16, 31, 32, 33, 100, 1021, 1536})
  void allFiniteFindsEveryNonFiniteFloatAtEveryPosition(int n) {
    Random rnd = new Random(n);
    float[] x = gaussian(rnd, n + 2 * OFFSET);
    x[0] = Float.NaN; // outside the range checked below
    x[n + 2 * OFFSET - 1] = Float.POSITIVE_INFINITY;
    x[OFFSET + n / 2] = Float.MAX_VALUE;
    x[OFFSET] = -Float.MIN_VALUE;
    for (VectorKernels k : new VectorKernels[] {scalar, panama}) {
      assertEquals(true, k.allFinite(x, OFFSET, n), k + " " + n);
      assertEquals(true, k.allFinite(x, OFFSET, 0), k + " empty");
      for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
          Float.intBitsToFloat(0x7FC00001), Float.intBitsToFloat(0xFF800001)}) {
        for (int p = 0; p < n; p++) {
          float keep = x[OFFSET + p];
          x[OFFSET + p] = bad;
          assertEquals(false, k.allFinite(x, OFFSET, n), k + " " + bad + " at " + p + " of " + n);
          x[OFFSET + p] = keep;
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void allFiniteHalfAgreesWithTheDefinitionForEveryPatternAtEveryKindOfPosition(boolean bfloat16) {
    int exp = bfloat16 ? 0x7F80 : 0x7C00;
    int n = 67; // two 32-lane vectors and a tail of 3
    short[] h = new short[n + 2 * OFFSET];
    java.util.Arrays.fill(h, (short) 0x3C00);
    h[0] = (short) exp; // outside the range checked
    h[n + 2 * OFFSET - 1] = (short) exp;
    for (int bits = 0; bits < 1 << 16; bits++) {
      boolean finite = (bits & exp) != exp;
      int p = bits % n; // every position, in the vector body and in the tail
      h[OFFSET + p] = (short) bits;
      assertEquals(finite, scalar.allFiniteHalf(bfloat16, h, OFFSET, n), "scalar " + Integer.toHexString(bits));
      assertEquals(finite, panama.allFiniteHalf(bfloat16, h, OFFSET, n), "panama " + Integer.toHexString(bits));
      h[OFFSET + p] = (short) 0x3C00;
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 13, 16, 48, 100, 300, 1021})
  void divideByNormsIsTheScalarQuotientExactly(int n) {
    Random rnd = new Random(n);
    float[] norms = gaussian(rnd, n + 2 * OFFSET);
    for (int j = 0; j < norms.length; j++) {
      norms[j] = Math.abs(norms[j]) + 1e-3f;
    }
    float[] scores = gaussian(rnd, n + 2 * OFFSET);
    float[] a = scores.clone();
    float[] b = scores.clone();
    scalarScan.divideByNorms(a, OFFSET, n, 0.37f, norms, 2 * OFFSET);
    panamaScan.divideByNorms(b, OFFSET, n, 0.37f, norms, 2 * OFFSET);
    for (int j = 0; j < scores.length; j++) {
      float want = j >= OFFSET && j < OFFSET + n ? scores[j] / (0.37f * norms[j + OFFSET]) : scores[j];
      assertEquals(Float.floatToIntBits(want), Float.floatToIntBits(a[j]), "scalar " + j + " of " + n);
      assertEquals(Float.floatToIntBits(want), Float.floatToIntBits(b[j]), "panama " + j + " of " + n);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 13, 16, 17, 48, 100})
  void firstNotBelowFindsTheFirstScoreAtOrAboveTheFloorOrNaN(int n) {
    float[] a = new float[n + 2 * OFFSET];
    java.util.Arrays.fill(a, -1f);
    a[0] = 5f; // outside the range scanned
    a[n + 2 * OFFSET - 1] = 5f;
    for (ScanKernels k : new ScanKernels[] {scalarScan, panamaScan}) {
      assertEquals(OFFSET + n, k.firstNotBelow(a, OFFSET, OFFSET + n, 0f), k + " none of " + n);
      assertEquals(OFFSET, k.firstNotBelow(a, OFFSET, OFFSET, 0f), k + " empty");
      for (int p = 0; p < n; p++) {
        for (float v : new float[] {0f, 0.5f, Float.NaN, Float.POSITIVE_INFINITY}) {
          a[OFFSET + p] = v;
          assertEquals(OFFSET + p, k.firstNotBelow(a, OFFSET, OFFSET + n, 0f), k + " " + v + " at " + p);
          // Scanning from just after it finds nothing, from before it finds it.
          assertEquals(OFFSET + n, k.firstNotBelow(a, OFFSET + p + 1, OFFSET + n, 0f), k + " after " + p);
          // A floor just above the value skips it (no float is above infinity); a NaN is never below any floor.
          if (!Float.isInfinite(v)) {
            int want = Float.isNaN(v) ? OFFSET + p : OFFSET + n;
            float floor = Float.isNaN(v) ? Float.MAX_VALUE : Math.nextUp(v);
            assertEquals(want, k.firstNotBelow(a, OFFSET, OFFSET + n, floor), k + " floor above " + v + " at " + p);
          }
        }
        a[OFFSET + p] = Math.nextDown(0f);
        assertEquals(OFFSET + n, k.firstNotBelow(a, OFFSET, OFFSET + n, 0f), k + " just below at " + p);
        a[OFFSET + p] = -1f;
      }
    }
  }
}
