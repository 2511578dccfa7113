/**
 * embeddings4j core: the {@link io.github.embeddings4j.Embedding} API, vector tables, exact nearest neighbours,
 * analogies, evaluation, vector file formats, TF-IDF, PCA and embedding graphs.
 *
 * <p>PCA computes with ND4J, which must be on the class path, not the module path: ND4J's module descriptors
 * require modules that do not exist under those names. No line here names it; {@code Pca} makes this module read
 * the unnamed module at run time.
 */
module io.github.embeddings4j.core {
  requires org.slf4j;
  requires static jdk.incubator.vector;

  exports io.github.embeddings4j;
  exports io.github.embeddings4j.eval;
  exports io.github.embeddings4j.graph;
  exports io.github.embeddings4j.io;
  exports io.github.embeddings4j.projection;
  exports io.github.embeddings4j.tfidf;

  // Kernels and helpers are for the library's own modules, not for users.
  exports io.github.embeddings4j.internal.simd to
      io.github.embeddings4j.word2vec,
      io.github.embeddings4j.llm;
  exports io.github.embeddings4j.internal.util to
      io.github.embeddings4j.word2vec,
      io.github.embeddings4j.llm;
}
