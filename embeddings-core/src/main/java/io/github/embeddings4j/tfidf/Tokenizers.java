package io.github.embeddings4j.tfidf;

import io.github.embeddings4j.Tokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Tokenizers for TF-IDF beside core's {@link Tokenizer#LETTERS_AND_DIGITS} (the article's, and the default of
 * {@link TfIdfConfig#article()}).
 */
public final class Tokenizers {
  private static final Tokenizer SKLEARN = Tokenizers::sklearnWords;

  private Tokenizers() {}

  /**
   * scikit-learn's default {@code token_pattern} {@code r"(?u)\b\w\w+\b"}: maximal runs of at least two word
   * characters, where a word character is, as in Python's {@code re}, a Unicode letter or number (categories L*,
   * Nd, Nl, No) or the underscore; everything else separates and single-character runs are dropped. It does not
   * change case (scikit-learn lowercases before tokenizing: {@link TfIdfConfig#lowercase()}). Lengths count code
   * points, as Python does.
   *
   * @return the tokenizer
   */
  public static Tokenizer sklearnDefault() {
    return SKLEARN;
  }

  private static List<String> sklearnWords(String text) {
    List<String> out = new ArrayList<>();
    Spans.SKLEARN.scan(text, (t, start, end, hash) -> out.add(t.substring(start, end)));
    return out;
  }
}
