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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class Word2VecTextFormatTest {
  private static final Fixtures.Reader READER = new Fixtures.Reader(Word2VecTextFormat::read, Word2VecTextFormat::read);

  @TempDir
  Path dir;

  @ParameterizedTest
  @CsvSource({"1, 1", "7, 13", "100, 300", "13, 768"})
  void roundTripsExactly(int rows, int dim) throws IOException {
    WordVectors wv = Fixtures.random(rows, dim, DType.F32, false, rows * 31L + dim);
    Path file = dir.resolve("v.txt");
    Word2VecTextFormat.write(wv, file);
    Fixtures.assertSame(wv, Word2VecTextFormat.read(file));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Word2VecTextFormat.write(wv, out);
    Fixtures.assertSame(wv, Word2VecTextFormat.read(new ByteArrayInputStream(out.toByteArray())));
    Fixtures.assertOnlyFiles(dir, "v.txt");
  }

  @Test
  void limitReadsOnlyTheFirstWords() throws IOException {
    WordVectors wv = Fixtures.random(20, 5, DType.F32, false, 1);
    Path file = dir.resolve("v.txt");
    Word2VecTextFormat.write(wv, file);
    Fixtures.assertSame(wv.limit(7), Word2VecTextFormat.read(file, 7));
    Fixtures.assertSame(wv, Word2VecTextFormat.read(file, 1000));
    assertEquals(0, Word2VecTextFormat.read(file, 0).vocabulary().size());
    // Garbage after the limit is never looked at, like gensim.
    Files.writeString(file, "3 2\na 1 2\nb 3 4\nnot numbers at all\n");
    assertEquals(List.of("a", "b"), Word2VecTextFormat.read(file, 2).vocabulary().tokens());
    assertThrows(IllegalArgumentException.class, () -> Word2VecTextFormat.read(file, -1));
  }

  @Test
  void toleratesCrlfTrailingSpacesTabsAndFinalBlankLines() throws IOException {
    String text = "2 3\r\nhello 1 2.5 -3e-2 \r\nwörld\t1 0.5\t\t-1 7\r\n\r\n\n";
    WordVectors wv = Word2VecTextFormat.read(new ByteArrayInputStream(utf8(text)));
    assertEquals(List.of("hello", "wörld\t1"), wv.vocabulary().tokens());
    assertArrayEquals(new float[] {1f, 2.5f, -3e-2f}, wv.vector("hello"));
    assertArrayEquals(new float[] {0.5f, -1f, 7f}, wv.vector(1));
  }

  @Test
  void readsTheSharedToyModelLikePlainText() throws IOException {
    Path file = SharedData.path("vectors/toy-model.vec");
    WordVectors wv = Word2VecTextFormat.read(file);
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertEquals("22 5", lines.get(0).trim());
    assertEquals(22, wv.vocabulary().size());
    assertEquals(5, wv.dimension());
    for (int i = 1; i <= 22; i++) {
      String[] parts = lines.get(i).trim().split(" +");
      float[] expected = new float[5];
      for (int j = 0; j < 5; j++) {
        expected[j] = Float.parseFloat(parts[j + 1]);
      }
      assertEquals(parts[0], wv.vocabulary().token(i - 1));
      assertArrayEquals(expected, wv.vector(parts[0]), parts[0]);
    }
    assertArrayEquals(new float[] {0.068811f, 0.26619f, 0.026622f, -0.2588f, -0.00044401f}, wv.vector("the"));
  }

  static Stream<Arguments> badFiles() {
    return Stream.of(
        Arguments.of("", new String[] {"empty file", "byte 0"}),
        Arguments.of("hello\n", new String[] {"expected a header", "line 1"}),
        Arguments.of("2 x\n", new String[] {"expected a header"}),
        Arguments.of("2 0\n", new String[] {"dimension 0"}),
        Arguments.of("2 2\nalpha 1.25 2.25\n", new String[] {"truncated", "claims 2 words", "has 1"}),
        Arguments.of("1 2\na 1 2\nb 3 4\n", new String[] {"more rows", "line 3"}),
        Arguments.of("2 2\na 1.5 2.5\nb 3.5\n", new String[] {"expected 2 values, found 1", "line 3"}),
        Arguments.of("2 2\na 1 2\nb 3 4 5\n", new String[] {"expected 2 values, found 3", "line 3"}),
        Arguments.of("1 2\na 1 x\n", new String[] {"value 2 is not a number", "\"x\"", "line 2"}),
        Arguments.of("1 2\na 1 NaN\n", new String[] {"value 2 is not finite", "line 2"}),
        Arguments.of("1 2\na inf 1\n", new String[] {"value 1 is not finite"}),
        Arguments.of("1 2\na 1e39 1\n", new String[] {"value 1 is not finite"}),
        Arguments.of("2 2\na 1 2\na 3 4\n", new String[] {"duplicate word \"a\"", "line 3"}),
        Arguments.of("2 2\na 1 2\n\nb 3 4\n", new String[] {"empty line", "line 3"}),
        Arguments.of("1 2\n 1 2\n", new String[] {"empty word", "line 2"}),
        Arguments.of("1 2\nabcdef\n", new String[] {"expected 2 values, found 0"}),
        Arguments.of("1000000000000 5\na 1 2 3 4 5\n", new String[] {"1000000000000 words", "line 1"}),
        Arguments.of("2 99999999999\n", new String[] {"dimension 99999999999"}));
  }

  @ParameterizedTest
  @MethodSource("badFiles")
  void rejectsBadFilesNamingFileAndLocation(String content, String[] fragments) throws IOException {
    assertFormatError(READER, dir, utf8(content), fragments);
  }

  @Test
  void rejectsInvalidUtf8() throws IOException {
    byte[] content = {'1', ' ', '1', '\n', 'a', (byte) 0xC3, (byte) 0x28, ' ', '1', '\n'};
    assertFormatError(READER, dir, content, "not valid UTF-8", "line 2");
  }

  @Test
  void aHugeHeaderInATinyFileFailsBeforeAllocating() throws IOException {
    // 2e9 words × 1e6 dims would be 8 EB of float32: the claim is checked against the file size first.
    byte[] content = utf8("2000000000 1000000\nx 1\n");
    assertFormatError(READER, dir, content, "header claims 2000000000 words", "line 1");
    // A stream has no size: storage grows with the rows actually read, so it fails on the data instead.
    assertThrows(EmbeddingFormatException.class,
        () -> Word2VecTextFormat.read(new ByteArrayInputStream(utf8("2147483647 1048576\nx 1\n"))));
  }

  @Test
  void refusesTokensThatCannotBeWrittenAndKeepsThePreviousFile() throws IOException {
    Path file = dir.resolve("v.txt");
    WordVectors good = Fixtures.random(3, 2, DType.F32, false, 2);
    Word2VecTextFormat.write(good, file);
    byte[] before = Files.readAllBytes(file);
    // The bad token comes last, so the failure happens mid-write, after thousands of rows went out.
    java.util.Map<String, float[]> map = new java.util.LinkedHashMap<>();
    for (int i = 0; i < 5000; i++) {
      map.put("w" + i, new float[] {i, 1});
    }
    map.put("two words", new float[] {1, 2});
    WordVectors bad = WordVectors.of(map);
    assertThrows(IllegalArgumentException.class, () -> Word2VecTextFormat.write(bad, file));
    assertArrayEquals(before, Files.readAllBytes(file));
    Fixtures.assertOnlyFiles(dir, "v.txt");
  }
}
