package io.github.embeddings4j.word2vec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears about a training run's progress at the configuration's {@link Word2VecConfig#progressInterval()}, and
 * once more at the end. Called on the thread that called {@link Word2VecTrainer#train}, never concurrently.
 *
 * <p>Returning {@code false} cancels the run: the training threads stop after their current sentence and {@code
 * train} returns a model whose {@link Word2VecModel#cancelled()} is true. An exception thrown here also stops the
 * run and propagates out of {@code train}.
 *
 * <pre>{@code
 * Word2VecTrainer.train(corpus, config, p -> {
 *   bar.update(p.fraction());
 *   return !userPressedCancel;
 * });
 * }</pre>
 */
@FunctionalInterface
public interface TrainingListener {
  /**
   * Receives a progress report.
   *
   * @param progress where the run is
   * @return true to continue, false to cancel
   */
  boolean onProgress(TrainingProgress progress);

  /**
   * Returns the default listener: one SLF4J INFO line per report (logger {@code
   * io.github.embeddings4j.word2vec.Word2VecTrainer}); it never cancels.
   *
   * @return the logging listener
   */
  static TrainingListener logging() {
    Logger log = LoggerFactory.getLogger(Word2VecTrainer.class);
    return p -> {
      log.info("word2vec {}", p);
      return true;
    };
  }
}
