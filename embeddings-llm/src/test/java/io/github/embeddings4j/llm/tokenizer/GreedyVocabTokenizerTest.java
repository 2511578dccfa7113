package io.github.embeddings4j.llm.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.embeddings4j.Vocabulary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 18: longest-match tokenization over a GGUF vocabulary is bounded by a trie (work counted in trie steps,
 * not timed), and cuts texts as the former substring search did.
 */
class GreedyVocabTokenizerTest {
  /** The former algorithm: every candidate substring looked up, longest first (the reference). */
  private static List<String> reference(Vocabulary v, String s, String innerPrefix) {
    int max = 1;
    for (String t : v.tokens()) {
      if (t.length() <= VocabTrie.MAX_TOKEN_CHARS) {
        max = Math.max(max, t.length());
      }
    }
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      String prefix = i == 0 ? "" : innerPrefix;
      String found = null;
      for (int j = Math.min(s.length(), i + max); j > i; j--) {
        if (j < s.length() && Character.isHighSurrogate(s.charAt(j - 1)) && Character.isLowSurrogate(s.charAt(j))) {
          continue;
        }
        if (v.contains(prefix + s.substring(i, j))) {
          found = prefix + s.substring(i, j);
          i = j;
          break;
        }
      }
      if (found == null) {
        int cp = s.codePointAt(i);
        found = new String(Character.toChars(cp));
        i += Character.charCount(cp);
      }
      out.add(found);
    }
    return out;
  }

  private static String repeat(char c, int n) {
    return String.valueOf(c).repeat(n);
  }

  @Test
  void cutsAsTheSubstringSearchOnRandomVocabulariesAndTexts() {
    Random r = new Random(18);
    // Code points, so a surrogate pair is one unit: the tokenizer never cuts one.
    String[] units = {"a", "b", "c", "\uD83D\uDE00"};
    for (int round = 0; round < 300; round++) {
      Set<String> tokens = new LinkedHashSet<>();
      int count = 1 + r.nextInt(30);
      while (tokens.size() < count) {
        StringBuilder t = new StringBuilder(r.nextBoolean() ? "##" : "");
        for (int k = 1 + r.nextInt(6); k > 0; k--) {
          t.append(units[r.nextInt(units.length)]);
        }
        tokens.add(t.toString());
      }
      Vocabulary v = Vocabulary.of(new ArrayList<>(tokens));
      StringBuilder text = new StringBuilder();
      for (int k = r.nextInt(40); k > 0; k--) {
        text.append(units[r.nextInt(units.length)]);
      }
      String s = text.toString();
      GreedyVocabTokenizer plain = new GreedyVocabTokenizer(v, GreedyVocabTokenizer.Style.PLAIN);
      assertEquals(s.isEmpty() ? List.of() : reference(v, s, ""), plain.tokenize(s), "round " + round + ": " + s);
      // WordPiece cuts words at punctuation first: the emoji is a word of its own.
      List<String> expected = new ArrayList<>();
      for (String word : s.split("(?=\uD83D\uDE00)|(?<=\uD83D\uDE00)")) {
        if (!word.isEmpty()) {
          expected.addAll(reference(v, word, "##"));
        }
      }
      GreedyVocabTokenizer wordPiece = new GreedyVocabTokenizer(v, GreedyVocabTokenizer.Style.WORDPIECE);
      assertEquals(expected, wordPiece.tokenize(s), "round " + round + ": " + s);
    }
  }

  @Test
  void oneVeryLongTokenCostsWorkLinearInTheText() {
    // Was: a 5,000-character text took 19 s, a 20,000-character one never ended (every substring up to the
    // longest token's length built and hashed at every position).
    String hostile = repeat('a', 9_999) + "b";
    Vocabulary v = Vocabulary.of(List.of("a", "aa", "b", hostile, repeat('y', 1_000)));
    GreedyVocabTokenizer tok = new GreedyVocabTokenizer(v, GreedyVocabTokenizer.Style.PLAIN);
    long[] work = new long[1];
    List<String> out = assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> tok.tokenize(repeat('a', 20_000), work));
    assertEquals(Collections.nCopies(10_000, "aa"), out);
    // Each position walks at most MAX_TOKEN_CHARS steps: the 10,000-char token is not in the trie.
    assertTrue(work[0] <= 10_000L * 3, "trie steps " + work[0]);

    long[] work2 = new long[1];
    List<String> twice = assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> tok.tokenize(hostile + hostile, work2));
    assertEquals(2 * (4_999 + 2), twice.size()); // per copy: 4,999 × "aa", "a", "b"
    assertTrue(work2[0] <= 20_000L * VocabTrie.MAX_TOKEN_CHARS, "trie steps " + work2[0]);

    long[] work3 = new long[1];
    List<String> longMatches = tok.tokenize(repeat('y', 2_000), work3);
    assertEquals(List.of(repeat('y', 1_000), repeat('y', 1_000)), longMatches, "tokens up to the limit still match");
    assertTrue(work3[0] <= 2_002, "trie steps " + work3[0]);
  }

  @Test
  void aTextFollowingALongTokenPrefixIsBoundedByTheTrieDepth() {
    // The worst case the trie leaves: at every position the text follows a token for MAX_TOKEN_CHARS - 1 chars
    // and then diverges, so each position walks the whole depth and consumes one char.
    String deep = repeat('a', VocabTrie.MAX_TOKEN_CHARS - 1) + "b";
    Vocabulary v = Vocabulary.of(List.of("a", deep));
    GreedyVocabTokenizer tok = new GreedyVocabTokenizer(v, GreedyVocabTokenizer.Style.SENTENCEPIECE);
    long[] work = new long[1];
    String text = repeat('a', 20_000);
    List<String> out = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> tok.tokenize(text, work));
    assertEquals(20_001, out.size()); // "▁" has no token: its UTF-8 bytes' char, then 20,000 × "a"
    assertTrue(work[0] <= (text.length() + 1L) * VocabTrie.MAX_TOKEN_CHARS, "trie steps " + work[0]);
    assertTrue(work[0] > 10_000_000L, "the case is the bound's worst: " + work[0]);
  }
}
