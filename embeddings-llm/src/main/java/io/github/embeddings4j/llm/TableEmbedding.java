package io.github.embeddings4j.llm;

import io.github.embeddings4j.Embedding;
import io.github.embeddings4j.TokenVectors;
import io.github.embeddings4j.Tokenizer;
import io.github.embeddings4j.VectorTable;
import io.github.embeddings4j.Vocabulary;
import java.util.List;
import java.util.Objects;

/**
 * A model's token table with its vocabulary: rows past the tokenizer's tokens (padding) carry placeholder names
 * and are never returned by nearest-neighbour searches ({@link #searchableRows()}).
 */
final class TableEmbedding implements Embedding {
  private final Vocabulary vocabulary;
  private final VectorTable vectors;
  private final int searchableRows;
  private final Tokenizer tokenizer;

  TableEmbedding(Vocabulary vocabulary, VectorTable vectors, int searchableRows, Tokenizer tokenizer) {
    this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
    this.vectors = Objects.requireNonNull(vectors, "vectors");
    this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
    if (vocabulary.size() != vectors.rows()) {
      throw new IllegalArgumentException("vocabulary size " + vocabulary.size() + " != table rows " + vectors.rows());
    }
    if (searchableRows < 0 || searchableRows > vectors.rows()) {
      throw new IllegalArgumentException("searchable rows " + searchableRows + " outside [0, " + vectors.rows() + "]");
    }
    this.searchableRows = searchableRows;
  }

  @Override
  public Vocabulary vocabulary() {
    return vocabulary;
  }

  @Override
  public VectorTable vectors() {
    return vectors;
  }

  @Override
  public int searchableRows() {
    return searchableRows;
  }

  @Override
  public TokenVectors embed(String text) {
    List<String> tokens = tokenizer.tokenize(text);
    int[] ids = new int[tokens.size()];
    float[][] rows = new float[tokens.size()][];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = vocabulary.id(tokens.get(i));
      rows[i] = vectors.row(ids[i]);
    }
    return new TokenVectors(tokens, ids, rows);
  }

  @Override
  public String toString() {
    return "TableEmbedding[" + vocabulary.size() + " x " + vectors.dimension() + " " + vectors.dtype() + "]";
  }
}
