package io.github.embeddings4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.embeddings4j.DType;
import io.github.embeddings4j.EmbeddingFormatException;
import io.github.embeddings4j.WordVectors;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NativeFormatTest {
  private static final Fixtures.Reader READER = new Fixtures.Reader(NativeFormat::read, NativeFormat::read);

  @TempDir
  Path dir;

  @ParameterizedTest
  @CsvSource({"F32, 1, 1, true", "F32, 100, 300, false", "BF16, 7, 13, true", "BF16, 1021, 7, false",
      "F16, 13, 768, true", "F16, 0, 5, false", "F32, 300000, 3, true"})
  void roundTripsBitExactlyInTheTablesPrecision(DType dtype, int rows, int dim, boolean counts) throws IOException {
    WordVectors wv = Fixtures.random(rows, dim, dtype, counts, rows + 7L * dim);
    Path file = dir.resolve("v.e4j");
    NativeFormat.write(wv, file);
    WordVectors back = NativeFormat.read(file);
    assertEquals(dtype, back.vectors().dtype());
    Fixtures.assertSame(wv, back);
    assertEquals(counts, back.vocabulary().hasCounts());
    for (int i = 0; i < rows; i++) {
      assertEquals(wv.vocabulary().count(i), back.vocabulary().count(i));
      if (dtype != DType.F32) {
        assertArrayEquals(wv.vectors().rowBits(i, new short[dim], 0), back.vectors().rowBits(i, new short[dim], 0));
      }
    }
    byte[] bytes = Files.readAllBytes(file);
    Fixtures.assertSame(wv, NativeFormat.read(new ByteArrayInputStream(bytes)));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    NativeFormat.write(wv, out);
    assertArrayEquals(bytes, out.toByteArray());
    Fixtures.assertOnlyFiles(dir, "v.e4j");
  }

  @Test
  void theLayoutIsAsDocumented() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    NativeFormat.write(Fixtures.random(2, 3, DType.BF16, true, 1), out);
    ByteBuffer b = ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
    assertArrayEquals(new byte[] {(byte) 0x89, 'E', '4', 'J', 'V', '\r', '\n', 0x1A}, Arrays.copyOf(b.array(), 8));
    assertEquals(NativeFormat.VERSION_CURRENT, b.getInt(8));
    assertEquals(1, b.getInt(12));
    assertEquals(1, b.getInt(16));
    assertEquals(2, b.getInt(20));
    assertEquals(3, b.getInt(24));
    long tokens = b.getLong(28);
    assertEquals(4 + "naïve".getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 4 + "日本語".getBytes(
        java.nio.charset.StandardCharsets.UTF_8).length, tokens);
    assertEquals(20L, b.getLong(36 + (int) tokens));
    assertEquals(128 + 2 * 3 * 2 + 4, b.capacity()); // 36 + 23 + 16 = 75, padded to 128
  }

  @Test
  void everyTruncationAndEveryFlippedByteIsAFormatError() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    NativeFormat.write(Fixtures.random(3, 4, DType.F32, true, 9), out);
    byte[] good = out.toByteArray();
    for (int n = 0; n < good.length; n++) {
      byte[] cut = Arrays.copyOf(good, n);
      assertThrows(EmbeddingFormatException.class, () -> NativeFormat.read(new ByteArrayInputStream(cut)),
          "prefix of " + n + " bytes");
      Path file = Files.write(dir.resolve("cut"), cut);
      assertThrows(EmbeddingFormatException.class, () -> NativeFormat.read(file), "prefix of " + n + " bytes");
    }
    for (int i = 0; i < good.length; i++) {
      byte[] bad = good.clone();
      bad[i] ^= 0x10;
      assertThrows(EmbeddingFormatException.class, () -> NativeFormat.read(new ByteArrayInputStream(bad)),
          "flipped byte " + i);
    }
  }

  @Test
  void namesTheProblem() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    NativeFormat.write(Fixtures.random(2, 2, DType.F32, false, 3), out);
    byte[] good = out.toByteArray();
    byte[] magic = good.clone();
    magic[1] = 'X';
    Fixtures.assertFormatError(READER, dir, magic, "bad magic", "byte 1");
    byte[] version = good.clone();
    version[8] = 2;
    Fixtures.assertFormatError(READER, dir, version, "unsupported version 2", "byte 8");
    byte[] value = good.clone();
    value[64] ^= 1;
    Fixtures.assertFormatError(READER, dir, value, "checksum mismatch", "byte " + (good.length - 4));
    Fixtures.assertFormatError(READER, dir, new byte[0], "empty file");
  }

  @Test
  void aHugeHeaderInATinyFileFailsBeforeAllocating() throws IOException {
    ByteBuffer h = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
    h.put(new byte[] {(byte) 0x89, 'E', '4', 'J', 'V', '\r', '\n', 0x1A}).putInt(1).putInt(0).putInt(0)
        .putInt(Integer.MAX_VALUE).putInt(1 << 20).putLong(4L * Integer.MAX_VALUE).putInt(1);
    EmbeddingFormatException e = Fixtures.assertFormatError(READER, dir, h.array(), "implies");
    assertTrue(e.getMessage().contains("file has 40 bytes"), e.getMessage());
    // Claimed NaN values in a file with a valid checksum are still refused, with the row named.
    WordVectors wv = Fixtures.random(2, 2, DType.F32, false, 3);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    NativeFormat.write(wv, out);
    byte[] bytes = out.toByteArray();
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    b.putFloat(64 + 12, Float.NaN);
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(bytes, 0, bytes.length - 4);
    b.putInt(bytes.length - 4, (int) crc.getValue());
    e = Fixtures.assertFormatError(READER, dir, bytes, "row 1 has a non-finite value NaN at column 1");
    assertFalse(e.getMessage().contains("checksum"));
  }
}
