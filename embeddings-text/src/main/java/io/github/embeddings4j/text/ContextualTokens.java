package io.github.embeddings4j.text;

import java.util.List;
import java.util.Objects;

/**
 * A text's word pieces as the model saw them, each with its contextual vector (the model's
 * {@code last_hidden_state}), special tokens included.
 *
 * @param tokens the word pieces, e.g. {@code [[CLS], bank, is, near, ..., [SEP]]}
 * @param ids their ids
 * @param vectors one vector per word piece (owned by this record: not copied)
 * @param skippedTokens word pieces cut off because the text was longer than the model's maximum length
 */
public record ContextualTokens(List<String> tokens, int[] ids, float[][] vectors, int skippedTokens) {
  /**
   * Checks the fields.
   *
   * @param tokens the word pieces in text order, special tokens included; copied into an unmodifiable list
   * @param ids their ids, one per word piece
   * @param vectors one contextual vector per word piece, each of the model's hidden size (kept, not copied)
   * @param skippedTokens word pieces cut off because the text was longer than the model's maximum length, at
   *     least 0
   * @throws NullPointerException if a field is null
   * @throws IllegalArgumentException if the lengths differ or {@code skippedTokens} is negative
   */
  public ContextualTokens {
    tokens = List.copyOf(tokens);
    Objects.requireNonNull(ids, "ids");
    Objects.requireNonNull(vectors, "vectors");
    if (ids.length != tokens.size() || vectors.length != tokens.size()) {
      throw new IllegalArgumentException("tokens, ids and vectors differ in length: " + tokens.size() + ", "
          + ids.length + ", " + vectors.length);
    }
    if (skippedTokens < 0) {
      throw new IllegalArgumentException("skippedTokens must be >= 0, got " + skippedTokens);
    }
  }

  /**
   * Returns the number of word pieces.
   *
   * @return the number of word pieces
   */
  public int size() {
    return ids.length;
  }

  /**
   * Returns whether the text was truncated.
   *
   * @return whether {@code skippedTokens() > 0}
   */
  public boolean truncated() {
    return skippedTokens > 0;
  }
}
