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
  private final List<float[]> floatBlocks = new ArrayList<>();
  private final List<short[]> halfBlocks = new ArrayList<>();
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
    int done = 0;
    while (done < n) {
      int inBlock = rows % blockRows;
      if (inBlock == 0) {
        floatBlocks.add(new float[blockRows * dimension]);
      }
      float[] block = floatBlocks.get(floatBlocks.size() - 1);
      int k = Math.min(n - done, blockRows - inBlock);
      int off = inBlock * dimension;
      values.get(block, off, k * dimension);
      // Validate now, not at build time, so the error comes while the reader still knows where it is.
      for (int i = off; i < off + k * dimension; i++) {
        if (!Float.isFinite(block[i])) {
          throw new IllegalArgumentException("row " + (rows + (i - off) / dimension) + " has a non-finite value "
              + block[i] + " at column " + (i - off) % dimension);
        }
      }
      done += k;
      rows += k;
    }
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
    int done = 0;
    while (done < n) {
      int inBlock = rows % blockRows;
      if (inBlock == 0) {
        halfBlocks.add(new short[blockRows * dimension]);
      }
      short[] block = halfBlocks.get(halfBlocks.size() - 1);
      int k = Math.min(n - done, blockRows - inBlock);
      int off = inBlock * dimension;
      bits.get(block, off, k * dimension);
      for (int i = off; i < off + k * dimension; i++) {
        if ((block[i] & expMask) == expMask) {
          throw new IllegalArgumentException("row " + (rows + (i - off) / dimension) + " has a non-finite "
              + dtype + " value at column " + (i - off) % dimension);
        }
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
        b.set(done, n, FloatBuffer.wrap(floatBlocks.get(i)));
        floatBlocks.set(i, null);
      } else {
        b.setBits(done, n, ShortBuffer.wrap(halfBlocks.get(i)));
        halfBlocks.set(i, null);
      }
      done += n;
    }
    return b.build();
  }
}
