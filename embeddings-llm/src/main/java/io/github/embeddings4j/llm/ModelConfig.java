package io.github.embeddings4j.llm;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.embeddings4j.EmbeddingFormatException;
import io.github.embeddings4j.internal.util.AtomicFiles;
import io.github.embeddings4j.llm.format.JsonErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The few fields of a Hugging Face {@code config.json} the loader needs: {@code model_type}, {@code vocab_size},
 * the hidden size, and the table names an extracted folder records under {@code "embeddings4j"}.
 */
record ModelConfig(Optional<String> modelType, OptionalInt vocabSize, OptionalInt hiddenSize,
    Optional<String> tokenTable, Optional<String> positionTable, Optional<String> tokenTypeTable) {

  /** The key of the object an extracted folder's config.json records its table names under. */
  static final String OWN_KEY = "embeddings4j";

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  static final ModelConfig EMPTY = new ModelConfig(Optional.empty(), OptionalInt.empty(), OptionalInt.empty(),
      Optional.empty(), Optional.empty(), Optional.empty());

  /** Reads a config.json; a missing file is an empty config. */
  static ModelConfig read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return EMPTY;
    }
    JsonNode root = JsonErrors.readTree(file);
    if (root == null || !root.isObject()) {
      throw new EmbeddingFormatException(file, null, "is not a JSON object");
    }
    JsonNode own = root.path(OWN_KEY);
    return new ModelConfig(text(root, "model_type"), integer(root, "vocab_size"),
        firstInt(root, "hidden_size", "n_embd", "d_model"), text(own, "token_table"), text(own, "position_table"),
        text(own, "token_type_table"));
  }

  /** Returns the family of the model_type, if known. */
  /**
   * Writes the fields present as a {@code config.json} that {@link #read} reads back, atomically, pretty-printed:
   * {@code model_type}, {@code vocab_size}, {@code hidden_size}, then the table names under {@value #OWN_KEY}.
   */
  void write(Path file) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    modelType.ifPresent(t -> root.put("model_type", t));
    vocabSize.ifPresent(n -> root.put("vocab_size", n));
    hiddenSize.ifPresent(n -> root.put("hidden_size", n));
    ObjectNode own = JSON.createObjectNode();
    tokenTable.ifPresent(t -> own.put("token_table", t));
    positionTable.ifPresent(t -> own.put("position_table", t));
    tokenTypeTable.ifPresent(t -> own.put("token_type_table", t));
    if (!own.isEmpty()) {
      root.set(OWN_KEY, own);
    }
    byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    AtomicFiles.write(file, out -> out.write(bytes));
  }

  Optional<ModelFamily> family() {
    return modelType.flatMap(ModelFamily::forModelType);
  }

  private static Optional<String> text(JsonNode n, String key) {
    JsonNode v = n.get(key);
    return v != null && v.isTextual() ? Optional.of(v.textValue()) : Optional.empty();
  }

  private static OptionalInt integer(JsonNode n, String key) {
    JsonNode v = n.get(key);
    return v != null && v.canConvertToInt() && v.isIntegralNumber() ? OptionalInt.of(v.intValue())
        : OptionalInt.empty();
  }

  private static OptionalInt firstInt(JsonNode n, String... keys) {
    for (String k : keys) {
      OptionalInt v = integer(n, k);
      if (v.isPresent()) {
        return v;
      }
    }
    return OptionalInt.empty();
  }
}
