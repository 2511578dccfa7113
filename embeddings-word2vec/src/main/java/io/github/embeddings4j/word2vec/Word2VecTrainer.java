package io.github.embeddings4j.word2vec;

import io.github.embeddings4j.DType;
import io.github.embeddings4j.EmbeddingException;
import io.github.embeddings4j.VectorTable;
import io.github.embeddings4j.Vocabulary;
import io.github.embeddings4j.WordVectors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains word2vec (CBOW or skip-gram with negative sampling) as the C tool does: one pass to count the vocabulary
 * (minimum count, C-style pruning under a size cap, sorted by frequency), then {@code epochs} passes in which
 * {@code threads} Hogwild threads each train on their shard of the corpus, with frequent-word subsampling, a
 * dynamic window, negatives drawn from the unigram^0.75 distribution (exactly, by the alias method), the clipped
 * sigmoid table and a learning rate decaying linearly over all epochs.
 *
 * <pre>{@code
 * Word2VecConfig config = Word2VecConfig.skipGram().withThreads(4).withSeed(7);
 * WordVectors vectors = Word2VecTrainer.train(Corpus.lines(Path.of("text8.gz")), config);
 * Word2VecBinaryFormat.write(vectors, Path.of("text8.bin"));
 * }</pre>
 *
 * <p><b>Determinism.</b> Every random choice (initial vectors, window, subsampling, negatives) comes from the
 * configured seed through word2vec.c's linear congruential generator, one stream per thread. With one thread two
 * runs give bit-identical vectors (on the same JVM and kernel implementation). With several threads the updates
 * race without locks (Hogwild), so results then vary with thread scheduling, as with the C tool and gensim.
 *
 * <p><b>Cancellation.</b> A {@link TrainingListener} returning false, or an interrupt of the calling thread, stops
 * every training thread after its current sentence; {@code train} waits for them (no thread outlives it) and
 * returns the vectors trained so far in a model whose {@link Word2VecModel#cancelled()} is true. After an
 * interrupt the calling thread's interrupt status is set again.
 *
 * <p><b>Memory.</b> Besides the two weight matrices ({@code 2 × words × dimension} floats) the run holds the
 * vocabulary, a negative sampler of 8 bytes per word, and per thread one sentence: the corpus is streamed
 * again for every epoch, never held in memory.
 */
public final class Word2VecTrainer {
  private static final Logger LOG = LoggerFactory.getLogger(Word2VecTrainer.class);
  private static final String THREAD_PREFIX = "word2vec-train-";

  private Word2VecTrainer() {}

  /**
   * Trains with the default listener ({@link TrainingListener#logging()}), returning the word vectors.
   *
   * @param corpus the sentences
   * @param config the settings
   * @return the word vectors (of a cancelled run if the calling thread was interrupted, see the class comment)
   * @throws IOException if the corpus cannot be read
   * @throws EmbeddingException if no word occurs at least {@code minCount} times
   */
  public static WordVectors train(Corpus corpus, Word2VecConfig config) throws IOException {
    return train(corpus, config, TrainingListener.logging()).vectors();
  }

  /**
   * Trains, reporting to a listener.
   *
   * @param corpus the sentences
   * @param config the settings
   * @param listener hears progress every {@link Word2VecConfig#progressInterval()} and at the end; may cancel
   * @return the model: vectors, output weights if kept, whether cancelled
   * @throws IOException if the corpus cannot be read
   * @throws EmbeddingException if no word occurs at least {@code minCount} times
   */
  public static Word2VecModel train(Corpus corpus, Word2VecConfig config, TrainingListener listener)
      throws IOException {
    Objects.requireNonNull(corpus, "corpus");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(listener, "listener");
    long start = System.nanoTime();
    TrainingVocabulary vocab = TrainingVocabulary.learn(corpus, config);
    LOG.info("word2vec vocabulary: {} words, {} tokens ({} s)", vocab.size(), vocab.totalWords(),
        String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9));
    Run run = new Run(corpus, config, vocab, null, null);
    boolean cancelled = run.execute(listener, start);
    return run.result(cancelled, start);
  }

  /**
   * Continues training a model on more text: the model's vocabulary and counts are kept (words of the corpus
   * outside it are skipped, as the C tool skips unknown words), its input and output weights are the starting
   * point, and the learning rate decays again from {@code config.alpha()} over the new corpus's
   * {@code epochs}. The model must have been trained with {@link Word2VecConfig#keepOutputWeights()}; the model
   * passed in is not changed.
   *
   * @param model a model with output weights, e.g. from {@link #train(Corpus, Word2VecConfig, TrainingListener)}
   * @param corpus the sentences to train on
   * @param config the settings; its dimension must be the model's (normally also the same mode)
   * @param listener hears progress; may cancel
   * @return a new model
   * @throws IllegalArgumentException if the model has no output weights or no word counts, or the dimension
   *     differs
   * @throws EmbeddingException if no word of the corpus is in the model's vocabulary
   * @throws IOException if the corpus cannot be read
   */
  public static Word2VecModel continueTraining(Word2VecModel model, Corpus corpus, Word2VecConfig config,
      TrainingListener listener) throws IOException {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(corpus, "corpus");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(listener, "listener");
    VectorTable output = model.outputWeights().orElseThrow(() -> new IllegalArgumentException(
        "the model has no output weights: train it with keepOutputWeights(true) to continue training"));
    VectorTable input = model.vectors().vectors();
    if (input.dimension() != config.dimension()) {
      throw new IllegalArgumentException("dimension " + config.dimension() + " differs from the model's "
          + input.dimension());
    }
    long start = System.nanoTime();
    TrainingVocabulary vocab = TrainingVocabulary.of(model.vectors().vocabulary(), corpus, config);
    LOG.info("word2vec: continuing on {} with {} words, {} known tokens per epoch", corpus, vocab.size(),
        vocab.trainWords());
    Run run = new Run(corpus, config, vocab, flat(input), flat(output));
    boolean cancelled = run.execute(listener, start);
    return run.result(cancelled, start);
  }

  private static float[] flat(VectorTable t) {
    int dim = t.dimension();
    float[] out = new float[t.rows() * dim];
    float[] row = new float[dim];
    for (int r = 0; r < t.rows(); r++) {
      System.arraycopy(t.row(r, row), 0, out, r * dim, dim);
    }
    return out;
  }

  /**
   * One training run: starts the threads on a {@link TrainingModel}, gathers their progress, hears the listener,
   * and freezes the weights into a model at the end.
   */
  static final class Run implements TrainingThread.Progress {
    private final Corpus corpus;
    private final Word2VecConfig config;
    private final TrainingVocabulary vocab;
    // Not final: result() lets go of it so that each matrix can be freed as soon as it is copied.
    private TrainingModel model;
    private final long totalWork;
    private final AtomicLong processed = new AtomicLong();
    // Loss and example count change together under this lock (taken every 10,000 words per thread), so a
    // report never sees one without the other.
    private final Object lossLock = new Object();
    private double lossSum;
    private long lossExamples;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean stop;

    /** A run from random input weights and zero output weights, or from a model's weights when given. */
    Run(Corpus corpus, Word2VecConfig config, TrainingVocabulary vocab, float[] syn0, float[] syn1) {
      this.corpus = corpus;
      this.config = config;
      this.vocab = vocab;
      this.model = TrainingModel.create(vocab, config, syn0, syn1);
      this.totalWork = vocab.trainWords() * config.epochs();
    }

    @Override
    public boolean stopped() {
      return stop;
    }

    @Override
    public void fail(Throwable t) {
      failure.compareAndSet(null, t);
      stop = true;
    }

    @Override
    public float add(long words, double loss, long examples) {
      synchronized (lossLock) {
        lossSum += loss;
        lossExamples += examples;
      }
      return alphaAt(processed.addAndGet(words));
    }

    private float alphaAt(long processedWords) {
      return TrainingFormulas.alpha(config.alpha(), config.minAlphaFactor(), processedWords, totalWork);
    }

    /** Runs the threads to the end or to a cancellation; returns whether cancelled. */
    boolean execute(TrainingListener listener, long start) throws IOException {
      int n = config.threads();
      CountDownLatch done = new CountDownLatch(n);
      Thread[] threads = new Thread[n];
      for (int i = 0; i < n; i++) {
        TrainingThread worker = new TrainingThread(model, corpus, config, i, this);
        threads[i] = new Thread(() -> {
          try {
            worker.run();
          } finally {
            done.countDown();
          }
        }, THREAD_PREFIX + i);
        threads[i].setDaemon(true);
      }
      long trainStart = System.nanoTime();
      for (Thread t : threads) {
        t.start();
      }
      boolean cancelled = false;
      boolean interrupted = false;
      try {
        long intervalNanos = config.progressInterval().toNanos();
        while (true) {
          boolean finished;
          try {
            finished = done.await(intervalNanos, TimeUnit.NANOSECONDS);
          } catch (InterruptedException e) {
            interrupted = true;
            cancelled = true;
            stop = true;
            break;
          }
          if (!finished && !listener.onProgress(progress(trainStart))) {
            cancelled = true;
            stop = true;
            break;
          }
          if (finished) {
            break;
          }
        }
      } catch (RuntimeException | Error e) {
        stop = true;
        joinAll(threads);
        throw e;
      }
      interrupted |= joinAll(threads);
      Throwable t = failure.get();
      if (t != null) {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
        if (t instanceof IOException io) {
          throw io;
        }
        if (t instanceof UncheckedIOException u) {
          throw u.getCause();
        }
        if (t instanceof RuntimeException r) {
          throw r;
        }
        throw (Error) t;
      }
      cancelled |= interrupted;
      listener.onProgress(progress(trainStart));
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      return cancelled;
    }

    /** Waits for every thread; returns whether the caller was interrupted meanwhile (stopping them early). */
    private boolean joinAll(Thread[] threads) {
      boolean interrupted = false;
      for (Thread t : threads) {
        while (true) {
          try {
            t.join();
            break;
          } catch (InterruptedException e) {
            interrupted = true;
            stop = true;
          }
        }
      }
      return interrupted;
    }

    private TrainingProgress progress(long trainStart) {
      long words = processed.get();
      long nanos = System.nanoTime() - trainStart;
      long examples;
      double loss;
      synchronized (lossLock) {
        examples = lossExamples;
        loss = lossSum;
        lossExamples = 0;
        lossSum = 0;
      }
      return new TrainingProgress(Math.min(1.0, words / (double) Math.max(1, totalWork)), words,
          words / Math.max(1e-9, nanos / 1e9), alphaAt(words), examples == 0 ? Double.NaN : loss / examples,
          Duration.ofNanos(nanos));
    }

    /** Freezes the result, releasing each matrix as soon as it is copied so the peak stays at two matrices. */
    Word2VecModel result(boolean cancelled, long start) {
      int words = vocab.size();
      int dim = config.dimension();
      float[] syn0 = model.input();
      float[] syn1 = config.keepOutputWeights() ? model.output() : null;
      // The threads are gone: from here the locals are the only references to the weights.
      model = null;
      VectorTable input = table(syn0, words, dim);
      syn0 = null;
      VectorTable output = null;
      if (syn1 != null) {
        output = table(syn1, words, dim);
        syn1 = null;
      }
      WordVectors vectors = new WordVectors(Vocabulary.of(vocab.words(), vocab.counts()), input,
          corpus.tokenizer());
      return new Word2VecModel(vectors, output, cancelled, processed.get(),
          Duration.ofNanos(System.nanoTime() - start));
    }

    private static VectorTable table(float[] weights, int words, int dim) {
      try {
        return VectorTable.builder(DType.F32, words, dim).set(0, words, FloatBuffer.wrap(weights)).build();
      } catch (IllegalArgumentException e) {
        throw new EmbeddingException("training diverged (" + e.getMessage() + "); lower alpha", e);
      }
    }
  }
}
