package io.github.embeddings4j.io;

import static io.github.embeddings4j.io.Fixtures.assertFormatError;
import static io.github.embeddings4j.io.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.embeddings4j.DType;
import io.github.embeddings4j.EmbeddingFormatException;
import io.github.embeddings4j.WordVectors;
import io.github.embeddings4j.testutil.SharedData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Word2VecBinaryFormatTest {
  private static final Fixtures.Reader READER = new Fixtures.Reader(Word2VecBinaryFormat::read, Word2VecBinaryFormat::read);

  @TempDir
  Path dir;

  @ParameterizedTest
  @CsvSource({"1, 1", "7, 13", "100, 300", "13, 1021"})
  void roundTripsBitExactly(int rows, int dim) throws IOException {
    WordVectors wv = Fixtures.random(rows, dim, DType.F32, false, rows * 17L + dim);
    Path file = dir.resolve("v.bin");
    Word2VecBinaryFormat.write(wv, file);
    Fixtures.assertSame(wv, Word2VecBinaryFormat.read(file));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Word2VecBinaryFormat.write(wv, out);
    Fixtures.assertSame(wv, Word2VecBinaryFormat.read(new ByteArrayInputStream(out.toByteArray())));
    Fixtures.assertSame(wv.limit(3), Word2VecBinaryFormat.read(file, 3));
  }

  /** Builds a binary file by hand: header, then per word its bytes, a space, the floats and an optional tail. */
  private static byte[] binary(String header, List<String> words, float[][] rows, String tail) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(utf8(header));
    for (int i = 0; i < words.size(); i++) {
      out.writeBytes(utf8(words.get(i) + " "));
      ByteBuffer b = ByteBuffer.allocate(4 * rows[i].length).order(ByteOrder.LITTLE_ENDIAN);
      b.asFloatBuffer().put(rows[i]);
      out.writeBytes(b.array());
      out.writeBytes(utf8(tail));
    }
    return out.toByteArray();
  }

  @Test
  void readsWithAndWithoutNewlineAfterVectors() throws IOException {
    float[][] rows = {{1, 2}, {-3.5f, Float.MIN_VALUE}};
    for (String tail : new String[] {"", "\n"}) {
      WordVectors wv = Word2VecBinaryFormat.read(
          new ByteArrayInputStream(binary("2 2\n", List.of("ü", "b"), rows, tail)));
      assertEquals(List.of("ü", "b"), wv.vocabulary().tokens());
      assertArrayEquals(rows[1], wv.vector("b"));
    }
  }

  @Test
  void readsTheSharedEuclideanVectorsLikeAnIndependentParse() throws IOException {
    Path file = SharedData.path("vectors/euclidean_vectors.bin");
    WordVectors wv = Word2VecBinaryFormat.read(file);
    byte[] all = Files.readAllBytes(file);
    int p = 0;
    while (all[p] != '\n') {
      p++;
    }
    assertEquals("2747 10", new String(all, 0, p, StandardCharsets.US_ASCII));
    p++;
    assertEquals(2747, wv.vocabulary().size());
    assertEquals(10, wv.dimension());
    ByteBuffer le = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 2747; i++) {
      while (all[p] == '\n') {
        p++;
      }
      int start = p;
      while (all[p] != ' ') {
        p++;
      }
      String word = new String(all, start, p - start, StandardCharsets.UTF_8);
      p++;
      float[] expected = new float[10];
      for (int j = 0; j < 10; j++) {
        expected[j] = le.getFloat(p + 4 * j);
      }
      p += 40;
      assertEquals(word, wv.vocabulary().token(i));
      assertArrayEquals(expected, wv.vector(i), word);
    }
    assertEquals("the", wv.vocabulary().token(0));
    assertEquals(Float.intBitsToFloat(0x3ed7c8b9), wv.vector("the")[0]);
  }

  @Test
  void rejectsBadFiles() throws IOException {
    float[][] two = {{1, 2}, {3, 4}};
    assertFormatError(READER, dir, new byte[0], "empty file");
    byte[] full = binary("2 2\n", List.of("a", "b"), two, "\n");
    assertFormatError(READER, dir, Arrays.copyOf(full, full.length - 3), "truncated", "the vector of word 2");
    assertFormatError(READER, dir, binary("2 2\n", List.of("a", "b"), new float[][] {{1, 2}, {Float.NaN, 4}}, ""),
        "value 1 of word 2", "not finite", "byte 16");
    assertFormatError(READER, dir, binary("2 2\n", List.of("a", "a"), two, ""), "duplicate word \"a\"", "byte 14");
    byte[] more = binary("1 2\n", List.of("a", "b"), two, "\n");
    assertFormatError(READER, dir, more, "more data after the 1 words", "byte 15");
    byte[] badUtf8 = binary("1 2\n", List.of("x"), new float[][] {{1, 2}}, "");
    badUtf8[4] = (byte) 0xFF;
    assertFormatError(READER, dir, badUtf8, "word 1 is not valid UTF-8", "byte 4");
    byte[] noSpace = new byte[70000];
    Arrays.fill(noSpace, (byte) 'z');
    System.arraycopy(utf8("1 2\n"), 0, noSpace, 0, 4);
    assertFormatError(READER, dir, noSpace, "longer than 65536 bytes");
  }

  @Test
  void aHugeHeaderInATinyFileFailsBeforeAllocating() throws IOException {
    byte[] tiny = utf8("1000000 1000\nab  1234");
    assertFormatError(READER, dir, tiny, "header claims 1000000 words of dimension 1000", "line 1");
    assertThrows(EmbeddingFormatException.class,
        () -> Word2VecBinaryFormat.read(new ByteArrayInputStream(utf8("2147483647 1048576\nab cdefgh"))));
    assertFormatError(READER, dir, utf8("3000000000 10\n"), "3000000000 words");
  }
}
