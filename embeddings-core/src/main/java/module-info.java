/**
 * embeddings4j core: the {@link io.github.embeddings4j.Embedding} API, vector tables, exact nearest neighbours,
 * analogies, evaluation, vector file formats, TF-IDF and embedding graphs. Its only dependency is the SLF4J API;
 * PCA is in the module {@code io.github.embeddings4j.pca} (artifact {@code embeddings-pca}).
 */
module io.github.embeddings4j.core {
  requires org.slf4j;
  requires static jdk.incubator.vector;

  exports io.github.embeddings4j;
  exports io.github.embeddings4j.eval;
  exports io.github.embeddings4j.graph;
  exports io.github.embeddings4j.io;
  exports io.github.embeddings4j.tfidf;

  // Kernels and helpers are for the library's own modules, not for users.
  exports io.github.embeddings4j.internal.simd to
      io.github.embeddings4j.word2vec,
      io.github.embeddings4j.llm;
  exports io.github.embeddings4j.internal.util to
      io.github.embeddings4j.word2vec,
      io.github.embeddings4j.llm;
}
