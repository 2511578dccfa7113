package io.github.embeddings4j.llm.format;

import static io.github.embeddings4j.llm.format.TestTables.assertRows;
import static io.github.embeddings4j.llm.format.TestTables.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.embeddings4j.DType;
import io.github.embeddings4j.Embedding;
import io.github.embeddings4j.EmbeddingFormatException;
import io.github.embeddings4j.Neighbor;
import io.github.embeddings4j.TokenVectors;
import io.github.embeddings4j.VectorTable;
import io.github.embeddings4j.internal.util.Half;
import io.github.embeddings4j.llm.format.GgufTestWriter.Out;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GgufFileTest {
  @TempDir Path dir;

  private static short[][] halfBits(float[][] m, boolean bf16) {
    short[][] out = new short[m.length][m[0].length];
    for (int r = 0; r < m.length; r++) {
      for (int i = 0; i < m[r].length; i++) {
        out[r][i] = bf16 ? Half.floatToBf16(m[r][i]) : Half.floatToF16(m[r][i]);
      }
    }
    return out;
  }

  private static List<String> tokens(int n) {
    List<String> t = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      t.add("tok" + i);
    }
    return t;
  }

  private Path write(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 13, 300})
  void f32TablesOfAwkwardShapesReadBackExactly(int dim) throws IOException {
    for (int rows : new int[] {1, 3, 17}) {
      float[][] m = random(rows, dim, dim * 31L + rows);
      Path p = write("f32-" + dim + "-" + rows + ".gguf", new GgufTestWriter()
          .tensor("other", GgufFile.TYPE_F32, new long[] {5}, new byte[20])
          .tensor("token_embd.weight", GgufFile.TYPE_F32, new long[] {dim, rows}, GgufTestWriter.f32(m)).build());
      for (int window : new int[] {MappedWindows.DEFAULT_WINDOW, 16, 100}) {
        try (GgufFile g = GgufFile.open(p, window)) {
          VectorTable t = g.readTable("token_embd.weight");
          assertEquals(DType.F32, t.dtype());
          assertRows(m, t);
          assertEquals(List.of((long) dim, (long) rows), g.tensor("token_embd.weight").orElseThrow().dims());
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void halfPrecisionStaysHalfBitForBitOrConvertsOnRequest(boolean bf16) throws IOException {
    float[][] m = random(9, 13, bf16 ? 1 : 2);
    short[][] bits = halfBits(m, bf16);
    Path p = write("half.gguf", new GgufTestWriter().tensor("token_embd.weight",
        bf16 ? GgufFile.TYPE_BF16 : GgufFile.TYPE_F16, new long[] {13, 9}, GgufTestWriter.half(bits)).build());
    try (GgufFile g = GgufFile.open(p, 40)) {
      VectorTable t = g.readTable("token_embd.weight");
      assertEquals(bf16 ? DType.BF16 : DType.F16, t.dtype());
      for (int r = 0; r < 9; r++) {
        assertArrayEquals(bits[r], t.rowBits(r, new short[13], 0));
      }
      VectorTable f = g.readTable("token_embd.weight", DType.F32);
      assertEquals(DType.F32, f.dtype());
      for (int r = 0; r < 9; r++) {
        for (int i = 0; i < 13; i++) {
          float expected = bf16 ? Half.bf16ToFloat(bits[r][i]) : Half.f16ToFloat(bits[r][i]);
          assertEquals(expected, f.row(r)[i]);
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {32, 64, 96, 384})
  void q8BlocksDecodeToScaleTimesByte(int dim) throws IOException {
    float[][] m = random(11, dim, dim);
    byte[] q = GgufTestWriter.q8(m);
    Path p = write("q8.gguf", new GgufTestWriter().tensor("token_embd.weight", GgufFile.TYPE_Q8_0,
        new long[] {dim, 11}, q).build());
    try (GgufFile g = GgufFile.open(p)) {
      VectorTable t = g.readTable("token_embd.weight");
      assertEquals(DType.F32, t.dtype());
      float[][] expected = GgufTestWriter.q8Decoded(q, 11, dim);
      assertRows(expected, t);
      // The quantization error is at most half a step of the block scale.
      for (int r = 0; r < 11; r++) {
        for (int i = 0; i < dim; i++) {
          assertEquals(m[r][i], t.row(r)[i], 0.02f * 4);
        }
      }
      assertEquals(DType.BF16, g.readTable("token_embd.weight", DType.BF16).dtype());
    }
  }

  @Test
  void aTableWithoutRowsReadsEmptyWhateverItsRowLength() throws IOException {
    // Found by fuzzing: the decode buffer of one Q8_0 row of 2^30 values was allocated for a table of 0 rows.
    Path p = write("q8empty.gguf", new GgufTestWriter().tensor("token_embd.weight", GgufFile.TYPE_Q8_0,
        new long[] {1L << 30, 0}, new byte[0]).build());
    try (GgufFile g = GgufFile.open(p)) {
      VectorTable t = g.readTable("token_embd.weight");
      assertEquals(0, t.rows());
      assertEquals(1 << 30, t.dimension());
    }
  }

  @Test
  void q8RowNotAWholeNumberOfBlocksIsRejected() throws IOException {
    Path p = write("q8bad.gguf", new GgufTestWriter().tensor("token_embd.weight", GgufFile.TYPE_Q8_0,
        new long[] {48, 2}, new byte[2 * 48 / 32 * 34 + 34]).build());
    try (GgufFile g = GgufFile.open(p)) {
      EmbeddingFormatException e = assertThrows(EmbeddingFormatException.class,
          () -> g.readTable("token_embd.weight"));
      assertTrue(e.getMessage().contains("token_embd.weight") && e.getMessage().contains("32"), e.getMessage());
    }
  }

  @Test
  void metadataOfEveryKindReadsAsDocumented() throws IOException {
    GgufTestWriter w = new GgufTestWriter();
    w.kv("u8", 0, new Out().u8(200).toByteArray());
    w.kv("i8", 1, new Out().u8(0xFE).toByteArray());
    w.kv("u16", 2, new Out().u16(60000).toByteArray());
    w.kv("i16", 3, new Out().u16(-300).toByteArray());
    w.kv("u32", 4, new Out().u32(0xFFFFFFFF).toByteArray());
    w.kv("i32", 5, new Out().u32(-7).toByteArray());
    w.kv("f32", 6, new Out().u32(Float.floatToIntBits(1.5f)).toByteArray());
    w.kv("bool", 7, new Out().u8(1).toByteArray());
    w.kvString("str", "héllo ▁wörld");
    w.kv("u64", 10, new Out().u64(-1L).toByteArray());
    w.kv("i64", 11, new Out().u64(-5_000_000_000L).toByteArray());
    w.kv("f64", 12, new Out().u64(Double.doubleToLongBits(Math.PI)).toByteArray());
    w.kv("a.u8", 9, new Out().u32(0).u64(3).u8(1).u8(2).u8(255).toByteArray());
    w.kv("a.i16", 9, new Out().u32(3).u64(2).u16(-1).u16(5).toByteArray());
    w.kv("a.i32", 9, new Out().u32(5).u64(2).u32(1).u32(-6).toByteArray());
    w.kv("a.f32", 9, new Out().u32(6).u64(1).u32(Float.floatToIntBits(-0.25f)).toByteArray());
    w.kv("a.bool", 9, new Out().u32(7).u64(2).u8(0).u8(1).toByteArray());
    w.kv("a.i64", 9, new Out().u32(11).u64(1).u64(Long.MIN_VALUE).toByteArray());
    w.kv("a.f64", 9, new Out().u32(12).u64(1).u64(Double.doubleToLongBits(2.5)).toByteArray());
    w.kv("a.empty", 9, new Out().u32(4).u64(0).toByteArray());
    w.kv("a.nested", 9, new Out().u32(9).u64(2).u32(8).u64(1).string("x").u32(0).u64(0).toByteArray());
    w.kvStrings("a.str", List.of("a", "", "ĠHTML"));
    w.version = 2;
    Path p = write("meta.gguf", w.build());
    try (GgufFile g = GgufFile.open(p, 17)) {
      assertEquals(2, g.version());
      Map<String, Object> m = g.metadata();
      assertEquals(200, m.get("u8"));
      assertEquals(-2, m.get("i8"));
      assertEquals(60000, m.get("u16"));
      assertEquals(-300, m.get("i16"));
      assertEquals(0xFFFFFFFFL, m.get("u32"));
      assertEquals(-7, m.get("i32"));
      assertEquals(1.5f, m.get("f32"));
      assertEquals(true, m.get("bool"));
      assertEquals("héllo ▁wörld", m.get("str"));
      assertEquals(-1L, m.get("u64"));
      assertEquals(-5_000_000_000L, m.get("i64"));
      assertEquals(Math.PI, m.get("f64"));
      assertArrayEquals(new byte[] {1, 2, (byte) 255}, (byte[]) m.get("a.u8"));
      assertArrayEquals(new short[] {-1, 5}, (short[]) m.get("a.i16"));
      assertArrayEquals(new int[] {1, -6}, (int[]) m.get("a.i32"));
      assertArrayEquals(new float[] {-0.25f}, (float[]) m.get("a.f32"));
      assertArrayEquals(new boolean[] {false, true}, (boolean[]) m.get("a.bool"));
      assertArrayEquals(new long[] {Long.MIN_VALUE}, (long[]) m.get("a.i64"));
      assertArrayEquals(new double[] {2.5}, (double[]) m.get("a.f64"));
      assertArrayEquals(new int[0], (int[]) m.get("a.empty"));
      List<?> nested = (List<?>) m.get("a.nested");
      assertEquals(List.of("x"), nested.get(0));
      assertArrayEquals(new byte[0], (byte[]) nested.get(1));
      assertEquals(List.of("a", "", "ĠHTML"), m.get("a.str"));
      assertEquals(List.of("u8", "i8", "u16", "i16", "u32", "i32", "f32", "bool", "str", "u64", "i64", "f64"),
          new ArrayList<>(m.keySet()).subList(0, 12));
      assertEquals("uint32", g.metadataType("u32").orElseThrow());
      assertEquals("array", g.metadataType("a.nested").orElseThrow());
      assertTrue(g.metadata("absent").isEmpty());
      assertTrue(g.tensors().isEmpty());
    }
  }

  @Test
  void alignmentPadsTheDataSection() throws IOException {
    float[][] a = random(3, 5, 1);
    float[][] b = random(2, 3, 2);
    GgufTestWriter w = new GgufTestWriter()
        .tensor("a", GgufFile.TYPE_F32, new long[] {5, 3}, GgufTestWriter.f32(a))
        .tensor("token_embd.weight", GgufFile.TYPE_F32, new long[] {3, 2}, GgufTestWriter.f32(b));
    w.alignment = 64;
    Path p = write("align.gguf", w.build());
    try (GgufFile g = GgufFile.open(p)) {
      assertEquals(64, g.alignment());
      assertEquals(0, g.dataOffset() % 64);
      assertEquals(64, g.tensor("token_embd.weight").orElseThrow().offset());
      assertRows(a, g.readTable("a"));
      assertRows(b, g.readTable("token_embd.weight"));
    }
  }

  @Test
  void tokenEmbeddingsFindNearestTokensAndEmbedText() throws IOException {
    List<String> vocab = List.of("<unk>", "▁king", "▁queen", "▁car", "▁the", "s", "<0x21>");
    float[][] m = {{0, 0, 1}, {1, 0.1f, 0}, {0.95f, 0.2f, 0}, {-1, 0, 0}, {0, 1, 0}, {0, 0.5f, 0.5f},
        {0.1f, 0.1f, 0.1f}};
    Path p = write("vocab.gguf", new GgufTestWriter().kvString("tokenizer.ggml.model", "llama")
        .kvStrings(GgufFile.TOKENS_KEY, vocab)
        .kv(GgufFile.TOKEN_TYPES_KEY, 9, new Out().u32(5).u64(7).u32(2).u32(1).u32(1).u32(1).u32(1).u32(1).u32(6)
            .toByteArray())
        .tensor("token_embd.weight", GgufFile.TYPE_F32, new long[] {3, 7}, GgufTestWriter.f32(m)).build());
    Embedding e;
    try (GgufFile g = GgufFile.open(p)) {
      assertEquals(vocab, g.tokens());
      assertArrayEquals(new int[] {2, 1, 1, 1, 1, 1, 6}, g.tokenTypes().orElseThrow());
      e = g.tokenEmbeddings();
    }
    assertEquals(7, e.vocabulary().size());
    assertEquals("▁queen", e.nearest("▁king", 1).get(0).token());
    TokenVectors tv = e.embed("the kings!");
    assertEquals(List.of("▁the", "▁king", "s", "<0x21>"), tv.tokens());
    assertArrayEquals(new int[] {4, 1, 5, 6}, tv.ids());
    assertArrayEquals(m[1], tv.vectors()[1]);
  }

  @Test
  void paddedRowsAreNeverNearestAndDuplicateTokensKeepTheirFirstId() throws IOException {
    List<String> vocab = List.of("a", "b", "a");
    float[][] m = {{1, 0}, {0, 1}, {0.9f, 0.1f}, {1, 0.01f}, {1, 0.02f}};
    Path p = write("pad.gguf", new GgufTestWriter().kvStrings(GgufFile.TOKENS_KEY, vocab)
        .tensor("token_embd.weight", GgufFile.TYPE_F32, new long[] {2, 5}, GgufTestWriter.f32(m)).build());
    try (GgufFile g = GgufFile.open(p)) {
      Embedding e = g.tokenEmbeddings();
      assertEquals(5, e.vectors().rows());
      assertEquals(3, e.searchableRows());
      assertEquals(0, e.vocabulary().id("a"));
      assertEquals("a <|row 2|>", e.vocabulary().token(2));
      assertEquals("<|row 3|>", e.vocabulary().token(3));
      List<Neighbor> near = e.nearest("a", 4);
      assertEquals(List.of(2, 1), near.stream().map(Neighbor::id).toList());
    }
  }

  @Test
  void byteLevelAndWordPieceVocabulariesEmbedText() throws IOException {
    float[][] m = random(6, 4, 3);
    Path gpt2 = write("gpt2.gguf", new GgufTestWriter().kvString("tokenizer.ggml.model", "gpt2")
        .kvStrings(GgufFile.TOKENS_KEY, List.of("HT", "ML", "ĠHTML", "Ġcod", "ers", "H"))
        .tensor("token_embd.weight", GgufFile.TYPE_F32, new long[] {4, 6}, GgufTestWriter.f32(m)).build());
    try (GgufFile g = GgufFile.open(gpt2)) {
      assertEquals(List.of("HT", "ML", "ĠHTML", "Ġcod", "ers"), g.tokenEmbeddings().embed("HTML HTML coders")
          .tokens());
    }
    Path bert = write("bert.gguf", new GgufTestWriter().kvString("tokenizer.ggml.model", "bert")
        .kvStrings(GgufFile.TOKENS_KEY, List.of("[UNK]", "play", "##ing", "!", "the", "##s"))
        .tensor("token_embd.weight", GgufFile.TYPE_F32, new long[] {4, 6}, GgufTestWriter.f32(m)).build());
    try (GgufFile g = GgufFile.open(bert)) {
      assertEquals(List.of("the", "play", "##ing", "!", "[UNK]"), g.tokenEmbeddings().embed("The playing! ø")
          .tokens());
    }
  }

  @Test
  void closeIsIdempotentAndUseAfterCloseFails() throws IOException {
    float[][] m = random(2, 3, 4);
    Path p = write("close.gguf", new GgufTestWriter().kvStrings(GgufFile.TOKENS_KEY, tokens(2))
        .tensor("token_embd.weight", GgufFile.TYPE_F32, new long[] {3, 2}, GgufTestWriter.f32(m)).build());
    GgufFile g = GgufFile.open(p);
    VectorTable t = g.readTable("token_embd.weight");
    g.close();
    g.close();
    assertTrue(g.isClosed());
    assertThrows(IllegalStateException.class, () -> g.readTable("token_embd.weight"));
    assertThrows(IllegalStateException.class, g::tokenEmbeddings);
    assertRows(m, t);
    assertEquals(1, g.tensors().size());
  }

  @Test
  void fileLargerThan2GbReadsATableBeyondTheFirstWindow() throws IOException {
    float[][] m = random(4, 6, 5);
    long filler = (1L << 31) + 64;
    byte[] head = new GgufTestWriter().kvStrings(GgufFile.TOKENS_KEY, tokens(4))
        .tensor("filler", 24, new long[] {filler}, new byte[0])
        .tensor("token_embd.weight", GgufFile.TYPE_F32, new long[] {6, 4}, new byte[0]).build();
    // The writer laid both tensors at offset 0: patch the second offset, the last 8 bytes of its info.
    ByteBuffer bb = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
    long dataStart = head.length; // the writer padded the header to the data section; the tensors are empty
    bb.putLong(lastOffsetField(head), filler);
    Path p = dir.resolve("big.gguf");
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
        StandardOpenOption.SPARSE)) {
      ch.write(ByteBuffer.wrap(head), 0);
      ch.write(ByteBuffer.wrap(GgufTestWriter.f32(m)), dataStart + filler);
    }
    assertTrue(Files.size(p) > (1L << 31));
    try (GgufFile g = GgufFile.open(p)) {
      assertEquals(dataStart, g.dataOffset());
      Embedding e = g.tokenEmbeddings();
      assertRows(m, e.vectors());
      assertEquals("I8", g.tensor("filler").orElseThrow().typeName());
      EmbeddingFormatException ex = assertThrows(EmbeddingFormatException.class, () -> g.readTable("filler"));
      assertTrue(ex.getMessage().contains("I8") && ex.getMessage().contains("filler"), ex.getMessage());
    }
  }

  /** Where the offset of the (2-D) token_embd.weight info is: after its name, rank, two dims and type. */
  private static int lastOffsetField(byte[] head) {
    String name = "token_embd.weight";
    int at = new String(head, java.nio.charset.StandardCharsets.ISO_8859_1).lastIndexOf(name);
    return at + name.length() + 4 + 2 * 8 + 4;
  }

  // ---- hostile files ----

  private byte[] valid() {
    return new GgufTestWriter().kvString("tokenizer.ggml.model", "llama").kvStrings(GgufFile.TOKENS_KEY, tokens(3))
        .kv("a.f32", 9, new Out().u32(6).u64(2).u32(0).u32(0).toByteArray())
        .tensor("token_embd.weight", GgufFile.TYPE_F16, new long[] {5, 3},
            GgufTestWriter.half(halfBits(random(3, 5, 9), false))).build();
  }

  private EmbeddingFormatException rejected(byte[] bytes, String... mustMention) throws IOException {
    Path p = write("hostile.gguf", bytes);
    EmbeddingFormatException e = assertThrows(EmbeddingFormatException.class, () -> {
      try (GgufFile g = GgufFile.open(p)) {
        g.tokenEmbeddings();
      }
    });
    assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
    for (String s : mustMention) {
      assertTrue(e.getMessage().contains(s), "\"" + s + "\" not in: " + e.getMessage());
    }
    return e;
  }

  private static byte[] header(int version, long tensors, long kvs) {
    return new Out().u32(GgufFile.MAGIC).u32(version).u64(tensors).u64(kvs).toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    Out o = new Out();
    for (byte[] p : parts) {
      o.bytes(p);
    }
    return o.toByteArray();
  }

  @Test
  void badHeadersAreRejectedByName() throws IOException {
    byte[] v = valid();
    byte[] bad = v.clone();
    bad[0] = 'X';
    rejected(bad, "magic");
    rejected(header(1, 0, 0), "version 1");
    rejected(header(4, 0, 0), "version 4");
    rejected(header(0x03000000, 0, 0), "big-endian");
    rejected(header(3, 0, 1L << 60), "metadata count");
    rejected(header(3, 1L << 60, 0), "tensor count");
    rejected(new byte[] {'G', 'G'}, "magic", "file ends");
  }

  @Test
  void claimsLargerThanTheFileAreRejectedBeforeAllocating() throws IOException {
    rejected(concat(header(3, 0, 1), new Out().u64(1L << 60).toByteArray(), new byte[16]), "metadata key #0",
        "length");
    rejected(concat(header(3, 0, 1), new Out().string("k").u32(8).u64(1L << 60).toByteArray()), "metadata \"k\"");
    rejected(concat(header(3, 0, 1), new Out().string("k").u32(8).u64(-1L).toByteArray()), "metadata \"k\"");
    rejected(concat(header(3, 0, 1), new Out().string("k").u32(9).u32(0).u64(1L << 60).toByteArray()), "count");
    rejected(concat(header(3, 0, 1), new Out().string("k").u32(9).u32(8).u64(Long.MAX_VALUE).toByteArray()),
        "count");
    rejected(concat(header(3, 0, 1), new Out().string("k").u32(9).u32(9).u64(1L << 40).toByteArray()), "count");
    rejected(concat(header(3, 0, 1), new Out().string("k").u32(13).u32(0).toByteArray()), "unknown value type 13");
    rejected(concat(header(3, 0, 1), new Out().string("k").u32(9).u32(42).u64(0).toByteArray()),
        "unknown array element type 42");
    rejected(concat(header(3, 0, 1), new Out().string("k").u32(7).u8(2).toByteArray()), "bool");
    Out deep = new Out().string("k").u32(9);
    for (int i = 0; i < 40; i++) {
      deep.u32(9).u64(1);
    }
    rejected(concat(header(3, 0, 1), deep.u32(0).u64(0).toByteArray()), "nested");
    rejected(concat(header(3, 0, 2), new Out().string("k").u32(0).u8(1).string("k").u32(0).u8(1).toByteArray()),
        "duplicate metadata key");
  }

  @Test
  void badTensorInfosAreRejectedNamingTheTensor() throws IOException {
    byte[] align3 = new Out().string(GgufFile.ALIGNMENT_KEY).u32(4).u32(3).toByteArray();
    rejected(concat(header(3, 0, 1), align3), "alignment");
    Out five = new Out().string("t").u32(5);
    for (int i = 0; i < 5; i++) {
      five.u64(1);
    }
    rejected(concat(header(3, 1, 0), five.u32(0).u64(0).toByteArray()), "tensor \"t\"", "rank 5");
    rejected(concat(header(3, 1, 0), new Out().string("t").u32(2).u64(1L << 40).u64(1L << 40).u32(0).u64(0)
        .toByteArray()), "tensor \"t\"", "overflows");
    rejected(concat(header(3, 1, 0), new Out().string("t").u32(1).u64(-1).u32(0).u64(0).toByteArray()),
        "tensor \"t\"", "too large");
    rejected(concat(header(3, 1, 0), new Out().string("t").u32(1).u64(4).u32(0).u64(33).toByteArray()),
        "tensor \"t\"", "alignment");
    rejected(concat(header(3, 1, 0), new Out().string("t").u32(1).u64(4).u32(0).u64(1L << 40).toByteArray()),
        "tensor \"t\"", "beyond the end");
    rejected(concat(header(3, 2, 0), new Out().string("t").u32(1).u64(4).u32(0).u64(0).string("t").u32(1).u64(4)
        .u32(0).u64(0).toByteArray()), "tensor \"t\"", "duplicate");
  }

  @Test
  void tableProblemsNameTheTensor() throws IOException {
    rejected(new GgufTestWriter().kvStrings(GgufFile.TOKENS_KEY, tokens(2))
        .tensor("token_embd.weight", 12, new long[] {256, 2}, new byte[288]).build(), "token_embd.weight",
        "Q4_K");
    rejected(new GgufTestWriter().kvStrings(GgufFile.TOKENS_KEY, tokens(2))
        .tensor("token_embd.weight", 99, new long[] {2, 2}, new byte[16]).build(), "type 99");
    rejected(new GgufTestWriter().kvStrings(GgufFile.TOKENS_KEY, tokens(2))
        .tensor("token_embd.weight", GgufFile.TYPE_F32, new long[] {4, 2}, new byte[16]).build(),
        "token_embd.weight", "past the end");
    rejected(new GgufTestWriter().kvStrings(GgufFile.TOKENS_KEY, tokens(2))
        .tensor("token_embd.weight", GgufFile.TYPE_F32, new long[] {Integer.MAX_VALUE, Integer.MAX_VALUE},
            new byte[16]).build(), "token_embd.weight", "past the end");
    rejected(new GgufTestWriter().kvStrings(GgufFile.TOKENS_KEY, tokens(2))
        .tensor("output.weight", GgufFile.TYPE_F32, new long[] {2, 2}, new byte[16]).build(),
        "token_embd.weight", "missing");
    rejected(new GgufTestWriter().tensor("token_embd.weight", GgufFile.TYPE_F32, new long[] {2, 2}, new byte[16])
        .build(), GgufFile.TOKENS_KEY, "missing");
    rejected(new GgufTestWriter().kvStrings(GgufFile.TOKENS_KEY, tokens(3))
        .tensor("token_embd.weight", GgufFile.TYPE_F32, new long[] {2, 2}, new byte[16]).build(),
        "2 rows for 3 tokens");
    rejected(new GgufTestWriter().kvStrings(GgufFile.TOKENS_KEY, tokens(2))
        .tensor("token_embd.weight", GgufFile.TYPE_F32, new long[] {2, 2, 1}, new byte[16]).build(),
        "2 dimensions");
    float[][] nan = {{1, Float.NaN}, {0, 1}};
    rejected(new GgufTestWriter().kvStrings(GgufFile.TOKENS_KEY, tokens(2))
        .tensor("token_embd.weight", GgufFile.TYPE_F32, new long[] {2, 2}, GgufTestWriter.f32(nan)).build(),
        "token_embd.weight", "non-finite");
  }

  @Test
  void everyTruncationIsAFormatError() throws IOException {
    byte[] v = valid();
    try (GgufFile g = GgufFile.open(write("ok.gguf", v))) {
      assertEquals(3, g.tokenEmbeddings().vocabulary().size());
    }
    for (int n = 0; n < v.length; n++) {
      byte[] cut = java.util.Arrays.copyOf(v, n);
      rejected(cut);
    }
  }

  @Test
  void corruptedBytesNeverEscapeAsAnotherException() throws IOException {
    byte[] v = valid();
    Random rnd = new Random(42);
    int failures = 0;
    for (int pos = 0; pos < v.length; pos++) {
      for (int variant = 0; variant < 3; variant++) {
        byte[] bad = v.clone();
        bad[pos] = (byte) (variant == 0 ? 0xFF : variant == 1 ? bad[pos] ^ (1 << rnd.nextInt(8)) : 0x80);
        Path p = write("fuzz.gguf", bad);
        try (GgufFile g = GgufFile.open(p)) {
          g.tokenEmbeddings();
        } catch (EmbeddingFormatException e) {
          failures++;
        }
      }
    }
    assertTrue(failures > v.length / 4, "only " + failures + " corruptions were detected");
  }
}
