package io.github.embeddings4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class VectorTableTest {
  @Test
  void rowsAreCopiedInAndOut() {
    float[][] rows = {{1, 2, 3}, {4, 5, 6}};
    VectorTable t = VectorTable.of(rows);
    rows[0][0] = 99;
    float[] r = t.row(0);
    assertArrayEquals(new float[] {1, 2, 3}, r);
    r[1] = 42;
    assertArrayEquals(new float[] {1, 2, 3}, t.row(0));
    assertEquals(2, t.rows());
    assertEquals(3, t.dimension());
    assertEquals(DType.F32, t.dtype());
    assertEquals(24, t.sizeInBytes());
    assertEquals((float) Math.sqrt(1 + 4 + 9), t.norm(0), 1e-6f);
  }

  @Test
  void nonFiniteValuesAreRejectedNamingTheRow() {
    VectorTable.Builder b = VectorTable.builder(DType.F32, 3, 2);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> b.set(2, new float[] {0, Float.NaN}));
    assertTrue(e.getMessage().contains("row 2") && e.getMessage().contains("column 1"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> b.set(0, new float[] {Float.POSITIVE_INFINITY, 0}));
    VectorTable.Builder h = VectorTable.builder(DType.BF16, 1, 2);
    assertThrows(IllegalArgumentException.class, () -> h.setBits(0, new short[] {0, (short) 0x7FC0}, 0));
    VectorTable.Builder f = VectorTable.builder(DType.F16, 1, 1);
    assertThrows(IllegalArgumentException.class, () -> f.set(0, new float[] {70000f}));
  }

  @Test
  void shapeErrorsNameBothValues() {
    VectorTable.Builder b = VectorTable.builder(DType.F32, 1, 4);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.set(0, new float[3]));
    assertTrue(e.getMessage().contains("3 != 4"), e.getMessage());
    assertThrows(IndexOutOfBoundsException.class, () -> b.set(1, new float[4]));
    assertThrows(IllegalArgumentException.class, () -> VectorTable.builder(DType.F32, -1, 4));
    assertThrows(IllegalArgumentException.class, () -> VectorTable.builder(DType.F32, 1, 0));
    VectorTable t = b.build();
    assertThrows(IllegalStateException.class, b::build);
    assertThrows(IllegalArgumentException.class, () -> t.dot(new float[5], 0));
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void chunkedStorageKeepsEveryRow(DType dtype) {
    // 7 values per chunk and dimension 3: two rows per chunk, so 11 rows span 6 chunks; the same arithmetic
    // lets a real table pass 2^31 values.
    int rows = 11;
    int dim = 3;
    Random random = new Random(7);
    float[][] data = new float[rows][dim];
    VectorTable.Builder chunked = VectorTable.builder(dtype, rows, dim, 7);
    VectorTable.Builder flat = VectorTable.builder(dtype, rows, dim);
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < dim; c++) {
        data[r][c] = (float) random.nextGaussian();
      }
      chunked.set(r, data[r]);
      flat.set(r, data[r]);
    }
    VectorTable a = chunked.build();
    VectorTable b = flat.build();
    assertEquals(2, a.rowsPerChunk());
    assertEquals(6, dtype == DType.F32 ? a.floatChunks().length : a.halfChunks().length);
    float[] q = {0.5f, -1f, 2f};
    for (int r = 0; r < rows; r++) {
      assertArrayEquals(b.row(r), a.row(r));
      assertEquals(b.norm(r), a.norm(r));
      assertEquals(b.dot(q, r), a.dot(q, r), 1e-5f);
      float tolerance = dtype == DType.F32 ? 0 : dtype == DType.BF16 ? 1e-2f : 2e-3f;
      for (int c = 0; c < dim; c++) {
        assertEquals(data[r][c], a.row(r)[c], tolerance * Math.max(1, Math.abs(data[r][c])));
      }
    }
    VectorTable p = a.prefix(5);
    assertEquals(5, p.rows());
    assertArrayEquals(a.row(4), p.row(4));
  }

  @Test
  void halfPrecisionHalvesTheBytesAndDecodesExactlyRepresentableValues() {
    VectorTable t = VectorTable.builder(DType.BF16, 1, 4).set(0, new float[] {1f, -2f, 0.5f, 0f}).build();
    assertEquals(8, t.sizeInBytes());
    assertArrayEquals(new float[] {1f, -2f, 0.5f, 0f}, t.row(0));
    VectorTable h = VectorTable.builder(DType.F16, 1, 2).set(0, new float[] {65504f, -0.000061035156f}).build();
    assertArrayEquals(new float[] {65504f, -0.000061035156f}, h.row(0));
  }

  @Test
  void emptyTableIsAllowedAndOfRejectsNoRows() {
    VectorTable t = VectorTable.builder(DType.F32, 0, 8).build();
    assertEquals(0, t.rows());
    assertThrows(IllegalArgumentException.class, () -> VectorTable.of(new float[0][]));
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void normsOfALargeTableComputedInParallelEqualTheRowByRowNorms(DType dtype) {
    int rows = 4_099;
    int dim = 1_031;   // 4.2 M values: past the size from which norms are computed on all cores
    Random random = new Random(17);
    VectorTable.Builder b = VectorTable.builder(dtype, rows, dim);
    float[] row = new float[dim];
    for (int r = 0; r < rows; r++) {
      for (int i = 0; i < dim; i++) {
        row[i] = (float) random.nextGaussian();
      }
      b.set(r, row);
    }
    VectorTable t = b.build();
    VectorTable small = VectorTable.builder(dtype, 1, dim).set(0, t.row(0)).build();
    assertEquals(small.norm(0), t.norm(0), 0f);
    for (int r = 0; r < rows; r += 97) {
      float[] v = t.row(r);
      double sq = 0;
      for (float x : v) {
        sq += (double) x * x;
      }
      assertEquals(Math.sqrt(sq), t.norm(r), 1e-4 * Math.sqrt(sq), "row " + r);
      VectorTable one = VectorTable.builder(dtype, 1, dim).set(0, v).build();
      assertEquals(one.norm(0), t.norm(r), 0f, "row " + r + " as a one-row table");
    }
    assertEquals(t.norm(rows - 1), VectorTable.builder(dtype, 1, dim).set(0, t.row(rows - 1)).build().norm(0), 0f);
  }
}
