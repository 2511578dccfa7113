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
    int n = text.length();
    int i = 0;
    while (i < n) {
      int cp = text.codePointAt(i);
      if (!isWord(cp)) {
        i += Character.charCount(cp);
        continue;
      }
      int start = i;
      int codePoints = 0;
      while (i < n) {
        cp = text.codePointAt(i);
        if (!isWord(cp)) {
          break;
        }
        i += Character.charCount(cp);
        codePoints++;
      }
      if (codePoints >= 2) {
        out.add(text.substring(start, i));
      }
    }
    return out;
  }

  private static boolean isWord(int cp) {
    if (cp < 128) {
      return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') || cp == '_';
    }
    if (Character.isLetter(cp)) {
      return true;
    }
    int type = Character.getType(cp);
    return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
        || type == Character.OTHER_NUMBER;
  }
}
