package io.github.embeddings4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.embeddings4j.internal.util.Half;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import org.junit.jupiter.api.Test;

class VectorTableBulkTest {
  @Test
  void bulkSetAcrossChunksMatchesRowByRow() {
    int rows = 23;
    int dim = 7;
    float[] values = new float[rows * dim];
    for (int i = 0; i < values.length; i++) {
      values[i] = i * 0.25f - 11;
    }
    // Chunks of 3 rows: the bulk copy must split at every chunk boundary.
    VectorTable.Builder bulk = VectorTable.builder(DType.F32, rows, dim, 3 * dim);
    FloatBuffer buffer = FloatBuffer.wrap(values);
    bulk.set(0, 4, buffer).set(4, rows - 4, buffer);
    assertEquals(0, buffer.remaining());
    VectorTable table = bulk.build();
    for (int r = 0; r < rows; r++) {
      float[] expected = new float[dim];
      System.arraycopy(values, r * dim, expected, 0, dim);
      assertArrayEquals(expected, table.row(r));
    }
  }

  @Test
  void bulkBitsKeepHalfPrecisionAndRowBitsReturnsThem() {
    int rows = 10;
    int dim = 5;
    short[] bits = new short[rows * dim];
    for (int i = 0; i < bits.length; i++) {
      bits[i] = Half.floatToF16(i - 20.5f);
    }
    VectorTable table = VectorTable.builder(DType.F16, rows, dim, 2 * dim).setBits(0, rows, ShortBuffer.wrap(bits))
        .build();
    short[] row = new short[dim + 1];
    table.rowBits(7, row, 1);
    for (int j = 0; j < dim; j++) {
      assertEquals(bits[7 * dim + j], row[1 + j]);
    }
    assertThrows(IllegalStateException.class, () -> VectorTable.of(new float[][] {{1}}).rowBits(0, row, 0));
  }

  @Test
  void bulkSetRejectsNonFiniteNamingRowAndColumn() {
    float[] values = {1, 2, 3, Float.POSITIVE_INFINITY};
    VectorTable.Builder b = VectorTable.builder(DType.F32, 2, 2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> b.set(0, 2, FloatBuffer.wrap(values)));
    assertTrue(e.getMessage().contains("row 1") && e.getMessage().contains("column 1"), e.getMessage());
    short[] nan = {0, (short) 0x7FC0};
    IllegalArgumentException h = assertThrows(IllegalArgumentException.class,
        () -> VectorTable.builder(DType.BF16, 1, 2).setBits(0, 1, ShortBuffer.wrap(nan)));
    assertTrue(h.getMessage().contains("column 1"), h.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> VectorTable.builder(DType.F32, 2, 2).set(0, 2, FloatBuffer.wrap(new float[3])));
  }

  @Test
  void bf16OverflowIsRejected() {
    assertThrows(IllegalArgumentException.class,
        () -> VectorTable.builder(DType.BF16, 1, 1).set(0, new float[] {Float.MAX_VALUE}));
  }
}
