package io.github.embeddings4j.word2vec;

import io.github.embeddings4j.VectorTable;
import io.github.embeddings4j.WordVectors;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a training run returns: the word vectors (the input weights, the C tool's {@code syn0}), immutable, and the
 * output weights ({@code syn1neg}) only when {@link Word2VecConfig#keepOutputWeights()} asked for them. Save the
 * vectors with the core formats ({@code Word2VecBinaryFormat.write(model.vectors(), path)}).
 *
 * <p>A cancelled run (listener or interrupt, see {@link Word2VecTrainer}) still returns the vectors as trained so
 * far: usable, but less trained than asked.
 */
public final class Word2VecModel {
  private final WordVectors vectors;
  private final VectorTable outputWeights;
  private final boolean cancelled;
  private final long wordsProcessed;
  private final Duration elapsed;

  Word2VecModel(WordVectors vectors, VectorTable outputWeights, boolean cancelled, long wordsProcessed,
      Duration elapsed) {
    this.vectors = Objects.requireNonNull(vectors);
    this.outputWeights = outputWeights;
    this.cancelled = cancelled;
    this.wordsProcessed = wordsProcessed;
    this.elapsed = elapsed;
  }

  /**
   * Returns the trained word vectors, most frequent word first, with corpus counts in the vocabulary.
   *
   * @return the word vectors
   */
  public WordVectors vectors() {
    return vectors;
  }

  /**
   * Returns the output weights, one row per word in the vocabulary's order, if the configuration kept them.
   *
   * @return the output weights, or empty
   */
  public Optional<VectorTable> outputWeights() {
    return Optional.ofNullable(outputWeights);
  }

  /**
   * Returns whether the run was cancelled before its last epoch ended.
   *
   * @return true if cancelled
   */
  public boolean cancelled() {
    return cancelled;
  }

  /**
   * Returns the vocabulary words read over all epochs and threads, before subsampling.
   *
   * @return the words processed
   */
  public long wordsProcessed() {
    return wordsProcessed;
  }

  /**
   * Returns the wall time of the run, vocabulary counting included.
   *
   * @return the elapsed time
   */
  public Duration elapsed() {
    return elapsed;
  }

  @Override
  public String toString() {
    return "Word2VecModel[" + vectors + (cancelled ? ", cancelled" : "") + ", " + wordsProcessed + " words in "
        + elapsed + "]";
  }
}
