package io.github.embeddings4j.llm.tokenizer;

import io.github.embeddings4j.Tokenizer;
import io.github.embeddings4j.Vocabulary;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Longest-match-first tokenization over a model's vocabulary, for a model file that carries its vocabulary but
 * no runnable tokenizer (GGUF). It is an approximation of the model's own tokenizer (a BPE model applies its
 * merges in rank order, which can cut a word differently), good for looking tokens up, not for reproducing a
 * model's token ids.
 *
 * <p>Per {@link Style}: SentencePiece vocabularies see spaces as {@code ▁} and a leading {@code ▁}; byte-level
 * BPE (GPT-2) vocabularies see the text's UTF-8 bytes through GPT-2's byte-to-character table (space = {@code Ġ});
 * WordPiece (BERT) cuts lowercased words at whitespace and punctuation and marks word-inner pieces {@code ##}.
 * A character no token covers becomes its SentencePiece byte tokens ({@code <0xE2>}) when the vocabulary has
 * them, else the WordPiece {@code [UNK]} token, else the character itself (which {@code embed} then reports as
 * unknown).
 *
 * <p>Cost: the longest token at each position is found by walking a character trie of the vocabulary
 * ({@code VocabTrie}), one step per character of the match tried, so a text of {@code n} characters costs at most
 * {@code n × min(L, 1024)} trie steps, {@code L} being the longest token's length, and in practice a few steps
 * per character. Tokens longer than 1,024 characters stay in the vocabulary but are never cut out of a text: one
 * hostile token of 10,000 characters made the former substring search cubic (a 5,000-character text took 19 s).
 * Building the trie costs one pass over the vocabulary and 16 to 32 bytes per trie edge.
 */
public final class GreedyVocabTokenizer implements Tokenizer {
  /** How the vocabulary writes word boundaries. */
  public enum Style {
    /** SentencePiece ({@code tokenizer.ggml.model = llama}): {@code ▁} for a space. */
    SENTENCEPIECE,
    /** Byte-level BPE ({@code gpt2}): GPT-2's printable byte characters, {@code Ġ} for a space. */
    BYTE_LEVEL,
    /** WordPiece ({@code bert}): {@code ##} before a word-inner piece. */
    WORDPIECE,
    /** Plain: whitespace-separated words, each matched longest-first. */
    PLAIN;

    /**
     * Returns the style of a GGUF file's {@code tokenizer.ggml.model}.
     *
     * @param model the model name ({@code llama}, {@code t5}, {@code gpt2}, {@code bert}), or {@code null}
     * @return its style; {@link #PLAIN} for an unknown or missing name
     */
    public static Style ofGgufModel(String model) {
      switch (model == null ? "" : model) {
        case "llama":
        case "t5":
          return SENTENCEPIECE;
        case "gpt2":
          return BYTE_LEVEL;
        case "bert":
          return WORDPIECE;
        default:
          return PLAIN;
      }
    }
  }

  private static final char[] BYTE_TO_CHAR = byteLevelTable();

  private final Vocabulary vocabulary;
  private final Style style;
  private final VocabTrie trie;

  /**
   * Makes a tokenizer over a vocabulary.
   *
   * @param vocabulary the tokens to cut texts into
   * @param style how the vocabulary writes word boundaries
   * @throws NullPointerException if an argument is null
   */
  public GreedyVocabTokenizer(Vocabulary vocabulary, Style style) {
    this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
    this.style = Objects.requireNonNull(style, "style");
    this.trie = new VocabTrie(vocabulary.tokens());
  }

  @Override
  public List<String> tokenize(String text) {
    return tokenize(text, new long[1]);
  }

  /**
   * Tokenizes, adding the trie steps taken to {@code work[0]} (the bound the tests check).
   *
   * @param text any text
   * @param work a counter of trie steps
   * @return the tokens
   */
  List<String> tokenize(String text, long[] work) {
    List<String> out = new ArrayList<>();
    switch (style) {
      case SENTENCEPIECE:
        if (!text.isEmpty()) {
          match("\u2581" + text.replace(' ', '\u2581'), "", out, work);
        }
        break;
      case BYTE_LEVEL:
        match(byteLevel(text), "", out, work);
        break;
      case WORDPIECE:
        for (String word : words(text.toLowerCase(Locale.ROOT), true)) {
          match(word, "##", out, work);
        }
        break;
      default:
        for (String word : words(text, false)) {
          match(word, "", out, work);
        }
    }
    return out;
  }

  /**
   * Cuts {@code s} into the longest vocabulary tokens, left to right; later pieces get {@code innerPrefix}. Each
   * position walks the trie as far as a token continues, so the work is bounded by the trie's depth.
   */
  private void match(String s, String innerPrefix, List<String> out, long[] work) {
    int i = 0;
    int n = s.length();
    while (i < n) {
      String prefix = i == 0 ? "" : innerPrefix;
      int node = 0;
      for (int k = 0; k < prefix.length() && node >= 0; k++) {
        node = trie.child(node, prefix.charAt(k));
        work[0]++;
      }
      int best = -1;
      for (int j = i; j < n && node >= 0; j++) {
        node = trie.child(node, s.charAt(j));
        work[0]++;
        boolean midPair = j + 1 < n && Character.isHighSurrogate(s.charAt(j))
            && Character.isLowSurrogate(s.charAt(j + 1));
        if (node >= 0 && trie.isToken(node) && !midPair) {
          best = j + 1; // never cut a surrogate pair
        }
      }
      if (best > 0) {
        out.add(prefix + s.substring(i, best));
        i = best;
        continue;
      }
      int cp = s.codePointAt(i);
      String ch = new String(Character.toChars(cp));
      i += Character.charCount(cp);
      fallback(ch, out);
    }
  }

  private void fallback(String ch, List<String> out) {
    byte[] utf8 = ch.getBytes(StandardCharsets.UTF_8);
    List<String> bytes = new ArrayList<>(utf8.length);
    for (byte b : utf8) {
      String t = String.format(Locale.ROOT, "<0x%02X>", b & 0xFF);
      if (!vocabulary.contains(t)) {
        bytes = null;
        break;
      }
      bytes.add(t);
    }
    if (bytes != null) {
      out.addAll(bytes);
    } else if (style == Style.WORDPIECE && vocabulary.contains("[UNK]")) {
      out.add("[UNK]");
    } else {
      out.add(ch);
    }
  }

  /** Words separated by whitespace; with {@code splitPunctuation}, each punctuation character is a word too. */
  private static List<String> words(String text, boolean splitPunctuation) {
    List<String> out = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      boolean punct = splitPunctuation && !Character.isLetterOrDigit(cp) && !Character.isWhitespace(cp);
      if (Character.isWhitespace(cp) || punct) {
        if (word.length() > 0) {
          out.add(word.toString());
          word.setLength(0);
        }
        if (punct) {
          out.add(new String(Character.toChars(cp)));
        }
      } else {
        word.appendCodePoint(cp);
      }
    }
    if (word.length() > 0) {
      out.add(word.toString());
    }
    return out;
  }

  private static String byteLevel(String text) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    StringBuilder sb = new StringBuilder(utf8.length);
    for (byte b : utf8) {
      sb.append(BYTE_TO_CHAR[b & 0xFF]);
    }
    return sb.toString();
  }

  /** GPT-2's bytes_to_unicode: printable Latin-1 bytes map to themselves, the others to U+0100 upwards. */
  private static char[] byteLevelTable() {
    char[] table = new char[256];
    int next = 256;
    for (int b = 0; b < 256; b++) {
      boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
      table[b] = printable ? (char) b : (char) next++;
    }
    return table;
  }
}
