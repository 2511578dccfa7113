package io.github.embeddings4j;

import java.util.Arrays;
import java.util.List;

/**
 * A text turned into tokens by an embedding's own tokenization: the readable tokens, their ids and their
 * vectors, in text order.
 *
 * <p>The arrays are shared, not copied: the record holds the arrays it was given and its accessors return them,
 * so one text's vectors (tokens × dimension floats) are not copied twice on their way to the caller, and an
 * embedding can finish the vectors it returns in place (position vectors added to token vectors, for example).
 * The record is the caller's own: an embedding returns new arrays on every call and keeps no reference to them.
 * Equality is by value, on the contents at the time of the call ({@link Arrays#equals(int[], int[])} and {@link
 * Arrays#deepEquals}), so a {@code TokenVectors} whose arrays are changed afterwards changes its hash code too:
 * do not change one used as a key.
 *
 * @param tokens the tokens as an embedding shows them (an unmodifiable copy of the list given)
 * @param ids the token ids, one per token (shared)
 * @param vectors the vectors, one per token, each of the embedding's dimension (shared)
 */
public record TokenVectors(List<String> tokens, int[] ids, float[][] vectors) {
  /**
   * Checks that the three parts have one entry per token.
   *
   * @param tokens the tokens as the embedding shows them, in text order; copied into an unmodifiable list
   * @param ids the token ids, one per token, in the same order (kept, not copied)
   * @param vectors the vectors, one per token, each of the embedding's dimension (kept, not copied)
   * @throws IllegalArgumentException if the lengths differ
   * @throws NullPointerException if a part or a token is null
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

  /**
   * Tells whether another object is a {@code TokenVectors} with equal tokens, ids and vectors.
   *
   * @param o the other object
   * @return whether the two are equal
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof TokenVectors other && tokens.equals(other.tokens) && Arrays.equals(ids, other.ids)
        && Arrays.deepEquals(vectors, other.vectors);
  }

  /**
   * Returns a hash of the tokens, ids and vectors.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return (31 * tokens.hashCode() + Arrays.hashCode(ids)) * 31 + Arrays.deepHashCode(vectors);
  }

  /**
   * Returns the tokens and ids, and the vectors' shape.
   *
   * @return a text such as {@code TokenVectors[tokens=[a, b], ids=[4, 7], vectors=2 x 300]}
   */
  @Override
  public String toString() {
    return "TokenVectors[tokens=" + tokens + ", ids=" + Arrays.toString(ids) + ", vectors=" + vectors.length + " x "
        + (vectors.length == 0 || vectors[0] == null ? 0 : vectors[0].length) + "]";
  }
}
