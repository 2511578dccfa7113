package io.github.embeddings4j.text;

import java.util.Objects;

/**
 * One text's vector and what went into it.
 *
 * <p>A static encoder that found no token of the text with a vector returns an <em>empty</em> result: a zero
 * vector, {@code tokens() == 0} and {@link #empty()} true (never NaN). A contextual encoder sees at least the
 * model's special tokens, so its results are empty only for a text of no token with a model that adds none;
 * {@code skippedTokens() > 0} means the text was truncated to the model's maximum length.
 *
 * @param vector the vector (owned by this result: not copied)
 * @param tokens the tokens pooled into the vector: tokens with a vector (static), word pieces including the
 *     special tokens (contextual)
 * @param skippedTokens the tokens left out: tokens without a vector (static), word pieces cut off by truncation
 *     (contextual)
 */
public record TextVector(float[] vector, int tokens, int skippedTokens) {
  /**
   * Checks the fields.
   *
   * @param vector the text's vector, of the encoder's dimension (kept, not copied)
   * @param tokens the number of tokens pooled into the vector, at least 0
   * @param skippedTokens the number of tokens left out (without a vector, or cut off by truncation), at least 0
   * @throws NullPointerException if {@code vector} is null
   * @throws IllegalArgumentException if a count is negative
   */
  public TextVector {
    Objects.requireNonNull(vector, "vector");
    if (tokens < 0 || skippedTokens < 0) {
      throw new IllegalArgumentException("token counts must be >= 0, got " + tokens + " and " + skippedTokens);
    }
  }

  /**
   * Returns whether no token went into the vector (it is then all zeros).
   *
   * @return whether the result is empty
   */
  public boolean empty() {
    return tokens == 0;
  }

  /**
   * Returns whether tokens were left out (truncated, or without a vector).
   *
   * @return whether {@code skippedTokens() > 0}
   */
  public boolean skippedAny() {
    return skippedTokens > 0;
  }

  /**
   * Returns the cosine of two vectors, accumulated in double precision; 0 when either is all zeros.
   *
   * @param a a vector
   * @param b a vector of the same length
   * @return their cosine
   */
  static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
  }
}
