package io.github.embeddings4j.llm.format;

import io.github.embeddings4j.DType;
import io.github.embeddings4j.EmbeddingFormatException;
import io.github.embeddings4j.VectorTable;
import io.github.embeddings4j.internal.simd.Kernels;
import io.github.embeddings4j.internal.util.Half;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.List;

/**
 * Reads a row-major table of a model file (ONNX initializer, GGUF tensor) into a {@link VectorTable}, a bounded
 * chunk of rows at a time straight from the mapped window: float32 and same-type half precision go through the
 * builder's bulk buffer methods; conversions and Q8_0 decode through one reused float buffer.
 */
final class TableReader {
  /** How the values are encoded in the file. */
  enum Encoding {
    /** IEEE float32, little-endian. */
    F32,
    /** IEEE float16, little-endian. */
    F16,
    /** bfloat16, little-endian. */
    BF16,
    /** GGML Q8_0: blocks of 32 values, a float16 scale then 32 signed bytes; value = scale × byte. */
    Q8_0;

    /** Q8_0 block: values per block and bytes per block. */
    static final int Q8_0_BLOCK = 32;
    static final int Q8_0_BLOCK_BYTES = 2 + Q8_0_BLOCK;

    /** Returns the bytes of {@code count} values, or -1 when count is not a whole number of Q8_0 blocks. */
    long bytes(long count) {
      switch (this) {
        case F32:
          return Math.multiplyExact(count, 4L);
        case F16:
        case BF16:
          return Math.multiplyExact(count, 2L);
        case Q8_0:
          return count % Q8_0_BLOCK != 0 ? -1 : Math.multiplyExact(count / Q8_0_BLOCK, (long) Q8_0_BLOCK_BYTES);
        default:
          throw new AssertionError(this);
      }
    }

    /** Returns the storage a table keeps by default: half precision stays half, Q8_0 is decoded to float32. */
    DType naturalStorage() {
      switch (this) {
        case F16:
          return DType.F16;
        case BF16:
          return DType.BF16;
        default:
          return DType.F32;
      }
    }
  }

  /** Bytes read per step: bounds the temporary buffers, whatever the table's size. */
  private static final int STEP_BYTES = 1 << 24;

  private TableReader() {}

  /** Returns the product of dimensions that the readers checked not to overflow. */
  static long elements(List<Long> dims) {
    long n = 1;
    for (long d : dims) {
      n *= d;
    }
    return n;
  }

  /**
   * Reads {@code rows × dimension} values at {@code offset}; the caller has checked that the bytes are in the
   * file.
   */
  static VectorTable read(MappedWindows file, long offset, Encoding encoding, int rows, int dimension,
      DType storage, String location) throws IOException {
    long rowBytesLong = encoding.bytes(dimension);
    if (rowBytesLong < 0 || rowBytesLong > Integer.MAX_VALUE) {
      throw new EmbeddingFormatException(file.path(), location, "a row of " + dimension + " " + encoding
          + " values cannot be read (" + (rowBytesLong < 0 ? "not a whole number of blocks" : "too large") + ")");
    }
    int rowBytes = (int) rowBytesLong;
    VectorTable.Builder b = VectorTable.builder(storage, rows, dimension);
    if (rows == 0) {
      // No buffers: a row of a table without rows may claim any size (found by fuzzing: a 0 x 2^30 Q8_0 tensor).
      return b.build();
    }
    int step = Math.max(1, Math.min(rows, STEP_BYTES / Math.max(1, rowBytes)));
    boolean half = encoding == Encoding.F16 || encoding == Encoding.BF16;
    boolean direct = encoding == Encoding.F32 || half && encoding.naturalStorage() == storage;
    float[] tmp = direct ? null : new float[Math.multiplyExact(step, dimension)];
    short[] bits = half && !direct ? new short[tmp.length] : null;
    try {
      for (int r = 0; r < rows; r += step) {
        int n = Math.min(step, rows - r);
        ByteBuffer bytes = file.bytes(offset + (long) r * rowBytes, Math.multiplyExact(n, rowBytes));
        if (encoding == Encoding.F32) {
          b.set(r, n, bytes.asFloatBuffer());
        } else if (direct) {
          b.setBits(r, n, bytes.asShortBuffer());
        } else if (encoding == Encoding.Q8_0) {
          decodeQ8(bytes, n * dimension, tmp);
          b.set(r, n, FloatBuffer.wrap(tmp, 0, n * dimension));
        } else {
          bytes.asShortBuffer().get(bits, 0, n * dimension);
          Kernels.get().decodeHalf(encoding == Encoding.BF16, bits, 0, tmp, 0, n * dimension);
          b.set(r, n, FloatBuffer.wrap(tmp, 0, n * dimension));
        }
      }
    } catch (IllegalArgumentException e) {
      throw new EmbeddingFormatException(file.path(), location, e.getMessage(), e);
    }
    return b.build();
  }

  private static void decodeQ8(ByteBuffer src, int count, float[] dst) {
    int p = 0;
    for (int i = 0; i < count; i += Encoding.Q8_0_BLOCK) {
      float scale = Half.f16ToFloat(src.getShort(p));
      p += 2;
      for (int j = 0; j < Encoding.Q8_0_BLOCK; j++) {
        dst[i + j] = scale * src.get(p + j);
      }
      p += Encoding.Q8_0_BLOCK;
    }
  }
}
