package io.github.embeddings4j.word2vec;

import java.time.Duration;

/**
 * Settings of a word2vec training run, immutable and validated when built: every message names the field and the
 * value. Start from a mode's defaults — {@link #skipGram()} or {@link #cbow()}, the C tool's — and change what you
 * need with the {@code with...} methods.
 *
 * <pre>{@code
 * Word2VecConfig config = Word2VecConfig.skipGram().withDimension(300).withEpochs(10).withSeed(42);
 * }</pre>
 *
 * @param mode CBOW (mean of the context predicts the word) or skip-gram (the word predicts each context word)
 * @param dimension the length of the word vectors, at least 1
 * @param window the largest distance between a word and a context word, at least 1; each position draws its
 *     window uniformly in {@code [1, window]} (the dynamic window of the C tool)
 * @param negative negative samples per positive one, at least 1
 * @param sample the frequent-word subsampling threshold (0 disables it); the C tool's default is 1e-3
 * @param minCount words seen fewer times are dropped, at least 1
 * @param maxVocabularySize the vocabulary is pruned while counting when it grows past this (0 for no limit)
 * @param epochs passes over the corpus, at least 1
 * @param alpha the starting learning rate, in (0, 1]
 * @param minAlphaFactor the learning rate decays linearly to {@code alpha * minAlphaFactor}, in [0, 1]
 * @param threads training threads, at least 1
 * @param seed the random seed: with one thread, the same seed gives bit-identical vectors
 * @param maxSentenceLength longer sentences are split into pieces of this many words, at least 1 (the C tool's
 *     MAX_SENTENCE_LENGTH is 1,000)
 * @param progressInterval how often the {@link TrainingListener} hears about progress, positive
 * @param keepOutputWeights whether the result keeps the output (negative-sampling) weights beside the word
 *     vectors, for callers who continue training elsewhere; they are dropped by default, halving the memory the
 *     result holds
 */
public record Word2VecConfig(
    Mode mode,
    int dimension,
    int window,
    int negative,
    double sample,
    int minCount,
    int maxVocabularySize,
    int epochs,
    double alpha,
    double minAlphaFactor,
    int threads,
    long seed,
    int maxSentenceLength,
    Duration progressInterval,
    boolean keepOutputWeights) {

  /** How often progress is reported unless changed: every 5 seconds. */
  public static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofSeconds(5);

  /** The two word2vec architectures. */
  public enum Mode {
    /** Continuous bag of words: the mean of the context vectors predicts the word. */
    CBOW,
    /** Skip-gram: the word predicts each word of its context. */
    SKIP_GRAM
  }

  /**
   * Validates every field.
   *
   * @param mode CBOW (mean of the context predicts the word) or skip-gram (the word predicts each context word)
   * @param dimension the length of the word vectors, at least 1
   * @param window the largest distance between a word and a context word, at least 1
   * @param negative negative samples per positive one, at least 1
   * @param sample the frequent-word subsampling threshold, in [0, 1) (0 disables it)
   * @param minCount words seen fewer times are dropped, at least 1
   * @param maxVocabularySize the vocabulary is pruned while counting when it grows past this, at least 0 (0 for
   *     no limit)
   * @param epochs passes over the corpus, at least 1
   * @param alpha the starting learning rate, in (0, 1]
   * @param minAlphaFactor the learning rate decays linearly to {@code alpha * minAlphaFactor}, in [0, 1]
   * @param threads training threads, at least 1
   * @param seed the random seed: with one thread, the same seed gives bit-identical vectors
   * @param maxSentenceLength longer sentences are split into pieces of this many words, at least 1
   * @param progressInterval how often the {@link TrainingListener} hears about progress, positive
   * @param keepOutputWeights whether the result keeps the output (negative-sampling) weights beside the word
   *     vectors
   * @throws IllegalArgumentException naming the first field out of range and its value
   * @throws NullPointerException if mode or progressInterval is null
   */
  public Word2VecConfig {
    if (mode == null) {
      throw new NullPointerException("mode is null");
    }
    atLeast("dimension", dimension, 1);
    atLeast("window", window, 1);
    atLeast("negative", negative, 1);
    if (!(sample >= 0 && sample < 1)) {
      throw new IllegalArgumentException("sample must be in [0, 1): " + sample);
    }
    atLeast("minCount", minCount, 1);
    atLeast("maxVocabularySize", maxVocabularySize, 0);
    atLeast("epochs", epochs, 1);
    if (!(alpha > 0 && alpha <= 1)) {
      throw new IllegalArgumentException("alpha must be in (0, 1]: " + alpha);
    }
    if (!(minAlphaFactor >= 0 && minAlphaFactor <= 1)) {
      throw new IllegalArgumentException("minAlphaFactor must be in [0, 1]: " + minAlphaFactor);
    }
    atLeast("threads", threads, 1);
    atLeast("maxSentenceLength", maxSentenceLength, 1);
    if (progressInterval == null) {
      throw new NullPointerException("progressInterval is null");
    }
    if (progressInterval.isNegative() || progressInterval.isZero()) {
      throw new IllegalArgumentException("progressInterval must be positive: " + progressInterval);
    }
  }

  private static void atLeast(String field, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(field + " must be >= " + min + ": " + value);
    }
  }

  /**
   * Returns the C tool's skip-gram defaults: dimension 100, window 5, negative 5, sample 1e-3, min count 5,
   * 5 epochs, alpha 0.025 decaying linearly to 0.025e-4, no vocabulary cap, one thread, seed 1, sentences of at
   * most 1,000 words; progress every 5 seconds; output weights dropped.
   *
   * @return the skip-gram defaults
   */
  public static Word2VecConfig skipGram() {
    return new Word2VecConfig(Mode.SKIP_GRAM, 100, 5, 5, 1e-3, 5, 0, 5, 0.025, 1e-4, 1, 1, 1000, DEFAULT_PROGRESS_INTERVAL, false);
  }

  /**
   * Returns the C tool's CBOW defaults: as {@link #skipGram()} but with alpha 0.05.
   *
   * @return the CBOW defaults
   */
  public static Word2VecConfig cbow() {
    return new Word2VecConfig(Mode.CBOW, 100, 5, 5, 1e-3, 5, 0, 5, 0.05, 1e-4, 1, 1, 1000, DEFAULT_PROGRESS_INTERVAL, false);
  }

  /**
   * Returns a copy with another dimension.
   *
   * @param dimension the length of the word vectors
   * @return the new configuration
   * @throws IllegalArgumentException if out of range
   */
  public Word2VecConfig withDimension(int dimension) {
    return new Word2VecConfig(mode, dimension, window, negative, sample, minCount, maxVocabularySize, epochs,
        alpha, minAlphaFactor, threads, seed, maxSentenceLength, progressInterval, keepOutputWeights);
  }

  /**
   * Returns a copy with another window.
   *
   * @param window the largest context distance
   * @return the new configuration
   * @throws IllegalArgumentException if out of range
   */
  public Word2VecConfig withWindow(int window) {
    return new Word2VecConfig(mode, dimension, window, negative, sample, minCount, maxVocabularySize, epochs,
        alpha, minAlphaFactor, threads, seed, maxSentenceLength, progressInterval, keepOutputWeights);
  }

  /**
   * Returns a copy with another number of negative samples.
   *
   * @param negative negative samples per positive one
   * @return the new configuration
   * @throws IllegalArgumentException if out of range
   */
  public Word2VecConfig withNegative(int negative) {
    return new Word2VecConfig(mode, dimension, window, negative, sample, minCount, maxVocabularySize, epochs,
        alpha, minAlphaFactor, threads, seed, maxSentenceLength, progressInterval, keepOutputWeights);
  }

  /**
   * Returns a copy with another subsampling threshold.
   *
   * @param sample the threshold, 0 to disable
   * @return the new configuration
   * @throws IllegalArgumentException if out of range
   */
  public Word2VecConfig withSample(double sample) {
    return new Word2VecConfig(mode, dimension, window, negative, sample, minCount, maxVocabularySize, epochs,
        alpha, minAlphaFactor, threads, seed, maxSentenceLength, progressInterval, keepOutputWeights);
  }

  /**
   * Returns a copy with another minimum count.
   *
   * @param minCount the fewest occurrences a word needs
   * @return the new configuration
   * @throws IllegalArgumentException if out of range
   */
  public Word2VecConfig withMinCount(int minCount) {
    return new Word2VecConfig(mode, dimension, window, negative, sample, minCount, maxVocabularySize, epochs,
        alpha, minAlphaFactor, threads, seed, maxSentenceLength, progressInterval, keepOutputWeights);
  }

  /**
   * Returns a copy with another vocabulary cap.
   *
   * @param maxVocabularySize the largest vocabulary while counting, 0 for no limit
   * @return the new configuration
   * @throws IllegalArgumentException if out of range
   */
  public Word2VecConfig withMaxVocabularySize(int maxVocabularySize) {
    return new Word2VecConfig(mode, dimension, window, negative, sample, minCount, maxVocabularySize, epochs,
        alpha, minAlphaFactor, threads, seed, maxSentenceLength, progressInterval, keepOutputWeights);
  }

  /**
   * Returns a copy with another number of epochs.
   *
   * @param epochs passes over the corpus
   * @return the new configuration
   * @throws IllegalArgumentException if out of range
   */
  public Word2VecConfig withEpochs(int epochs) {
    return new Word2VecConfig(mode, dimension, window, negative, sample, minCount, maxVocabularySize, epochs,
        alpha, minAlphaFactor, threads, seed, maxSentenceLength, progressInterval, keepOutputWeights);
  }

  /**
   * Returns a copy with another starting learning rate.
   *
   * @param alpha the starting learning rate
   * @return the new configuration
   * @throws IllegalArgumentException if out of range
   */
  public Word2VecConfig withAlpha(double alpha) {
    return new Word2VecConfig(mode, dimension, window, negative, sample, minCount, maxVocabularySize, epochs,
        alpha, minAlphaFactor, threads, seed, maxSentenceLength, progressInterval, keepOutputWeights);
  }

  /**
   * Returns a copy with another number of threads.
   *
   * @param threads training threads
   * @return the new configuration
   * @throws IllegalArgumentException if out of range
   */
  public Word2VecConfig withThreads(int threads) {
    return new Word2VecConfig(mode, dimension, window, negative, sample, minCount, maxVocabularySize, epochs,
        alpha, minAlphaFactor, threads, seed, maxSentenceLength, progressInterval, keepOutputWeights);
  }

  /**
   * Returns a copy with another seed.
   *
   * @param seed the random seed
   * @return the new configuration
   */
  public Word2VecConfig withSeed(long seed) {
    return new Word2VecConfig(mode, dimension, window, negative, sample, minCount, maxVocabularySize, epochs,
        alpha, minAlphaFactor, threads, seed, maxSentenceLength, progressInterval, keepOutputWeights);
  }

  /**
   * Returns a copy with another sentence-length cap.
   *
   * @param maxSentenceLength longer sentences are split into pieces of this many words
   * @return the new configuration
   * @throws IllegalArgumentException if out of range
   */
  public Word2VecConfig withMaxSentenceLength(int maxSentenceLength) {
    return new Word2VecConfig(mode, dimension, window, negative, sample, minCount, maxVocabularySize, epochs,
        alpha, minAlphaFactor, threads, seed, maxSentenceLength, progressInterval, keepOutputWeights);
  }

  /**
   * Returns a copy with another final learning-rate factor.
   *
   * @param minAlphaFactor the learning rate decays linearly to {@code alpha * minAlphaFactor}
   * @return the new configuration
   * @throws IllegalArgumentException if out of range
   */
  public Word2VecConfig withMinAlphaFactor(double minAlphaFactor) {
    return new Word2VecConfig(mode, dimension, window, negative, sample, minCount, maxVocabularySize, epochs,
        alpha, minAlphaFactor, threads, seed, maxSentenceLength, progressInterval, keepOutputWeights);
  }

  /**
   * Returns a copy with another progress interval.
   *
   * @param progressInterval how often the listener is called
   * @return the new configuration
   * @throws IllegalArgumentException if not positive
   */
  public Word2VecConfig withProgressInterval(Duration progressInterval) {
    return new Word2VecConfig(mode, dimension, window, negative, sample, minCount, maxVocabularySize, epochs,
        alpha, minAlphaFactor, threads, seed, maxSentenceLength, progressInterval, keepOutputWeights);
  }

  /**
   * Returns a copy that keeps, or drops, the output weights.
   *
   * @param keepOutputWeights whether {@link Word2VecModel#outputWeights()} is filled
   * @return the new configuration
   */
  public Word2VecConfig withKeepOutputWeights(boolean keepOutputWeights) {
    return new Word2VecConfig(mode, dimension, window, negative, sample, minCount, maxVocabularySize, epochs,
        alpha, minAlphaFactor, threads, seed, maxSentenceLength, progressInterval, keepOutputWeights);
  }
}
