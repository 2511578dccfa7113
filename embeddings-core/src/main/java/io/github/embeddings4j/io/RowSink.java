package io.github.embeddings4j.io;

import io.github.embeddings4j.DType;
import io.github.embeddings4j.VectorTable;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the rows of a file into a {@link VectorTable} without trusting the file's claims. When the expected
 * row count has been checked against the file size, rows go straight into a builder of that size; otherwise
 * (streams, or files without a count) they go into fixed-size blocks that grow with the rows actually read and
 * are copied into the table at the end, so a lying header can never allocate more than the data present.
 */
final class RowSink {
  /** Values a stream's header may claim up front without proof (64 MiB of float32). */
  static final long UNPROVEN_VALUES = 1L << 24;
  private static final int BLOCK_VALUES = 1 << 20;

  private final DType dtype;
  private final int dimension;
  private final int expectedRows;
  private final VectorTable.Builder direct;
  private final int blockRows;
  private final List<Object> blocks = new ArrayList<>();
  private int rows;

  /**
   * @param expectedRows the number of rows the input will hold, or -1 when unknown
   * @param trusted whether {@code expectedRows × dimension} values may be allocated now (checked against the
   *     file size by the caller)
   */
  RowSink(DType dtype, int dimension, int expectedRows, boolean trusted) {
    this.dtype = dtype;
    this.dimension = dimension;
    this.expectedRows = expectedRows;
    boolean allocate = expectedRows >= 0 && (trusted || (long) expectedRows * dimension <= UNPROVEN_VALUES);
    this.direct = allocate ? VectorTable.builder(dtype, expectedRows, dimension) : null;
    this.blockRows = Math.max(1, BLOCK_VALUES / dimension);
  }

  /** Returns the rows added so far. */
  int rows() {
    return rows;
  }

  /** Returns how many rows {@link #addRows} or {@link #addBits} should take at once to fill whole blocks. */
  int batchRows() {
    return direct != null ? blockRows : blockRows - rows % blockRows;
  }

  /**
   * Appends one float32 row.
   *
   * @throws IllegalArgumentException if a value is not finite or more rows arrive than expected
   */
  void add(float[] row) {
    addRows(FloatBuffer.wrap(row, 0, dimension), 1);
  }

  /**
   * Appends rows of float32 values from a buffer, advancing it; the sink must be float32.
   *
   * @throws IllegalArgumentException if a value is not finite or more rows arrive than expected
   */
  void addRows(FloatBuffer values, int n) {
    checkCount(n);
    if (direct != null) {
      direct.set(rows, n, values);
      rows += n;
      return;
    }
    append(n, (block, off, len) -> {
      float[] dst = (float[]) block;
      values.get(dst, off, len);
      for (int i = off; i < off + len; i++) {
        if (!Float.isFinite(dst[i])) {
          return i - off;
        }
      }
      return -1;
    });
  }

  /**
   * Appends half-precision rows of raw patterns from a buffer, advancing it; the sink must be BF16 or F16.
   *
   * @throws IllegalArgumentException if a pattern is not finite or more rows arrive than expected
   */
  void addBits(ShortBuffer bits, int n) {
    checkCount(n);
    if (direct != null) {
      direct.setBits(rows, n, bits);
      rows += n;
      return;
    }
    int expMask = dtype == DType.BF16 ? 0x7F80 : 0x7C00;
    append(n, (block, off, len) -> {
      short[] dst = (short[]) block;
      bits.get(dst, off, len);
      for (int i = off; i < off + len; i++) {
        if ((dst[i] & expMask) == expMask) {
          return i - off;
        }
      }
      return -1;
    });
  }

  /** Copies values into a block and returns the index (from {@code off}) of the first non-finite one, or -1. */
  @FunctionalInterface
  private interface Segment {
    int fill(Object block, int off, int len);
  }

  private void append(int n, Segment segment) {
    int done = 0;
    while (done < n) {
      int inBlock = rows % blockRows;
      if (inBlock == 0) {
        blocks.add(dtype == DType.F32 ? new float[blockRows * dimension] : new short[blockRows * dimension]);
      }
      int k = Math.min(n - done, blockRows - inBlock);
      // Validate now, not at build time, so the error comes while the reader still knows where it is.
      int bad = segment.fill(blocks.get(blocks.size() - 1), inBlock * dimension, k * dimension);
      if (bad >= 0) {
        throw new IllegalArgumentException("row " + (rows + bad / dimension) + " has a non-finite " + dtype
            + " value at column " + bad % dimension);
      }
      done += k;
      rows += k;
    }
  }

  private void checkCount(int n) {
    if (expectedRows >= 0 && (long) rows + n > expectedRows) {
      throw new IllegalArgumentException("more rows than the expected " + expectedRows);
    }
  }

  /** Returns the table of the rows added; with an expected count, exactly that many must have been added. */
  VectorTable build() {
    if (direct != null) {
      if (rows != expectedRows) {
        throw new IllegalStateException("added " + rows + " rows, expected " + expectedRows);
      }
      return direct.build();
    }
    VectorTable.Builder b = VectorTable.builder(dtype, rows, dimension);
    int done = 0;
    for (int i = 0; done < rows; i++) {
      int n = Math.min(blockRows, rows - done);
      if (dtype == DType.F32) {
        b.set(done, n, FloatBuffer.wrap((float[]) blocks.get(i)));
      } else {
        b.setBits(done, n, ShortBuffer.wrap((short[]) blocks.get(i)));
      }
      blocks.set(i, null);
      done += n;
    }
    return b.build();
  }
}
