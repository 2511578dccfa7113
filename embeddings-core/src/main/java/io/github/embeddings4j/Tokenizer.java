package io.github.embeddings4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Cuts a text into tokens. Implementations must be thread-safe. */
@FunctionalInterface
public interface Tokenizer {
  /** Splits on whitespace and keeps case: the tokens of a pre-tokenized text. */
  Tokenizer WHITESPACE = text -> {
    List<String> out = new ArrayList<>();
    int n = text.length();
    int i = 0;
    while (i < n) {
      while (i < n && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      if (i > start) {
        out.add(text.substring(start, i));
      }
    }
    return out;
  };

  /** Lowercases (root locale) and keeps runs of Unicode letters and digits; everything else separates. */
  Tokenizer LETTERS_AND_DIGITS = text -> {
    List<String> out = new ArrayList<>();
    int n = text.length();
    int i = 0;
    while (i < n) {
      while (i < n && !Character.isLetterOrDigit(text.codePointAt(i))) {
        i += Character.charCount(text.codePointAt(i));
      }
      int start = i;
      while (i < n && Character.isLetterOrDigit(text.codePointAt(i))) {
        i += Character.charCount(text.codePointAt(i));
      }
      if (i > start) {
        out.add(text.substring(start, i).toLowerCase(Locale.ROOT));
      }
    }
    return out;
  };

  /**
   * Returns the tokens of a text in order.
   *
   * @param text any text
   * @return its tokens
   */
  List<String> tokenize(String text);
}
