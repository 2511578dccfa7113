package io.github.embeddings4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.embeddings4j.EmbeddingFormatException;
import io.github.embeddings4j.VectorTable;
import io.github.embeddings4j.WordVectors;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Fuzz tests of every core reader: on any bytes a reader returns word vectors or throws an
 * {@link EmbeddingFormatException} (or another {@link IOException}); any other exception or error (an
 * {@link OutOfMemoryError} from a believed size claim, a {@link StackOverflowError}, a runtime exception) escapes
 * and fails. Each input is read twice, from a stream (size unknown: rows grow with the data) and from a file
 * (size known: claims are checked against it before allocating). {@link Timeout} bounds each input: JUnit fails a
 * replayed input that runs longer (on a separate thread, so a hang cannot stall the build), Jazzer turns it into
 * libFuzzer's {@code -timeout} when fuzzing (where JUnit's own timeouts are switched off).
 *
 * <p>Without {@code JAZZER_FUZZ} (every build) each test replays its committed inputs in
 * {@code src/test/resources/io/github/embeddings4j/io/FormatFuzzTestInputs/<method>/}; with {@code JAZZER_FUZZ=1}
 * and one {@code -Dtest=FormatFuzzTest#<method>} it fuzzes (see docs/reliability.md, "Fuzzing").
 */
class FormatFuzzTest {
  private static Path file;

  @AfterAll
  static void deleteScratchFile() throws IOException {
    if (file != null) {
      Files.deleteIfExists(file);
    }
  }

  @FunctionalInterface
  private interface Reader {
    WordVectors read(InputStream in) throws IOException;
  }

  @FunctionalInterface
  private interface FileReader {
    WordVectors read(Path file) throws IOException;
  }

  @FuzzTest(maxDuration = "5m")
  @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
  void word2vecText(byte[] data) {
    both(data, Word2VecTextFormat::read, Word2VecTextFormat::read);
  }

  @FuzzTest(maxDuration = "5m")
  @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
  void word2vecBinary(byte[] data) {
    both(data, Word2VecBinaryFormat::read, Word2VecBinaryFormat::read);
  }

  @FuzzTest(maxDuration = "5m")
  @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
  void glove(byte[] data) {
    both(data, GloveFormat::read, GloveFormat::read);
  }

  @FuzzTest(maxDuration = "5m")
  @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
  void fastTextVec(byte[] data) {
    both(data, FastTextVecFormat::read, FastTextVecFormat::read);
  }

  @FuzzTest(maxDuration = "5m")
  @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
  void nativeFormat(byte[] data) {
    both(data, NativeFormat::read, NativeFormat::read);
  }

  /** The input is the vectors file, a NUL byte, then the metadata file (no NUL: empty metadata). */
  @FuzzTest(maxDuration = "5m")
  @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
  void projectorTsv(byte[] data) {
    int split = 0;
    while (split < data.length && data[split] != 0) {
      split++;
    }
    byte[] vectors = Arrays.copyOfRange(data, 0, split);
    byte[] metadata = Arrays.copyOfRange(data, Math.min(split + 1, data.length), data.length);
    try {
      exercise(ProjectorTsv.read(new ByteArrayInputStream(vectors), new ByteArrayInputStream(metadata)));
    } catch (IOException e) {
      // EmbeddingFormatException or another IOException: the allowed outcome for bad input.
    }
  }

  private static void both(byte[] data, Reader stream, FileReader fromFile) {
    try {
      exercise(stream.read(new ByteArrayInputStream(data)));
    } catch (IOException e) {
      // EmbeddingFormatException or another IOException: the allowed outcome for bad input.
    }
    Path path = scratch(data);
    try {
      exercise(fromFile.read(path));
    } catch (IOException e) {
      // As above.
    }
  }

  private static Path scratch(byte[] data) {
    try {
      if (file == null) {
        file = Files.createTempFile("embeddings4j-fuzz", ".bin");
      }
      return Files.write(file, data);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the fuzz scratch file", e);
    }
  }

  /** Reads every row and token, so lazily decoded data fails here and not later in a user's code. */
  static void exercise(WordVectors wv) {
    VectorTable table = wv.vectors();
    assertEquals(wv.vocabulary().size(), table.rows());
    float[] row = table.rows() == 0 ? null : new float[table.dimension()];
    for (int i = 0; i < table.rows(); i++) {
      table.row(i, row);
      table.norm(i);
      assertEquals(i, wv.vocabulary().id(wv.vocabulary().token(i)));
    }
  }
}
