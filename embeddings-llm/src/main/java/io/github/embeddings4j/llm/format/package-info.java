/**
 * Model files, one class per format: {@link io.github.embeddings4j.llm.format.SafetensorsFile} (reads and writes
 * safetensors), {@link io.github.embeddings4j.llm.format.OnnxInitializers} (an ONNX model's weights), {@link
 * io.github.embeddings4j.llm.format.GgufFile} (llama.cpp's GGUF), and {@link
 * io.github.embeddings4j.llm.format.Checkpoint} (a folder's safetensors, one file or sharded). Each reads tensors
 * into {@link io.github.embeddings4j.VectorTable}s and knows nothing of tokenizers' texts or of the hub.
 */
package io.github.embeddings4j.llm.format;
