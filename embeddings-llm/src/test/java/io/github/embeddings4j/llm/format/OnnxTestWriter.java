package io.github.embeddings4j.llm.format;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Writes minimal ONNX protobuf messages for tests with {@link CodedOutputStream}, field by field. */
public final class OnnxTestWriter {
  private OnnxTestWriter() {}

  /** Something that writes fields. */
  public interface Fields {
    void write(CodedOutputStream out) throws IOException;
  }

  public static byte[] message(Fields fields) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      CodedOutputStream out = CodedOutputStream.newInstance(bytes);
      fields.write(out);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A ModelProto: ir_version, producer_name, the graph, an opset_import. */
  public static byte[] model(byte[] graph) {
    return message(out -> {
      out.writeInt64(1, 8);
      out.writeString(2, "embeddings4j-test");
      out.writeByteArray(7, graph);
      out.writeByteArray(8, message(o -> o.writeInt64(2, 17)));
    });
  }

  /** A GraphProto: a node (skipped by the reader), the initializers, a name. */
  public static byte[] graph(byte[]... initializers) {
    return message(out -> {
      out.writeByteArray(1, message(o -> {
        o.writeString(1, "input_ids");
        o.writeString(4, "Gather");
      }));
      out.writeString(2, "main_graph");
      for (byte[] i : initializers) {
        out.writeByteArray(5, i);
      }
    });
  }

  /** A TensorProto with raw_data; dims written packed or as one field each. */
  public static byte[] tensor(String name, int dataType, long[] dims, byte[] raw, boolean packedDims) {
    return message(out -> {
      dims(out, dims, packedDims);
      out.writeInt32(2, dataType);
      out.writeString(8, name);
      out.writeByteArray(9, raw);
    });
  }

  /** A FLOAT TensorProto with float_data: packed in {@code chunks} runs, or one fixed32 field per value. */
  public static byte[] floatTensor(String name, long[] dims, float[] values, int chunks, boolean packed) {
    return message(out -> {
      out.writeString(8, name);
      dims(out, dims, false);
      out.writeInt32(2, OnnxInitializers.FLOAT);
      if (!packed) {
        for (float v : values) {
          out.writeFloat(4, v);
        }
        return;
      }
      int per = (values.length + chunks - 1) / chunks;
      for (int s = 0; s < values.length; s += per) {
        int start = s;
        int end = Math.min(values.length, s + per);
        byte[] run = message(o -> {
          for (int i = start; i < end; i++) {
            o.writeFloatNoTag(values[i]);
          }
        });
        out.writeByteArray(4, run);
      }
    });
  }

  /** A tensor whose data lives in another file. */
  /** A tensor whose data is in another file; a negative {@code length} writes no length entry. */
  public static byte[] externalTensor(String name, int dataType, long[] dims, String location, long offset, long length) {
    return message(out -> {
      out.writeString(8, name);
      dims(out, dims, true);
      out.writeInt32(2, dataType);
      out.writeByteArray(13, entry("location", location));
      out.writeByteArray(13, entry("offset", Long.toString(offset)));
      if (length >= 0) {
        out.writeByteArray(13, entry("length", Long.toString(length)));
      }
      out.writeEnum(14, 1);
    });
  }

  private static byte[] entry(String key, String value) {
    return message(o -> {
      o.writeString(1, key);
      o.writeString(2, value);
    });
  }

  private static void dims(CodedOutputStream out, long[] dims, boolean packed) throws IOException {
    if (!packed) {
      for (long d : dims) {
        out.writeInt64(1, d);
      }
      return;
    }
    byte[] run = message(o -> {
      for (long d : dims) {
        o.writeInt64NoTag(d);
      }
    });
    out.writeByteArray(1, run);
  }
}
