package io.github.embeddings4j.io;

import static io.github.embeddings4j.io.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.embeddings4j.EmbeddingFormatException;
import io.github.embeddings4j.WordVectors;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Inputs of the wrong kind for a reader: a GloVe file given to a reader that wants a header, numbers that Java
 * parses but gensim does not, a byte order mark, a directory. Each case holds for every reader it can reach.
 */
class TextInputEdgeCasesTest {
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private static final Fixtures.Reader WORD2VEC_TEXT =
      new Fixtures.Reader(Word2VecTextFormat::read, Word2VecTextFormat::read);
  private static final Fixtures.Reader FASTTEXT = new Fixtures.Reader(FastTextVecFormat::read, FastTextVecFormat::read);
  private static final Fixtures.Reader WORD2VEC_BINARY =
      new Fixtures.Reader(Word2VecBinaryFormat::read, Word2VecBinaryFormat::read);
  private static final Fixtures.Reader GLOVE = new Fixtures.Reader(GloveFormat::read, GloveFormat::read);

  @TempDir
  Path dir;

  private static String gloveLine(String word, int dim) {
    StringBuilder sb = new StringBuilder(word);
    for (int i = 0; i < dim; i++) {
      sb.append(' ').append(String.format(Locale.ROOT, "%.5f", (i - dim / 2) / 7.0));
    }
    return sb.append('\n').toString();
  }

  @Test
  void aGloveFileGivenToAReaderThatWantsAHeaderSuggestsGlove() throws IOException {
    // 50 values: the first line is longer than a header may be (this said only "line longer than 256 bytes").
    byte[] wide = utf8(gloveLine("the", 50) + gloveLine("of", 50));
    // 3 values: a short first line that is not two numbers.
    byte[] narrow = utf8(gloveLine("the", 3) + gloveLine("of", 3));
    for (Fixtures.Reader reader : List.of(WORD2VEC_TEXT, FASTTEXT, WORD2VEC_BINARY)) {
      Fixtures.assertFormatError(reader, dir, wide, "line 1", "expected a header", "longer than 256 bytes",
          "GloveFormat");
      Fixtures.assertFormatError(reader, dir, narrow, "line 1", "expected a header", "GloveFormat");
    }
    Path file = Files.write(dir.resolve("glove.txt"), wide);
    assertEquals(2, GloveFormat.read(file).vocabulary().size());
    // A header that is merely wrong does not point at GloVe.
    EmbeddingFormatException e = Fixtures.assertFormatError(WORD2VEC_TEXT, dir, utf8("2 x\na 1\n"),
        "expected a header");
    assertTrue(!e.getMessage().contains("GloVe"), e.getMessage());
  }

  @Test
  void aFileOfAnotherFormatSaysWhichReaderToUse() throws IOException {
    java.util.Map<String, float[]> rows = new java.util.LinkedHashMap<>();
    for (int i = 0; i < 50; i++) {
      rows.put("w" + i, new float[] {i * 0.37f, -i * 1.1f, 0.5f, i});
    }
    WordVectors wv = WordVectors.of(rows);
    java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
    Word2VecTextFormat.write(wv, text);
    java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();
    Word2VecBinaryFormat.write(wv, binary);
    java.io.ByteArrayOutputStream glove = new java.io.ByteArrayOutputStream();
    GloveFormat.write(wv, glove);
    java.io.ByteArrayOutputStream nativeBytes = new java.io.ByteArrayOutputStream();
    NativeFormat.write(wv, nativeBytes);
    Fixtures.Reader nativeReader = new Fixtures.Reader(NativeFormat::read, NativeFormat::read);

    Fixtures.assertFormatError(WORD2VEC_BINARY, dir, text.toByteArray(), "is this word2vec text?",
        "Word2VecTextFormat");
    for (Fixtures.Reader reader : List.of(WORD2VEC_TEXT, FASTTEXT, GLOVE)) {
      Fixtures.assertFormatError(reader, dir, binary.toByteArray(), "line 2 holds binary bytes",
          "Word2VecBinaryFormat");
    }
    for (Fixtures.Reader reader : List.of(WORD2VEC_TEXT, FASTTEXT, GLOVE, WORD2VEC_BINARY)) {
      Fixtures.assertFormatError(reader, dir, nativeBytes.toByteArray(), "byte 0", "embeddings4j native file",
          "NativeFormat");
    }
    for (byte[] other : List.of(text.toByteArray(), binary.toByteArray(), glove.toByteArray())) {
      Fixtures.assertFormatError(nativeReader, dir, other, "bad magic", "starts with the text",
          "with their own format class");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"0x1p3", "0X1.8P1", "1f", "2d", "1.5F", "3D", "1e5f", "Infinity", "-Infinity", "NaN",
      "1_0", "0x10"})
  void numbersThatJavaParsesButGensimRejectsAreErrors(String field) throws IOException {
    boolean nonFinite = field.toLowerCase(Locale.ROOT).matches("[+-]?(nan|infinity)");
    String problem = nonFinite ? "value 2 is not finite" : "value 2 is not a number";
    Fixtures.assertFormatError(WORD2VEC_TEXT, dir, utf8("1 2\na 1 " + field + "\n"), problem, "line 2");
    Fixtures.assertFormatError(GLOVE, dir, utf8("a 1 2\nb 1 " + field + "\n"), problem, "line 2");
    Path vectors = Files.write(dir.resolve("vectors.tsv"), utf8("1\t" + field + "\n"));
    Path metadata = Files.write(dir.resolve("metadata.tsv"), utf8("a\n"));
    EmbeddingFormatException e = assertThrows(EmbeddingFormatException.class,
        () -> ProjectorTsv.read(vectors, metadata));
    assertTrue(e.getMessage().contains(problem) && e.getMessage().startsWith(vectors.toString()), e.getMessage());
  }

  @Test
  void decimalNumbersInEveryFormGensimTakesStillRead() throws IOException {
    String[] fields = {"1", "-2", "+3", "1.5", "-.5", "+.25", "7.", "1e3", "1E-3", "-2.5e+2", "0", "-0", "00012"};
    float[] expected = {1, -2, 3, 1.5f, -.5f, .25f, 7, 1e3f, 1e-3f, -250, 0, -0f, 12};
    String values = String.join(" ", fields);
    WordVectors text = Word2VecTextFormat.read(new ByteArrayInputStream(utf8("1 " + fields.length + "\na "
        + values + "\n")));
    assertArrayEquals(expected, text.vector("a"));
    assertArrayEquals(expected, GloveFormat.read(new ByteArrayInputStream(utf8("a " + values + "\n"))).vector("a"));
  }

  @Test
  void aByteOrderMarkIsNotPartOfTheFirstWordOrHeader() throws IOException {
    byte[] glove = concat(BOM, utf8("the 1 2\nof 3 4\n"));
    Path gloveFile = Files.write(dir.resolve("glove.txt"), glove);
    WordVectors g = GloveFormat.read(gloveFile);
    assertEquals(List.of("the", "of"), g.vocabulary().tokens());
    assertEquals(List.of("the", "of"), GloveFormat.read(new ByteArrayInputStream(glove)).vocabulary().tokens());

    byte[] text = concat(BOM, utf8("2 2\nthe 1 2\nof 3 4\n"));
    Path textFile = Files.write(dir.resolve("text.txt"), text);
    assertEquals(List.of("the", "of"), Word2VecTextFormat.read(textFile).vocabulary().tokens());
    assertEquals(List.of("the", "of"), FastTextVecFormat.read(new ByteArrayInputStream(text)).vocabulary().tokens());

    Path vectors = Files.write(dir.resolve("vectors.tsv"), concat(BOM, utf8("1\t2\n3\t4\n")));
    Path metadata = Files.write(dir.resolve("metadata.tsv"), concat(BOM, utf8("the\nof\n")));
    WordVectors p = ProjectorTsv.read(vectors, metadata);
    assertEquals(List.of("the", "of"), p.vocabulary().tokens());
    assertArrayEquals(new float[] {1, 2}, p.vector("the"));

    // Only at the very start: the same bytes in a later word stay (they are valid UTF-8 for U+FEFF).
    WordVectors later = GloveFormat.read(new ByteArrayInputStream(concat(utf8("a 1\n"), BOM, utf8("b 2\n"))));
    assertEquals(List.of("a", "\uFEFFb"), later.vocabulary().tokens());
  }

  @Test
  void aDirectoryIsAnErrorNamingIt() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("not-a-file"));
    List<Fixtures.FileReader> readers = List.of(Word2VecTextFormat::read, FastTextVecFormat::read,
        GloveFormat::read, Word2VecBinaryFormat::read, NativeFormat::read,
        file -> ProjectorTsv.read(file, Files.write(dir.resolve("metadata.tsv"), utf8("a\n"))),
        file -> ProjectorTsv.read(Files.write(dir.resolve("vectors.tsv"), utf8("1\n")), file));
    for (Fixtures.FileReader reader : readers) {
      EmbeddingFormatException e = assertThrows(EmbeddingFormatException.class, () -> reader.read(folder));
      assertEquals(folder, e.file());
      assertTrue(e.getMessage().startsWith(folder.toString()) && e.getMessage().contains("is a directory"),
          e.getMessage());
    }
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
