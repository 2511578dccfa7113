package io.github.embeddings4j.word2vec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrainingFormulasTest {
  @Test
  void randomIsWord2vecCsGenerator() {
    // next_random = next_random * 25214903917 + 11 on unsigned 64 bits, as word2vec.c.
    assertEquals(25214903928L, TrainingFormulas.nextRandom(1));
    long r = TrainingFormulas.nextRandom(TrainingFormulas.nextRandom(1));
    assertEquals(25214903928L * 25214903917L + 11, r);
    // Wraps around like unsigned long long: the top bit carries no sign meaning.
    assertEquals(Long.MIN_VALUE * 25214903917L + 11, TrainingFormulas.nextRandom(Long.MIN_VALUE));
  }

  @Test
  void sigmoidTableIsTheCTable() {
    float[] t = TrainingFormulas.sigmoidTable();
    assertEquals(1000, t.length);
    assertEquals(1 / (1 + Math.exp(6)), t[0], 1e-7);
    assertEquals(0.5, t[500], 1e-7);
    for (int i = 1; i < t.length; i++) {
      assertTrue(t[i] > t[i - 1], "increasing at " + i);
    }
    // The C index uses the integer scale 1000 / 6 / 2 = 83: f = 0 lands on 498, f just under 6 on 995.
    assertEquals(83, TrainingFormulas.EXP_SCALE);
    assertEquals(498, (int) ((0f + TrainingFormulas.MAX_EXP) * TrainingFormulas.EXP_SCALE));
    assertEquals(995, (int) ((5.999f + TrainingFormulas.MAX_EXP) * TrainingFormulas.EXP_SCALE));
    float[] pos = TrainingFormulas.positiveLossTable(t);
    float[] neg = TrainingFormulas.negativeLossTable(t);
    assertEquals(Math.log(2), pos[500], 1e-6);
    assertEquals(Math.log(2), neg[500], 1e-6);
    assertTrue(pos[999] < 0.01 && neg[0] < 0.01 && pos[0] > 5.9 && neg[999] > 5.9);
  }

  @Test
  void subsamplingKeepsRareWordsAndThinsFrequentOnesByTheCFormula() {
    long[] counts = {100_000, 1_000, 10};
    long total = 1_000_000;
    float[] keep = TrainingFormulas.keepProbabilities(counts, total, 1e-3);
    // ran = (sqrt(cn / (sample * total)) + 1) * (sample * total) / cn
    assertEquals((Math.sqrt(100_000 / 1000.0) + 1) * 1000 / 100_000, keep[0], 1e-6);
    assertEquals(0.11, keep[0], 1e-6);
    assertTrue(keep[1] > 1 && keep[2] > 1, "words at or below sample * total are always kept");
    float[] none = TrainingFormulas.keepProbabilities(counts, total, 0);
    for (float k : none) {
      assertTrue(k > 1);
    }
  }

  @Test
  void subsamplingDrawMatchesTheKeepProbability() {
    // The trainer keeps an occurrence when keep >= (random & 0xFFFF) / 65536, as word2vec.c.
    float keep = TrainingFormulas.keepProbabilities(new long[] {100_000}, 1_000_000, 1e-3)[0];
    long r = 1;
    int kept = 0;
    int n = 200_000;
    for (int i = 0; i < n; i++) {
      r = TrainingFormulas.nextRandom(r);
      if (!(keep < (r & 0xFFFF) / 65536f)) {
        kept++;
      }
    }
    assertEquals(keep, kept / (double) n, 0.005);
  }

  @Test
  void learningRateDecaysLinearlyToTheFloorOverAllEpochs() {
    assertEquals(0.025f, TrainingFormulas.alpha(0.025, 1e-4, 0, 1000));
    assertEquals(0.025 * (1 - 0.5 * (1 - 1e-4)), TrainingFormulas.alpha(0.025, 1e-4, 500, 1000), 1e-9);
    assertEquals(0.025 * 1e-4, TrainingFormulas.alpha(0.025, 1e-4, 1000, 1000), 1e-10);
    assertEquals(0.025 * 1e-4, TrainingFormulas.alpha(0.025, 1e-4, 5000, 1000), 1e-10, "never below the floor");
    assertEquals(0.05f, TrainingFormulas.alpha(0.05, 1.0, 700, 1000), "factor 1: constant");
    assertTrue(TrainingFormulas.alpha(0.025, 1e-4, 300, 1000) > TrainingFormulas.alpha(0.025, 1e-4, 301, 1000));
  }
}
