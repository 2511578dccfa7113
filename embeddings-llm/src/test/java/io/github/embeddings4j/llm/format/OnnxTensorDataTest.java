package io.github.embeddings4j.llm.format;

import static io.github.embeddings4j.llm.format.OnnxTestWriter.graph;
import static io.github.embeddings4j.llm.format.OnnxTestWriter.message;
import static io.github.embeddings4j.llm.format.OnnxTestWriter.model;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.embeddings4j.EmbeddingFormatException;
import io.github.embeddings4j.VectorTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: a tensor whose value fields disagree with its data type or shape is a format error at open, never
 * an {@code IndexOutOfBoundsException} or a table of zeros when read.
 */
class OnnxTensorDataTest {
  @TempDir Path dir;

  /** A 2 x 3 tensor of the given type, its fields written by {@code data}. */
  private static byte[] tensor(int dataType, OnnxTestWriter.Fields data) {
    return message(o -> {
      o.writeString(8, "t");
      o.writeInt64(1, 2);
      o.writeInt64(1, 3);
      o.writeInt32(2, dataType);
      data.write(o);
    });
  }

  private static byte[] packedFloats(int n) {
    return message(o -> {
      for (int i = 0; i < n; i++) {
        o.writeFloatNoTag(i + 1);
      }
    });
  }

  private static byte[] packedVarints(int n) {
    return message(o -> {
      for (int i = 0; i < n; i++) {
        o.writeInt64NoTag(300 + i);
      }
    });
  }

  private EmbeddingFormatException rejectedAtOpen(byte[] tensor, String... mustMention) throws IOException {
    Path p = Files.write(dir.resolve("t.onnx"), model(graph(tensor)));
    EmbeddingFormatException e = assertThrows(EmbeddingFormatException.class, () -> OnnxInitializers.open(p)
        .close());
    assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("tensor \"t\""), e.getMessage());
    assertTrue(e.getMessage().contains(" at byte "), e.getMessage());
    for (String s : mustMention) {
      assertTrue(e.getMessage().contains(s), "\"" + s + "\" not in: " + e.getMessage());
    }
    return e;
  }

  @Test
  void floatValuesInBothFloatDataAndInt32DataAreAFormatError() throws IOException {
    // Was: IndexOutOfBoundsException on read (float_data's count was not checked once int32_data was seen).
    rejectedAtOpen(tensor(OnnxInitializers.FLOAT, o -> {
      o.writeByteArray(4, packedFloats(9));
      o.writeInt32(5, 1);
    }), "float_data and int32_data", "one place");
    rejectedAtOpen(tensor(OnnxInitializers.FLOAT, o -> {
      o.writeByteArray(4, packedFloats(6));
      o.writeByteArray(5, packedVarints(6));
    }), "float_data and int32_data");
  }

  @Test
  void floatValuesOnlyInInt32DataAreAFormatErrorNotATableOfZeros() throws IOException {
    rejectedAtOpen(tensor(OnnxInitializers.FLOAT, o -> o.writeByteArray(5, packedVarints(6))),
        "FLOAT values are in int32_data", "float_data is");
    rejectedAtOpen(tensor(OnnxInitializers.FLOAT, o -> {
      for (int i = 0; i < 6; i++) {
        o.writeInt32(5, i);
      }
    }), "int32_data");
  }

  @Test
  void valuesInTwoPlacesOrNoneAreAFormatError() throws IOException {
    rejectedAtOpen(tensor(OnnxInitializers.FLOAT, o -> {
      o.writeByteArray(9, new byte[24]);
      o.writeByteArray(4, packedFloats(6));
    }), "raw_data and float_data");
    rejectedAtOpen(tensor(OnnxInitializers.FLOAT, o -> { }), "needs 6 values", "holds none");
    rejectedAtOpen(tensor(OnnxInitializers.FLOAT16, o -> o.writeByteArray(4, packedFloats(6))),
        "FLOAT16 values are in float_data", "int32_data is");
    rejectedAtOpen(tensor(OnnxInitializers.FLOAT, o -> {
      o.writeByteArray(9, new byte[24]);
      o.writeByteArray(13, message(e -> {
        e.writeString(1, "location");
        e.writeString(2, "data.bin");
      }));
      o.writeEnum(14, 1);
    }), "raw_data and external data");
    rejectedAtOpen(tensor(8, o -> o.writeByteArray(9, new byte[24])), "STRING", "string_data");
  }

  @Test
  void typedFieldsMustHoldOneValuePerElement() throws IOException {
    rejectedAtOpen(tensor(7, o -> o.writeByteArray(7, packedVarints(5))), "needs 6 values", "int64_data holds 5");
    rejectedAtOpen(tensor(7, o -> o.writeByteArray(7, packedVarints(7))), "int64_data holds 7");
    rejectedAtOpen(tensor(11, o -> o.writeByteArray(10, new byte[8 * 5])), "double_data holds 5");
    rejectedAtOpen(tensor(14, o -> o.writeByteArray(4, packedFloats(6))), "needs 12 values", "float_data holds 6");
    rejectedAtOpen(tensor(8, o -> o.writeString(6, "one")), "string_data holds 1");
    rejectedAtOpen(tensor(12, o -> o.writeByteArray(11, new byte[] {(byte) 0x80})), "ends inside a varint");
    rejectedAtOpen(tensor(OnnxInitializers.FLOAT, o -> o.writeInt64(4, 1)), "float_data (field 4) has wire type 0");
  }

  @Test
  void consistentTypedFieldsStillOpen() throws IOException {
    Path p = Files.write(dir.resolve("ok.onnx"), model(graph(
        tensor(OnnxInitializers.FLOAT, o -> o.writeByteArray(4, packedFloats(6))),
        message(o -> {
          o.writeString(8, "ids");
          o.writeInt64(1, 3);
          o.writeInt32(2, 7);
          o.writeByteArray(7, packedVarints(3));
        }),
        message(o -> {
          o.writeString(8, "half");
          o.writeInt64(1, 1);
          o.writeInt64(1, 2);
          o.writeInt32(2, OnnxInitializers.FLOAT16);
          o.writeInt32(5, 15360);
          o.writeInt32(5, 15360);
        }),
        message(o -> {
          o.writeString(8, "words");
          o.writeInt64(1, 2);
          o.writeInt32(2, 8);
          o.writeString(6, "a");
          o.writeString(6, "b");
        }),
        message(o -> {
          o.writeString(8, "empty");
          o.writeInt64(1, 0);
          o.writeInt64(1, 4);
          o.writeInt32(2, OnnxInitializers.FLOAT);
        }))));
    try (OnnxInitializers onnx = OnnxInitializers.open(p)) {
      assertEquals(List.of("t", "ids", "half", "words", "empty"), onnx.initializers().stream()
          .map(OnnxInitializers.Initializer::name).toList());
      VectorTable t = onnx.readTable("t");
      assertEquals(2, t.rows());
      assertEquals(6f, t.row(1)[2]);
      assertEquals(0, onnx.readTable("empty").rows());
    }
  }
}
