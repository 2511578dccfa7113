/** embeddings4j word2vec: CBOW and skip-gram with negative sampling, trained in the library. */
module io.github.embeddings4j.word2vec {
  requires transitive io.github.embeddings4j.core;
  requires org.slf4j;

  exports io.github.embeddings4j.word2vec;
}
