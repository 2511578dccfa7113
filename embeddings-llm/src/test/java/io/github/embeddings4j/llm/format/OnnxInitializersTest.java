package io.github.embeddings4j.llm.format;

import static io.github.embeddings4j.llm.format.TestTables.assertRows;
import static io.github.embeddings4j.llm.format.TestTables.random;
import static io.github.embeddings4j.llm.format.OnnxTestWriter.graph;
import static io.github.embeddings4j.llm.format.OnnxTestWriter.message;
import static io.github.embeddings4j.llm.format.OnnxTestWriter.model;
import static io.github.embeddings4j.llm.format.OnnxTestWriter.tensor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.embeddings4j.DType;
import io.github.embeddings4j.EmbeddingFormatException;
import io.github.embeddings4j.VectorTable;
import io.github.embeddings4j.internal.util.Half;
import io.github.embeddings4j.llm.format.OnnxInitializers.Initializer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxInitializersTest {
  @TempDir Path dir;

  private static float[] flat(float[][] m) {
    float[] out = new float[m.length * m[0].length];
    for (int r = 0; r < m.length; r++) {
      System.arraycopy(m[r], 0, out, r * m[0].length, m[0].length);
    }
    return out;
  }

  /** Raw little-endian bytes of the values as FLOAT, FLOAT16 or BFLOAT16. */
  private static byte[] raw(float[][] m, int dataType) {
    float[] v = flat(m);
    ByteBuffer b = ByteBuffer.allocate(v.length * (dataType == OnnxInitializers.FLOAT ? 4 : 2))
        .order(ByteOrder.LITTLE_ENDIAN);
    for (float x : v) {
      if (dataType == OnnxInitializers.FLOAT) {
        b.putFloat(x);
      } else {
        b.putShort(dataType == OnnxInitializers.FLOAT16 ? Half.floatToF16(x) : Half.floatToBf16(x));
      }
    }
    return b.array();
  }

  private Path write(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  @Test
  void rawTablesOfEveryDtypeAndAwkwardShapeReadBack() throws IOException {
    int[][] shapes = {{1, 1}, {3, 7}, {17, 13}, {5, 300}, {2, 1}};
    for (int dataType : new int[] {OnnxInitializers.FLOAT, OnnxInitializers.FLOAT16, OnnxInitializers.BFLOAT16}) {
      for (int[] shape : shapes) {
        float[][] m = random(shape[0], shape[1], dataType * 100L + shape[1]);
        long[] dims = {shape[0], shape[1]};
        byte[] bytes = model(graph(
            tensor("bias", OnnxInitializers.FLOAT, new long[] {3}, raw(new float[][] {{1, 2, 3}}, 1), true),
            tensor("position_ids", 7, new long[] {1, 4}, new byte[32], false),
            tensor("table", dataType, dims, raw(m, dataType), shape[1] % 2 == 0)));
        Path p = write("t.onnx", bytes);
        for (int window : new int[] {MappedWindows.DEFAULT_WINDOW, 16, 100}) {
          try (OnnxInitializers onnx = OnnxInitializers.open(p, window)) {
            assertEquals(List.of("bias", "position_ids", "table"),
                onnx.initializers().stream().map(Initializer::name).toList());
            Initializer info = onnx.initializer("table").orElseThrow();
            assertEquals(List.of((long) shape[0], (long) shape[1]), info.dims());
            assertEquals(dataType, info.dataType());
            assertEquals("INT64", onnx.initializer("position_ids").orElseThrow().dataTypeName());
            VectorTable t = onnx.readTable("table");
            DType expected = dataType == 1 ? DType.F32 : dataType == 10 ? DType.F16 : DType.BF16;
            assertEquals(expected, t.dtype());
            VectorTable f = onnx.readTable("table", DType.F32);
            for (int r = 0; r < m.length; r++) {
              for (int i = 0; i < m[r].length; i++) {
                float want = dataType == 1 ? m[r][i] : dataType == 10 ? Half.f16ToFloat(Half.floatToF16(m[r][i]))
                    : Half.bf16ToFloat(Half.floatToBf16(m[r][i]));
                assertEquals(want, t.row(r)[i]);
                assertEquals(want, f.row(r)[i]);
              }
            }
            EmbeddingFormatException e = assertThrows(EmbeddingFormatException.class,
                () -> onnx.readTable("position_ids"));
            assertTrue(e.getMessage().contains("INT64") && e.getMessage().contains("position_ids"), e.getMessage());
            e = assertThrows(EmbeddingFormatException.class, () -> onnx.readTable("bias"));
            assertTrue(e.getMessage().contains("shape [3]"), e.getMessage());
          }
        }
      }
    }
  }

  @Test
  void anExternalLocationThatIsNoPathIsAFormatError() throws IOException {
    // Found by fuzzing: a NUL byte in the location escaped as InvalidPathException.
    Path p = write("nul.onnx", model(graph(OnnxTestWriter.externalTensor("w", OnnxInitializers.FLOAT,
        new long[] {1, 1}, "data\0.bin", 0, 4))));
    EmbeddingFormatException e = assertThrows(EmbeddingFormatException.class, () -> OnnxInitializers.open(p));
    assertTrue(e.getMessage().contains("not a valid path") && e.getMessage().contains("\"w\""), e.getMessage());
  }

  @Test
  void floatDataTableWithoutRowsReadsEmptyWhateverItsRowLength() throws IOException {
    // Found reading the code for the fuzz target (a crafted input): the row buffer of a 0 x (2^31 - 1)
    // float_data tensor was allocated before any row.
    Path p = write("empty.onnx", model(graph(message(o -> {
      o.writeInt64(1, 0);
      o.writeInt64(1, Integer.MAX_VALUE);
      o.writeInt32(2, OnnxInitializers.FLOAT);
      o.writeString(8, "w");
    }))));
    try (OnnxInitializers onnx = OnnxInitializers.open(p)) {
      VectorTable t = onnx.readTable("w");
      assertEquals(0, t.rows());
      assertEquals(Integer.MAX_VALUE, t.dimension());
    }
  }

  @Test
  void floatDataPackedInRunsOrUnpackedReadsBack() throws IOException {
    float[][] m = random(7, 5, 3);
    long[] dims = {7, 5};
    Path p = write("fd.onnx", model(graph(
        OnnxTestWriter.floatTensor("one", dims, flat(m), 1, true),
        OnnxTestWriter.floatTensor("runs", dims, flat(m), 4, true),
        OnnxTestWriter.floatTensor("unpacked", dims, flat(m), 1, false))));
    for (int window : new int[] {MappedWindows.DEFAULT_WINDOW, 16}) {
      try (OnnxInitializers onnx = OnnxInitializers.open(p, window)) {
        assertRows(m, onnx.readTable("one"));
        assertRows(m, onnx.readTable("runs"));
        assertRows(m, onnx.readTable("unpacked"));
        assertEquals(DType.BF16, onnx.readTable("runs", DType.BF16).dtype());
      }
    }
  }

  @Test
  void wordEmbeddingsAreFoundByNameThenBySuffixThenByVocabularySize() throws IOException {
    byte[] small = raw(random(10, 4, 1), 1);
    byte[] big = raw(random(10, 8, 2), 1);
    try (OnnxInitializers onnx = OnnxInitializers.open(write("a.onnx", model(graph(
        tensor("onnx::Gather_1", 1, new long[] {10, 8}, big, true),
        tensor("embeddings.word_embeddings.weight", 1, new long[] {10, 4}, small, true)))))) {
      assertEquals("embeddings.word_embeddings.weight", onnx.wordEmbeddings(10).name());
    }
    try (OnnxInitializers onnx = OnnxInitializers.open(write("b.onnx", model(graph(
        tensor("onnx::Gather_1", 1, new long[] {10, 8}, big, true),
        tensor("decoder.embed_tokens.weight", 1, new long[] {10, 4}, small, true)))))) {
      assertEquals("decoder.embed_tokens.weight", onnx.wordEmbeddings(0).name());
    }
    try (OnnxInitializers onnx = OnnxInitializers.open(write("c.onnx", model(graph(
        tensor("onnx::Gather_1", 1, new long[] {10, 4}, small, true),
        tensor("onnx::Gather_2", 1, new long[] {10, 8}, big, true),
        tensor("onnx::MatMul_3", 1, new long[] {8, 10}, big, true)))))) {
      assertEquals("onnx::Gather_2", onnx.wordEmbeddings(10).name());
      EmbeddingFormatException e = assertThrows(EmbeddingFormatException.class, () -> onnx.wordEmbeddings(11));
      assertTrue(e.getMessage().contains("11 rows"), e.getMessage());
      assertThrows(EmbeddingFormatException.class, () -> onnx.wordEmbeddings(0));
    }
  }

  @Test
  void callersExactNamesComeFirstInTheirOrderThenTheEndings() throws IOException {
    byte[] table = raw(random(10, 4, 3), 1);
    try (OnnxInitializers onnx = OnnxInitializers.open(write("names.onnx", model(graph(
        tensor("encoder.word_embeddings.weight", 1, new long[] {10, 4}, table, true),
        tensor("wte.weight", 1, new long[] {10, 4}, table, true),
        tensor("tok", 1, new long[] {10, 4}, table, true),
        tensor("flat", 1, new long[] {40}, table, true)))))) {
      assertEquals("encoder.word_embeddings.weight", onnx.wordEmbeddings(0).name());
      assertEquals("encoder.word_embeddings.weight", onnx.wordEmbeddings(0, List.of()).name());
      assertEquals("wte.weight", onnx.wordEmbeddings(0, List.of("absent", "wte.weight", "tok")).name());
      assertEquals("tok", onnx.wordEmbeddings(0, List.of("tok", "wte.weight")).name());
      // A name that is not 2-D is passed over.
      assertEquals("tok", onnx.wordEmbeddings(0, List.of("flat", "tok")).name());
      assertThrows(NullPointerException.class, () -> onnx.wordEmbeddings(0, null));
      assertThrows(NullPointerException.class, () -> onnx.wordEmbeddings(0, Arrays.asList("absent", null)));
    }
  }

  @Test
  void externalDataIsReadFromTheModelFolderOnly() throws IOException {
    float[][] m = random(6, 3, 4);
    byte[] data = raw(m, 1);
    byte[] file = new byte[100 + data.length];
    System.arraycopy(data, 0, file, 100, data.length);
    write("weights.bin", file);
    Path p = write("ext.onnx", model(graph(OnnxTestWriter.externalTensor("w", 1, new long[] {6, 3}, "weights.bin",
        100, data.length))));
    try (OnnxInitializers onnx = OnnxInitializers.open(p)) {
      assertTrue(onnx.initializer("w").orElseThrow().external());
      assertRows(m, onnx.readTable("w"));
    }
    assertRejected(model(graph(OnnxTestWriter.externalTensor("w", 1, new long[] {6, 3}, "../weights.bin", 100,
        data.length))), "tensor \"w\"", "outside the model's folder");
    assertRejected(model(graph(OnnxTestWriter.externalTensor("w", 1, new long[] {6, 3}, "absent.bin", 0,
        data.length))), "tensor \"w\"", "does not exist");
    assertRejected(model(graph(OnnxTestWriter.externalTensor("w", 1, new long[] {6, 3}, "weights.bin", 100,
        data.length + 4))), "tensor \"w\"", "needs");
    Path far = write("far.onnx", model(graph(OnnxTestWriter.externalTensor("w", 1, new long[] {6, 3},
        "weights.bin", 120, data.length))));
    try (OnnxInitializers onnx = OnnxInitializers.open(far)) {
      EmbeddingFormatException e = assertThrows(EmbeddingFormatException.class, () -> onnx.readTable("w"));
      assertTrue(e.getMessage().contains("past the end"), e.getMessage());
    }
  }

  /** Replaces a file by a rename, as a tool updating a model folder does. */
  private void replace(Path target, byte[] bytes) throws IOException {
    Path temp = Files.write(dir.resolve(target.getFileName() + ".new"), bytes);
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void externalDataWithoutLengthIsMeasuredOnTheFileItIsReadFrom() throws IOException {
    // Issue 18: the length "to the end of the file" came from Files.size when the model was opened, the bytes
    // from a later open; a file replaced in between got the old file's length and a wrong error, or no error.
    float[][] m = random(6, 3, 5);
    byte[] data = raw(m, 1);
    Path weights = dir.resolve("weights.bin");
    byte[] file = new byte[100 + data.length];
    System.arraycopy(data, 0, file, 100, data.length);
    Files.write(weights, file);
    Path p = write("nolength.onnx", model(graph(OnnxTestWriter.externalTensor("w", 1, new long[] {6, 3},
        "weights.bin", 100, -1))));
    try (OnnxInitializers onnx = OnnxInitializers.open(p)) {
      assertRows(m, onnx.readTable("w"));
      replace(weights, Arrays.copyOf(file, file.length - 12));
      EmbeddingFormatException shorter = assertThrows(EmbeddingFormatException.class, () -> onnx.readTable("w"));
      assertTrue(shorter.getMessage().contains("needs 18 × 4 bytes")
          && shorter.getMessage().contains("holds 60"), shorter.getMessage());
      assertEquals(weights, shorter.file());
      replace(weights, Arrays.copyOf(file, file.length + 8));
      EmbeddingFormatException longer = assertThrows(EmbeddingFormatException.class, () -> onnx.readTable("w"));
      assertTrue(longer.getMessage().contains("holds 80"), longer.getMessage());
      replace(weights, new byte[50]);
      EmbeddingFormatException past = assertThrows(EmbeddingFormatException.class, () -> onnx.readTable("w"));
      assertTrue(past.getMessage().contains("past the end of the file (50 bytes)"), past.getMessage());
      float[][] m2 = random(6, 3, 6);
      byte[] file2 = new byte[100 + data.length];
      System.arraycopy(raw(m2, 1), 0, file2, 100, data.length);
      replace(weights, file2);
      assertRows(m2, onnx.readTable("w"));
    }
    // A file of the wrong size is judged when read, the only time its bytes are taken.
    replace(weights, Arrays.copyOf(file, file.length + 4));
    try (OnnxInitializers onnx = OnnxInitializers.open(p)) {
      EmbeddingFormatException e = assertThrows(EmbeddingFormatException.class, () -> onnx.readTable("w"));
      assertTrue(e.getMessage().contains("holds 76"), e.getMessage());
    }
  }

  @Test
  void fileLargerThan2GbIsScannedPastItsFirstWindow() throws IOException {
    // ModelProto.doc_string (field 6) of 2 GiB + 5 bytes, sparse, before the graph: the graph lies past 2^31.
    float[][] m = random(3, 4, 10);
    byte[] graphField = message(o -> o.writeByteArray(7, graph(tensor("w", 1, new long[] {3, 4}, raw(m, 1),
        true))));
    long docLength = (1L << 31) + 5;
    byte[] docHeader = message(o -> {
      o.writeTag(6, 2);
      o.writeUInt64NoTag(docLength);
    });
    Path p = dir.resolve("big.onnx");
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
        StandardOpenOption.SPARSE)) {
      ch.write(ByteBuffer.wrap(docHeader), 0);
      ch.write(ByteBuffer.wrap(graphField), docHeader.length + docLength);
    }
    assertTrue(Files.size(p) > (1L << 31));
    try (OnnxInitializers onnx = OnnxInitializers.open(p)) {
      assertEquals(List.of("w"), onnx.initializers().stream().map(Initializer::name).toList());
      assertRows(m, onnx.readTable("w"));
    }
  }

  @Test
  void closeIsIdempotentAndUseAfterCloseFails() throws IOException {
    float[][] m = random(2, 2, 5);
    OnnxInitializers onnx = OnnxInitializers.open(write("c.onnx", model(graph(tensor("t", 1, new long[] {2, 2},
        raw(m, 1), true)))));
    VectorTable t = onnx.readTable("t");
    onnx.close();
    onnx.close();
    assertTrue(onnx.isClosed());
    assertThrows(IllegalStateException.class, () -> onnx.readTable("t"));
    assertRows(m, t);
    assertEquals(1, onnx.initializers().size());
  }

  // ---- hostile files ----

  private EmbeddingFormatException assertRejected(byte[] bytes, String... mustMention) throws IOException {
    Path p = write("hostile.onnx", bytes);
    EmbeddingFormatException e = assertThrows(EmbeddingFormatException.class, () -> {
      try (OnnxInitializers onnx = OnnxInitializers.open(p)) {
        for (Initializer i : onnx.initializers()) {
          onnx.readTable(i.name());
        }
      }
    });
    assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
    for (String s : mustMention) {
      assertTrue(e.getMessage().contains(s), "\"" + s + "\" not in: " + e.getMessage());
    }
    return e;
  }

  @Test
  void malformedProtobufIsRejectedNamingTheFieldOrTensor() throws IOException {
    byte[] ok = raw(random(2, 3, 6), 1);
    assertRejected(new byte[0], "no graph");
    assertRejected(new byte[] {0x3A, (byte) 0x80}, "ModelProto", "malformed protobuf");
    assertRejected(new byte[] {0x3A, (byte) 0xE8, 0x07, 0x00}, "ModelProto", "runs past the end");
    assertRejected(new byte[] {0x38, 0x01}, "graph (field 7) has wire type 0");
    assertRejected(new byte[] {0x00, 0x01}, "malformed protobuf");
    assertRejected(new byte[] {0x0B, 0x01}, "wire type 3", "groups");
    assertRejected(new byte[] {0x0F, 0x01}, "wire type 7");
    assertRejected(model(graph(message(o -> {
      o.writeInt64(1, 2);
      o.writeInt32(8, 5);
    }))), "initializer #0", "name (field 8) has wire type 0");
    assertRejected(model(graph(tensor("t", 1, new long[] {2, -3}, ok, false))), "tensor \"t\"",
        "negative dimension -3");
    assertRejected(model(graph(tensor("t", 1, new long[] {2, -3}, ok, true))), "tensor \"t\"",
        "negative dimension -3");
    assertRejected(model(graph(tensor("t", 1, new long[] {1L << 40, 1L << 40}, ok, true))), "tensor \"t\"",
        "overflows");
    assertRejected(model(graph(tensor("t", 1, new long[] {2, 4}, ok, true))), "tensor \"t\"", "needs 8 × 4",
        "holds 24");
    assertRejected(model(graph(tensor("t", 10, new long[] {2, 3}, ok, true))), "tensor \"t\"", "FLOAT16",
        "holds 24");
    assertRejected(model(graph(OnnxTestWriter.floatTensor("t", new long[] {2, 4}, new float[7], 1, true))),
        "tensor \"t\"", "float_data holds 7");
    assertRejected(model(graph(message(o -> {
      o.writeString(8, "t");
      o.writeByteArray(4, new byte[6]);
    }))), "tensor \"t\"", "not a whole number");
    assertRejected(model(graph(message(o -> o.writeInt32(2, 1)))), "initializer #0", "no name");
    assertRejected(model(graph(tensor("t", 1, new long[] {2, 3}, ok, true), tensor("t", 1, new long[] {2, 3}, ok,
        true))), "tensor \"t\"", "duplicate");
    assertRejected(model(graph(message(o -> {
      o.writeString(8, "h");
      o.writeInt64(1, 1);
      o.writeInt64(1, 2);
      o.writeInt32(2, 10);
      o.writeInt32(5, 15360);
      o.writeInt32(5, 15360);
    }))), "tensor \"h\"", "int32_data");
    assertRejected(model(graph(tensor("nan", 1, new long[] {1, 2}, raw(new float[][] {{Float.NaN, 1}}, 1), true))),
        "tensor \"nan\"", "non-finite");
    assertRejected(model(graph(tensor("c", 8, new long[] {1, 2}, new byte[8], true))), "tensor \"c\"", "STRING");
  }

  private byte[] valid() {
    return model(graph(tensor("a", 1, new long[] {3, 5}, raw(random(3, 5, 7), 1), true),
        OnnxTestWriter.floatTensor("b", new long[] {2, 3}, flat(random(2, 3, 8)), 2, true),
        tensor("c", 16, new long[] {4, 2}, raw(random(4, 2, 9), 16), false)));
  }

  /** Reads every table of a file: the tables, or the format error. */
  private String readAll(byte[] bytes) throws IOException {
    Path p = write("sweep.onnx", bytes);
    StringBuilder sb = new StringBuilder();
    try (OnnxInitializers onnx = OnnxInitializers.open(p)) {
      for (Initializer i : onnx.initializers()) {
        VectorTable t = onnx.readTable(i.name(), DType.F32);
        sb.append(i.name()).append(i.dims());
        for (int r = 0; r < t.rows(); r++) {
          sb.append(Arrays.toString(t.row(r)));
        }
      }
    } catch (EmbeddingFormatException e) {
      assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
      return "error";
    }
    return sb.toString();
  }

  @Test
  void everyTruncationIsAnErrorOrAValidShorterModel() throws IOException {
    byte[] v = valid();
    String full = readAll(v);
    assertTrue(full.startsWith("a[3, 5]"), full);
    int errors = 0;
    for (int n = 0; n < v.length; n++) {
      String got = readAll(Arrays.copyOf(v, n));
      // A cut at a field boundary of the model (after the graph) is a valid model; anywhere else, an error.
      if (got.equals("error")) {
        errors++;
      } else {
        assertEquals(full, got, "prefix of " + n + " bytes");
      }
    }
    assertTrue(errors > v.length - 40, errors + " errors for " + v.length + " prefixes");
  }

  @Test
  void corruptedBytesNeverEscapeAsAnotherException() throws IOException {
    byte[] v = valid();
    Random rnd = new Random(11);
    int errors = 0;
    for (int pos = 0; pos < v.length; pos++) {
      for (int variant = 0; variant < 3; variant++) {
        byte[] bad = v.clone();
        bad[pos] = (byte) (variant == 0 ? 0xFF : variant == 1 ? bad[pos] ^ (1 << rnd.nextInt(8)) : 0x80);
        if (readAll(bad).equals("error")) {
          errors++;
        }
      }
    }
    assertTrue(errors > v.length / 4, "only " + errors + " corruptions detected");
  }
}
