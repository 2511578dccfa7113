/**
 * Frozen token tables of language models, the facade: {@link io.github.embeddings4j.llm.TokenEmbeddings} opens a
 * Hugging Face model folder, an extracted folder, an ONNX or GGUF file, or a model from the Hugging Face cache as an
 * {@link io.github.embeddings4j.Embedding}; {@link io.github.embeddings4j.llm.ModelFamily} names each
 * architecture's embedding tensors. The file formats are in {@link io.github.embeddings4j.llm.format}, the
 * tokenizers in {@link io.github.embeddings4j.llm.tokenizer}, the Hugging Face cache in {@link
 * io.github.embeddings4j.llm.hub}.
 */
package io.github.embeddings4j.llm;
