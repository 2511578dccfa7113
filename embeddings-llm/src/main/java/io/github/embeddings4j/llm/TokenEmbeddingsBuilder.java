package io.github.embeddings4j.llm;

import io.github.embeddings4j.VectorTable;
import io.github.embeddings4j.Vocabulary;
import io.github.embeddings4j.llm.tokenizer.HfTokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Assembles a {@link TokenEmbeddings} from tables already read (see {@link TokenEmbeddings#builder(VectorTable)}).
 * Give a tokenizer or a vocabulary (not both). For one thread.
 */
public final class TokenEmbeddingsBuilder {
  final VectorTable table;
  private Path tokenizerJson;
  private HfTokenizer tokenizerInstance;
  Vocabulary vocabulary;
  private VectorTable positions;
  private VectorTable tokenTypes;
  ModelFamily family;
  String modelType;
  String tokenTableName;
  /** A temporary folder the embedding owns and deletes on close (set by ModelFiles only), or null. */
  Path ownedFolder;
  private String positionTableName;
  private String tokenTypeTableName;

  TokenEmbeddingsBuilder(VectorTable table) {
    this.table = Objects.requireNonNull(table, "tokenTable");
  }

  /**
   * Uses the Hugging Face tokenizer in a {@code tokenizer.json} (opened by {@link #build()}, closed with the
   * embedding).
   *
   * @param tokenizerJson the file
   * @return this builder
   */
  public TokenEmbeddingsBuilder tokenizer(Path tokenizerJson) {
    this.tokenizerJson = Objects.requireNonNull(tokenizerJson, "tokenizerJson");
    return this;
  }

  /**
   * Uses an open tokenizer; the embedding takes it over and closes it.
   *
   * @param tokenizer the tokenizer
   * @return this builder
   */
  public TokenEmbeddingsBuilder tokenizer(HfTokenizer tokenizer) {
    this.tokenizerInstance = Objects.requireNonNull(tokenizer, "tokenizer");
    return this;
  }

  /**
   * Uses a vocabulary without a tokenizer (e.g. a GGUF file's token list): texts are then split on whitespace
   * and each piece looked up.
   *
   * @param vocabulary token i for row i
   * @return this builder
   */
  public TokenEmbeddingsBuilder vocabulary(Vocabulary vocabulary) {
    this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
    return this;
  }

  /**
   * Adds a learned position table (row p for position p).
   *
   * @param positions the table, of the token table's dimension
   * @return this builder
   */
  public TokenEmbeddingsBuilder positions(VectorTable positions) {
    this.positions = Objects.requireNonNull(positions, "positions");
    return this;
  }

  /**
   * Adds a token-type (segment) table; {@link TokenEmbeddings#embedWithPositions} adds its row 0.
   *
   * @param tokenTypes the table, of the token table's dimension
   * @return this builder
   */
  public TokenEmbeddingsBuilder tokenTypes(VectorTable tokenTypes) {
    this.tokenTypes = Objects.requireNonNull(tokenTypes, "tokenTypes");
    return this;
  }

  /**
   * Records the model family.
   *
   * @param family the family
   * @return this builder
   */
  public TokenEmbeddingsBuilder family(ModelFamily family) {
    this.family = Objects.requireNonNull(family, "family");
    return this;
  }

  /**
   * Records the {@code config.json} model type (kept by {@link TokenEmbeddings#save(Path)}; defaults to the
   * family's first).
   *
   * @param modelType e.g. {@code "qwen2"}
   * @return this builder
   */
  public TokenEmbeddingsBuilder modelType(String modelType) {
    this.modelType = Objects.requireNonNull(modelType, "modelType");
    return this;
  }

  /**
   * Records the token table's tensor name (kept by {@link TokenEmbeddings#save(Path)}).
   *
   * @param name the tensor name
   * @return this builder
   */
  public TokenEmbeddingsBuilder tokenTableName(String name) {
    this.tokenTableName = Objects.requireNonNull(name, "name");
    return this;
  }

  /**
   * Records the position table's tensor name.
   *
   * @param name the tensor name
   * @return this builder
   */
  public TokenEmbeddingsBuilder positionTableName(String name) {
    this.positionTableName = Objects.requireNonNull(name, "name");
    return this;
  }

  /**
   * Records the token-type table's tensor name.
   *
   * @param name the tensor name
   * @return this builder
   */
  public TokenEmbeddingsBuilder tokenTypeTableName(String name) {
    this.tokenTypeTableName = Objects.requireNonNull(name, "name");
    return this;
  }

  /**
   * Builds the embedding, opening the tokenizer file if one was given.
   *
   * @return the embedding; close it
   * @throws IllegalArgumentException if neither or both of a tokenizer and a vocabulary were given, or a
   *     position or token-type table's dimension differs from the token table's or it has no rows
   * @throws IOException if the tokenizer file cannot be read
   */
  public TokenEmbeddings build() throws IOException {
    int sources = (tokenizerJson != null ? 1 : 0) + (tokenizerInstance != null ? 1 : 0)
        + (vocabulary != null ? 1 : 0);
    if (sources != 1) {
      throw new IllegalArgumentException("give exactly one of a tokenizer file, a tokenizer or a vocabulary ("
          + sources + " given)");
    }
    AuxiliaryTables.checkGiven("position", positions, table);
    AuxiliaryTables.checkGiven("token-type", tokenTypes, table);
    HfTokenizer tok = tokenizerInstance != null ? tokenizerInstance
        : tokenizerJson != null ? HfTokenizer.open(tokenizerJson) : null;
    return new TokenEmbeddings(this, tok, new PositionTables(positions, positionTableName, tokenTypes,
        tokenTypeTableName));
  }
}
