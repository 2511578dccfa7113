package io.github.embeddings4j.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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

  @Test
  void familiesAreFoundFromTensorNamesWithTheirPrefixedVariants() {
    List<String> gpt2 = List.of("transformer.h.0.attn.c_attn.weight", "transformer.wpe.weight",
        "transformer.wte.weight");
    assertEquals(Optional.of(ModelFamily.GPT2), ModelFamily.forTensorNames(gpt2));
    assertEquals(Optional.of("transformer.wte.weight"), ModelFamily.GPT2.tokenTableIn(gpt2));
    assertEquals(Optional.of("transformer.wpe.weight"), ModelFamily.GPT2.positionTableIn(gpt2));
    List<String> bert = List.of("bert.embeddings.word_embeddings.weight", "bert.embeddings.position_embeddings.weight",
        "bert.embeddings.token_type_embeddings.weight", "cls.predictions.bias");
    assertEquals(Optional.of(ModelFamily.BERT), ModelFamily.forTensorNames(bert));
    assertEquals(Optional.of("bert.embeddings.token_type_embeddings.weight"), ModelFamily.BERT.tokenTypeTableIn(bert));
    assertEquals(Optional.of(ModelFamily.LLAMA), ModelFamily.forTensorNames(List.of("model.embed_tokens.weight")));
    assertTrue(ModelFamily.LLAMA.positionTableIn(List.of("model.embed_tokens.weight")).isEmpty());
    assertTrue(ModelFamily.forTensorNames(List.of("shared.weight")).isEmpty());
    assertEquals(Optional.of(ModelFamily.LLAMA), ModelFamily.forModelType("MISTRAL"));
  }
}
