package io.github.embeddings4j.llm.format;

import io.github.embeddings4j.internal.util.Half;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Writes GGUF files for tests, following the layout documented on {@link GgufFile}, byte by byte. */
public final class GgufTestWriter {
  int version = 3;
  /** When positive, written as the uint32 {@code general.alignment} and used to pad; else 32. */
  int alignment;
  private final List<byte[]> kvs = new ArrayList<>();
  private final List<Object[]> tensors = new ArrayList<>();

  /** A metadata entry with an already-encoded value (type id + value bytes). */
  public GgufTestWriter kv(String key, int type, byte[] value) {
    Out o = new Out();
    o.string(key).u32(type).bytes(value);
    kvs.add(o.toByteArray());
    return this;
  }

  public GgufTestWriter kvString(String key, String value) {
    return kv(key, 8, new Out().string(value).toByteArray());
  }

  public GgufTestWriter kvStrings(String key, List<String> values) {
    Out o = new Out().u32(8).u64(values.size());
    for (String s : values) {
      o.string(s);
    }
    return kv(key, 9, o.toByteArray());
  }

  public GgufTestWriter tensor(String name, int type, long[] dims, byte[] data) {
    tensors.add(new Object[] {name, type, dims, data});
    return this;
  }

  public byte[] build() {
    int align = alignment > 0 ? alignment : 32;
    Out o = new Out();
    o.u32(GgufFile.MAGIC).u32(version).u64(tensors.size()).u64(kvs.size() + (alignment > 0 ? 1 : 0));
    if (alignment > 0) {
      o.string(GgufFile.ALIGNMENT_KEY).u32(4).u32(alignment);
    }
    for (byte[] kv : kvs) {
      o.bytes(kv);
    }
    long offset = 0;
    List<Long> offsets = new ArrayList<>();
    for (Object[] t : tensors) {
      long[] dims = (long[]) t[2];
      o.string((String) t[0]).u32(dims.length);
      for (long d : dims) {
        o.u64(d);
      }
      o.u32((Integer) t[1]).u64(offset);
      offsets.add(offset);
      offset = pad(offset + ((byte[]) t[3]).length, align);
    }
    o.bytes(new byte[(int) (pad(o.size(), align) - o.size())]);
    for (int i = 0; i < tensors.size(); i++) {
      byte[] data = (byte[]) tensors.get(i)[3];
      o.bytes(data);
      if (i + 1 < tensors.size()) {
        o.bytes(new byte[(int) (offsets.get(i + 1) - offsets.get(i) - data.length)]);
      }
    }
    return o.toByteArray();
  }

  public static long pad(long n, int align) {
    return (n + align - 1) / align * align;
  }

  // ---- tensor data encoders ----

  public static byte[] f32(float[][] rows) {
    ByteBuffer b = le(rows.length * rows[0].length * 4);
    for (float[] r : rows) {
      for (float v : r) {
        b.putFloat(v);
      }
    }
    return b.array();
  }

  public static byte[] half(short[][] rows) {
    ByteBuffer b = le(rows.length * rows[0].length * 2);
    for (short[] r : rows) {
      for (short v : r) {
        b.putShort(v);
      }
    }
    return b.array();
  }

  /** Quantizes like ggml's quantize_row_q8_0: scale = max|x| / 127 stored as float16, q = round(x / scale). */
  public static byte[] q8(float[][] rows) {
    int dim = rows[0].length;
    ByteBuffer b = le(rows.length * dim / 32 * 34);
    for (float[] r : rows) {
      for (int i = 0; i < dim; i += 32) {
        float amax = 0;
        for (int j = 0; j < 32; j++) {
          amax = Math.max(amax, Math.abs(r[i + j]));
        }
        float d = amax / 127f;
        float id = d == 0 ? 0 : 1 / d;
        b.putShort(Half.floatToF16(d));
        for (int j = 0; j < 32; j++) {
          b.put((byte) Math.round(r[i + j] * id));
        }
      }
    }
    return b.array();
  }

  /** What a Q8_0 reader must return for {@link #q8(float[][])}'s bytes. */
  public static float[][] q8Decoded(byte[] bytes, int rows, int dim) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    float[][] out = new float[rows][dim];
    for (int r = 0; r < rows; r++) {
      for (int i = 0; i < dim; i += 32) {
        float d = Half.f16ToFloat(b.getShort());
        for (int j = 0; j < 32; j++) {
          out[r][i + j] = d * b.get();
        }
      }
    }
    return out;
  }

  public static ByteBuffer le(int n) {
    return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Little-endian byte sink. */
  public static final class Out extends ByteArrayOutputStream {
    Out u8(int v) {
      write(v);
      return this;
    }

    Out u16(int v) {
      return u8(v & 0xFF).u8((v >>> 8) & 0xFF);
    }

    Out u32(int v) {
      return u16(v & 0xFFFF).u16(v >>> 16);
    }

    Out u64(long v) {
      return u32((int) v).u32((int) (v >>> 32));
    }

    Out string(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      return u64(b.length).bytes(b);
    }

    Out bytes(byte[] b) {
      write(b, 0, b.length);
      return this;
    }
  }
}
