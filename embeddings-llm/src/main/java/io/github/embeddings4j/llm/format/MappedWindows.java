package io.github.embeddings4j.llm.format;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A read-only file seen through one memory-mapped window at a time, so that files larger than 2 GB (the limit of
 * one {@link MappedByteBuffer}) can be read at any 64-bit offset. The window moves when a read falls outside it.
 * Byte order is little-endian. Not thread-safe; callers check bounds against {@link #size()} first (the methods
 * here trust them, the way a kernel trusts its facade).
 */
final class MappedWindows implements Closeable {
  /** Default window: 1 GiB, well under the 2 GiB limit of one mapping. */
  static final int DEFAULT_WINDOW = 1 << 30;

  private final Path path;
  private final int windowSize;
  private FileChannel channel;
  private final long size;
  private ByteBuffer window;
  private long windowStart;

  MappedWindows(Path path, int windowSize) throws IOException {
    if (windowSize < 16) {
      throw new IllegalArgumentException("window must be at least 16 bytes: " + windowSize);
    }
    this.path = path;
    this.windowSize = windowSize;
    this.channel = FileChannel.open(path, StandardOpenOption.READ);
    this.size = channel.size();
  }

  Path path() {
    return path;
  }

  long size() {
    return size;
  }

  int windowSize() {
    return windowSize;
  }

  /**
   * Returns a little-endian buffer whose positions 0..len-1 are the file's bytes {@code [pos, pos + len)}: a slice
   * of the mapped window when the range fits in one, else a heap copy.
   */
  ByteBuffer bytes(long pos, int len) throws IOException {
    if (len <= windowSize) {
      ensure(pos, len);
      int off = (int) (pos - windowStart);
      return window.duplicate().position(off).limit(off + len).slice().order(ByteOrder.LITTLE_ENDIAN);
    }
    byte[] copy = new byte[len];
    read(pos, copy, 0, len);
    return ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Copies {@code [pos, pos + len)} into {@code dst}, window by window. */
  void read(long pos, byte[] dst, int off, int len) throws IOException {
    while (len > 0) {
      int n = Math.min(len, windowSize);
      ensure(pos, n);
      window.get((int) (pos - windowStart), dst, off, n);
      pos += n;
      off += n;
      len -= n;
    }
  }

  byte get(long pos) throws IOException {
    ensure(pos, 1);
    return window.get((int) (pos - windowStart));
  }

  short getShort(long pos) throws IOException {
    ensure(pos, 2);
    return window.getShort((int) (pos - windowStart));
  }

  int getInt(long pos) throws IOException {
    ensure(pos, 4);
    return window.getInt((int) (pos - windowStart));
  }

  long getLong(long pos) throws IOException {
    ensure(pos, 8);
    return window.getLong((int) (pos - windowStart));
  }

  private void ensure(long pos, int len) throws IOException {
    if (channel == null) {
      throw new IllegalStateException("closed: " + path);
    }
    if (window != null && pos >= windowStart && pos + len <= windowStart + window.limit()) {
      return;
    }
    if (pos < 0 || pos + len > size) {
      throw new IndexOutOfBoundsException("bytes [" + pos + ", " + (pos + len) + ") outside " + path + " of "
          + size + " bytes");
    }
    // Start the new window at the read, or earlier when the file ends first, so it is as full as it can be.
    long start = Math.max(0, Math.min(pos, size - windowSize));
    long length = Math.min(windowSize, size - start);
    window = channel.map(FileChannel.MapMode.READ_ONLY, start, length).order(ByteOrder.LITTLE_ENDIAN);
    windowStart = start;
  }

  boolean isClosed() {
    return channel == null;
  }

  @Override
  public void close() throws IOException {
    FileChannel c = channel;
    channel = null;
    window = null;
    if (c != null) {
      c.close();
    }
  }
}
