package io.github.embeddings4j;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that cannot be read as what it claims to be: truncated, inconsistent, hostile or not of the expected
 * format. The message names the file, where in it the problem is (a line, a byte offset, a tensor) and what was
 * wrong.
 *
 * <p>It is a checked {@link IOException}, once for the whole library: a bad file is an input problem the caller
 * is expected to handle, like a missing file.
 */
public class EmbeddingFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  /** Where in the file the problem is, e.g. {@code "line 12"}; {@code null} when no place is known. */
  private final String location;

  /**
   * Creates the exception.
   *
   * @param file the file being read, or {@code null} for a stream with no file behind it
   * @param location where in the file, e.g. {@code "line 12"}, {@code "byte 4096"}, {@code "tensor wte.weight"}
   * @param problem what was wrong
   */
  public EmbeddingFormatException(Path file, String location, String problem) {
    this(file, location, problem, null);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param file the file being read, or {@code null} for a stream with no file behind it
   * @param location where in the file, e.g. {@code "line 12"}, {@code "byte 4096"}, {@code "tensor wte.weight"}
   * @param problem what was wrong
   * @param cause the underlying problem, or {@code null}
   */
  public EmbeddingFormatException(Path file, String location, String problem, Throwable cause) {
    super((file == null ? "<stream>" : file.toString()) + (location == null ? "" : ", " + location) + ": " + problem,
        cause);
    this.file = file;
    this.location = location;
  }

  /**
   * Returns the file that could not be read.
   *
   * @return the file, or {@code null} when reading from a stream
   */
  public Path file() {
    return file;
  }

  /**
   * Returns where in the file the problem is.
   *
   * @return a location such as {@code "line 12"} or {@code "byte 4096"}, or {@code null}
   */
  public String location() {
    return location;
  }
}
