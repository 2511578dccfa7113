package io.github.embeddings4j.word2vec;

import io.github.embeddings4j.EmbeddingException;
import java.util.Objects;

/**
 * What the training threads of one run share, fixed when the run starts: the two weight matrices, the
 * vocabulary and the tables derived from it. The references never change; only the contents of {@code input} and
 * {@code output} do, updated in place by every thread without locks (Hogwild, as word2vec.c's {@code syn0} and
 * {@code syn1neg}). The other arrays are written once here and only read afterwards.
 *
 * @param input the input vectors ({@code syn0}), row-major, {@code vocabulary.size() × dimension}
 * @param output the output weights ({@code syn1neg}), row-major, the same shape
 * @param dimension the length of a row
 * @param vocabulary the words being trained, frequency order, with their counts and the corpus shards
 * @param sampler draws negative words from the unigram^0.75 distribution
 * @param keepProbabilities per word, the probability of keeping an occurrence under subsampling
 * @param sigmoid the tabulated sigmoid on [-MAX_EXP, MAX_EXP]
 * @param positiveLoss {@code -log(s)} per entry of {@code sigmoid}
 * @param negativeLoss {@code -log(1 - s)} per entry of {@code sigmoid}
 */
record TrainingModel(float[] input, float[] output, int dimension, TrainingVocabulary vocabulary,
    NegativeSampler sampler, float[] keepProbabilities, float[] sigmoid, float[] positiveLoss,
    float[] negativeLoss) {

  /**
   * Checks the shapes.
   *
   * @throws IllegalArgumentException if a weight matrix or the subsampling table does not fit the vocabulary
   */
  TrainingModel {
    Objects.requireNonNull(vocabulary, "vocabulary");
    long cells = (long) vocabulary.size() * dimension;
    if (input.length != cells || output.length != cells || keepProbabilities.length != vocabulary.size()) {
      throw new IllegalArgumentException("weights of " + input.length + " and " + output.length + " floats and "
          + keepProbabilities.length + " keep probabilities for " + vocabulary.size() + " words x " + dimension);
    }
  }

  /**
   * A model for a run: from random input vectors and zero output weights, or from a model's weights when given.
   *
   * @param vocabulary the words to train
   * @param config the settings (dimension, seed and subsampling threshold are used here)
   * @param input the input vectors to start from, or {@code null} for word2vec.c's random initialisation
   * @param output the output weights to start from, or {@code null} for zeros
   * @return the model
   * @throws EmbeddingException if the matrices would pass 2^31 floats
   */
  static TrainingModel create(TrainingVocabulary vocabulary, Word2VecConfig config, float[] input, float[] output) {
    int dimension = config.dimension();
    long cells = (long) vocabulary.size() * dimension;
    if (cells > Integer.MAX_VALUE - 8) {
      throw new EmbeddingException("the weight matrices of " + vocabulary.size() + " words x " + dimension
          + " dimensions pass 2^31 floats; lower maxVocabularySize or raise minCount");
    }
    long[] counts = vocabulary.counts();
    float[] sigmoid = TrainingFormulas.sigmoidTable();
    return new TrainingModel(
        input != null ? input : initialVectors(vocabulary.size(), dimension, config.seed()),
        output != null ? output : new float[(int) cells],
        dimension,
        vocabulary,
        NegativeSampler.of(counts, vocabulary.pieces()),
        TrainingFormulas.keepProbabilities(counts, vocabulary.totalWords(), config.sample()),
        sigmoid,
        TrainingFormulas.positiveLossTable(sigmoid),
        TrainingFormulas.negativeLossTable(sigmoid));
  }

  /**
   * word2vec.c's {@code InitNet}: uniform in [-0.5, 0.5) / dimension, from the seed's generator.
   *
   * @param words the rows
   * @param dim the length of a row
   * @param seed the generator's start
   * @return {@code words × dim} values, row-major
   */
  static float[] initialVectors(int words, int dim, long seed) {
    float[] syn0 = new float[words * dim];
    long r = seed;
    for (int i = 0; i < syn0.length; i++) {
      r = TrainingFormulas.nextRandom(r);
      syn0[i] = ((r & 0xFFFF) / 65536f - 0.5f) / dim;
    }
    return syn0;
  }
}
