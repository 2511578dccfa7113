package io.github.embeddings4j.llm;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a model family keeps its input-embedding tables: the tensor names to look for, found from the
 * {@code model_type} of a Hugging Face {@code config.json}.
 */
public enum ModelFamily {
  /** GPT-2: token table {@code wte}, learned positions {@code wpe}. */
  GPT2(List.of("wte.weight", "transformer.wte.weight"), List.of("wpe.weight", "transformer.wpe.weight"), List.of(),
      "gpt2"),
  /** Llama-style decoders (Llama, Mistral, Qwen2, Qwen3, DeepSeek-R1-Distill-Qwen): rotary positions, no table. */
  LLAMA(List.of("model.embed_tokens.weight"), List.of(), List.of(), "llama", "mistral", "qwen2", "qwen3", "gemma"),
  /** BERT encoders: word, position and token-type tables. */
  BERT(List.of("embeddings.word_embeddings.weight", "bert.embeddings.word_embeddings.weight"),
      List.of("embeddings.position_embeddings.weight", "bert.embeddings.position_embeddings.weight"),
      List.of("embeddings.token_type_embeddings.weight", "bert.embeddings.token_type_embeddings.weight"),
      "bert");

  private final List<String> tokenTable;
  private final List<String> positionTable;
  private final List<String> tokenTypeTable;
  private final List<String> modelTypes;

  ModelFamily(List<String> tokenTable, List<String> positionTable, List<String> tokenTypeTable,
      String... modelTypes) {
    this.tokenTable = tokenTable;
    this.positionTable = positionTable;
    this.tokenTypeTable = tokenTypeTable;
    this.modelTypes = List.of(modelTypes);
  }

  /**
   * Returns the family of a {@code config.json} {@code model_type}.
   *
   * @param modelType e.g. {@code "gpt2"}, {@code "qwen2"}, {@code "bert"} (case-insensitive)
   * @return the family, or empty when the model type is not known
   */
  public static Optional<ModelFamily> forModelType(String modelType) {
    String t = modelType.toLowerCase(Locale.ROOT);
    for (ModelFamily f : values()) {
      if (f.modelTypes.contains(t)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the names the token-embedding tensor may have, most usual first.
   *
   * @return candidate tensor names
   */
  public List<String> tokenTableNames() {
    return tokenTable;
  }

  /**
   * Returns the names of the learned position table, empty when positions are not a table (rotary).
   *
   * @return candidate tensor names
   */
  public List<String> positionTableNames() {
    return positionTable;
  }

  /**
   * Returns the names of the token-type (segment) table, empty when the family has none.
   *
   * @return candidate tensor names
   */
  public List<String> tokenTypeTableNames() {
    return tokenTypeTable;
  }

  /**
   * Returns the {@code model_type} values of this family.
   *
   * @return model types, lower case
   */
  public List<String> modelTypes() {
    return modelTypes;
  }
}
