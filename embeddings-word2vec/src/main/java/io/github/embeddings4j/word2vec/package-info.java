/**
 * word2vec trained in the library, as the C tool trains it: a {@link io.github.embeddings4j.word2vec.Corpus}
 * (files, gzip, iterables, streams) and a {@link io.github.embeddings4j.word2vec.Word2VecConfig} go into {@link
 * io.github.embeddings4j.word2vec.Word2VecTrainer}, which returns an immutable {@link
 * io.github.embeddings4j.WordVectors} (inside a {@link io.github.embeddings4j.word2vec.Word2VecModel}), reporting
 * to a {@link io.github.embeddings4j.word2vec.TrainingListener} on the way.
 */
package io.github.embeddings4j.word2vec;
