/**
 * Vector file formats, one class each with its reader and writer side by side: word2vec text and binary, GloVe,
 * fastText {@code .vec}, the TensorFlow Embedding Projector TSV pair, and the library's own native format.
 * Readers stream; writers save atomically.
 */
package io.github.embeddings4j.io;
