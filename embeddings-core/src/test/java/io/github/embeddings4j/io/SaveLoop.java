package io.github.embeddings4j.io;

import io.github.embeddings4j.DType;
import io.github.embeddings4j.Embedding;
import io.github.embeddings4j.VectorTable;
import io.github.embeddings4j.Vocabulary;
import io.github.embeddings4j.WordVectors;
import io.github.embeddings4j.internal.util.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The child process of {@link KillMidSaveTest}: saves the same large table to one file again and again through the
 * public file writer, printing {@code BEGIN i} before and {@code END i <nanos>} after each save, until killed.
 */
public final class SaveLoop {
  private SaveLoop() {}

  /** A format under test: the file writer (atomic) and the stream writer (for the expected bytes). */
  enum Format {
    NATIVE(NativeFormat::write, NativeFormat::write, NativeFormat::read),
    BINARY(Word2VecBinaryFormat::write, Word2VecBinaryFormat::write, Word2VecBinaryFormat::read),
    TEXT(Word2VecTextFormat::write, Word2VecTextFormat::write, Word2VecTextFormat::read);

    private final FileWriter file;
    private final StreamWriter stream;
    private final FileReader reader;

    Format(FileWriter file, StreamWriter stream, FileReader reader) {
      this.file = file;
      this.stream = stream;
      this.reader = reader;
    }

    WordVectors read(Path target) throws IOException {
      return reader.read(target);
    }

    void save(Embedding e, Path target) throws IOException {
      file.write(e, target);
    }

    byte[] bytes(Embedding e) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try {
        stream.write(e, out);
      } catch (IOException x) {
        throw new UncheckedIOException(x);
      }
      return out.toByteArray();
    }
  }

  interface FileWriter {
    void write(Embedding e, Path file) throws IOException;
  }

  interface FileReader {
    WordVectors read(Path file) throws IOException;
  }

  interface StreamWriter {
    void write(Embedding e, OutputStream out) throws IOException;
  }

  /** A deterministic table of {@code rows} × {@code dim} random floats. */
  static WordVectors table(int rows, int dim, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<String> tokens = new ArrayList<>(rows);
    VectorTable.Builder b = VectorTable.builder(DType.F32, rows, dim);
    float[] row = new float[dim];
    for (int r = 0; r < rows; r++) {
      tokens.add("t" + seed + "_" + r);
      for (int j = 0; j < dim; j++) {
        row[j] = (float) random.nextGaussian();
      }
      b.set(r, row);
    }
    return new WordVectors(Vocabulary.of(tokens), b.build());
  }

  /**
   * Runs the loop.
   *
   * @param args format, target file, rows, dimension, seed
   * @throws IOException if a save fails
   */
  public static void main(String[] args) throws IOException {
    Format format = Format.valueOf(args[0]);
    Path target = Path.of(args[1]);
    WordVectors big = table(Integer.parseInt(args[2]), Integer.parseInt(args[3]), Long.parseLong(args[4]));
    // Loads what a save needs before the first announcement, so that every announced save starts writing at once.
    AtomicFiles.staleTemporaryFiles(target);
    format.bytes(table(2, 2, 0));
    for (int i = 0; ; i++) {
      System.out.println("BEGIN " + i);
      System.out.flush();
      long start = System.nanoTime();
      format.save(big, target);
      System.out.println("END " + i + " " + (System.nanoTime() - start));
      System.out.flush();
    }
  }
}
