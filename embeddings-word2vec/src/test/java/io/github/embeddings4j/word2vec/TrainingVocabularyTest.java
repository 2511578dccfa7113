package io.github.embeddings4j.word2vec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.embeddings4j.EmbeddingException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingVocabularyTest {
  private static TrainingVocabulary learn(List<List<String>> sentences, Word2VecConfig config) throws Exception {
    return TrainingVocabulary.learn(Corpus.of(sentences), config);
  }

  @Test
  void sortedByCountTiesByFirstOccurrenceUnderMinCountDropped() throws Exception {
    List<List<String>> s = List.of(List.of("b", "a", "c", "a", "d"), List.of("c", "a", "b", "e", "b"));
    TrainingVocabulary v = learn(s, Word2VecConfig.skipGram().withMinCount(2));
    // a and b both occur 3 times; b occurs first
    assertEquals(List.of("b", "a", "c"), v.words());
    assertArrayEquals(new long[] {3, 3, 2}, v.counts());
    assertEquals(8, v.totalWords());
    assertEquals(1, v.id("a"));
    assertEquals(2, v.id("c"));
    assertEquals(-1, v.id("d"));
    assertEquals(-1, v.id("zzz"));
    assertEquals("b", v.word(0));
  }

  @Test
  void lookupFindsEveryWordOfALargeVocabulary() {
    int n = 5000;
    String[] words = new String[n];
    long[] counts = new long[n];
    for (int i = 0; i < n; i++) {
      words[i] = "w" + i + (i % 7 == 0 ? "é" : "");
      counts[i] = n - i;
    }
    TrainingVocabulary v = new TrainingVocabulary(words, counts);
    for (int i = 0; i < n; i++) {
      assertEquals(i, v.id(words[i]));
      assertEquals(words[i], v.word(i));
    }
    assertEquals(-1, v.id("w"));
    assertEquals(-1, v.id("w12345"));
  }

  @Test
  void pruningDropsRareWordsWithAGrowingThresholdAsTheCTool() {
    TrainingVocabulary.Counter c = new TrainingVocabulary.Counter(3);
    for (String w : "a a a b b c".split(" ")) {
      c.add(w);
    }
    c.add("d"); // 4 distinct > 3: words seen <= 1 time (c, d) are dropped; the next pruning drops <= 2
    for (String w : "e e e".split(" ")) {
      c.add(w);
    }
    c.add("f"); // a=3 b=2 e=3 f=1: 4 > 3, now words seen <= 2 times go (b, f)
    c.add("g"); // 3 distinct: no pruning
    TrainingVocabulary v = c.build(1, 0, "test");
    assertEquals(List.of("a", "e", "g"), v.words());
  }

  @Test
  void maxVocabularySizeKeepsTheMostFrequent() throws Exception {
    List<List<String>> s = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      s.add(List.of("x", "y", "z" + (i % 2)));
    }
    s.add(List.of("x"));
    TrainingVocabulary v = learn(s, Word2VecConfig.skipGram().withMaxVocabularySize(2).withMinCount(1));
    assertTrue(v.size() <= 2);
    assertEquals("x", v.word(0));
  }

  @Test
  void emptyCorpusAndAllUnderMinCountAreClearErrors() {
    EmbeddingException e = assertThrows(EmbeddingException.class,
        () -> learn(List.of(), Word2VecConfig.skipGram()));
    assertTrue(e.getMessage().contains("minCount=5") && e.getMessage().contains("0 tokens"), e.getMessage());
    e = assertThrows(EmbeddingException.class,
        () -> learn(List.of(List.of("a", "b", "a"), List.of()), Word2VecConfig.cbow().withMinCount(3)));
    assertTrue(e.getMessage().contains("minCount=3") && e.getMessage().contains("3 tokens, 2 distinct"),
        e.getMessage());
  }
}
