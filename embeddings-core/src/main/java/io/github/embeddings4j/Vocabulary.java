package io.github.embeddings4j;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * An immutable, ordered set of tokens: token ↔ id, where ids are {@code 0 .. size()-1} in the order given.
 *
 * <p>Word vectors keep the order of their file or of training, which for word2vec and gensim files is by
 * descending frequency; evaluation protocols that restrict to "the N most frequent words" rely on it. Optional
 * counts (corpus frequencies) travel with the tokens when known.
 *
 * <p>Instances are safe for use by many threads.
 */
public final class Vocabulary {
  private final String[] tokens;
  private final long[] counts;
  private final Map<String, Integer> ids;

  private Vocabulary(String[] tokens, long[] counts) {
    this.tokens = tokens;
    this.counts = counts;
    this.ids = new HashMap<>(Math.max(16, (int) (tokens.length / 0.75f) + 1));
    for (int i = 0; i < tokens.length; i++) {
      int index = i;
      String token = Objects.requireNonNull(tokens[i], () -> "token at id " + index + " is null");
      if (ids.putIfAbsent(token, i) != null) {
        throw new IllegalArgumentException(
            "duplicate token \"" + token + "\" at ids " + ids.get(token) + " and " + i);
      }
    }
  }

  /**
   * Creates a vocabulary of tokens in the given order.
   *
   * @param tokens distinct tokens; the first gets id 0
   * @return the vocabulary
   * @throws IllegalArgumentException if a token appears twice (the message names it)
   * @throws NullPointerException if the list or a token is null
   */
  public static Vocabulary of(List<String> tokens) {
    return new Vocabulary(Objects.requireNonNull(tokens, "tokens").toArray(new String[0]), null);
  }

  /**
   * Creates a vocabulary of tokens with their corpus counts.
   *
   * @param tokens distinct tokens; the first gets id 0
   * @param counts the count of each token, as many as tokens
   * @return the vocabulary
   * @throws IllegalArgumentException if a token appears twice, the lengths differ, or a count is negative
   * @throws NullPointerException if the list, the counts or a token is null
   */
  public static Vocabulary of(List<String> tokens, long[] counts) {
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(counts, "counts");
    if (counts.length != tokens.size()) {
      throw new IllegalArgumentException("tokens and counts differ in length: " + tokens.size() + " != "
          + counts.length);
    }
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] < 0) {
        throw new IllegalArgumentException("negative count " + counts[i] + " for token \"" + tokens.get(i) + "\"");
      }
    }
    return new Vocabulary(tokens.toArray(new String[0]), counts.clone());
  }

  /**
   * Returns the number of tokens.
   *
   * @return the number of tokens
   */
  public int size() {
    return tokens.length;
  }

  /**
   * Returns the id of a token.
   *
   * @param token a token
   * @return its id
   * @throws UnknownTokenException if the token is not in the vocabulary
   * @throws NullPointerException if the token is null (not an unknown token "null")
   */
  public int id(String token) {
    Integer id = ids.get(Objects.requireNonNull(token, "token"));
    if (id == null) {
      throw new UnknownTokenException(token);
    }
    return id;
  }

  /**
   * Returns the id of a token, or -1 when it is absent (for hot loops that test many tokens).
   *
   * @param token a token
   * @return its id, or -1 (also for null)
   */
  public int idOrMinusOne(String token) {
    Integer id = ids.get(token);
    return id == null ? -1 : id;
  }

  /**
   * Tells whether a token is in the vocabulary.
   *
   * @param token a token
   * @return whether it has an id (false for null)
   */
  public boolean contains(String token) {
    return ids.containsKey(token);
  }

  /**
   * Returns the token of an id.
   *
   * @param id an id in {@code [0, size())}
   * @return its token
   * @throws IndexOutOfBoundsException if the id is out of range
   */
  public String token(int id) {
    Objects.checkIndex(id, tokens.length);
    return tokens[id];
  }

  /**
   * Returns the corpus count of a token, when the vocabulary has counts.
   *
   * @param id an id in {@code [0, size())}
   * @return the count, or empty when counts are unknown
   * @throws IndexOutOfBoundsException if the id is out of range
   */
  public OptionalLong count(int id) {
    Objects.checkIndex(id, tokens.length);
    return counts == null ? OptionalLong.empty() : OptionalLong.of(counts[id]);
  }

  /**
   * Tells whether corpus counts are known.
   *
   * @return whether {@link #count(int)} returns values
   */
  public boolean hasCounts() {
    return counts != null;
  }

  /**
   * Returns the tokens in id order, as an unmodifiable view.
   *
   * @return the tokens
   */
  public List<String> tokens() {
    return new AbstractList<>() {
      @Override
      public String get(int index) {
        return tokens[index];
      }

      @Override
      public int size() {
        return tokens.length;
      }
    };
  }

  /**
   * Returns the first {@code n} tokens as a new vocabulary (with their counts).
   *
   * @param n how many tokens to keep; larger than {@link #size()} keeps all
   * @return the prefix
   */
  public Vocabulary prefix(int n) {
    int m = Math.min(Math.max(n, 0), tokens.length);
    return new Vocabulary(Arrays.copyOf(tokens, m), counts == null ? null : Arrays.copyOf(counts, m));
  }

  @Override
  public String toString() {
    return "Vocabulary[size=" + tokens.length + "]";
  }
}
