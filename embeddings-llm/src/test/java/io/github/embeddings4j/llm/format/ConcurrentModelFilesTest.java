package io.github.embeddings4j.llm.format;

import io.github.embeddings4j.DType;
import io.github.embeddings4j.VectorTable;
import io.github.embeddings4j.testutil.ConcurrentReaders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One open GGUF, ONNX or safetensors file is safe for many concurrent readers: 16 threads started together read
 * tables from shared files, and every table equals, bit for bit, the one read on a single thread.
 */
class ConcurrentModelFilesTest {
  @TempDir
  Path dir;

  private static String rows(VectorTable t) {
    StringBuilder sb = new StringBuilder(t.dtype() + " " + t.rows() + "x" + t.dimension());
    for (int r = 0; r < t.rows(); r++) {
      sb.append(Arrays.toString(t.row(r)));
    }
    return sb.toString();
  }

  /** Adds a read of a table, rethrowing a checked failure so that it counts as a difference. */
  private static void addTable(ConcurrentReaders readers, String name, TableRead read) {
    readers.add(name, () -> {
      try {
        return rows(read.get());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** Reads a table. */
  interface TableRead {
    VectorTable get() throws IOException;
  }

  @Test
  void sharedModelFilesGiveTheSingleThreadedTables() throws Exception {
    float[][] a = TestTables.random(37, 11, 1);
    float[][] b = TestTables.random(5, 64, 2);
    Path gguf = Files.write(dir.resolve("m.gguf"), new GgufTestWriter().kvStrings(GgufFile.TOKENS_KEY,
        Fixtures.tinyWords(37)).tensor("token_embd.weight", GgufFile.TYPE_F32, new long[] {11, 37},
        GgufTestWriter.f32(a)).tensor("b", GgufFile.TYPE_F32, new long[] {64, 5}, GgufTestWriter.f32(b)).build());
    Path onnx = Files.write(dir.resolve("m.onnx"), OnnxTestWriter.model(OnnxTestWriter.graph(
        OnnxTestWriter.tensor("a", OnnxInitializers.FLOAT, new long[] {37, 11}, Fixtures.encode(a, "F32"), true),
        OnnxTestWriter.floatTensor("b", new long[] {5, 64}, flat(b), 3, true))));
    Path st = dir.resolve("m.safetensors");
    Fixtures.write(st, Fixtures.map("a", Fixtures.raw("BF16", a), "b", Fixtures.raw("F16", b)));
    // Windows of 64 bytes: every table read moves the shared mapped window many times. (Unsynchronized, 16-byte
    // windows and 100 rounds made a reader throw IndexOutOfBoundsException; smaller windows and more rounds here
    // would exhaust vm.max_map_count, since a mapping is only released when the garbage collector finds it.)
    try (GgufFile g = GgufFile.open(gguf, 64); OnnxInitializers o = OnnxInitializers.open(onnx, 64);
        SafetensorsFile s = SafetensorsFile.open(st)) {
      ConcurrentReaders readers = new ConcurrentReaders();
      addTable(readers, "gguf token_embd", () -> g.readTable("token_embd.weight"));
      addTable(readers, "gguf b as F16", () -> g.readTable("b", DType.F16));
      addTable(readers, "gguf embedding", () -> g.tokenEmbeddings().vectors());
      addTable(readers, "onnx a", () -> o.readTable("a"));
      addTable(readers, "onnx b as BF16", () -> o.readTable("b", DType.BF16));
      addTable(readers, "safetensors a", () -> s.readTable("a"));
      addTable(readers, "safetensors b rows 1-3", () -> s.readTable("b", 1, 3, DType.F32));
      readers.run(30);
    }
  }

  private static float[] flat(float[][] m) {
    float[] out = new float[m.length * m[0].length];
    for (int r = 0; r < m.length; r++) {
      System.arraycopy(m[r], 0, out, r * m[0].length, m[0].length);
    }
    return out;
  }
}
