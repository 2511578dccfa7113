package io.github.embeddings4j.llm.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.embeddings4j.EmbeddingException;
import io.github.embeddings4j.EmbeddingFormatException;
import io.github.embeddings4j.Tokenizer;
import io.github.embeddings4j.VectorTable;
import io.github.embeddings4j.WordVectors;
import io.github.embeddings4j.llm.format.Fixtures;
import io.github.embeddings4j.testutil.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HfTokenizerTest {
  @TempDir
  Path dir;

  /** The tokenizer.json that produced each llama.cpp golden file (see shared/data MANIFEST.md). */
  private Path tokenizerFor(String model) throws IOException {
    switch (model) {
      case "gpt-2":
        return SharedData.path("tokenizers/gpt2/tokenizer.json");
      case "bert-bge":
        return SharedData.path("tokenizers/all-minilm-l6-v2/tokenizer.json");
      default: // qwen2, deepseek-r1-qwen: the Qwen3 file has the same base BPE
        return Fixtures.qwenTokenizer(SharedData.path("tokenizers/qwen3/tokenizer.json.gz"), dir);
    }
  }

  /**
   * llama.cpp's tokenizer tests: the .inp file holds the texts, each followed by a separator line; the .out file
   * holds Hugging Face's ids for each (encode(text, add_special_tokens=False)), one line each.
   */
  @ParameterizedTest
  @CsvSource({"gpt-2", "qwen2", "deepseek-r1-qwen", "bert-bge"})
  void reproducesTheLlamaCppGoldenEncodings(String model) throws IOException {
    Path base = SharedData.path("tokenizers/llama.cpp-vocab-tests");
    String inp = Files.readString(base.resolve("ggml-vocab-" + model + ".gguf.inp"), StandardCharsets.UTF_8);
    List<String> out = Files.readAllLines(base.resolve("ggml-vocab-" + model + ".gguf.out"), StandardCharsets.UTF_8);
    String sep = "\n__ggml_vocab_test__\n";
    assertTrue(inp.endsWith(sep));
    String[] texts = inp.substring(0, inp.length() - sep.length()).split(sep, -1);
    assertEquals(out.size(), texts.length);
    assertEquals(46, texts.length);
    try (HfTokenizer tok = HfTokenizer.open(tokenizerFor(model))) {
      for (int i = 0; i < texts.length; i++) {
        int[] ids = tok.encode(texts[i]).ids();
        List<Integer> want = new ArrayList<>();
        for (String s : out.get(i).trim().split(" ")) {
          if (!s.isEmpty()) {
            want.add(Integer.parseInt(s));
          }
        }
        assertArrayEquals(want.stream().mapToInt(Integer::intValue).toArray(), ids, model + " text " + i + ": \""
            + texts[i] + "\"");
      }
    }
  }

  @Test
  void tokensAreHuggingFaceStringsAndReadableGivesTheirText() throws IOException {
    try (HfTokenizer tok = HfTokenizer.open(tokenizerFor("qwen2"))) {
      String text = "HTML coders are not considered programmers";
      HfTokenizer.Tokens t = tok.encode(text);
      assertEquals(List.of("HTML", "Ġcod", "ers", "Ġare", "Ġnot", "Ġconsidered", "Ġprogrammers"), t.tokens());
      StringBuilder joined = new StringBuilder();
      for (int i = 0; i < t.ids().length; i++) {
        assertEquals(t.ids()[i], tok.vocabulary().id(t.tokens().get(i)));
        joined.append(tok.readable(t.tokens().get(i)));
      }
      assertEquals(text, joined.toString());
      assertEquals(text, tok.decode(t.ids()));
      assertEquals(" coders", tok.readable("Ġcoders"));
      assertEquals("\n", tok.readable("Ċ"));
      // "é" is two bytes, each its own byte-level character when split: one shows U+FFFD.
      String e = HfTokenizer.ByteLevel.decode("Ã");
      assertEquals("\uFFFD", e);
      assertEquals("<|endoftext|>", tok.readable("<|endoftext|>"));
      assertEquals(151_669, tok.vocabulary().size(), "151,643 BPE tokens + 26 added");
      assertTrue(tok.isToken(151_668));
    }
  }

  @Test
  void wordPieceTokensStayAsTheyAreAndSpecialTokensCanBeAdded() throws IOException {
    try (HfTokenizer tok = HfTokenizer.open(tokenizerFor("bert-bge"))) {
      HfTokenizer.Tokens t = tok.encode("Embeddings");
      assertTrue(t.tokens().size() > 1 && t.tokens().get(1).startsWith("##"), t.tokens().toString());
      assertEquals(t.tokens().get(1), tok.readable(t.tokens().get(1)));
      HfTokenizer.Tokens s = tok.encode("Embeddings", true);
      assertEquals("[CLS]", s.tokens().get(0));
      assertEquals("[SEP]", s.tokens().get(s.tokens().size() - 1));
    }
  }

  @Test
  void gapsInIdsArePlaceholdersThatAreNotTokens() throws IOException {
    Path f = dir.resolve("tokenizer.json");
    Files.writeString(f, "{\"added_tokens\":[{\"id\":5,\"content\":\"<s>\",\"single_word\":false,"
        + "\"lstrip\":false,\"rstrip\":false,\"normalized\":false,\"special\":true}],\"model\":{\"type\":\"WordLevel\","
        + "\"vocab\":{\"a\":0,\"b\":1,\"c\":3},\"unk_token\":\"a\"},\"pre_tokenizer\":{\"type\":\"Whitespace\"}}");
    try (HfTokenizer tok = HfTokenizer.open(f)) {
      assertEquals(6, tok.vocabulary().size());
      assertFalse(tok.isToken(2));
      assertFalse(tok.isToken(4));
      assertTrue(tok.isToken(5));
      assertEquals("<no token 2>", tok.vocabulary().token(2));
      assertArrayEquals(new int[] {1, 3, 0}, tok.encode("b c zzz").ids());
    }
  }

  @Test
  void anIdFarBeyondTheTokensIsAFormatErrorNotAnAllocation() throws IOException {
    Path f = dir.resolve("tokenizer.json");
    // Found reading the code for the fuzz target (a crafted input): the largest id sized the vocabulary, so
    // 2^31 - 1 overflowed and 3e8 filled the heap.
    Files.writeString(f, "{\"model\":{\"vocab\":{\"a\":0,\"b\":2147483647}}}");
    EmbeddingFormatException e = assertThrows(EmbeddingFormatException.class, () -> HfTokenizer.open(f));
    assertTrue(e.getMessage().contains("id 2147483647") && e.getMessage().contains("2 tokens"), e.getMessage());
    int limit = 2 * 2 + HfTokenizer.MAX_EXTRA_GAPS;
    Files.writeString(f, "{\"model\":{\"vocab\":{\"a\":0,\"b\":" + (limit - 1) + "}}}");
    try (HfTokenizer tok = HfTokenizer.open(f)) {
      assertEquals(limit, tok.vocabulary().size());
    }
    Files.writeString(f, "{\"model\":{\"vocab\":{\"a\":0,\"b\":" + limit + "}}}");
    assertThrows(EmbeddingFormatException.class, () -> HfTokenizer.open(f));
  }

  @Test
  void aFileTheNativeLibraryCannotApplyIsAnEmbeddingExceptionFromEncode() throws IOException {
    // Found by fuzzing: a WordLevel unk_token missing from the model's vocabulary (here only an added token)
    // loads, then fails on the first unknown word with a bare RuntimeException.
    Path f = dir.resolve("tokenizer.json");
    Files.writeString(f, Fixtures.tinyTokenizer(3).replace("\"[UNK]\":0,", ""));
    try (HfTokenizer tok = HfTokenizer.open(f)) {
      EmbeddingException e = assertThrows(EmbeddingException.class, () -> tok.encode("zzz"));
      assertTrue(e.getMessage().contains("cannot encode") && e.getMessage().contains(f.toString()), e.getMessage());
    }
  }

  @Test
  void malformedFilesAreFormatErrors() throws IOException {
    Path f = dir.resolve("tokenizer.json");
    Files.writeString(f, "{\"model\":{}}");
    EmbeddingFormatException e = assertThrows(EmbeddingFormatException.class, () -> HfTokenizer.open(f));
    assertTrue(e.getMessage().contains("model.vocab"), e.getMessage());
    Files.writeString(f, "{\"model\":{\"vocab\":{\"a\":0,\"b\":0}}}");
    e = assertThrows(EmbeddingFormatException.class, () -> HfTokenizer.open(f));
    assertTrue(e.getMessage().contains("id 0"), e.getMessage());
    Files.writeString(f, "{\"model\": [");
    assertThrows(EmbeddingFormatException.class, () -> HfTokenizer.open(f));
    // A vocabulary Jackson reads but the native library rejects: reported on first use, naming the file.
    Files.writeString(f, "{\"model\":{\"type\":\"Nonsense\",\"vocab\":{\"a\":0}}}");
    try (HfTokenizer tok = HfTokenizer.open(f)) {
      EmbeddingException late = assertThrows(EmbeddingException.class, () -> tok.encode("a"));
      assertTrue(late.getMessage().contains(f.toString()), late.getMessage());
    }
  }

  @Test
  void closeIsIdempotentAndEncodingAfterCloseFails() throws IOException {
    Path f = dir.resolve("tokenizer.json");
    Files.writeString(f, Fixtures.tinyTokenizer(10));
    HfTokenizer tok = HfTokenizer.open(f);
    assertArrayEquals(new int[] {1, 2}, tok.encode("the bank").ids());
    tok.close();
    tok.close();
    assertThrows(IllegalStateException.class, () -> tok.encode("the"));
    assertEquals("true", System.getProperty("ai.djl.offline"));
  }

  /** A Hugging Face tokenizer is a core {@link Tokenizer}: a {@link WordVectors} can cut texts with it. */
  @Test
  void isACoreTokenizer() throws IOException {
    Path f = dir.resolve("tokenizer.json");
    Files.writeString(f, Fixtures.tinyTokenizer(8));
    try (HfTokenizer tok = HfTokenizer.open(f)) {
      Tokenizer t = tok;
      assertEquals(List.of("the", "bank", "[UNK]", "near"), t.tokenize("the bank zzz near"));
      assertEquals(tok.encode("river is near").tokens(), t.tokenize("river is near"));
      float[][] rows = new float[8][];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = new float[] {i, 1f};
      }
      WordVectors w = new WordVectors(tok.vocabulary(), VectorTable.of(rows), tok);
      assertArrayEquals(new int[] {1, 2, 0}, w.embed("the bank zzz").ids());
      tok.close();
      assertThrows(IllegalStateException.class, () -> t.tokenize("the"));
    }
  }
}
