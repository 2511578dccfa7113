/**
 * word2vec trained in the library: corpus, vocabulary, CBOW and skip-gram with negative sampling, returning an
 * immutable {@link io.github.embeddings4j.WordVectors}. The trainer arrives with its own issue; this module is
 * the home it will live in.
 */
package io.github.embeddings4j.word2vec;
