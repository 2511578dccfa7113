package io.github.embeddings4j.llm.format;

import io.github.embeddings4j.Embedding;
import io.github.embeddings4j.TokenVectors;
import io.github.embeddings4j.VectorTable;
import io.github.embeddings4j.Vocabulary;
import io.github.embeddings4j.WordVectors;

/**
 * A model's token table with its vocabulary: rows past the tokenizer's tokens (padding) carry placeholder names
 * and are never returned by nearest-neighbour searches ({@link #searchableRows()}). Everything else is the
 * wrapped {@link WordVectors}.
 */
final class TableEmbedding implements Embedding {
  private final WordVectors words;
  private final int searchableRows;

  TableEmbedding(WordVectors words, int searchableRows) {
    if (searchableRows < 0 || searchableRows > words.vectors().rows()) {
      throw new IllegalArgumentException("searchable rows " + searchableRows + " outside [0, "
          + words.vectors().rows() + "]");
    }
    this.words = words;
    this.searchableRows = searchableRows;
  }

  @Override
  public Vocabulary vocabulary() {
    return words.vocabulary();
  }

  @Override
  public VectorTable vectors() {
    return words.vectors();
  }

  @Override
  public int searchableRows() {
    return searchableRows;
  }

  @Override
  public TokenVectors embed(String text) {
    return words.embed(text);
  }

  @Override
  public String toString() {
    return "TableEmbedding[" + searchableRows + " of " + words + "]";
  }
}
