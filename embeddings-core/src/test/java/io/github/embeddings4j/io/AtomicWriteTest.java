package io.github.embeddings4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.embeddings4j.DType;
import io.github.embeddings4j.Embedding;
import io.github.embeddings4j.WordVectors;
import io.github.embeddings4j.internal.util.AtomicFiles;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A save that fails part-way leaves the previous file as it was and no temporary file behind. */
class AtomicWriteTest {
  @TempDir
  Path dir;

  /** The stream writer of each format. */
  interface StreamWriter {
    void write(Embedding e, OutputStream out) throws IOException;
  }

  /** Lets {@code budget} bytes through, then fails like a full disk. */
  static final class FailingStream extends FilterOutputStream {
    private long budget;

    FailingStream(OutputStream out, long budget) {
      super(out);
      this.budget = budget;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (len > budget) {
        throw new IOException("disk full (simulated)");
      }
      budget -= len;
      out.write(b, off, len);
    }
  }

  private static StreamWriter writer(String format) {
    switch (format) {
      case "text":
        return Word2VecTextFormat::write;
      case "binary":
        return Word2VecBinaryFormat::write;
      case "glove":
        return GloveFormat::write;
      case "native":
        return NativeFormat::write;
      case "projector":
        return (e, out) -> ProjectorTsv.write(e, out, OutputStream.nullOutputStream());
      default:
        throw new AssertionError(format);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"text", "binary", "glove", "native", "projector"})
  void aFailingWriteKeepsThePreviousFile(String format) throws IOException {
    Path file = dir.resolve("vectors");
    WordVectors old = Fixtures.random(5, 3, DType.F32, false, 1);
    WordVectors big = Fixtures.random(2000, 50, DType.F32, true, 2);
    StreamWriter w = writer(format);
    AtomicFiles.write(file, out -> w.write(old, out));
    byte[] before = Files.readAllBytes(file);
    IOException e = assertThrows(IOException.class,
        () -> AtomicFiles.write(file, out -> w.write(big, new FailingStream(out, 100_000))));
    assertArrayEquals(before, Files.readAllBytes(file), e.getMessage());
    Fixtures.assertOnlyFiles(dir, "vectors");
  }

  /** The file writer of each format. */
  interface PathWriter {
    void write(Embedding e, Path file) throws IOException;
  }

  private PathWriter pathWriter(String format) {
    switch (format) {
      case "binary":
        return Word2VecBinaryFormat::write;
      case "glove":
        return GloveFormat::write;
      case "fasttext":
        return FastTextVecFormat::write;
      default:
        return (e, file) -> ProjectorTsv.write(e, dir);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"binary", "glove", "fasttext", "projector"})
  void aTokenThatCannotBeWrittenMidFileKeepsThePreviousFile(String format) throws IOException {
    Path file = dir.resolve("vectors");
    WordVectors old = Fixtures.random(5, 3, DType.F32, false, 1);
    java.util.Map<String, float[]> map = new java.util.LinkedHashMap<>();
    for (int i = 0; i < 5000; i++) {
      map.put("w" + i, new float[] {i, 1, 2});
    }
    // An unpaired surrogate cannot be UTF-8: it fails every writer, after 5000 rows went out.
    map.put("bad\uD800", new float[] {1, 2, 3});
    WordVectors bad = WordVectors.of(map);
    PathWriter save = pathWriter(format);
    save.write(old, file);
    if (format.equals("projector")) {
      file = dir.resolve(ProjectorTsv.METADATA_FILE);
    }
    byte[] before = Files.readAllBytes(file);
    assertThrows(IOException.class, () -> save.write(bad, dir.resolve("vectors")));
    assertArrayEquals(before, Files.readAllBytes(file));
    try (var files = Files.list(dir)) {
      assertArrayEquals(new Object[0], files.filter(p -> p.toString().endsWith(".tmp")).toArray());
    }
  }
}
