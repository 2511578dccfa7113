/**
 * Frozen token tables of language models (safetensors, ONNX, GGUF) with their Hugging Face tokenizers. So far it
 * holds {@link io.github.embeddings4j.llm.ModelFamily}, which names each architecture's embedding tensors; the
 * readers follow.
 */
package io.github.embeddings4j.llm;
