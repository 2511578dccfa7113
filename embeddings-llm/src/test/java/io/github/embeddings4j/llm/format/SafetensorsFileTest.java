package io.github.embeddings4j.llm.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.embeddings4j.DType;
import io.github.embeddings4j.EmbeddingFormatException;
import io.github.embeddings4j.VectorTable;
import io.github.embeddings4j.internal.util.Half;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafetensorsFileTest {
  @TempDir
  Path dir;

  private static final int[][] SHAPES = {{1, 1}, {1, 7}, {13, 3}, {7, 13}, {100, 768}, {3, 1021}};

  @ParameterizedTest
  @ValueSource(strings = {"F32", "F16", "BF16"})
  void readsHandWrittenTablesOfEveryDtypeAtAwkwardShapes(String dtype) throws IOException {
    Map<String, Fixtures.Raw> tensors = new LinkedHashMap<>();
    for (int[] s : SHAPES) {
      tensors.put("t" + s[0] + "x" + s[1], Fixtures.raw(dtype, Fixtures.values(s[0], s[1], s[0] * 31L + s[1])));
    }
    Path f = dir.resolve("m.safetensors");
    Fixtures.write(f, tensors);
    try (SafetensorsFile st = SafetensorsFile.open(f)) {
      assertEquals(SHAPES.length, st.tensors().size());
      assertEquals("pt", st.metadata().get("format"));
      for (int[] s : SHAPES) {
        VectorTable t = st.readTable("t" + s[0] + "x" + s[1]);
        assertEquals(DType.valueOf(dtype), t.dtype(), "half precision stays half precision");
        assertEquals(s[0], t.rows());
        assertEquals(s[1], t.dimension());
        float[][] want = Fixtures.values(s[0], s[1], s[0] * 31L + s[1]);
        for (int r = 0; r < s[0]; r++) {
          float[] row = t.row(r);
          for (int i = 0; i < s[1]; i++) {
            assertEquals(Fixtures.rounded(want[r][i], dtype), row[i], 0f, "row " + r + " col " + i);
          }
        }
      }
    }
  }

  @Test
  void threeDimensionalAndOneDimensionalTensorsAreReadAsRowsOfTheLastDimension() throws IOException {
    float[][] v = Fixtures.values(6, 5, 3);
    Path f = dir.resolve("m.safetensors");
    Fixtures.write(f, Fixtures.map(
        "cube", new Fixtures.Raw("F32", new long[] {2, 3, 5}, Fixtures.encode(v, "F32")),
        "vec", new Fixtures.Raw("BF16", new long[] {5}, Fixtures.encode(new float[][] {v[0]}, "BF16")),
        "scalar", new Fixtures.Raw("F32", new long[] {}, Fixtures.encode(new float[][] {{1f}}, "F32"))));
    try (SafetensorsFile st = SafetensorsFile.open(f)) {
      VectorTable cube = st.readTable("cube");
      assertEquals(6, cube.rows());
      assertEquals(5, cube.dimension());
      assertArrayEquals(v[4], cube.row(4));
      VectorTable vec = st.readTable("vec");
      assertEquals(1, vec.rows());
      assertEquals(List.of(5L), st.tensor("vec").orElseThrow().shape());
      EmbeddingFormatException e = assertThrows(EmbeddingFormatException.class, () -> st.readTable("scalar"));
      assertTrue(e.getMessage().contains("tensor scalar") && e.getMessage().contains("scalar"), e.getMessage());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"F32", "F16", "BF16"})
  void writerRoundTripsBitForBitAndReaderConverts(String dtype) throws IOException {
    DType d = DType.valueOf(dtype);
    float[][] v = Fixtures.values(37, 11, 9);
    VectorTable.Builder b = VectorTable.builder(d, v.length, v[0].length);
    for (int r = 0; r < v.length; r++) {
      b.set(r, v[r]);
    }
    VectorTable t = b.build();
    Path f = dir.resolve("w.safetensors");
    SafetensorsFile.write(f, Map.of("emb", t), Map.of("k", "v"));
    assertEquals(0, (Files.size(f) - 8 - t.sizeInBytes()) % 8, "header padded to 8 bytes");
    try (SafetensorsFile st = SafetensorsFile.open(f)) {
      assertEquals(Map.of("k", "v"), st.metadata());
      assertEquals(dtype, st.tensor("emb").orElseThrow().dtype());
      VectorTable back = st.readTable("emb");
      for (int r = 0; r < v.length; r++) {
        assertArrayEquals(t.row(r), back.row(r), 0f);
      }
      // To float32 exactly, and to bfloat16 with the same rounding as the table builder.
      VectorTable f32 = st.readTable("emb", 0, v.length, DType.F32);
      VectorTable bf16 = st.readTable("emb", 3, 5, DType.BF16);
      for (int r = 0; r < 5; r++) {
        assertArrayEquals(t.row(r + 3), f32.row(r + 3), 0f);
        float[] want = t.row(r + 3);
        for (int i = 0; i < want.length; i++) {
          want[i] = Half.bf16ToFloat(Half.floatToBf16(want[i]));
        }
        assertArrayEquals(want, bf16.row(r), 0f);
      }
    }
  }

  @Test
  void readsThroughManySmallMappingWindows() throws IOException {
    float[][] v = Fixtures.values(101, 7, 5);
    Path f = dir.resolve("m.safetensors");
    Fixtures.write(f, Fixtures.map("a", Fixtures.raw("BF16", v), "b", Fixtures.raw("F32", v)));
    int old = SafetensorsFile.windowBytes;
    SafetensorsFile.windowBytes = 3 * 7 * 4 + 5; // 3 float rows, 5 bf16 rows a window
    try (SafetensorsFile st = SafetensorsFile.open(f)) {
      VectorTable a = st.readTable("a");
      VectorTable b = st.readTable("b");
      VectorTable slice = st.readTable("b", 50, 51, DType.F32);
      for (int r = 0; r < v.length; r++) {
        assertArrayEquals(v[r], b.row(r), 0f);
        assertEquals(Fixtures.rounded(v[r][6], "BF16"), a.row(r)[6], 0f);
      }
      assertArrayEquals(v[100], slice.row(50), 0f);
    } finally {
      SafetensorsFile.windowBytes = old;
    }
  }

  @Test
  void gapsBetweenTensorsAreAllowed() throws IOException {
    byte[] data = new byte[24];
    java.nio.ByteBuffer.wrap(data).order(java.nio.ByteOrder.LITTLE_ENDIAN).putFloat(16, 1.5f).putFloat(20, -2f);
    Path f = dir.resolve("gap.safetensors");
    Fixtures.writeRaw(f, "{\"x\":{\"dtype\":\"F32\",\"shape\":[1,2],\"data_offsets\":[16,24]}}", data);
    try (SafetensorsFile st = SafetensorsFile.open(f)) {
      assertArrayEquals(new float[] {1.5f, -2f}, st.readTable("x").row(0), 0f);
    }
  }

  private EmbeddingFormatException hostile(String header, int dataBytes) throws IOException {
    Path f = dir.resolve("bad.safetensors");
    Fixtures.writeRaw(f, header, new byte[dataBytes]);
    return assertThrows(EmbeddingFormatException.class, () -> SafetensorsFile.open(f).close());
  }

  private static void assertNames(EmbeddingFormatException e, String... parts) {
    assertTrue(e.getMessage().contains("bad.safetensors"), e.getMessage());
    for (String p : parts) {
      assertTrue(e.getMessage().contains(p), "'" + p + "' not in: " + e.getMessage());
    }
  }

  @Test
  void hostileHeadersAreRejectedNamingFileAndTensor() throws IOException {
    assertNames(hostile("{\"w\":{\"dtype\":\"Q4_K\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8),
        "tensor w", "unknown dtype \"Q4_K\"");
    assertNames(hostile("{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", 8),
        "tensor w", "out of bounds");
    assertNames(hostile("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,4]}}", 8),
        "tensor w", "out of bounds");
    assertNames(hostile("{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8),
        "tensor w", "needs 12 bytes", "hold 8");
    assertNames(hostile("{\"w\":{\"dtype\":\"BF16\",\"shape\":[4611686018427387904,4],\"data_offsets\":[0,8]}}", 8),
        "tensor w", "2^63");
    assertNames(hostile("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
        + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12), "overlap", "tensor a", "tensor b");
    assertNames(hostile("{\"w\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", 4), "tensor w");
    assertNames(hostile("{\"w\":{\"dtype\":\"F32\",\"shape\":[1]}}", 4), "tensor w", "data_offsets");
    assertNames(hostile("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
        + "\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4), "header", "w");
    assertNames(hostile("[1, 2]", 0), "header");
    assertNames(hostile("{\"w\": ", 0), "not valid JSON");
    assertNames(hostile("{\"__metadata__\":{\"n\":1}}", 0), "__metadata__");
  }

  @Test
  void headerLengthBeyondTheFileIsRejectedBeforeAllocating() throws IOException {
    Path f = dir.resolve("bad.safetensors");
    // Claims an 8 EiB header in a 16-byte file.
    byte[] b = new byte[16];
    java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(0x7FFF_FFFF_FFFF_FFF0L);
    Files.write(f, b);
    assertNames(assertThrows(EmbeddingFormatException.class, () -> SafetensorsFile.open(f)), "byte 0",
        "beyond the file");
    java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(0, -5L);
    Files.write(f, b);
    assertNames(assertThrows(EmbeddingFormatException.class, () -> SafetensorsFile.open(f)), "beyond the file");
    Files.write(f, new byte[5]);
    assertNames(assertThrows(EmbeddingFormatException.class, () -> SafetensorsFile.open(f)), "too short");
    // A sparse 120 MB file whose header claims 110 MB: inside the file, over the format's limit.
    try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
      raf.setLength(120_000_000L);
      raf.seek(0);
      raf.write(new byte[] {(byte) 0x80, 0x7C, (byte) 0x8E, 0x06, 0, 0, 0, 0}); // 110,000,000 LE
    }
    assertNames(assertThrows(EmbeddingFormatException.class, () -> SafetensorsFile.open(f)), "exceeds the limit");
  }

  @Test
  void readingRejectsMissingTensorsOtherDtypesAndNonFiniteValues() throws IOException {
    float[][] bad = {{1f, Float.NaN, 2f}};
    Path f = dir.resolve("bad.safetensors");
    Fixtures.write(f, Fixtures.map(
        "ids", new Fixtures.Raw("I64", new long[] {2}, new byte[16]),
        "nan", Fixtures.raw("F32", bad),
        "inf", new Fixtures.Raw("BF16", new long[] {1, 2}, new byte[] {0, 0, (byte) 0x80, 0x7F})));
    try (SafetensorsFile st = SafetensorsFile.open(f)) {
      assertNames(assertThrows(EmbeddingFormatException.class, () -> st.readTable("missing")), "tensor missing",
          "not in the file", "3 tensors");
      assertNames(assertThrows(EmbeddingFormatException.class, () -> st.readTable("ids")), "tensor ids", "I64");
      assertNames(assertThrows(EmbeddingFormatException.class, () -> st.readTable("nan")), "tensor nan",
          "row 0", "column 1");
      assertNames(assertThrows(EmbeddingFormatException.class, () -> st.readTable("inf")), "tensor inf",
          "column 1");
      assertThrows(IndexOutOfBoundsException.class, () -> st.readTable("nan", 1, 1, DType.F32));
    }
  }

  @Test
  void closeIsIdempotentAndUseAfterCloseFails() throws IOException {
    Path f = dir.resolve("m.safetensors");
    Fixtures.write(f, Fixtures.map("a", Fixtures.raw("F32", Fixtures.values(2, 2, 1))));
    SafetensorsFile st = SafetensorsFile.open(f);
    st.close();
    st.close();
    assertThrows(IllegalStateException.class, () -> st.readTable("a"));
    assertEquals(1, st.tensors().size(), "the header stays readable");
  }
}
