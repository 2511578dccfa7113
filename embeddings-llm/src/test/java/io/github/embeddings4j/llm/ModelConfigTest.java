package io.github.embeddings4j.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code config.json} as an extracted folder writes it ({@link ModelConfig#write}) and reads it back. */
class ModelConfigTest {
  @TempDir
  Path dir;

  @Test
  void writesWhatSaveAlwaysWroteAndReadsItBack() throws IOException {
    ModelConfig c = new ModelConfig(Optional.of("bert"), OptionalInt.of(30522), OptionalInt.of(384),
        Optional.of("embeddings.word_embeddings.weight"), Optional.of("embeddings.position_embeddings.weight"),
        Optional.of("embeddings.token_type_embeddings.weight"));
    Path f = dir.resolve("config.json");
    c.write(f);
    assertEquals("{\n"
        + "  \"model_type\" : \"bert\",\n"
        + "  \"vocab_size\" : 30522,\n"
        + "  \"hidden_size\" : 384,\n"
        + "  \"embeddings4j\" : {\n"
        + "    \"token_table\" : \"embeddings.word_embeddings.weight\",\n"
        + "    \"position_table\" : \"embeddings.position_embeddings.weight\",\n"
        + "    \"token_type_table\" : \"embeddings.token_type_embeddings.weight\"\n"
        + "  }\n"
        + "}", Files.readString(f).replace(System.lineSeparator(), "\n"));
    assertEquals(c, ModelConfig.read(f));
    assertEquals(ModelFamily.BERT, ModelConfig.read(f).family().orElseThrow());
  }

  @Test
  void absentFieldsAreLeftOut() throws IOException {
    ModelConfig c = new ModelConfig(Optional.empty(), OptionalInt.of(4), OptionalInt.of(2), Optional.of("t"),
        Optional.empty(), Optional.empty());
    Path f = dir.resolve("config.json");
    c.write(f);
    assertEquals(c, ModelConfig.read(f));
    assertEquals(ModelConfig.EMPTY, ModelConfig.read(dir.resolve("missing.json")));
    ModelConfig.EMPTY.write(f);
    assertEquals("{ }", Files.readString(f));
    assertEquals(ModelConfig.EMPTY, ModelConfig.read(f));
  }
}
