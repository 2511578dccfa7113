/**
 * embeddings4j LLM: the frozen input-embedding table of a language model (safetensors, with its Hugging Face
 * tokenizer through DJL) as an {@link io.github.embeddings4j.Embedding}, and the Hugging Face cache.
 */
module io.github.embeddings4j.llm {
  requires transitive io.github.embeddings4j.core;
  requires org.slf4j;
  requires com.google.protobuf;
  requires com.fasterxml.jackson.databind;
  requires java.net.http;
  // DJL's jars are automatic modules (Automatic-Module-Name in their manifests).
  requires ai.djl.tokenizers;
  requires ai.djl.api;

  exports io.github.embeddings4j.llm;
  exports io.github.embeddings4j.llm.format;
  exports io.github.embeddings4j.llm.hub;
  exports io.github.embeddings4j.llm.tokenizer;
}
