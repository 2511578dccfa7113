package io.github.embeddings4j.text;

import io.github.embeddings4j.Tokenizer;
import io.github.embeddings4j.Vocabulary;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * How often each word occurs in a corpus: the p(w) of SIF's weights a / (a + p(w)). From a vocabulary's counts
 * (a word2vec model's) or counted over texts the caller gives. Immutable.
 */
public final class WordFrequencies {
  private final Map<String, Long> counts;
  private final long total;

  private WordFrequencies(Map<String, Long> counts) {
    this.counts = Map.copyOf(counts);
    long sum = 0;
    for (long c : this.counts.values()) {
      sum = Math.addExact(sum, c);
    }
    this.total = sum;
  }

  /**
   * The counts a vocabulary carries (a word2vec model's, or a file's with counts).
   *
   * @param vocabulary a vocabulary with counts
   * @return the frequencies
   * @throws IllegalArgumentException if the vocabulary has no counts or its counts add up to 0
   */
  public static WordFrequencies of(Vocabulary vocabulary) {
    Objects.requireNonNull(vocabulary, "vocabulary");
    if (!vocabulary.hasCounts()) {
      throw new IllegalArgumentException("the vocabulary of " + vocabulary.size() + " tokens has no counts: count a"
          + " corpus with WordFrequencies.count");
    }
    Map<String, Long> counts = new HashMap<>();
    for (int id = 0; id < vocabulary.size(); id++) {
      OptionalLong c = vocabulary.count(id);
      if (c.isPresent() && c.getAsLong() > 0) {
        counts.merge(vocabulary.token(id), c.getAsLong(), Long::sum);
      }
    }
    return checked(new WordFrequencies(counts));
  }

  /**
   * Counts the tokens of some texts.
   *
   * @param texts the corpus
   * @param tokenizer how to cut it into words (the embedding's own tokenizer, so the words match its tokens)
   * @return the frequencies
   * @throws IllegalArgumentException if the texts have no token
   * @throws NullPointerException if an argument or a text is null
   */
  public static WordFrequencies count(Iterable<String> texts, Tokenizer tokenizer) {
    Objects.requireNonNull(texts, "texts");
    Objects.requireNonNull(tokenizer, "tokenizer");
    Map<String, Long> counts = new HashMap<>();
    for (String text : texts) {
      for (String token : tokenizer.tokenize(Objects.requireNonNull(text, "a text is null"))) {
        counts.merge(token, 1L, Long::sum);
      }
    }
    return checked(new WordFrequencies(counts));
  }

  /**
   * Makes frequencies from counts.
   *
   * @param counts word → count (counts ≥ 0)
   * @return the frequencies
   * @throws IllegalArgumentException if a count is negative or all are 0
   */
  public static WordFrequencies of(Map<String, Long> counts) {
    Objects.requireNonNull(counts, "counts");
    counts.forEach((w, c) -> {
      if (c == null || c < 0) {
        throw new IllegalArgumentException("the count of \"" + w + "\" must be >= 0, got " + c);
      }
    });
    return checked(new WordFrequencies(counts));
  }

  private static WordFrequencies checked(WordFrequencies f) {
    if (f.total == 0) {
      throw new IllegalArgumentException("no word was counted");
    }
    return f;
  }

  /**
   * Returns a word's share of all counted words.
   *
   * @param word a word
   * @return count(word) / total, 0 for a word never counted
   */
  public double probability(String word) {
    Long c = counts.get(word);
    return c == null ? 0 : (double) c / total;
  }

  /**
   * Returns a word's count.
   *
   * @param word a word
   * @return its count, 0 if never counted
   */
  public long count(String word) {
    return counts.getOrDefault(word, 0L);
  }

  /**
   * Returns the number of words counted, repeats included.
   *
   * @return the total count
   */
  public long total() {
    return total;
  }

  /**
   * Returns the number of distinct words.
   *
   * @return the number of distinct words
   */
  public int size() {
    return counts.size();
  }

  @Override
  public String toString() {
    return "WordFrequencies[" + counts.size() + " words, " + total + " counted]";
  }
}
