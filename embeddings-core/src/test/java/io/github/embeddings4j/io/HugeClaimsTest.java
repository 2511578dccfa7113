package io.github.embeddings4j.io;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.embeddings4j.EmbeddingFormatException;
import io.github.embeddings4j.testutil.Allocations;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every reader with a header or a count, fed a tiny file whose header claims an enormous table (2·10^9 rows,
 * 10^6 dimensions, 2^62-byte sections), fails with an {@link EmbeddingFormatException} naming the claim, and the
 * reading thread allocates little meanwhile: the claim is checked against the file's size before anything is
 * allocated for it.
 */
class HugeClaimsTest {
  /**
   * The most a rejected file may cost the reading thread. A parse that allocated for the claim would need
   * gigabytes; these rejections measured 70 KB each (a read buffer, the exception) and up to 500 KB for the
   * first of a kind, which also loads classes.
   */
  static final long MAX_BYTES = 1 << 20;

  /**
   * A stream's size is unknown, so a binary reader allocates one row's buffers (raw bytes, floats, the first
   * block of the table) before it finds the stream short: at most 3 × 4 MB at the dimension cap of 2^20.
   */
  static final long MAX_STREAM_BYTES = 3 * 4 * (1 << 20) + MAX_BYTES;

  private static final List<String> MEASURED = new ArrayList<>();

  @TempDir
  Path dir;

  @BeforeAll
  static void warmUp() throws IOException {
    // Loads the readers' classes so that their first use is not counted against the first case.
    Word2VecTextFormat.read(new ByteArrayInputStream("1 2\na 1 2\n".getBytes(StandardCharsets.UTF_8)));
    Word2VecBinaryFormat.read(new ByteArrayInputStream(Fixtures.utf8("1 1\na \0\0\0\0\n")));
    assertThrows(EmbeddingFormatException.class, () -> NativeFormat.read(new ByteArrayInputStream(new byte[40])));
  }

  @AfterAll
  static void report() {
    System.out.println("HugeClaimsTest: bytes allocated per rejected file: " + MEASURED);
  }

  @Test
  void word2vecTextHeaders() throws IOException {
    Fixtures.Reader text = new Fixtures.Reader(Word2VecTextFormat::read, Word2VecTextFormat::read);
    Fixtures.Reader fastText = new Fixtures.Reader(FastTextVecFormat::read, FastTextVecFormat::read);
    for (Fixtures.Reader r : List.of(text, fastText)) {
      rejected(r, "2000000000 1000000\nx 1\n", "header claims 2000000000 words");
      rejected(r, "2147483647 1\nx 1\n", "header claims 2147483647 words");
      rejected(r, "4611686018427387904 300\nx 1\n", "4611686018427387904 words");
      rejected(r, "99999999999999999999999 300\nx 1\n", "expected a header", "99999999999999999999999");
      rejected(r, "1 4611686018427387904\nx 1\n", "dimension 4611686018427387904");
      rejected(r, "1 2000000\nx 1\n", "dimension 2000000");
    }
  }

  @Test
  void word2vecBinaryHeaders() throws IOException {
    Fixtures.Reader r = new Fixtures.Reader(Word2VecBinaryFormat::read, Word2VecBinaryFormat::read);
    rejected(r, "2000000000 1000000\nab  1234", "header claims 2000000000 words of dimension 1000000");
    rejected(r, "1 1048576\nab  1234", "header claims 1 words of dimension 1048576");
    rejected(r, "4611686018427387904 300\nab", "4611686018427387904 words");
    rejected(r, "3 4611686018427387904\nab", "dimension 4611686018427387904");
  }

  @Test
  void nativeHeaders() throws IOException {
    Fixtures.Reader r = new Fixtures.Reader(NativeFormat::read, NativeFormat::read);
    // 2·10^9 rows × 10^6 dims, with a tokens section just big enough to pass its own check.
    rejected(r, nativeHeader(2_000_000_000, 1_000_000, 8_000_000_000L), "2000000000 rows", "implies");
    rejected(r, nativeHeader(Integer.MAX_VALUE, 1 << 20, 4L * Integer.MAX_VALUE), "implies");
    rejected(r, nativeHeader(1, 1 << 20, 4), "1 rows × 1048576", "implies");
    rejected(r, nativeHeader(3, 4, 1L << 62), "tokens section of 4611686018427387904 bytes");
    rejected(r, nativeHeader(3, 4, -1), "tokens section of -1 bytes");
    rejected(r, nativeHeader(-5, 4, 0), "negative row count -5");
    rejected(r, nativeHeader(3, 1_000_000_000, 12), "dimension 1000000000");
  }

  /** A native header (F32, no counts) followed by 8 bytes. */
  private static byte[] nativeHeader(int rows, int dim, long tokenBytes) {
    ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
    h.put(new byte[] {(byte) 0x89, 'E', '4', 'J', 'V', '\r', '\n', 0x1A}).putInt(1).putInt(0).putInt(0)
        .putInt(rows).putInt(dim).putLong(tokenBytes).putInt(1).putInt(0x41);
    return h.array();
  }

  private void rejected(Fixtures.Reader reader, String content, String... fragments) throws IOException {
    rejected(reader, Fixtures.utf8(content), fragments);
  }

  private void rejected(Fixtures.Reader reader, byte[] content, String... fragments) throws IOException {
    Path file = Files.write(dir.resolve("claim-" + MEASURED.size()), content);
    EmbeddingFormatException[] thrown = new EmbeddingFormatException[1];
    long fileBytes = Allocations.during(
        () -> thrown[0] = assertThrows(EmbeddingFormatException.class, () -> reader.fromFile().read(file)));
    long streamBytes = Allocations.during(() -> assertThrows(EmbeddingFormatException.class,
        () -> reader.fromStream().read(new ByteArrayInputStream(content))));
    String message = thrown[0].getMessage();
    assertTrue(message.startsWith(file.toString()), message);
    for (String f : fragments) {
      assertTrue(message.contains(f), "expected \"" + f + "\" in: " + message);
    }
    MEASURED.add(fileBytes + "/" + streamBytes);
    assertTrue(fileBytes < MAX_BYTES, () -> fileBytes + " bytes allocated to reject " + message);
    assertTrue(streamBytes < MAX_STREAM_BYTES, () -> streamBytes + " bytes allocated to reject a stream: " + message);
  }
}
