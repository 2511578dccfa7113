package io.github.embeddings4j.llm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.embeddings4j.DType;
import io.github.embeddings4j.EmbeddingException;
import io.github.embeddings4j.EmbeddingFormatException;
import io.github.embeddings4j.Neighbor;
import io.github.embeddings4j.Similarity;
import io.github.embeddings4j.TokenVectors;
import io.github.embeddings4j.UnknownTokenException;
import io.github.embeddings4j.VectorTable;
import io.github.embeddings4j.Vocabulary;
import io.github.embeddings4j.llm.format.Fixtures;
import io.github.embeddings4j.llm.format.SafetensorsFile;
import io.github.embeddings4j.testutil.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenEmbeddingsTest {
  @TempDir
  Path dir;

  private static final int QWEN_ROWS = 151_936;
  private static final int QWEN_TOKENS = 151_669;

  /** A GPT-2 folder: the real config and tokenizer, random wte [50257, 8] and wpe [1024, 8] (prefixed names). */
  private Path gpt2() throws IOException {
    Path d = dir.resolve("gpt2");
    Files.createDirectories(d);
    Files.copy(SharedData.path("tokenizers/gpt2/config.json"), d.resolve("config.json"));
    Files.copy(SharedData.path("tokenizers/gpt2/tokenizer.json"), d.resolve("tokenizer.json"));
    Fixtures.write(d.resolve("model.safetensors"), Fixtures.map(
        "transformer.h.0.attn.bias", new Fixtures.Raw("F32", new long[] {1, 1}, new byte[4]),
        "transformer.wpe.weight", Fixtures.raw("F32", Fixtures.values(1024, 8, 2)),
        "transformer.wte.weight", Fixtures.raw("F32", Fixtures.values(50_257, 8, 1))));
    return d;
  }

  /** A Qwen2 folder: 151,936 bf16 rows for 151,669 tokens; the padding rows all equal e0 = [1, 0, 0, 0]. */
  private Path qwen() throws IOException {
    Path d = dir.resolve("qwen");
    Files.createDirectories(d);
    Fixtures.qwenTokenizer(SharedData.path("tokenizers/qwen3/tokenizer.json.gz"), d);
    Files.writeString(d.resolve("config.json"), "{\"architectures\":[\"Qwen2ForCausalLM\"],\"model_type\":\"qwen2\","
        + "\"vocab_size\":151936,\"hidden_size\":4}");
    float[][] v = Fixtures.values(QWEN_ROWS, 4, 3);
    for (int r = QWEN_TOKENS; r < QWEN_ROWS; r++) {
      v[r] = new float[] {1, 0, 0, 0};
    }
    Fixtures.write(d.resolve("model.safetensors"), Fixtures.map(
        "model.embed_tokens.weight", Fixtures.raw("BF16", v),
        "model.layers.0.self_attn.q_proj.weight", Fixtures.raw("BF16", Fixtures.values(64, 4, 4))));
    return d;
  }

  @Test
  void gpt2TokensPositionsAndTheBankExperiment() throws IOException {
    try (TokenEmbeddings e = TokenEmbeddings.open(gpt2())) {
      assertEquals(ModelFamily.GPT2, e.family().orElseThrow());
      assertEquals("transformer.wte.weight", e.tokenTableName().orElseThrow());
      assertEquals(50_257, e.vectors().rows());
      assertEquals(50_257, e.searchableRows());
      assertTrue(e.hasPositions());
      TokenVectors t = e.embed("The bank is near the river bank");
      assertEquals(List.of("The", "Ġbank", "Ġis", "Ġnear", "Ġthe", "Ġriver", "Ġbank"), t.tokens());
      assertEquals(" bank", e.readable(t.tokens().get(1)));
      assertEquals(t.ids()[1], t.ids()[6]);
      assertArrayEquals(t.vectors()[1], t.vectors()[6], 0f, "without positions the same token is one vector");
      TokenVectors p = e.embedWithPositions("The bank is near the river bank");
      float[][] wte = Fixtures.values(50_257, 8, 1);
      float[][] wpe = Fixtures.values(1024, 8, 2);
      for (int pos : new int[] {1, 6}) {
        for (int i = 0; i < 8; i++) {
          assertEquals(wte[t.ids()[pos]][i] + wpe[pos][i], p.vectors()[pos][i], 0f);
        }
      }
      float sim = Similarity.COSINE.compare(p.vectors()[1], p.vectors()[6]);
      assertTrue(sim < 0.999f, "the two banks differ once positions are added: " + sim);
      assertEquals(e.vector(t.ids()[1]).length, 8);
    }
  }

  @Test
  void paddedRowsAreNeverReturned() throws IOException {
    try (TokenEmbeddings e = TokenEmbeddings.open(qwen())) {
      assertEquals(ModelFamily.LLAMA, e.family().orElseThrow());
      assertEquals(DType.BF16, e.vectors().dtype(), "bf16 stays bf16");
      assertEquals(QWEN_ROWS, e.vectors().rows());
      assertEquals(QWEN_TOKENS, e.searchableRows());
      assertEquals(QWEN_TOKENS, e.vocabulary().size());
      float[] e0 = {1, 0, 0, 0};
      List<Neighbor> near = e.nearest(e0, 50);
      assertEquals(50, near.size());
      for (Neighbor n : near) {
        assertTrue(n.id() < QWEN_TOKENS, "padding row returned: " + n);
        assertTrue(n.score() < 1f, "only the padding rows are exactly e0: " + n);
      }
      for (List<Neighbor> batch : e.nearest(new float[][] {e0, {0, 1, 0, 0}}, 20)) {
        assertTrue(batch.stream().allMatch(n -> n.id() < QWEN_TOKENS), batch.toString());
      }
      // An unrestricted search over the table does find the padding rows first: the restriction is what works.
      assertTrue(io.github.embeddings4j.NearestNeighbors.search(e.vectors(), e0, 1, Similarity.COSINE).ids()[0]
          >= QWEN_TOKENS);
      List<Neighbor> ofToken = e.nearest("Ġking", 5);
      assertFalse(ofToken.stream().anyMatch(n -> n.token().equals("Ġking")), "the token itself is excluded");
      TokenVectors t = e.embed("HTML coders are not considered programmers");
      assertEquals("HTML", t.tokens().get(0));
      assertEquals(t.size(), t.vectors().length);
      assertThrows(EmbeddingException.class, () -> e.embedWithPositions("rotary models have no table"));
      List<Neighbor> ofText = e.nearestToText(" programmers", 3);
      int own = e.encode(" programmers").ids()[0];
      assertTrue(ofText.stream().noneMatch(n -> n.id() == own || n.id() >= QWEN_TOKENS), ofText.toString());
    }
  }

  @Test
  void extractionWritesOnlyTheTablesAndReopensIdentically() throws IOException {
    Path out = dir.resolve("extracted");
    try (TokenEmbeddings e = TokenEmbeddings.open(qwen())) {
      e.save(out);
      try (TokenEmbeddings back = TokenEmbeddings.open(out)) {
        assertEquals(e.vectors().dtype(), back.vectors().dtype());
        assertEquals(e.searchableRows(), back.searchableRows());
        assertEquals(e.family(), back.family());
        short[] a = new short[4];
        short[] b = new short[4];
        for (int r = 0; r < QWEN_ROWS; r += 997) {
          assertArrayEquals(e.vectors().rowBits(r, a, 0), back.vectors().rowBits(r, b, 0), "row " + r);
        }
        assertEquals(e.nearest("Ġking", 5), back.nearest("Ġking", 5));
        assertArrayEquals(e.encode("considered").ids(), back.encode("considered").ids());
      }
    }
    try (SafetensorsFile f = SafetensorsFile.open(out.resolve("model.safetensors"))) {
      assertEquals(List.of("model.embed_tokens.weight"), f.tensors().stream().map(SafetensorsFile.Tensor::name)
          .toList());
    }
    assertTrue(Files.readString(out.resolve("config.json")).contains("\"qwen2\""));
    assertEquals(Files.size(dir.resolve("qwen/tokenizer.json")), Files.size(out.resolve("tokenizer.json")));
  }

  @Test
  void aPositionTableOfAnotherDimensionIsAFormatError() throws IOException {
    // Found by fuzzing: the mismatch escaped as an IllegalArgumentException from the builder.
    Path d = dir.resolve("bert-mismatch");
    Fixtures.tinyModel(d, "bert", 16, 16, Fixtures.map(
        "bert.embeddings.position_embeddings.weight", Fixtures.raw("F32", Fixtures.values(8, 3, 6)),
        "bert.embeddings.word_embeddings.weight", Fixtures.raw("F32", Fixtures.values(16, 4, 5))));
    EmbeddingFormatException e = assertThrows(EmbeddingFormatException.class, () -> TokenEmbeddings.open(d));
    assertTrue(e.getMessage().contains("position_embeddings") && e.getMessage().contains("dimension 3"),
        e.getMessage());
  }

  @Test
  void bertSumsWordPositionAndTokenTypeAndSurvivesExtraction() throws IOException {
    Path d = dir.resolve("bert");
    Fixtures.tinyModel(d, "bert", 20, 16, Fixtures.map(
        "bert.embeddings.position_embeddings.weight", Fixtures.raw("F16", Fixtures.values(8, 4, 6)),
        "bert.embeddings.token_type_embeddings.weight", Fixtures.raw("F32", Fixtures.values(2, 4, 7)),
        "bert.embeddings.word_embeddings.weight", Fixtures.raw("F32", Fixtures.values(20, 4, 5))));
    Path out = dir.resolve("bert-out");
    try (TokenEmbeddings e = TokenEmbeddings.open(d)) {
      assertEquals(16, e.searchableRows(), "rows 16..19 have no token");
      TokenVectors p = e.embedWithPositions("the bank");
      float[][] word = Fixtures.values(20, 4, 5);
      float[][] pos = Fixtures.values(8, 4, 6);
      float[][] type = Fixtures.values(2, 4, 7);
      for (int i = 0; i < 4; i++) {
        assertEquals(word[2][i] + Fixtures.rounded(pos[1][i], "F16") + type[0][i], p.vectors()[1][i], 1e-6f);
      }
      assertThrows(EmbeddingException.class, () -> e.embedWithPositions("the bank is near the river bank the bank"));
      e.save(out);
    }
    try (TokenEmbeddings back = TokenEmbeddings.open(out)) {
      assertEquals(DType.F16, back.positions().orElseThrow().dtype());
      assertEquals(ModelFamily.BERT, back.family().orElseThrow());
    }
  }

  @Test
  void aCallerNamedTensorAndTheErrorsWhenTablesAreMissing() throws IOException {
    Path d = dir.resolve("custom");
    Fixtures.tinyModel(d, "t5", 16, 16, Fixtures.map(
        "shared.weight", Fixtures.raw("F32", Fixtures.values(16, 3, 8))));
    EmbeddingFormatException e = assertThrows(EmbeddingFormatException.class, () -> TokenEmbeddings.open(d));
    assertTrue(e.getMessage().contains("t5") && e.getMessage().contains("shared.weight"), e.getMessage());
    try (TokenEmbeddings t = TokenEmbeddings.open(d, "shared.weight")) {
      assertEquals(3, t.dimension());
      assertFalse(t.family().isPresent());
      assertArrayEquals(Fixtures.values(16, 3, 8)[6], t.vector("king"), 0f);
    }
    e = assertThrows(EmbeddingFormatException.class, () -> TokenEmbeddings.open(d, "nope.weight"));
    assertTrue(e.getMessage().contains("tensor nope.weight") && e.getMessage().contains("model.safetensors"),
        e.getMessage());
    Files.delete(d.resolve("tokenizer.json"));
    assertThrows(java.io.FileNotFoundException.class, () -> TokenEmbeddings.open(d, "shared.weight"));
  }

  @Test
  void aShardedCheckpointOpensOnlyTheShardHoldingTheTable() throws IOException {
    Path d = dir.resolve("sharded");
    Fixtures.tinyModel(d, "llama", 16, 16, Fixtures.map(
        "model.norm.weight", Fixtures.raw("F32", Fixtures.values(1, 3, 9))));
    Files.delete(d.resolve("model.safetensors"));
    // Shard 1 is garbage: opening it would fail, so the test proves it is never opened.
    Files.write(d.resolve("model-00001-of-00002.safetensors"), new byte[] {1, 2, 3});
    Fixtures.write(d.resolve("model-00002-of-00002.safetensors"), Fixtures.map(
        "model.embed_tokens.weight", Fixtures.raw("BF16", Fixtures.values(16, 3, 10))));
    Files.writeString(d.resolve("model.safetensors.index.json"), "{\"metadata\":{\"total_size\":1},\"weight_map\":{"
        + "\"model.layers.0.mlp.up_proj.weight\":\"model-00001-of-00002.safetensors\","
        + "\"model.embed_tokens.weight\":\"model-00002-of-00002.safetensors\"}}");
    try (TokenEmbeddings e = TokenEmbeddings.open(d)) {
      assertEquals(16, e.vectors().rows());
      assertEquals(Fixtures.rounded(Fixtures.values(16, 3, 10)[7][2], "BF16"), e.vector("queen")[2], 0f);
    }
    EmbeddingFormatException bad = assertThrows(EmbeddingFormatException.class,
        () -> TokenEmbeddings.open(d, "model.layers.0.mlp.up_proj.weight"));
    assertTrue(bad.getMessage().contains("model-00001-of-00002.safetensors"), bad.getMessage());
    Files.writeString(d.resolve("model.safetensors.index.json"),
        "{\"weight_map\":{\"model.embed_tokens.weight\":\"../model-00002-of-00002.safetensors\"}}");
    bad = assertThrows(EmbeddingFormatException.class, () -> TokenEmbeddings.open(d));
    assertTrue(bad.getMessage().contains("weight_map.model.embed_tokens.weight"), bad.getMessage());
  }

  @Test
  void builderForTablesReadElsewhere() throws IOException {
    VectorTable table = VectorTable.of(Fixtures.values(6, 3, 11));
    Path tok = dir.resolve("tokenizer.json");
    Files.writeString(tok, Fixtures.tinyTokenizer(5));
    try (TokenEmbeddings e = TokenEmbeddings.builder(table).tokenizer(tok).family(ModelFamily.BERT).build()) {
      assertEquals(5, e.searchableRows());
      assertTrue(e.nearest(table.row(5), 6).stream().noneMatch(n -> n.id() == 5));
    }
    Vocabulary v = Vocabulary.of(List.of("a", "b", "c", "d", "e", "f"));
    try (TokenEmbeddings e = TokenEmbeddings.builder(table).vocabulary(v)
        .positions(VectorTable.of(Fixtures.values(4, 3, 12))).build()) {
      assertFalse(e.tokenizer().isPresent());
      assertArrayEquals(new int[] {1, 0}, e.encode("b a").ids());
      assertThrows(UnknownTokenException.class, () -> e.embed("b zzz"));
      assertEquals(2, e.embedWithPositions("c d").size());
      assertThrows(IllegalStateException.class, () -> e.save(dir.resolve("x")));
    }
    assertThrows(IllegalArgumentException.class, () -> TokenEmbeddings.builder(table).build());
    assertThrows(IllegalArgumentException.class, () -> TokenEmbeddings.builder(table).vocabulary(v).tokenizer(tok)
        .build());
    assertThrows(IllegalArgumentException.class, () -> TokenEmbeddings.builder(table).vocabulary(v)
        .positions(VectorTable.of(Fixtures.values(4, 2, 12))).build());
  }

  @Test
  void closeIsIdempotentAndUseAfterCloseFails() throws IOException {
    VectorTable table = VectorTable.of(Fixtures.values(6, 3, 11));
    Path tok = dir.resolve("tokenizer.json");
    Files.writeString(tok, Fixtures.tinyTokenizer(6));
    TokenEmbeddings e = TokenEmbeddings.builder(table).tokenizer(tok).build();
    assertNotEquals(0, e.embed("the bank").size());
    e.close();
    e.close();
    assertThrows(IllegalStateException.class, () -> e.embed("the"));
    assertThrows(IllegalStateException.class, () -> e.nearest("the", 2));
    assertThrows(IllegalStateException.class, e::vectors);
  }

  /**
   * Ids the tokenizer leaves without a token (2 and 4) and padding rows past its vocabulary (6 and 7) are never
   * returned, by any search, although their rows are the closest to the query: the embedding answers through the
   * core's default {@code nearest} methods and its one candidate hook.
   */
  @Test
  void gapsAndPaddingAreNeverReturnedByAnySearch() throws IOException {
    Path tok = dir.resolve("gapped-tokenizer.json");
    Files.writeString(tok, "{\"added_tokens\":[{\"id\":5,\"content\":\"<s>\",\"single_word\":false,"
        + "\"lstrip\":false,\"rstrip\":false,\"normalized\":false,\"special\":true}],\"model\":{\"type\":"
        + "\"WordLevel\",\"vocab\":{\"a\":0,\"b\":1,\"c\":3},\"unk_token\":\"a\"},\"pre_tokenizer\":{\"type\":"
        + "\"Whitespace\"}}");
    float[] q = {1f, 0.5f, 0.25f};
    float[][] rows = {{0f, 1f, 0f}, {-1f, 0f, 1f}, q, {0.9f, 0.5f, 0.3f}, q, {0f, 0f, 1f}, q, q};
    try (TokenEmbeddings e = TokenEmbeddings.builder(VectorTable.of(rows)).tokenizer(tok).build()) {
      assertEquals(6, e.searchableRows());
      List<Integer> tokens = List.of(3, 0, 5, 1);
      assertEquals(tokens, ids(e.nearest(q, 8)));
      assertEquals(List.of(0, 5, 1), ids(e.nearest(q, 8, Similarity.COSINE, List.of("c"))));
      assertEquals(List.of(0, 5, 1), ids(e.nearest(q, 8, Similarity.DOT, List.of("c"))));
      assertEquals(List.of(5, 0), ids(e.nearest("b", 2)));
      assertEquals(List.of(tokens, tokens), e.nearest(new float[][] {q, q}, 8).stream().map(l -> ids(l)).toList());
      assertEquals(List.of(5, 0), ids(e.nearestToText("b c", 8)));
      for (int id = 0; id < rows.length; id++) {
        assertEquals(tokens.contains(id), e.isCandidate(id), "row " + id);
      }
    }
  }

  private static List<Integer> ids(List<Neighbor> neighbors) {
    return neighbors.stream().map(Neighbor::id).toList();
  }
}
