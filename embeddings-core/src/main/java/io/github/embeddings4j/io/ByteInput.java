package io.github.embeddings4j.io;

import io.github.embeddings4j.EmbeddingFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one buffered byte reader under every format reader: single bytes, whole lines and bulk reads, with the
 * byte offset and line number kept for error messages. It never reads ahead more than one buffer, so a reader
 * on a stream consumes no more than it needs plus that buffer.
 */
final class ByteInput implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ByteInput.class);
  private static final int BUFFER_BYTES = 1 << 16;

  private final InputStream in;
  private final boolean owned;
  private final Path file;
  private final String label;
  private final long size;
  private final byte[] buf = new byte[BUFFER_BYTES];
  private int pos;
  private int limit;
  private long bufferStart;

  private byte[] line = new byte[256];
  private int lineLength;
  private long lineNumber;
  private long lineStart;
  private String hint = "";

  private ByteInput(InputStream in, boolean owned, Path file, String label, long size) {
    this.in = in;
    this.owned = owned;
    this.file = file;
    this.label = label;
    this.size = size;
  }

  /**
   * Opens a file; {@link #close()} closes it. The size and the bytes come from the same open file, so a file
   * replaced by a rename while it is read is read whole, old or new, never the size of one with the bytes of
   * the other.
   *
   * @throws EmbeddingFormatException if the path is a directory
   */
  static ByteInput open(Path file) throws IOException {
    if (Files.isDirectory(file)) {
      throw new EmbeddingFormatException(file, null, "is a directory, not a file");
    }
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    try {
      return new ByteInput(Channels.newInputStream(channel), true, file, null, channel.size());
    } catch (IOException | RuntimeException | Error e) {
      channel.close();
      throw e;
    }
  }

  /**
   * Wraps a caller's stream of unknown size; {@link #close()} leaves it open.
   *
   * @param label names the stream in error locations (e.g. {@code "metadata"}), or {@code null}
   */
  static ByteInput of(InputStream in, String label) {
    return new ByteInput(in, false, null, label, -1);
  }

  /** Parses one input. */
  @FunctionalInterface
  interface Parser<T> {
    T parse(ByteInput in) throws IOException;
  }

  /** Opens a file, parses it, closes it, and logs what was read at DEBUG. */
  static <T> T parseFile(Path file, Parser<T> parser) throws IOException {
    try (ByteInput in = open(file)) {
      T result = parser.parse(in);
      LOG.debug("Read {} from {}", result, file);
      return result;
    }
  }

  /** Parses a caller's stream, leaving it open. */
  static <T> T parseStream(InputStream in, Parser<T> parser) throws IOException {
    return parser.parse(of(in, null));
  }

  /** Returns the offset of the next byte. */
  long position() {
    return bufferStart + pos;
  }

  /** Returns the bytes left in the file, or -1 for a stream of unknown size. */
  long remaining() {
    return size < 0 ? -1 : size - position();
  }

  /** Returns the next byte, or -1 at the end. */
  int read() throws IOException {
    if (pos == limit && !fill()) {
      return -1;
    }
    return buf[pos++] & 0xFF;
  }

  /** Returns the next byte without consuming it, or -1 at the end. */
  int peek() throws IOException {
    if (pos == limit && !fill()) {
      return -1;
    }
    return buf[pos] & 0xFF;
  }

  /**
   * Reads exactly {@code len} bytes.
   *
   * @param what names the data for the "truncated" message
   * @throws EmbeddingFormatException if the input ends first
   */
  void readFully(byte[] dst, int off, int len, String what) throws IOException {
    long start = position();
    int done = Math.min(len, limit - pos);
    System.arraycopy(buf, pos, dst, off, done);
    pos += done;
    if (done < len && len - done >= BUFFER_BYTES) {
      // Large reads bypass the buffer: one copy from the stream straight into the destination.
      bufferStart += limit;
      pos = 0;
      limit = 0;
      int n = in.readNBytes(dst, off + done, len - done);
      bufferStart += n;
      done += n;
    }
    while (done < len) {
      if (!fill()) {
        throw errorAt(start, "truncated: " + what + " needs " + len + " bytes, only " + done + " remain");
      }
      int n = Math.min(len - done, limit);
      System.arraycopy(buf, 0, dst, off + done, n);
      pos = n;
      done += n;
    }
  }

  /**
   * Reads the next line (up to {@code '\n'}, which is dropped) into {@link #lineBytes()}. A UTF-8 byte order mark
   * at the start of the input is dropped too (Windows editors write one; no text format here has a use for it).
   *
   * @param maxBytes the longest line accepted
   * @return false at the end of the input
   * @throws EmbeddingFormatException if the line is longer than {@code maxBytes}
   */
  boolean readLine(int maxBytes) throws IOException {
    return readLine(maxBytes, "line longer than " + maxBytes + " bytes");
  }

  /**
   * Reads the next line as {@link #readLine(int)} does, with the caller's words for a line that is too long.
   *
   * @param maxBytes the longest line accepted
   * @param tooLong the problem reported for a longer line
   * @return false at the end of the input
   * @throws EmbeddingFormatException if the line is longer than {@code maxBytes}
   */
  boolean readLine(int maxBytes, String tooLong) throws IOException {
    lineStart = position();
    lineLength = 0;
    if (pos == limit && !fill()) {
      return false;
    }
    lineNumber++;
    while (true) {
      int end = pos;
      while (end < limit && buf[end] != '\n') {
        end++;
      }
      int n = end - pos;
      if ((long) lineLength + n > maxBytes) {
        throw errorAtLine(tooLong);
      }
      if (lineLength + n > line.length) {
        line = Arrays.copyOf(line, Math.max(lineLength + n, Math.min(maxBytes, 2 * line.length)));
      }
      System.arraycopy(buf, pos, line, lineLength, n);
      lineLength += n;
      if (end < limit) {
        pos = end + 1;
        dropByteOrderMark();
        return true;
      }
      pos = limit;
      if (!fill()) {
        dropByteOrderMark();
        return true;
      }
    }
  }

  private void dropByteOrderMark() {
    if (lineStart == 0 && lineLength >= 3 && line[0] == (byte) 0xEF && line[1] == (byte) 0xBB
        && line[2] == (byte) 0xBF) {
      System.arraycopy(line, 3, line, 0, lineLength - 3);
      lineLength -= 3;
    }
  }

  /** Returns the buffer holding the last line read; valid up to {@link #lineLength()}. */
  byte[] lineBytes() {
    return line;
  }

  /** Returns the length of the last line read, without its {@code '\n'}. */
  int lineLength() {
    return lineLength;
  }

  /** Returns the 1-based number of the last line read. */
  long lineNumber() {
    return lineNumber;
  }

  /** Returns the byte offset where the last line read starts. */
  long lineStart() {
    return lineStart;
  }

  /** An error at a byte offset. */
  EmbeddingFormatException errorAt(long offset, String problem) {
    return error("byte " + offset, problem, null);
  }

  /** An error on the last line read. */
  EmbeddingFormatException errorAtLine(String problem) {
    return error("line " + lineNumber, problem, null);
  }

  /** An error at a location described by the caller. */
  EmbeddingFormatException error(String location, String problem, Throwable cause) {
    return new EmbeddingFormatException(file, label == null ? location : label + " " + location, problem + hint,
        cause);
  }

  /**
   * Adds words to every later error, for a reader that has seen signs of another format (the error itself may
   * only come later, somewhere the sign is no longer visible).
   *
   * @param text appended to the problem of each later error, e.g. {@code "; is this word2vec text? ..."}
   */
  void hint(String text) {
    hint = text;
  }

  private boolean fill() throws IOException {
    bufferStart += limit;
    pos = 0;
    limit = 0;
    int n;
    do {
      n = in.read(buf, 0, buf.length);
    } while (n == 0);
    if (n < 0) {
      return false;
    }
    limit = n;
    return true;
  }

  @Override
  public void close() throws IOException {
    if (owned) {
      in.close();
    }
  }
}
