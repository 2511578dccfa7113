package io.github.embeddings4j.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelFamilyTest {
  @Test
  void modelTypesMapToTheirTensors() {
    assertEquals(Optional.of(ModelFamily.GPT2), ModelFamily.forModelType("gpt2"));
    assertEquals(Optional.of(ModelFamily.LLAMA), ModelFamily.forModelType("Qwen2"));
    assertEquals(Optional.of(ModelFamily.BERT), ModelFamily.forModelType("bert"));
    assertTrue(ModelFamily.forModelType("t5").isEmpty());
    assertEquals("model.embed_tokens.weight", ModelFamily.LLAMA.tokenTableNames().get(0));
    assertTrue(ModelFamily.LLAMA.positionTableNames().isEmpty());
    assertTrue(ModelFamily.GPT2.positionTableNames().contains("wpe.weight"));
    assertTrue(ModelFamily.BERT.tokenTypeTableNames().contains("embeddings.token_type_embeddings.weight"));
  }
}
