package io.github.embeddings4j.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contextual encoder against langchain4j's {@code AllMiniLmL6V2EmbeddingModel}, an independent implementation
 * of the same model (its own tokenizer instance, one text per ONNX Runtime call, its own pooling).
 *
 * <p>The reference's {@code tokenizer.json} truncates at 128 word pieces (special tokens included), so the
 * comparison on every text uses an encoder opened with a maximum length of 128; the default 256 is compared with
 * the same reference fed a copy of the tokenizer that truncates at 256.
 */
class ContextualEncoderTest {
  private static final float TOLERANCE = 1e-5f;

  private static ContextualEncoder encoder;
  private static ContextualEncoder encoder128;
  private static EmbeddingModel reference;

  @BeforeAll
  static void open() throws IOException {
    EncoderOptions options = EncoderOptions.defaults().withCacheDirectory(TestTexts.CACHE);
    encoder = ContextualEncoder.openDefault(options);
    encoder128 = ContextualEncoder.openDefault(options.withMaxLength(128).withBatchSize(7));
    reference = new AllMiniLmL6V2EmbeddingModel();
  }

  @AfterAll
  static void close() {
    encoder.close();
    encoder128.close();
  }

  private static List<String> texts() throws IOException {
    List<String> texts = new ArrayList<>(TestTexts.stsSentences(60));
    texts.addAll(TestTexts.AWKWARD);
    return texts;
  }

  @Test
  void sentenceVectorsEqualTheReferenceToTheFloat() throws IOException {
    List<String> texts = texts();
    assertTrue(texts.size() >= 70, "texts: " + texts.size());
    List<TextVector> batched = encoder128.encodeAll(texts);
    float worst = 0;
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i);
      float[] expected = reference.embed(text).content().vector();
      TextVector one = encoder128.encode(text);
      worst = Math.max(worst, maxDifference(expected, one.vector()));
      worst = Math.max(worst, maxDifference(expected, batched.get(i).vector()));
      assertArrayEquals(expected, one.vector(), TOLERANCE, text);
      assertArrayEquals(expected, batched.get(i).vector(), TOLERANCE, "batched: " + text);
      assertEquals(one.tokens(), batched.get(i).tokens());
      assertEquals(384, one.vector().length);
    }
    System.out.printf("contextual MiniLM vs langchain4j on %d texts: largest difference %.2e%n", texts.size(),
        worst);
  }

  @Test
  void longTextsAreTruncatedAndSaySo() {
    String longText = TestTexts.longText(700);
    int pieces = encoder.tokenizer().encode(longText, true).ids().length;
    assertTrue(pieces > 512, "pieces: " + pieces);
    TextVector v = encoder.encode(longText);
    assertEquals(256, v.tokens());
    assertEquals(pieces - 256, v.skippedTokens());
    assertTrue(v.skippedAny());
    TextVector v128 = encoder128.encode(longText);
    assertEquals(128, v128.tokens());
    assertEquals(pieces - 128, v128.skippedTokens());
    ContextualTokens t = encoder.tokens(longText);
    assertEquals(256, t.size());
    assertTrue(t.truncated());
    assertEquals("[CLS]", t.tokens().get(0));
    assertEquals("[SEP]", t.tokens().get(255));
    TextVector shortOne = encoder.encode("A man is playing a guitar.");
    assertEquals(0, shortOne.skippedTokens());
    assertFalse(shortOne.skippedAny());
    assertEquals(9, shortOne.tokens());
  }

  @Test
  void defaultLengthEqualsTheReferenceTruncatingAt256(@TempDir Path dir) throws IOException {
    // The reference reads its truncation from tokenizer.json: a copy that says 256.
    ObjectMapper json = new ObjectMapper();
    ObjectNode tokenizer;
    try (InputStream in = getClass().getClassLoader()
        .getResourceAsStream(ContextualEncoder.DEFAULT_TOKENIZER_RESOURCE)) {
      tokenizer = (ObjectNode) json.readTree(in);
    }
    ((ObjectNode) tokenizer.get("truncation")).put("max_length", 256);
    Path tokenizer256 = dir.resolve("tokenizer.json");
    json.writeValue(tokenizer256.toFile(), tokenizer);
    Path model = ModelCache.file(getClass().getClassLoader(), ContextualEncoder.DEFAULT_MODEL_RESOURCE,
        TestTexts.CACHE);
    EmbeddingModel reference256 = new OnnxEmbeddingModel(model, tokenizer256, PoolingMode.MEAN);
    List<String> texts = List.of(TestTexts.longText(150), TestTexts.longText(300), TestTexts.longText(700),
        "A short one.");
    List<TextVector> ours = encoder.encodeAll(texts);
    for (int i = 0; i < texts.size(); i++) {
      assertArrayEquals(reference256.embed(texts.get(i)).content().vector(), ours.get(i).vector(), TOLERANCE,
          "text " + i);
    }
    assertTrue(ours.get(0).tokens() > 128 && ours.get(0).tokens() < 256, "tokens: " + ours.get(0).tokens());
    assertEquals(0, ours.get(0).skippedTokens());
    assertTrue(ours.get(1).skippedTokens() > 0);
  }

  @Test
  void emptyTextIsClsAndSep() {
    // The reference refuses blank text; sentence-transformers encodes [CLS] [SEP], and so does this encoder.
    assertThrows(IllegalArgumentException.class, () -> reference.embed(""));
    TextVector empty = encoder.encode("");
    assertEquals(2, empty.tokens());
    assertFalse(empty.empty());
    assertEquals(1.0, norm(empty.vector()), 1e-5);
    ContextualTokens t = encoder.tokens("");
    assertEquals(List.of("[CLS]", "[SEP]"), t.tokens());
    assertArrayEquals(normalizedMean(t.vectors()), empty.vector(), TOLERANCE);
    assertArrayEquals(empty.vector(), encoder.encode("   ").vector(), TOLERANCE);
  }

  @Test
  void aModelWithoutSpecialTokensGivesAnEmptyResultForNoTokenNeverNaN(@TempDir Path dir) throws IOException {
    // The same model with a tokenizer whose post-processor adds nothing: "" has no token at all.
    ObjectMapper json = new ObjectMapper();
    ObjectNode tokenizer;
    try (InputStream in = getClass().getClassLoader()
        .getResourceAsStream(ContextualEncoder.DEFAULT_TOKENIZER_RESOURCE)) {
      tokenizer = (ObjectNode) json.readTree(in);
    }
    tokenizer.putNull("post_processor");
    Path plain = dir.resolve("tokenizer.json");
    json.writeValue(plain.toFile(), tokenizer);
    Path model = ModelCache.file(getClass().getClassLoader(), ContextualEncoder.DEFAULT_MODEL_RESOURCE,
        TestTexts.CACHE);
    try (ContextualEncoder bare = ContextualEncoder.open(model, plain, EncoderOptions.defaults().withBatchSize(2))) {
      TextVector empty = bare.encode("");
      assertTrue(empty.empty());
      assertArrayEquals(new float[384], empty.vector());
      assertEquals(0, bare.tokens("").size());
      TextVector hello = bare.encode("hello world");
      assertEquals(2, hello.tokens());
      assertEquals(1.0, norm(hello.vector()), 1e-5);
      List<TextVector> all = bare.encodeAll(List.of("", "hello world", " ", "a b c"));
      assertTrue(all.get(0).empty() && all.get(2).empty());
      assertArrayEquals(hello.vector(), all.get(1).vector(), TOLERANCE);
      assertEquals(3, all.get(3).tokens());
    }
  }

  @Test
  void tokenVectorsPoolIntoTheSentenceVector() {
    String text = "The bank is near the river bank.";
    ContextualTokens t = encoder.tokens(text);
    assertEquals(List.of("[CLS]", "the", "bank", "is", "near", "the", "river", "bank", ".", "[SEP]"), t.tokens());
    assertEquals(384, t.vectors()[0].length);
    assertArrayEquals(normalizedMean(t.vectors()), encoder.encode(text).vector(), TOLERANCE);
    // Context: the two "bank" word pieces have different vectors, the static table would give one.
    assertFalse(java.util.Arrays.equals(t.vectors()[2], t.vectors()[7]));
  }

  @Test
  void clsPoolingIsTheFirstTokenVector() throws IOException {
    String text = "A woman is slicing an onion.";
    try (ContextualEncoder cls = ContextualEncoder.openDefault(
        EncoderOptions.defaults().withCacheDirectory(TestTexts.CACHE).withPooling(Pooling.CLS))) {
      float[] first = encoder.tokens(text).vectors()[0];
      assertArrayEquals(normalizedMean(new float[][] {first}), cls.encode(text).vector(), TOLERANCE);
    }
    try (ContextualEncoder raw = ContextualEncoder.openDefault(
        EncoderOptions.defaults().withCacheDirectory(TestTexts.CACHE).withNormalize(false).withThreads(1, 1))) {
      float[] mean = mean(encoder.tokens(text).vectors());
      assertArrayEquals(mean, raw.encode(text).vector(), TOLERANCE);
    }
  }

  @Test
  void opensAFolderAndStreams(@TempDir Path dir) throws IOException {
    Path model = ModelCache.file(getClass().getClassLoader(), ContextualEncoder.DEFAULT_MODEL_RESOURCE,
        TestTexts.CACHE);
    Path tokenizer = ModelCache.file(getClass().getClassLoader(), ContextualEncoder.DEFAULT_TOKENIZER_RESOURCE,
        TestTexts.CACHE);
    Path folder = Files.createDirectories(dir.resolve("minilm"));
    Files.createDirectories(folder.resolve("onnx"));
    Files.createSymbolicLink(folder.resolve("onnx").resolve("model.onnx"), model.toAbsolutePath());
    Files.copy(tokenizer, folder.resolve("tokenizer.json"));
    Files.writeString(folder.resolve("sentence_bert_config.json"),
        "{\"max_seq_length\": 256, \"do_lower_case\": false}");
    String text = "Two dogs run across the snow.";
    float[] expected = encoder.encode(text).vector();
    try (ContextualEncoder fromFolder = ContextualEncoder.open(folder)) {
      assertEquals(256, fromFolder.maxLength());
      assertArrayEquals(expected, fromFolder.encode(text).vector(), TOLERANCE);
    }
    try (ContextualEncoder fromStreams = ContextualEncoder.open(Files.newInputStream(model),
        Files.newInputStream(tokenizer), EncoderOptions.defaults())) {
      // Without sentence_bert_config.json the tokenizer's own truncation (128) applies.
      assertEquals(128, fromStreams.maxLength());
      assertArrayEquals(expected, fromStreams.encode(text).vector(), TOLERANCE);
    }
  }

  @Test
  void badFoldersAndModelsAreTypedErrors(@TempDir Path dir) throws IOException {
    assertThrows(java.nio.file.NoSuchFileException.class, () -> ContextualEncoder.open(dir));
    Files.writeString(dir.resolve("model.onnx"), "not a model");
    Files.copy(ModelCache.file(getClass().getClassLoader(), ContextualEncoder.DEFAULT_TOKENIZER_RESOURCE,
        TestTexts.CACHE), dir.resolve("tokenizer.json"));
    io.github.embeddings4j.EmbeddingFormatException e =
        assertThrows(io.github.embeddings4j.EmbeddingFormatException.class, () -> ContextualEncoder.open(dir));
    assertEquals(dir.resolve("model.onnx"), e.file());
  }

  @Test
  void closeIsIdempotentAndLaterUseThrows() throws IOException {
    ContextualEncoder e = ContextualEncoder.openDefault(
        EncoderOptions.defaults().withCacheDirectory(TestTexts.CACHE).withThreads(1, 1));
    assertEquals(384, e.encode("x").vector().length);
    e.close();
    e.close();
    assertThrows(IllegalStateException.class, () -> e.encode("x"));
    assertThrows(IllegalStateException.class, () -> e.tokens("x"));
    assertThrows(IllegalStateException.class, () -> e.encodeAll(List.of("x")));
    assertEquals(384, e.dimension());
  }

  @Test
  void concurrentCallsGiveTheSingleThreadedResults() throws Exception {
    List<String> texts = TestTexts.stsSentences(16);
    List<TextVector> expected = encoder.encodeAll(texts);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<float[]>> futures = new ArrayList<>();
      for (int round = 0; round < 2; round++) {
        for (String text : texts) {
          Callable<float[]> c = () -> encoder.encode(text).vector();
          futures.add(pool.submit(c));
        }
      }
      for (int i = 0; i < futures.size(); i++) {
        assertArrayEquals(expected.get(i % texts.size()).vector(), futures.get(i).get(), TOLERANCE);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void misuseIsRejectedNamingTheValue() {
    assertThrows(NullPointerException.class, () -> encoder.encode(null));
    NullPointerException npe = assertThrows(NullPointerException.class,
        () -> encoder.encodeAll(java.util.Arrays.asList("a", null)));
    assertTrue(npe.getMessage().contains("texts[1]"), npe.getMessage());
    assertEquals(List.of(), encoder.encodeAll(List.of()));
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> EncoderOptions.defaults().withBatchSize(0));
    assertTrue(bad.getMessage().contains("batchSize"), bad.getMessage());
    assertThrows(IllegalArgumentException.class, () -> EncoderOptions.defaults().withMaxLength(2));
    assertThrows(IllegalArgumentException.class, () -> EncoderOptions.defaults().withThreads(-1, 0));
    assertEquals(Path.of("x"), EncoderOptions.defaults().withCacheDirectory(Path.of("x")).resolvedCacheDirectory());
    assertEquals("embeddings4j",
        EncoderOptions.defaults().resolvedCacheDirectory().getFileName().toString());
  }

  static float[] mean(float[][] rows) {
    float[] m = new float[rows[0].length];
    for (float[] r : rows) {
      for (int j = 0; j < m.length; j++) {
        m[j] += r[j];
      }
    }
    for (int j = 0; j < m.length; j++) {
      m[j] /= rows.length;
    }
    return m;
  }

  static float[] normalizedMean(float[][] rows) {
    float[] m = mean(rows);
    double n = norm(m);
    for (int j = 0; j < m.length; j++) {
      m[j] /= (float) n;
    }
    return m;
  }

  static double norm(float[] v) {
    double s = 0;
    for (float x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }

  private static float maxDifference(float[] a, float[] b) {
    float worst = 0;
    for (int i = 0; i < a.length; i++) {
      worst = Math.max(worst, Math.abs(a[i] - b[i]));
    }
    return worst;
  }
}
