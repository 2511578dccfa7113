package io.github.embeddings4j.word2vec;

/**
 * The precomputed tables and formulas of word2vec.c, each testable on its own: the sigmoid table, the
 * subsampling thresholds, the learning-rate schedule and the random number generator. The negative-sampling
 * distribution is {@link NegativeSampler}.
 */
final class TrainingFormulas {
  /** The sigmoid is tabulated on [-MAX_EXP, MAX_EXP] and clipped outside, as in word2vec.c. */
  static final int MAX_EXP = 6;

  static final int EXP_TABLE_SIZE = 1000;

  /**
   * word2vec.c indexes its table with {@code (int) ((f + MAX_EXP) * (EXP_TABLE_SIZE / MAX_EXP / 2))}, where the
   * integer division makes the scale 83, not 83.33: the top 4 entries are never read. Kept for fidelity.
   */
  static final int EXP_SCALE = EXP_TABLE_SIZE / MAX_EXP / 2;

  /** The exponent of the negative-sampling distribution. */
  static final double POWER = 0.75;

  private TrainingFormulas() {}

  /** word2vec.c's {@code next_random = next_random * 25214903917 + 11} (unsigned 64-bit wrap-around). */
  static long nextRandom(long r) {
    return r * 25214903917L + 11;
  }

  /** {@code expTable[i] = sigmoid((i / EXP_TABLE_SIZE * 2 - 1) * MAX_EXP)}, as word2vec.c fills it. */
  static float[] sigmoidTable() {
    float[] t = new float[EXP_TABLE_SIZE];
    for (int i = 0; i < EXP_TABLE_SIZE; i++) {
      float e = (float) Math.exp((i / (float) EXP_TABLE_SIZE * 2 - 1) * MAX_EXP);
      t[i] = e / (e + 1);
    }
    return t;
  }

  /** {@code -log(s)} for each sigmoid value {@code s}: the loss of a positive example at that score. */
  static float[] positiveLossTable(float[] sigmoid) {
    float[] t = new float[sigmoid.length];
    for (int i = 0; i < t.length; i++) {
      t[i] = (float) -Math.log(sigmoid[i]);
    }
    return t;
  }

  /** {@code -log(1 - s)}: the loss of a negative example at that score. */
  static float[] negativeLossTable(float[] sigmoid) {
    float[] t = new float[sigmoid.length];
    for (int i = 0; i < t.length; i++) {
      t[i] = (float) -Math.log(1 - sigmoid[i]);
    }
    return t;
  }

  /**
   * Per word, the probability of keeping an occurrence under subsampling, word2vec.c's {@code ran = (sqrt(cn /
   * (sample * train_words)) + 1) * (sample * train_words) / cn}: an occurrence is kept when {@code ran >= u} for a
   * uniform {@code u} in [0, 1) (so values above 1 always keep). With {@code sample == 0} every word is kept.
   */
  static float[] keepProbabilities(long[] counts, long totalWords, double sample) {
    float[] keep = new float[counts.length];
    double threshold = sample * totalWords;
    for (int i = 0; i < counts.length; i++) {
      keep[i] = sample > 0 ? (float) ((Math.sqrt(counts[i] / threshold) + 1) * threshold / counts[i]) : 2f;
    }
    return keep;
  }

  /**
   * The learning rate after {@code processed} of {@code total} words (all epochs): linear from {@code alpha} to
   * {@code alpha * minAlphaFactor}, and never below that floor.
   */
  static float alpha(double alpha, double minAlphaFactor, long processed, long total) {
    double progress = Math.min(1.0, processed / (double) Math.max(1, total));
    return (float) (alpha * (1 - progress * (1 - minAlphaFactor)));
  }
}
