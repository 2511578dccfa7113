package io.github.embeddings4j.word2vec;

import java.time.Duration;

/**
 * A snapshot of a training run, handed to a {@link TrainingListener}.
 *
 * @param fraction the share of the work done, from 0 to 1 (words processed over epochs × corpus words)
 * @param wordsProcessed vocabulary words read so far over all epochs and threads, before subsampling (as the C
 *     tool counts them)
 * @param wordsPerSecond words processed per second since training started
 * @param alpha the learning rate now
 * @param loss the mean negative-sampling loss per (positive or negative) example since the previous report, {@code
 *     -log sigmoid(±score)} read from the same clipped table as the sigmoid; NaN if no example was trained
 * @param elapsed the time since training started
 */
public record TrainingProgress(
    double fraction, long wordsProcessed, double wordsPerSecond, double alpha, double loss, Duration elapsed) {

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "%.1f%% words=%d words/s=%.0f alpha=%.6f loss=%.4f",
        fraction * 100, wordsProcessed, wordsPerSecond, alpha, loss);
  }
}
