package io.github.embeddings4j.word2vec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NegativeSamplerTest {
  /** A Zipf-like vocabulary of 5,000 words down to the minimum count 5: most words are rare. */
  private static long[] zipfCounts() {
    long[] counts = new long[5_000];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = Math.max(5, 2_000_000 / (i + 1));
    }
    return counts;
  }

  private static double[] expected(long[] counts, long sentences) {
    double total = Math.pow(sentences, 0.75);
    for (long c : counts) {
      total += Math.pow(c, 0.75);
    }
    double uniform = Math.pow(sentences, 0.75) / total / counts.length;
    double[] p = new double[counts.length];
    for (int i = 0; i < counts.length; i++) {
      p[i] = Math.pow(counts[i], 0.75) / total + uniform;
    }
    return p;
  }

  @Test
  void aliasTablesHoldExactlyTheThreeQuarterPowerShares() {
    long[] counts = zipfCounts();
    for (long sentences : new long[] {0, 83_717}) {
      NegativeSampler s = NegativeSampler.of(counts, sentences);
      double[] p = expected(counts, sentences);
      double sum = 0;
      for (int i = 0; i < counts.length; i++) {
        // Exact to float resolution for every word, the rarest included (an 8-entry-per-word table gave the
        // rarest words 0 or 1 entries, i.e. errors of 100%).
        assertEquals(p[i], s.probability(i), p[i] * 1e-5, "word " + i + " with " + sentences + " sentences");
        sum += s.probability(i);
      }
      assertEquals(1.0, sum, 1e-6);
    }
  }

  @Test
  void drawsFromTheGeneratorMatchTheDistributionIncludingRareWords() {
    long[] counts = zipfCounts();
    long sentences = 83_717;
    NegativeSampler s = NegativeSampler.of(counts, sentences);
    double[] p = expected(counts, sentences);
    int draws = 20_000_000;
    long[] hits = new long[counts.length];
    long r = 1;
    for (int d = 0; d < draws; d++) {
      r = TrainingFormulas.nextRandom(r);
      hits[s.draw(r)]++;
    }
    // Per word, within 5 standard deviations of the binomial count (frequent and rare words alike: the rarest
    // expect ~1,300 draws, so a word with no share or a doubled share fails).
    double chi2 = 0;
    for (int i = 0; i < counts.length; i++) {
      double e = p[i] * draws;
      double sd = Math.sqrt(e * (1 - p[i]));
      assertEquals(e, hits[i], 5 * sd, "word " + i + " (count " + counts[i] + ")");
      chi2 += (hits[i] - e) * (hits[i] - e) / e;
    }
    // Over all 5,000 words: chi-square with 4,999 degrees of freedom has mean 4,999 and sd 100.
    assertTrue(chi2 < 4_999 + 5 * 100, "chi-square " + chi2);
    // The rare tail as a whole (counts of 5, about 4,600 words), to a relative 0.3%.
    double eTail = 0;
    long tail = 0;
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] == 5) {
        eTail += p[i] * draws;
        tail += hits[i];
      }
    }
    assertEquals(eTail, tail, eTail * 0.003);
  }

  @Test
  void sentenceEndMassGoesToUniformWordsAsInTheCTool() {
    // Sentence ends outweigh every word: C's "if (target == 0) target = uniform word" branch then dominates, and
    // the rare words get far more than their count^0.75 share.
    long[] counts = {10_000, 10, 10, 10};
    NegativeSampler s = NegativeSampler.of(counts, 1_000_000);
    double[] p = expected(counts, 1_000_000);
    assertTrue(p[3] > 0.1);
    long[] hits = new long[counts.length];
    long r = 5;
    int draws = 1_000_000;
    for (int d = 0; d < draws; d++) {
      r = TrainingFormulas.nextRandom(r);
      hits[s.draw(r)]++;
    }
    for (int i = 0; i < counts.length; i++) {
      assertEquals(p[i], s.probability(i), 1e-6, "word " + i);
      assertEquals(p[i] * draws, hits[i], 5 * Math.sqrt(p[i] * draws), "word " + i);
    }
    NegativeSampler single = NegativeSampler.of(new long[] {7}, 0);
    assertEquals(1.0, single.probability(0), 0);
    assertEquals(1, single.words());
    for (int d = 0; d < 1000; d++) {
      r = TrainingFormulas.nextRandom(r);
      assertEquals(0, single.draw(r));
    }
  }
}
