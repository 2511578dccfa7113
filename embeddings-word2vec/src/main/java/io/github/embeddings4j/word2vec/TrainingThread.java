package io.github.embeddings4j.word2vec;

import io.github.embeddings4j.internal.simd.Kernels;
import io.github.embeddings4j.internal.simd.VectorKernels;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * One Hogwild training thread, shaped like word2vec.c's {@code TrainModelThread}: it reads its shard of the corpus
 * once per epoch, maps tokens to ids, subsamples, and updates the shared weight matrices without locks. Everything
 * it needs in the loop (sentence buffer, hidden and error vectors, random state) is allocated once here. What it
 * shares with the other threads is the {@link TrainingModel} and a {@link Progress}, nothing else.
 */
final class TrainingThread implements Runnable {
  /** Words between two updates of the shared progress counter and of the learning rate, as word2vec.c. */
  static final int REPORT_WORDS = 10_000;

  /** What a training thread reports to its run, and how the run tells it to stop. Safe for concurrent calls. */
  interface Progress {
    /**
     * Adds a thread's work since its previous report.
     *
     * @param words the corpus words read (before subsampling)
     * @param loss the sum of the example losses
     * @param examples the number of examples in {@code loss}
     * @return the learning rate for the words all threads have read so far
     */
    float add(long words, double loss, long examples);

    /**
     * Whether the run is cancelled or has failed, so that every thread should stop after its current sentence.
     *
     * @return true to stop
     */
    boolean stopped();

    /**
     * Records a thread's failure and stops the run; the first failure is the one rethrown.
     *
     * @param failure what the thread threw
     */
    void fail(Throwable failure);
  }

  private final Corpus corpus;
  private final Progress progress;
  private final int shard;
  private final int shards;
  private final int epochs;
  private final int maxSentenceLength;
  private final VectorKernels k = Kernels.get();
  private final float[] syn0;
  private final float[] syn1;
  private final int dim;
  private final int window;
  private final int negative;
  private final boolean cbow;
  private final NegativeSampler sampler;
  private final float[] keep;
  private final float[] sigmoid;
  private final float[] positiveLoss;
  private final float[] negativeLoss;
  private final TrainingVocabulary vocab;
  private final int[] sentence;
  private final float[] neu1;
  private final float[] neu1e;

  private long random;
  private float alpha;
  private long wordCount;
  private long reportedCount;
  private double loss;
  private long examples;

  /**
   * A thread of a run.
   *
   * @param model the weights and tables shared by all threads
   * @param corpus the sentences
   * @param config the settings (mode, window, negatives, epochs, threads, seed, starting learning rate)
   * @param shard which of the {@code config.threads()} contiguous parts of the corpus this thread trains on
   * @param progress where the thread reports, and learns whether to stop
   */
  TrainingThread(TrainingModel model, Corpus corpus, Word2VecConfig config, int shard, Progress progress) {
    this.corpus = corpus;
    this.progress = progress;
    this.shard = shard;
    this.shards = config.threads();
    this.epochs = config.epochs();
    this.maxSentenceLength = config.maxSentenceLength();
    this.syn0 = model.input();
    this.syn1 = model.output();
    this.dim = model.dimension();
    this.window = config.window();
    this.negative = config.negative();
    this.cbow = config.mode() == Word2VecConfig.Mode.CBOW;
    this.sampler = model.sampler();
    this.keep = model.keepProbabilities();
    this.sigmoid = model.sigmoid();
    this.positiveLoss = model.positiveLoss();
    this.negativeLoss = model.negativeLoss();
    this.vocab = model.vocabulary();
    this.sentence = new int[maxSentenceLength];
    this.neu1 = new float[dim];
    this.neu1e = new float[dim];
    this.random = config.seed() + 0x9E3779B97F4A7C15L * (shard + 1);
    this.alpha = (float) config.alpha();
  }

  @Override
  public void run() {
    try {
      long from = vocab.shardStart(shard, shards);
      long to = vocab.shardStart(shard + 1, shards);
      for (int epoch = 0; epoch < epochs && !progress.stopped(); epoch++) {
        corpus.forEachPiece(from, to, maxSentenceLength, this::piece);
      }
    } catch (IOException | RuntimeException | Error e) {
      progress.fail(e);
    } finally {
      publish();
    }
  }

  private boolean piece(List<String> tokens) {
    if (progress.stopped()) {
      return false;
    }
    int length = 0;
    for (int i = 0, n = tokens.size(); i < n; i++) {
      int word = vocab.id(tokens.get(i));
      if (word < 0) {
        continue;
      }
      wordCount++;
      // Subsampling draws from the low 16 bits, as word2vec.c does.
      random = TrainingFormulas.nextRandom(random);
      if (keep[word] < (random & 0xFFFF) / 65536f) {
        continue;
      }
      sentence[length++] = word;
    }
    train(length);
    if (wordCount - reportedCount > REPORT_WORDS) {
      publish();
    }
    return true;
  }

  /** Adds this thread's words and loss to the shared counters and refreshes the learning rate from them. */
  private void publish() {
    alpha = progress.add(wordCount - reportedCount, loss, examples);
    reportedCount = wordCount;
    loss = 0;
    examples = 0;
  }

  private void train(int length) {
    for (int pos = 0; pos < length; pos++) {
      int word = sentence[pos];
      random = TrainingFormulas.nextRandom(random);
      int b = (int) Long.remainderUnsigned(random, window);
      int from = Math.max(0, pos - window + b);
      int to = Math.min(length - 1, pos + window - b);
      if (cbow) {
        Arrays.fill(neu1, 0f);
        int cw = 0;
        for (int c = from; c <= to; c++) {
          if (c != pos) {
            k.axpy(1f, syn0, sentence[c] * dim, neu1, 0, dim);
            cw++;
          }
        }
        if (cw > 0) {
          k.scale(1f / cw, neu1, 0, dim);
          Arrays.fill(neu1e, 0f);
          negativeSampling(neu1, 0, word);
          for (int c = from; c <= to; c++) {
            if (c != pos) {
              k.axpy(1f, neu1e, 0, syn0, sentence[c] * dim, dim);
            }
          }
        }
      } else {
        for (int c = from; c <= to; c++) {
          if (c != pos) {
            int l1 = sentence[c] * dim;
            Arrays.fill(neu1e, 0f);
            negativeSampling(syn0, l1, word);
            k.axpy(1f, neu1e, 0, syn0, l1, dim);
          }
        }
      }
    }
  }

  /**
   * The negative-sampling step shared by both modes: {@code hidden} (a context word's row in skip-gram, the
   * context mean in CBOW) should score {@code word} high and {@code negative} words drawn from the unigram^0.75
   * distribution low. The output rows learn at once; the hidden gradient accumulates in {@code neu1e} for the caller.
   */
  private void negativeSampling(float[] hidden, int offset, int word) {
    for (int d = 0; d <= negative; d++) {
      int target;
      int label;
      if (d == 0) {
        target = word;
        label = 1;
      } else {
        random = TrainingFormulas.nextRandom(random);
        target = sampler.draw(random);
        if (target == word) {
          continue;
        }
        label = 0;
      }
      int l2 = target * dim;
      float f = k.dot(hidden, offset, syn1, l2, dim);
      float g;
      if (f > TrainingFormulas.MAX_EXP) {
        g = (label - 1) * alpha;
        loss += label == 1 ? positiveLoss[sigmoid.length - 1] : negativeLoss[sigmoid.length - 1];
      } else if (f < -TrainingFormulas.MAX_EXP) {
        g = label * alpha;
        loss += label == 1 ? positiveLoss[0] : negativeLoss[0];
      } else {
        int i = (int) ((f + TrainingFormulas.MAX_EXP) * TrainingFormulas.EXP_SCALE);
        g = (label - sigmoid[i]) * alpha;
        loss += label == 1 ? positiveLoss[i] : negativeLoss[i];
      }
      examples++;
      k.axpy(g, syn1, l2, neu1e, 0, dim);
      k.axpy(g, hidden, offset, syn1, l2, dim);
    }
  }
}
