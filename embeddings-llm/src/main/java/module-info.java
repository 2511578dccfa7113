/** embeddings4j LLM: the frozen input-embedding table of a language model as an Embedding. */
module io.github.embeddings4j.llm {
  requires transitive io.github.embeddings4j.core;
  requires org.slf4j;
  requires com.google.protobuf;

  exports io.github.embeddings4j.llm;
}
