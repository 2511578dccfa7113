package io.github.embeddings4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.embeddings4j.DType;
import io.github.embeddings4j.Embedding;
import io.github.embeddings4j.VectorTable;
import io.github.embeddings4j.Vocabulary;
import io.github.embeddings4j.WordVectors;
import io.github.embeddings4j.EmbeddingFormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Deterministic test embeddings with awkward tokens and values, and exact comparisons. */
final class Fixtures {
  private static final String[] AWKWARD = {"naïve", "日本語", "emoji😀", "tab\there", "a,b", "-", "ÅÄÖ", "x"};

  private Fixtures() {}

  /** Word vectors of {@code rows} × {@code dim}: unicode tokens, tiny, huge, negative and zero values. */
  static WordVectors random(int rows, int dim, DType dtype, boolean counts, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      tokens.add(i < AWKWARD.length ? AWKWARD[i] : "w" + i);
    }
    VectorTable.Builder b = VectorTable.builder(dtype, rows, dim);
    float[] row = new float[dim];
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < dim; j++) {
        float v = (float) random.nextGaussian();
        switch ((r + j) % 7) {
          case 0:
            v *= 1e-30f;
            break;
          case 1:
            v *= 1e4f;
            break;
          case 2:
            v = -0.0f;
            break;
          default:
            break;
        }
        row[j] = v;
      }
      b.set(r, row);
    }
    long[] c = new long[rows];
    for (int i = 0; i < rows; i++) {
      c[i] = 10L * rows - i;
    }
    Vocabulary vocabulary = counts ? Vocabulary.of(tokens, c) : Vocabulary.of(tokens);
    return new WordVectors(vocabulary, b.build());
  }

  /** Asserts same tokens in the same order and bit-identical vectors. */
  static void assertSame(Embedding expected, Embedding actual) {
    assertEquals(expected.vocabulary().tokens(), actual.vocabulary().tokens());
    assertEquals(expected.dimension(), actual.dimension());
    for (int i = 0; i < expected.vocabulary().size(); i++) {
      assertArrayEquals(expected.vector(i), actual.vector(i), "row " + i);
    }
  }

  /** Reads a file. */
  interface FileReader {
    WordVectors read(Path file) throws IOException;
  }

  /** Reads a stream. */
  interface StreamReader {
    WordVectors read(InputStream in) throws IOException;
  }

  /** A reader under test, from a file or from a stream. */
  record Reader(FileReader fromFile, StreamReader fromStream) {}

  /** Saves a file. */
  interface FileWriter {
    void write(Embedding embedding, Path file) throws IOException;
  }

  /**
   * A format's file reader and writer, by name: {@code text}, {@code fasttext}, {@code glove}, {@code binary},
   * {@code native}, or {@code projector} (the vectors file, with its metadata beside it as
   * {@code metadata-<name>}).
   */
  record FileFormat(FileReader read, FileWriter write) {
    static FileFormat named(String name) {
      switch (name) {
        case "text":
          return new FileFormat(Word2VecTextFormat::read, Word2VecTextFormat::write);
        case "fasttext":
          return new FileFormat(FastTextVecFormat::read, FastTextVecFormat::write);
        case "glove":
          return new FileFormat(GloveFormat::read, GloveFormat::write);
        case "binary":
          return new FileFormat(Word2VecBinaryFormat::read, Word2VecBinaryFormat::write);
        case "native":
          return new FileFormat(NativeFormat::read, NativeFormat::write);
        case "projector":
          return new FileFormat(file -> ProjectorTsv.read(file, projectorMetadata(file)),
              (e, file) -> ProjectorTsv.write(e, file, projectorMetadata(file)));
        default:
          throw new AssertionError(name);
      }
    }
  }

  /** The metadata file that {@link FileFormat#named}'s projector format pairs with a vectors file. */
  static Path projectorMetadata(Path vectorsFile) {
    return vectorsFile.resolveSibling("metadata-" + vectorsFile.getFileName());
  }

  /**
   * Asserts that bad content fails to read, from a file and from a stream, with an EmbeddingFormatException
   * naming the file (or none for the stream) and holding every fragment in its message.
   */
  static EmbeddingFormatException assertFormatError(Reader reader, Path dir, byte[] content, String... fragments)
      throws IOException {
    Path file = Files.write(dir.resolve("bad-" + System.nanoTime()), content);
    EmbeddingFormatException e = assertThrows(EmbeddingFormatException.class, () -> reader.fromFile().read(file));
    assertEquals(file, e.file());
    assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    for (String fragment : fragments) {
      assertTrue(e.getMessage().contains(fragment), "expected \"" + fragment + "\" in: " + e.getMessage());
    }
    assertTrue(e.location() != null && e.location().matches(".*(line|byte) \\d+.*"), e.getMessage());
    EmbeddingFormatException s = assertThrows(EmbeddingFormatException.class,
        () -> reader.fromStream().read(new ByteArrayInputStream(content)));
    assertNull(s.file());
    return e;
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Asserts a folder holds exactly the given file names (no temporary file left behind). */
  static void assertOnlyFiles(Path dir, String... names) throws IOException {
    try (var files = Files.list(dir)) {
      assertEquals(java.util.Set.of(names),
          files.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet()));
    }
  }
}
