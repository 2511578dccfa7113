package io.github.embeddings4j.llm.format;

import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * What {@link GgufFile} and {@link OnnxInitializers} share: a model file read through one {@link MappedWindows},
 * whose reads, {@link #isClosed()} and {@link #close()} are serialised on the object's lock (the window is moved
 * by every read), and whose use after close is an {@link IllegalStateException}.
 */
abstract class MappedModelFile implements AutoCloseable {
  /** The mapped file; read only while holding this object's lock. */
  final MappedWindows file;
  private final String format;

  /** Parses a model file from its mapped windows. */
  @FunctionalInterface
  interface Parser<T extends MappedModelFile> {
    T parse(MappedWindows file) throws IOException;
  }

  MappedModelFile(MappedWindows file, String format) {
    this.file = file;
    this.format = format;
  }

  /** Maps a file and parses it, unmapping it again if parsing fails. */
  static <T extends MappedModelFile> T open(Path path, int windowSize, Parser<T> parser) throws IOException {
    MappedWindows w = new MappedWindows(path, windowSize);
    try {
      T t = parser.parse(w);
      LoggerFactory.getLogger(t.getClass()).debug("opened {}: {}", path, t.summary());
      return t;
    } catch (IOException | RuntimeException e) {
      w.close();
      throw e;
    }
  }

  /** What the file holds, for {@link #toString()} and the log: e.g. {@code "v3, 291 tensors"}. */
  abstract String summary();

  /**
   * Throws if the file is closed.
   *
   * @throws IllegalStateException if it is
   */
  final void checkOpen() {
    if (file.isClosed()) {
      throw new IllegalStateException(format + " file is closed: " + file.path());
    }
  }

  /**
   * Tells whether {@link #close()} was called.
   *
   * @return whether the file is closed
   */
  public synchronized boolean isClosed() {
    return file.isClosed();
  }

  /**
   * Releases the file; idempotent. Tables and embeddings already returned stay valid.
   *
   * @throws IOException if closing the channel fails
   */
  @Override
  public synchronized void close() throws IOException {
    file.close();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + file.path() + ", " + summary() + "]";
  }
}
