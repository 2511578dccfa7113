package io.github.embeddings4j.llm;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a model family keeps its input-embedding tables: the tensor names to look for, found from the
 * {@code model_type} of a Hugging Face {@code config.json} (or, without one, from the tensor names a checkpoint
 * holds). Names are listed most usual first; the prefixed variants are what task heads save
 * ({@code GPT2LMHeadModel}: {@code transformer.wte.weight}; {@code BertForMaskedLM}: {@code bert.embeddings...}).
 *
 * <pre>{@code
 * ModelFamily f = ModelFamily.forModelType("qwen2").orElseThrow();   // LLAMA
 * f.tokenTableNames();                                               // [model.embed_tokens.weight, ...]
 * }</pre>
 */
public enum ModelFamily {
  /** GPT-2: token table {@code wte}, learned absolute positions {@code wpe} added to it. */
  GPT2(List.of("wte.weight", "transformer.wte.weight"), List.of("wpe.weight", "transformer.wpe.weight"), List.of(),
      "gpt2"),
  /**
   * Llama-style decoders (Llama, Mistral, Mixtral, Qwen2, Qwen3, DeepSeek-R1-Distill-Qwen and -Llama, Gemma, Phi-3):
   * rotary positions, so no position table. Their tables are often padded past the tokenizer's vocabulary
   * (Qwen2: 151,936 rows for 151,665 tokens).
   */
  LLAMA(List.of("model.embed_tokens.weight", "embed_tokens.weight"), List.of(), List.of(), "llama", "mistral",
      "mixtral", "qwen2", "qwen2_moe", "qwen3", "qwen3_moe", "gemma", "gemma2", "gemma3_text", "phi3", "deepseek_v3"),
  /** BERT encoders: word, learned position and token-type (segment) tables, summed. */
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
   * Returns the family whose token table is among a checkpoint's tensors, for checkpoints without a known
   * {@code model_type}.
   *
   * @param tensorNames the names of the checkpoint's tensors
   * @return the first family with a token-table name among them, or empty
   */
  public static Optional<ModelFamily> forTensorNames(Collection<String> tensorNames) {
    for (ModelFamily f : values()) {
      if (f.tokenTableIn(tensorNames).isPresent()) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the first token-table name of this family that is among the given tensors.
   *
   * @param tensorNames the names of a checkpoint's tensors
   * @return the name, or empty when none is there
   */
  public Optional<String> tokenTableIn(Collection<String> tensorNames) {
    return firstIn(tokenTable, tensorNames);
  }

  /**
   * Returns the first position-table name of this family that is among the given tensors.
   *
   * @param tensorNames the names of a checkpoint's tensors
   * @return the name, or empty (always for rotary families)
   */
  public Optional<String> positionTableIn(Collection<String> tensorNames) {
    return firstIn(positionTable, tensorNames);
  }

  /**
   * Returns the first token-type-table name of this family that is among the given tensors.
   *
   * @param tensorNames the names of a checkpoint's tensors
   * @return the name, or empty
   */
  public Optional<String> tokenTypeTableIn(Collection<String> tensorNames) {
    return firstIn(tokenTypeTable, tensorNames);
  }

  private static Optional<String> firstIn(List<String> candidates, Collection<String> names) {
    for (String c : candidates) {
      if (names.contains(c)) {
        return Optional.of(c);
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
