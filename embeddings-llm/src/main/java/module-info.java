/** embeddings4j LLM: the frozen input-embedding table of a language model as an Embedding. */
module io.github.embeddings4j.llm {
  requires transitive io.github.embeddings4j.core;
  requires org.slf4j;

  // The API package is exported when its first public type lands (the llm issue).
}
