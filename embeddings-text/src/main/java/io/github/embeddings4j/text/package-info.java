/**
 * Text to one vector. {@link io.github.embeddings4j.text.TextEncoder} is the common interface:
 * {@link io.github.embeddings4j.text.ContextualEncoder} runs a sentence-transformers model through ONNX Runtime
 * (per-token contextual vectors and pooled sentence vectors), {@link io.github.embeddings4j.text.StaticEncoder}
 * pools the rows of any {@link io.github.embeddings4j.Embedding} (mean, TF-IDF weighted mean, SIF).
 * {@link io.github.embeddings4j.text.WordInContext} compares the contextual vectors of one word in several
 * sentences, {@link io.github.embeddings4j.text.StsBenchmark} scores an encoder on the STS Benchmark.
 */
package io.github.embeddings4j.text;
