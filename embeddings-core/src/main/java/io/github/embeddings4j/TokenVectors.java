package io.github.embeddings4j;

import java.util.List;

/**
 * A text turned into tokens by an embedding's own tokenization: the readable tokens, their ids and their
 * vectors, in text order.
 *
 * @param tokens the tokens as an embedding shows them
 * @param ids the token ids, one per token
 * @param vectors the vectors, one per token, each of the embedding's dimension
 */
public record TokenVectors(List<String> tokens, int[] ids, float[][] vectors) {
  /**
   * Checks that the three parts have one entry per token.
   *
   * @throws IllegalArgumentException if the lengths differ
   */
  public TokenVectors {
    tokens = List.copyOf(tokens);
    if (ids.length != tokens.size() || vectors.length != tokens.size()) {
      throw new IllegalArgumentException("tokens, ids and vectors differ in length: " + tokens.size() + ", "
          + ids.length + ", " + vectors.length);
    }
  }

  /**
   * Returns the number of tokens.
   *
   * @return the number of tokens
   */
  public int size() {
    return ids.length;
  }
}
