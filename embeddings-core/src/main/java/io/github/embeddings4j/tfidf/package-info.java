/**
 * TF-IDF: {@link io.github.embeddings4j.tfidf.TfIdf} fits a vocabulary and idf weights to a collection of
 * documents ({@link io.github.embeddings4j.tfidf.TfIdfConfig}), weights documents as compressed sparse rows
 * ({@link io.github.embeddings4j.tfidf.SparseMatrix}) and gives each term a vector of its weights across the
 * documents, as an {@link io.github.embeddings4j.Embedding}.
 */
package io.github.embeddings4j.tfidf;
