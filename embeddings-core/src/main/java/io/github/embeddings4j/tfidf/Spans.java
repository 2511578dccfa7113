package io.github.embeddings4j.tfidf;

import io.github.embeddings4j.Tokenizer;

/**
 * The built-in tokenizers as scanners of token spans, so that fitting can count terms without a substring per
 * token. Each emits exactly the tokens its {@link Tokenizer} returns.
 */
enum Spans {
  /** {@link Tokenizers#sklearnDefault()}: runs of at least two Python word characters. */
  SKLEARN(2) {
    @Override
    boolean isTokenChar(int cp) {
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
  },
  /**
   * {@link Tokenizer#LETTERS_AND_DIGITS} on lowercased text: runs of letters and digits. That tokenizer also
   * lowercases each token, which changes nothing in text lowercased already (lowercasing is idempotent).
   */
  LETTERS_AND_DIGITS(1) {
    @Override
    boolean isTokenChar(int cp) {
      if (cp < 128) {
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
      }
      return Character.isLetterOrDigit(cp);
    }
  };

  /** Receives one token span with its {@link String#hashCode()}. */
  interface Sink {
    void accept(String text, int start, int end, int hash);
  }

  private final int minCodePoints;

  Spans(int minCodePoints) {
    this.minCodePoints = minCodePoints;
  }

  abstract boolean isTokenChar(int cp);

  /** Returns the scanner equivalent to a tokenizer applied to (lowercased, when so) text, or null. */
  static Spans of(Tokenizer tokenizer, boolean lowercase) {
    if (tokenizer == Tokenizers.sklearnDefault()) {
      return SKLEARN;
    }
    if (tokenizer == Tokenizer.LETTERS_AND_DIGITS && lowercase) {
      return LETTERS_AND_DIGITS;
    }
    return null;
  }

  /** Emits every token span of a text, in order. */
  void scan(String text, Sink sink) {
    int n = text.length();
    int i = 0;
    while (i < n) {
      int cp = text.charAt(i);
      if (Character.isHighSurrogate((char) cp)) {
        cp = text.codePointAt(i);
      }
      if (!isTokenChar(cp)) {
        i += Character.charCount(cp);
        continue;
      }
      int start = i;
      int codePoints = 0;
      int hash = 0;
      while (i < n) {
        char c = text.charAt(i);
        cp = Character.isHighSurrogate(c) ? text.codePointAt(i) : c;
        if (!isTokenChar(cp)) {
          break;
        }
        hash = 31 * hash + c;
        if (cp > 0xFFFF) {
          hash = 31 * hash + text.charAt(i + 1);
          i += 2;
        } else {
          i++;
        }
        codePoints++;
      }
      if (codePoints >= minCodePoints) {
        sink.accept(text, start, i, hash);
      }
    }
  }
}
