/**
 * The embeddings4j API: {@link io.github.embeddings4j.Embedding} and the types around it — vocabularies, vector
 * tables in float32, bfloat16 or float16, similarities, exact nearest-neighbour search and analogies.
 */
package io.github.embeddings4j;
