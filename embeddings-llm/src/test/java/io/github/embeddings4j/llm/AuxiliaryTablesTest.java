package io.github.embeddings4j.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.embeddings4j.DType;
import io.github.embeddings4j.EmbeddingFormatException;
import io.github.embeddings4j.VectorTable;
import io.github.embeddings4j.llm.format.Fixtures;
import io.github.embeddings4j.llm.format.OnnxTestWriter;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 18: position and token-type tables are checked at open, not when {@code embedWithPositions} runs. */
class AuxiliaryTablesTest {
  @TempDir Path dir;

  private static Fixtures.Raw empty(int dim) {
    return new Fixtures.Raw("F32", new long[] {0, dim}, new byte[0]);
  }

  @Test
  void aTokenTypeTableWithoutRowsFailsAtOpenNamingIt() throws IOException {
    // Was: the folder opened, then embedWithPositions threw IndexOutOfBoundsException reading token type 0.
    Path d = dir.resolve("bert-no-types");
    Fixtures.tinyModel(d, "bert", 16, 16, Fixtures.map(
        "bert.embeddings.position_embeddings.weight", Fixtures.raw("F32", Fixtures.values(8, 4, 6)),
        "bert.embeddings.token_type_embeddings.weight", empty(4),
        "bert.embeddings.word_embeddings.weight", Fixtures.raw("F32", Fixtures.values(16, 4, 5))));
    EmbeddingFormatException e = assertThrows(EmbeddingFormatException.class, () -> TokenEmbeddings.open(d));
    assertTrue(e.getMessage().contains("token_type_embeddings") && e.getMessage().contains("no rows"),
        e.getMessage());
  }

  @Test
  void aPositionTableWithoutRowsFailsAtOpenNamingIt() throws IOException {
    Path d = dir.resolve("bert-no-positions");
    Fixtures.tinyModel(d, "bert", 16, 16, Fixtures.map(
        "bert.embeddings.position_embeddings.weight", empty(4),
        "bert.embeddings.word_embeddings.weight", Fixtures.raw("F32", Fixtures.values(16, 4, 5))));
    EmbeddingFormatException e = assertThrows(EmbeddingFormatException.class, () -> TokenEmbeddings.open(d));
    assertTrue(e.getMessage().contains("position_embeddings") && e.getMessage().contains("no rows"),
        e.getMessage());
  }

  @Test
  void tablesOfOneRowStillOpenAndServePositions() throws IOException {
    Path d = dir.resolve("bert-one-row");
    Fixtures.tinyModel(d, "bert", 16, 16, Fixtures.map(
        "bert.embeddings.position_embeddings.weight", Fixtures.raw("F32", Fixtures.values(1, 4, 6)),
        "bert.embeddings.token_type_embeddings.weight", Fixtures.raw("F32", Fixtures.values(1, 4, 7)),
        "bert.embeddings.word_embeddings.weight", Fixtures.raw("F32", Fixtures.values(16, 4, 5))));
    try (TokenEmbeddings e = TokenEmbeddings.open(d)) {
      assertEquals(1, e.embedWithPositions("bank").size());
    }
  }

  @Test
  void anOnnxTokenTypeTableWithoutRowsOrOfAnotherDimensionFailsAtOpen() throws IOException {
    Path tokenizer = java.nio.file.Files.writeString(dir.resolve("tokenizer.json"), Fixtures.tinyTokenizer(16));
    byte[] words = Fixtures.encode(Fixtures.values(16, 4, 5), "F32");
    for (long[] typeShape : new long[][] {{0, 4}, {2, 3}}) {
      byte[] types = new byte[(int) (typeShape[0] * typeShape[1] * 4)];
      Path onnx = java.nio.file.Files.write(dir.resolve("m.onnx"), OnnxTestWriter.model(OnnxTestWriter.graph(
          OnnxTestWriter.tensor("embeddings.word_embeddings.weight", 1, new long[] {16, 4}, words, true),
          OnnxTestWriter.tensor("embeddings.token_type_embeddings.weight", 1, typeShape, types, true))));
      EmbeddingFormatException e = assertThrows(EmbeddingFormatException.class,
          () -> TokenEmbeddings.openOnnx(onnx, tokenizer));
      assertTrue(e.getMessage().contains("token_type_embeddings")
          && e.getMessage().contains(typeShape[0] == 0 ? "no rows" : "dimension 3"), e.getMessage());
    }
  }

  @Test
  void theBuilderRejectsAnAuxiliaryTableWithoutRows() {
    VectorTable token = VectorTable.builder(DType.F32, 3, 4).build();
    VectorTable none = VectorTable.builder(DType.F32, 0, 4).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TokenEmbeddings.builder(token)
        .tokenTypes(none).vocabulary(io.github.embeddings4j.Vocabulary.of(java.util.List.of("a", "b", "c")))
        .build());
    assertTrue(e.getMessage().contains("token-type table has no rows"), e.getMessage());
  }
}
