/**
 * Frozen token tables of language models: {@link io.github.embeddings4j.llm.TokenEmbeddings} opens a Hugging Face
 * model folder, an extracted folder or a model from the Hugging Face cache as an
 * {@link io.github.embeddings4j.Embedding}; {@link io.github.embeddings4j.llm.SafetensorsFile} reads and writes
 * safetensors; {@link io.github.embeddings4j.llm.HfTokenizer} runs the model's {@code tokenizer.json};
 * {@link io.github.embeddings4j.llm.ModelFamily} names each architecture's embedding tensors.
 */
package io.github.embeddings4j.llm;
