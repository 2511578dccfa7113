/**
 * embeddings4j core: the {@link io.github.embeddings4j.Embedding} API, vector tables, exact nearest neighbours,
 * analogies, evaluation and vector file formats.
 */
module io.github.embeddings4j.core {
  requires org.slf4j;
  requires static jdk.incubator.vector;

  exports io.github.embeddings4j;
  exports io.github.embeddings4j.eval;
  exports io.github.embeddings4j.io;

  // Kernels and helpers are for the library's own modules, not for users.
  exports io.github.embeddings4j.internal.simd to
      io.github.embeddings4j.word2vec,
      io.github.embeddings4j.llm;
  exports io.github.embeddings4j.internal.util to
      io.github.embeddings4j.word2vec,
      io.github.embeddings4j.llm;
}
