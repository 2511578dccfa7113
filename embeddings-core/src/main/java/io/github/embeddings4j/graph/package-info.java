/**
 * Embedding graphs for pictures: tokens, their nearest neighbours and the similarity edges between them
 * ({@link io.github.embeddings4j.graph.EmbeddingGraph}).
 */
package io.github.embeddings4j.graph;
