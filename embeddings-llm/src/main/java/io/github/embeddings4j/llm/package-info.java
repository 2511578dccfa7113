/**
 * Frozen token tables of language models (safetensors, ONNX, GGUF) with their Hugging Face tokenizers. The
 * readers arrive with their own issue; this module is the home they will live in.
 */
package io.github.embeddings4j.llm;
