/**
 * word2vec trained in the library: corpus, vocabulary, CBOW and skip-gram with negative sampling, returning an
 * immutable {@link io.github.embeddings4j.WordVectors}. So far it holds the validated training configuration,
 * {@link io.github.embeddings4j.word2vec.Word2VecConfig}; the trainer follows.
 */
package io.github.embeddings4j.word2vec;
