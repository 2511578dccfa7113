package io.github.embeddings4j.word2vec;

/**
 * Draws negative samples from the unigram^0.75 distribution of word2vec.c's {@code InitUnigramTable}, exactly,
 * with Walker's alias method in two arrays of vocabulary size (8 bytes a word) instead of the C tool's 10^8-entry
 * table (400 MB, whose shares are exact to about 10^-8). One draw reads two array entries.
 *
 * <p>word2vec.c keeps its end-of-sentence token {@code </s>} (id 0, counted once per line) in the table, and
 * replaces a draw of it by a uniform word: {@code if (target == 0) target = next_random % (vocab_size - 1) + 1}.
 * Our vocabulary has no {@code </s>}; the same mass is kept here as one extra outcome, weighted by the number of
 * sentences to the 0.75, that resolves to a uniform word. So the draw distribution is the C tool's.
 */
final class NegativeSampler {
  private final float[] probability;
  private final int[] alias;
  private final int words;

  private NegativeSampler(float[] probability, int[] alias, int words) {
    this.probability = probability;
    this.alias = alias;
    this.words = words;
  }

  /**
   * The sampler for word counts {@code counts} (all positive) and {@code sentences} sentence ends (0: none, then
   * the distribution is {@code count^0.75} normalized).
   */
  static NegativeSampler of(long[] counts, long sentences) {
    int n = counts.length;
    int slots = sentences > 0 ? n + 1 : n;
    double[] weight = new double[slots];
    double total = 0;
    for (int i = 0; i < slots; i++) {
      weight[i] = Math.pow(i < n ? counts[i] : sentences, TrainingFormulas.POWER);
      total += weight[i];
    }
    // Vose's construction: slots under the mean take the rest of their slot from one over it.
    float[] probability = new float[slots];
    int[] alias = new int[slots];
    double[] scaled = new double[slots];
    int[] small = new int[slots];
    int[] large = new int[slots];
    int ns = 0;
    int nl = 0;
    for (int i = 0; i < slots; i++) {
      scaled[i] = weight[i] * slots / total;
      if (scaled[i] < 1) {
        small[ns++] = i;
      } else {
        large[nl++] = i;
      }
    }
    while (ns > 0 && nl > 0) {
      int s = small[--ns];
      int l = large[--nl];
      probability[s] = (float) scaled[s];
      alias[s] = l;
      scaled[l] -= 1 - scaled[s];
      if (scaled[l] < 1) {
        small[ns++] = l;
      } else {
        large[nl++] = l;
      }
    }
    // What is left is 1 up to rounding.
    while (nl > 0) {
      int l = large[--nl];
      probability[l] = 1f;
      alias[l] = l;
    }
    while (ns > 0) {
      int s = small[--ns];
      probability[s] = 1f;
      alias[s] = s;
    }
    return new NegativeSampler(probability, alias, n);
  }

  /**
   * The word for one step {@code random} of word2vec.c's generator: the top 32 bits pick the slot, bits 8-31 the
   * coin between the slot and its alias (the low bits of the generator have short periods; bits 8-31 have a period
   * of at least 2^9 and their high bits, which decide the coin, of 2^32), and the sentence-end outcome maps to
   * {@code random % words} as the C tool does.
   */
  int draw(long random) {
    int slot = (int) (((random >>> 32) * probability.length) >>> 32);
    float coin = ((random >>> 8) & 0xFFFFFF) * 0x1p-24f;
    int w = coin < probability[slot] ? slot : alias[slot];
    return w < words ? w : (int) Long.remainderUnsigned(random, words);
  }

  /** The exact probability that {@link #draw} gives word {@code w}, read back from the arrays (for tests). */
  double probability(int w) {
    double p = mass(w);
    return probability.length > words ? p + mass(words) / words : p;
  }

  private double mass(int outcome) {
    double m = 0;
    for (int s = 0; s < probability.length; s++) {
      if (s == outcome) {
        m += probability[s];
      }
      if (alias[s] == outcome) {
        m += 1 - probability[s];
      }
    }
    return m / probability.length;
  }

  /** The number of words this sampler draws from. */
  int words() {
    return words;
  }
}
