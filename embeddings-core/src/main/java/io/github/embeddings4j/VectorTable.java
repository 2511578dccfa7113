package io.github.embeddings4j;

import io.github.embeddings4j.internal.simd.Kernels;
import io.github.embeddings4j.internal.simd.VectorKernels;
import io.github.embeddings4j.internal.util.Half;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * An immutable table of {@code rows()} vectors of {@code dimension()} values, row-major, stored as float32,
 * bfloat16 or float16 ({@link #dtype()}). Half-precision tables stay half precision in memory and are decoded on
 * the fly by the search kernels.
 *
 * <p>Storage is split in chunks of whole rows so that no single Java array passes 2<sup>31</sup> elements: a
 * 151,936 × 1,536 table, or a larger one, works. The Euclidean norm of every row is computed once when the
 * table is built, so cosine similarity costs one dot product and a multiply; a table with a NaN or infinite
 * value cannot be built.
 *
 * <p>Instances are immutable and safe for use by many threads.
 *
 * <pre>{@code
 * VectorTable table = VectorTable.of(new float[][] {{1, 0}, {0.6f, 0.8f}});
 * float[] row = table.row(1); // a copy
 * }</pre>
 */
public final class VectorTable {
  /** Tables with at least this many values compute their row norms in parallel. */
  private static final long PARALLEL_NORMS_VALUES = 1L << 22;
  /** Bulk copies of at least this many values copy and check on all cores. */
  private static final int PARALLEL_COPY_VALUES = 1 << 22;

  /** Largest number of values in one storage chunk (2^28: 1 GiB of float32). */
  static final int DEFAULT_MAX_CHUNK_VALUES = 1 << 28;

  private final DType dtype;
  private final int rows;
  private final int dimension;
  private final int rowsPerChunk;
  private final float[][] floatChunks;
  private final short[][] halfChunks;
  private final float[] norms;

  private VectorTable(Builder b) {
    this.dtype = b.dtype;
    this.rows = b.rows;
    this.dimension = b.dimension;
    this.rowsPerChunk = b.rowsPerChunk;
    this.floatChunks = b.floatChunks;
    this.halfChunks = b.halfChunks;
    this.norms = new float[rows];
    // A large table (a language model's: 151,936 x 1,536) computes its norms in row slices on all cores; each
    // norm is the same sequential computation whichever thread does it.
    long values = (long) rows * dimension;
    int slices = values < PARALLEL_NORMS_VALUES ? 1
        : Math.min(rows, 4 * Runtime.getRuntime().availableProcessors());
    if (slices == 1) {
      computeNorms(0, rows);
    } else {
      IntStream.range(0, slices).parallel()
          .forEach(s -> computeNorms((int) ((long) rows * s / slices), (int) ((long) rows * (s + 1) / slices)));
    }
  }

  private void computeNorms(int from, int to) {
    VectorKernels k = Kernels.get();
    float[] tmp = dtype == DType.F32 ? null : new float[dimension];
    for (int r = from; r < to; r++) {
      float sq;
      if (dtype == DType.F32) {
        sq = k.dot(floatChunks[r / rowsPerChunk], offset(r), floatChunks[r / rowsPerChunk], offset(r), dimension);
      } else {
        row(r, tmp);
        sq = k.dot(tmp, 0, tmp, 0, dimension);
      }
      norms[r] = (float) Math.sqrt(sq);
    }
  }

  /**
   * Builds a float32 table from rows (copied).
   *
   * @param rows the vectors, all of one length
   * @return the table
   * @throws IllegalArgumentException if rows differ in length, there is no row, or a value is NaN or infinite
   */
  public static VectorTable of(float[][] rows) {
    if (rows.length == 0) {
      throw new IllegalArgumentException("no rows: the dimension is unknown (use builder(dtype, 0, dim))");
    }
    Builder b = builder(DType.F32, rows.length, rows[0].length);
    for (int i = 0; i < rows.length; i++) {
      b.set(i, rows[i]);
    }
    return b.build();
  }

  /**
   * Starts a table of the given shape; every row is zero until set.
   *
   * @param dtype how to store the values
   * @param rows the number of rows, at least 0
   * @param dimension the length of every row, at least 1
   * @return a builder
   * @throws IllegalArgumentException if the shape is invalid
   */
  public static Builder builder(DType dtype, int rows, int dimension) {
    return new Builder(dtype, rows, dimension, DEFAULT_MAX_CHUNK_VALUES);
  }

  /** Same as {@link #builder(DType, int, int)} with a chosen chunk size, for tests of chunking. */
  static Builder builder(DType dtype, int rows, int dimension, int maxChunkValues) {
    return new Builder(dtype, rows, dimension, maxChunkValues);
  }

  /**
   * Returns how the values are stored.
   *
   * @return the storage type
   */
  public DType dtype() {
    return dtype;
  }

  /**
   * Returns the number of rows.
   *
   * @return the number of rows
   */
  public int rows() {
    return rows;
  }

  /**
   * Returns the length of every row.
   *
   * @return the dimension
   */
  public int dimension() {
    return dimension;
  }

  /**
   * Returns the bytes the values occupy in memory (not counting norms and object headers).
   *
   * @return rows × dimension × bytes per value
   */
  public long sizeInBytes() {
    return (long) rows * dimension * dtype.bytes();
  }

  /**
   * Copies a row into {@code into}, decoding half precision to float32.
   *
   * @param row the row, in {@code [0, rows())}
   * @param into an array of at least {@link #dimension()} values
   * @return {@code into}
   * @throws IndexOutOfBoundsException if the row is out of range
   * @throws IllegalArgumentException if {@code into} is too short
   */
  public float[] row(int row, float[] into) {
    Objects.checkIndex(row, rows);
    if (into.length < dimension) {
      throw new IllegalArgumentException("destination too short: " + into.length + " < " + dimension);
    }
    if (dtype == DType.F32) {
      System.arraycopy(floatChunks[row / rowsPerChunk], offset(row), into, 0, dimension);
    } else {
      decodeRows(Kernels.get(), row, 1, into);
    }
    return into;
  }

  /**
   * Returns a copy of a row as float32.
   *
   * @param row the row, in {@code [0, rows())}
   * @return a new array of {@link #dimension()} values
   * @throws IndexOutOfBoundsException if the row is out of range
   */
  public float[] row(int row) {
    return row(row, new float[dimension]);
  }

  /**
   * Copies the raw 16-bit patterns of a half-precision row (bfloat16 or float16, as {@link #dtype()}), without
   * decoding: what a file writer needs to keep half precision bit for bit.
   *
   * <pre>{@code
   * short[] bits = table.rowBits(0, new short[table.dimension()], 0);
   * }</pre>
   *
   * @param row the row, in {@code [0, rows())}
   * @param into the destination
   * @param offset where the row goes in {@code into}
   * @return {@code into}
   * @throws IllegalStateException if the table is float32
   * @throws IndexOutOfBoundsException if the row or the destination range is out of range
   */
  public short[] rowBits(int row, short[] into, int offset) {
    if (dtype == DType.F32) {
      throw new IllegalStateException("rowBits needs a BF16 or F16 table, this one is F32");
    }
    Objects.checkIndex(row, rows);
    Objects.checkFromIndexSize(offset, dimension, into.length);
    System.arraycopy(halfChunks[row / rowsPerChunk], offset(row), into, offset, dimension);
    return into;
  }

  /**
   * Returns the Euclidean norm of a row, computed once when the table was built.
   *
   * @param row the row, in {@code [0, rows())}
   * @return its L2 norm
   * @throws IndexOutOfBoundsException if the row is out of range
   */
  public float norm(int row) {
    Objects.checkIndex(row, rows);
    return norms[row];
  }

  /**
   * Returns the dot product of a query with a row.
   *
   * @param query a vector of {@link #dimension()} values
   * @param row the row, in {@code [0, rows())}
   * @return the dot product
   * @throws IndexOutOfBoundsException if the row is out of range
   * @throws IllegalArgumentException if the query has another dimension
   */
  public float dot(float[] query, int row) {
    Objects.checkIndex(row, rows);
    checkDimension(query.length);
    return dotUnchecked(Kernels.get(), query, row);
  }

  /** Returns a new table holding the first {@code n} rows (shares nothing with this one). */
  VectorTable prefix(int n) {
    int m = Math.min(Math.max(n, 0), rows);
    Builder b = builder(dtype, m, dimension);
    float[] tmp = new float[dimension];
    for (int r = 0; r < m; r++) {
      if (dtype == DType.F32) {
        b.set(r, row(r, tmp));
      } else {
        int off = offset(r);
        System.arraycopy(halfChunks[r / rowsPerChunk], off, b.halfChunks[r / b.rowsPerChunk], b.offset(r), dimension);
      }
    }
    return b.build();
  }

  void checkDimension(int length) {
    if (length != dimension) {
      throw new IllegalArgumentException("vector dimensions differ: " + length + " != " + dimension);
    }
  }

  // ---- raw access for the search code in this package; no checks: callers validated the arguments ----

  float dotUnchecked(VectorKernels k, float[] query, int row) {
    int chunk = row / rowsPerChunk;
    int off = offset(row);
    switch (dtype) {
      case F32:
        return k.dot(query, 0, floatChunks[chunk], off, dimension);
      case BF16:
        return k.dotHalf(true, query, 0, halfChunks[chunk], off, dimension);
      case F16:
        return k.dotHalf(false, query, 0, halfChunks[chunk], off, dimension);
      default:
        throw new AssertionError(dtype);
    }
  }

  float normUnchecked(int row) {
    return norms[row];
  }

  /** The row norms themselves, for loops over many rows; callers must not modify it. */
  float[] normsUnchecked() {
    return norms;
  }

  int rowsPerChunk() {
    return rowsPerChunk;
  }

  float[][] floatChunks() {
    return floatChunks;
  }

  short[][] halfChunks() {
    return halfChunks;
  }

  /** Decodes the half-precision rows {@code [firstRow, firstRow + count)}, all in one chunk, into {@code dst}. */
  void decodeRows(VectorKernels k, int firstRow, int count, float[] dst) {
    short[] chunk = halfChunks[firstRow / rowsPerChunk];
    int off = offset(firstRow);
    k.decodeHalf(dtype == DType.BF16, chunk, off, dst, 0, count * dimension);
  }

  /** Returns how many rows from {@code row} on share its storage chunk. */
  int rowsToChunkEnd(int row) {
    return Math.min(rows, (row / rowsPerChunk + 1) * rowsPerChunk) - row;
  }

  int offset(int row) {
    return (row % rowsPerChunk) * dimension;
  }

  @Override
  public String toString() {
    return "VectorTable[" + rows + " x " + dimension + " " + dtype + "]";
  }

  /**
   * Fills a table row by row; {@link #build()} checks every value and computes the row norms. Not thread-safe:
   * one builder belongs to one thread.
   */
  public static final class Builder {
    private final DType dtype;
    private final int rows;
    private final int dimension;
    private final int rowsPerChunk;
    private float[][] floatChunks;
    private short[][] halfChunks;

    private Builder(DType dtype, int rows, int dimension, int maxChunkValues) {
      this.dtype = Objects.requireNonNull(dtype, "dtype");
      if (rows < 0) {
        throw new IllegalArgumentException("rows must be >= 0: " + rows);
      }
      if (dimension < 1) {
        throw new IllegalArgumentException("dimension must be >= 1: " + dimension);
      }
      this.rows = rows;
      this.dimension = dimension;
      this.rowsPerChunk = Math.max(1, maxChunkValues / dimension);
      int chunks = rows == 0 ? 0 : (rows - 1) / rowsPerChunk + 1;
      if (dtype == DType.F32) {
        floatChunks = new float[chunks][];
        for (int c = 0; c < chunks; c++) {
          floatChunks[c] = new float[chunkRows(c) * dimension];
        }
      } else {
        halfChunks = new short[chunks][];
        for (int c = 0; c < chunks; c++) {
          halfChunks[c] = new short[chunkRows(c) * dimension];
        }
      }
    }

    private int chunkRows(int chunk) {
      return Math.min(rowsPerChunk, rows - chunk * rowsPerChunk);
    }

    private int offset(int row) {
      return (row % rowsPerChunk) * dimension;
    }

    private void checkRow(int row, int length) {
      if (floatChunks == null && halfChunks == null) {
        throw new IllegalStateException("builder already built");
      }
      Objects.checkIndex(row, rows);
      if (length != dimension) {
        throw new IllegalArgumentException("vector dimensions differ: " + length + " != " + dimension
            + " (row " + row + ")");
      }
    }

    /**
     * Sets a row from float32 values, rounding to the table's storage type.
     *
     * @param row the row, in {@code [0, rows)}
     * @param values exactly {@code dimension} finite values
     * @return this builder
     * @throws IllegalArgumentException if the length differs or a value is NaN or infinite (the message names
     *     the row and column)
     * @throws IndexOutOfBoundsException if the row is out of range
     */
    public Builder set(int row, float[] values) {
      checkRow(row, values.length);
      for (int i = 0; i < dimension; i++) {
        if (!Float.isFinite(values[i])) {
          throw new IllegalArgumentException("row " + row + " has a non-finite value " + values[i]
              + " at column " + i);
        }
      }
      int chunk = row / rowsPerChunk;
      int off = offset(row);
      switch (dtype) {
        case F32:
          System.arraycopy(values, 0, floatChunks[chunk], off, dimension);
          break;
        case BF16:
          for (int i = 0; i < dimension; i++) {
            short h = Half.floatToBf16(values[i]);
            // Floats within half a bf16 ulp of Float.MAX_VALUE round up to infinity.
            if ((h & 0x7F80) == 0x7F80) {
              throw new IllegalArgumentException("row " + row + " value " + values[i] + " at column " + i
                  + " overflows bfloat16");
            }
            halfChunks[chunk][off + i] = h;
          }
          break;
        case F16:
          for (int i = 0; i < dimension; i++) {
            short h = Half.floatToF16(values[i]);
            if ((h & 0x7C00) == 0x7C00) {
              throw new IllegalArgumentException("row " + row + " value " + values[i] + " at column " + i
                  + " overflows float16");
            }
            halfChunks[chunk][off + i] = h;
          }
          break;
        default:
          throw new AssertionError(dtype);
      }
      return this;
    }

    /**
     * Sets a half-precision row from raw 16-bit patterns (bfloat16 or float16, as the table's dtype), as read
     * from a model file.
     *
     * @param row the row, in {@code [0, rows)}
     * @param bits the patterns
     * @param offset where the row starts in {@code bits}
     * @return this builder
     * @throws IllegalArgumentException if the table is float32, or a pattern is NaN or infinite
     * @throws IndexOutOfBoundsException if the row or the source range is out of range
     */
    public Builder setBits(int row, short[] bits, int offset) {
      Objects.checkIndex(row, rows);
      Objects.checkFromIndexSize(offset, dimension, bits.length);
      return setBits(row, 1, ShortBuffer.wrap(bits, offset, dimension));
    }

    /**
     * Sets consecutive float32 rows in bulk from a buffer, for readers that load a whole file: float32 tables
     * copy chunk by chunk ({@link FloatBuffer#get(float[], int, int)}, a memory copy for a little-endian view of
     * a byte buffer), half-precision tables round each value. The buffer's position advances by
     * {@code rowCount × dimension}.
     *
     * <pre>{@code
     * FloatBuffer values = bytes.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
     * builder.set(0, rows, values);
     * }</pre>
     *
     * @param firstRow the first row to set
     * @param rowCount how many rows
     * @param values at least {@code rowCount × dimension} finite values, row-major, from its position
     * @return this builder
     * @throws IllegalArgumentException if the buffer holds too few values or a value is NaN, infinite or
     *     overflows the storage type (the message names row and column; the rows of that chunk are then zero)
     * @throws IndexOutOfBoundsException if the rows are out of range
     * @throws IllegalStateException if the builder was already built
     */
    public Builder set(int firstRow, int rowCount, FloatBuffer values) {
      checkRange(firstRow, rowCount, values.remaining());
      if (dtype != DType.F32) {
        float[] tmp = new float[dimension];
        for (int r = firstRow; r < firstRow + rowCount; r++) {
          values.get(tmp);
          set(r, tmp);
        }
        return this;
      }
      int r = firstRow;
      int end = firstRow + rowCount;
      while (r < end) {
        int chunk = r / rowsPerChunk;
        int n = Math.min(end - r, rowsPerChunk - r % rowsPerChunk);
        float[] dst = floatChunks[chunk];
        int off = offset(r);
        int len = n * dimension;
        // One vectorized pass (a value is NaN or infinite when all its exponent bits are set), on all cores for a
        // large range; only a bad chunk is scanned again to name the row and column.
        int pos = values.position();
        boolean finite = inParts(len, (a, n2) -> {
          values.get(pos + a, dst, off + a, n2);
          return Kernels.get().allFinite(dst, off + a, n2);
        });
        values.position(pos + len);
        if (!finite) {
          for (int i = off; i < off + len; i++) {
            if (!Float.isFinite(dst[i])) {
              float bad = dst[i];
              Arrays.fill(dst, off, off + len, 0f);
              throw new IllegalArgumentException("row " + (r + (i - off) / dimension) + " has a non-finite value "
                  + bad + " at column " + (i - off) % dimension);
            }
          }
        }
        r += n;
      }
      return this;
    }

    /**
     * Sets consecutive half-precision rows in bulk from raw 16-bit patterns (bfloat16 or float16, as the
     * table's dtype), chunk by chunk; the buffer's position advances by {@code rowCount × dimension}.
     *
     * <pre>{@code
     * ShortBuffer bits = bytes.order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
     * builder.setBits(0, rows, bits);
     * }</pre>
     *
     * @param firstRow the first row to set
     * @param rowCount how many rows
     * @param bits at least {@code rowCount × dimension} patterns, row-major, from its position
     * @return this builder
     * @throws IllegalArgumentException if the table is float32, the buffer holds too few patterns, or a pattern
     *     is NaN or infinite (the message names row and column; the rows of that chunk are then zero)
     * @throws IndexOutOfBoundsException if the rows are out of range
     * @throws IllegalStateException if the builder was already built
     */
    public Builder setBits(int firstRow, int rowCount, ShortBuffer bits) {
      if (dtype == DType.F32) {
        throw new IllegalArgumentException("setBits needs a BF16 or F16 table, this one is F32");
      }
      checkRange(firstRow, rowCount, bits.remaining());
      int expMask = dtype == DType.BF16 ? 0x7F80 : 0x7C00;
      int r = firstRow;
      int end = firstRow + rowCount;
      while (r < end) {
        int chunk = r / rowsPerChunk;
        int n = Math.min(end - r, rowsPerChunk - r % rowsPerChunk);
        short[] dst = halfChunks[chunk];
        int off = offset(r);
        int len = n * dimension;
        // A pattern is NaN or infinite when all its exponent bits are set: one vectorized pass (C2 does not
        // vectorize the scalar form, ~1 ns a value), copy and check on all cores for a large range; only a bad
        // chunk is scanned again.
        int pos = bits.position();
        boolean bf16 = dtype == DType.BF16;
        boolean finite = inParts(len, (a, n2) -> {
          bits.get(pos + a, dst, off + a, n2);
          return Kernels.get().allFiniteHalf(bf16, dst, off + a, n2);
        });
        bits.position(pos + len);
        if (!finite) {
          for (int i = off; i < off + len; i++) {
            if ((dst[i] & expMask) == expMask) {
              Arrays.fill(dst, off, off + len, (short) 0);
              throw new IllegalArgumentException("row " + (r + (i - off) / dimension) + " has a non-finite "
                  + dtype + " value at column " + (i - off) % dimension);
            }
          }
        }
        r += n;
      }
      return this;
    }

    /** One part of a bulk copy: copies and checks {@code count} values from {@code from}; returns all finite. */
    private interface Part {
      boolean run(int from, int count);
    }

    /**
     * Runs a bulk copy of {@code len} values in parts: one part below {@link #PARALLEL_COPY_VALUES}, else parts of
     * at least 2^20 values on all cores (the absolute bulk gets of a buffer do not move its position, so parts may
     * read one buffer at once). Every part runs, so a bad value is always copied where the rescan finds it.
     */
    private static boolean inParts(int len, Part part) {
      int parts = len < PARALLEL_COPY_VALUES ? 1
          : Math.min(4 * Runtime.getRuntime().availableProcessors(), len >> 20);
      if (parts <= 1) {
        return part.run(0, len);
      }
      return IntStream.range(0, parts).parallel().map(p -> {
        int a = (int) ((long) len * p / parts);
        int b = (int) ((long) len * (p + 1) / parts);
        return part.run(a, b - a) ? 1 : 0;
      }).min().getAsInt() == 1;
    }

    private void checkRange(int firstRow, int rowCount, int available) {
      if (floatChunks == null && halfChunks == null) {
        throw new IllegalStateException("builder already built");
      }
      Objects.checkFromIndexSize(firstRow, rowCount, rows);
      if ((long) rowCount * dimension > available) {
        throw new IllegalArgumentException("buffer holds " + available + " values, " + rowCount + " rows of "
            + dimension + " need " + (long) rowCount * dimension);
      }
    }

    /**
     * Returns the finished table; the builder cannot be used afterwards.
     *
     * @return the table
     * @throws IllegalStateException if called twice
     */
    public VectorTable build() {
      if (floatChunks == null && halfChunks == null) {
        throw new IllegalStateException("builder already built");
      }
      VectorTable t = new VectorTable(this);
      floatChunks = null;
      halfChunks = null;
      return t;
    }
  }
}
