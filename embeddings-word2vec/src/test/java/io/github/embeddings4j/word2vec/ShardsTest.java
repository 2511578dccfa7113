package io.github.embeddings4j.word2vec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ShardsTest {

  @Test
  void cutsLongLinesThenShortOnesIntoEqualWords() {
    // text8-like 1,000-word lines, then 20-word sentences: half the pieces hold far more than half the words.
    Shards s = new Shards();
    for (int i = 0; i < 100; i++) {
      s.add(1000);
    }
    for (int i = 0; i < 5000; i++) {
      s.add(20);
    }
    assertEquals(200_000, s.words());
    assertEquals(5100, s.pieces());
    assertEquals(0, s.start(0, 2));
    // 100,000 words lie before piece 100 (all the long lines): the second thread starts there.
    assertEquals(100, s.start(1, 2));
    assertEquals(5100, s.start(2, 2));
    // Thirds: 66,667 words are reached before piece 67 (67,000 words), 133,333 before piece 100 + 1,667.
    assertEquals(67, s.start(1, 3));
    assertEquals(100 + 1667, s.start(2, 3));
  }

  @Test
  void everyCutIsWithinOneStrideOfTheExactPieceAfterTheMarksFillUp() {
    SplittableRandom random = new SplittableRandom(7);
    int n = 3 * Shards.MAX_MARKS + 12_345;
    long[] before = new long[n + 1];
    Shards s = new Shards();
    for (int i = 0; i < n; i++) {
      int words = random.nextInt(4) == 0 ? 0 : random.nextInt(1, 200);
      before[i + 1] = before[i] + words;
      s.add(words);
    }
    long stride = 4; // 208,953 pieces: the 2^16 marks were halved twice
    for (int shards = 2; shards <= 16; shards++) {
      long previous = 0;
      for (int shard = 1; shard < shards; shard++) {
        long target = (long) ((double) s.words() * shard / shards);
        long exact = 0;
        while (before[(int) exact] < target) {
          exact++;
        }
        long cut = s.start(shard, shards);
        assertTrue(cut >= exact && cut < exact + stride, shard + "/" + shards + ": " + cut + " vs " + exact);
        assertTrue(cut >= previous);
        previous = cut;
      }
    }
  }

  @Test
  void emptyPiecesAndAnEmptyCorpus() {
    Shards empty = new Shards();
    assertEquals(0, empty.start(1, 2));
    assertEquals(0, empty.start(2, 2));
    Shards zeros = new Shards();
    for (int i = 0; i < 10; i++) {
      zeros.add(0);
    }
    assertEquals(0, zeros.start(1, 2));
    assertEquals(10, zeros.start(2, 2));
  }
}
