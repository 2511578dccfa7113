/**
 * Projections of vectors to a few dimensions for pictures: {@link io.github.embeddings4j.projection.Pca}.
 */
package io.github.embeddings4j.projection;
