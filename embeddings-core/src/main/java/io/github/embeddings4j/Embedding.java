package io.github.embeddings4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Text as vectors: a vocabulary of tokens, one vector per token, and this embedding's own way of cutting a text
 * into tokens. TF-IDF term vectors, word2vec word vectors and the frozen token table of a language model all
 * implement it.
 *
 * <p>Every method that takes a token throws {@link UnknownTokenException} naming it when it is not in the
 * vocabulary; none returns null. Nearest-neighbour methods are exact and use {@link Similarity#COSINE} unless
 * told otherwise.
 *
 * <pre>{@code
 * Embedding e = Embedding.of(Map.of(
 *     "king", new float[] {0.9f, 0.8f}, "queen", new float[] {0.88f, 0.82f}, "car", new float[] {-0.7f, 0.1f}));
 * List<Neighbor> near = e.nearest("king", 1);   // [Neighbor[id=..., token=queen, score=0.99...]]
 * }</pre>
 *
 * <p>Implementations in this library are immutable and safe for many concurrent readers.
 */
public interface Embedding {

  /**
   * Makes a small in-memory embedding, for tests and examples: tokens in the map's iteration order (use a
   * {@link java.util.LinkedHashMap} for a fixed order), whitespace tokenization.
   *
   * @param vectors token → vector, all of one length
   * @return the embedding
   * @throws IllegalArgumentException if the map is empty, lengths differ, or a value is NaN or infinite
   */
  static Embedding of(Map<String, float[]> vectors) {
    return WordVectors.of(vectors);
  }

  /**
   * Returns the length of every vector.
   *
   * @return the dimension
   */
  default int dimension() {
    return vectors().dimension();
  }

  /**
   * Returns the tokens and their ids.
   *
   * @return the vocabulary
   */
  Vocabulary vocabulary();

  /**
   * Returns the vectors, row {@code i} for token id {@code i}.
   *
   * @return the read-only table
   */
  VectorTable vectors();

  /**
   * Tells whether a token has a vector.
   *
   * @param token a token
   * @return whether it is in the vocabulary
   */
  default boolean contains(String token) {
    return vocabulary().contains(token);
  }

  /**
   * Returns a copy of a token's vector.
   *
   * @param token a token
   * @return its vector
   * @throws UnknownTokenException if the token is not in the vocabulary
   */
  default float[] vector(String token) {
    return vectors().row(vocabulary().id(token));
  }

  /**
   * Returns a copy of the vector of a token id.
   *
   * @param id a token id
   * @return its vector
   * @throws IndexOutOfBoundsException if the id is out of range
   */
  default float[] vector(int id) {
    return vectors().row(id);
  }

  /**
   * Returns the cosine similarity of two tokens.
   *
   * @param a a token
   * @param b a token
   * @return their cosine similarity, 0 when either vector is zero
   * @throws UnknownTokenException if either token is not in the vocabulary
   */
  default float similarity(String a, String b) {
    return Similarity.COSINE.compare(vector(a), vector(b));
  }

  /**
   * Returns the k tokens nearest to a token by cosine, the token itself excluded.
   *
   * @param token a token
   * @param k how many, at least 1
   * @return neighbours, best first
   * @throws UnknownTokenException if the token is not in the vocabulary
   * @throws IllegalArgumentException if k &lt; 1
   */
  default List<Neighbor> nearest(String token, int k) {
    int id = vocabulary().id(token);
    return nearest(vectors().row(id), k, Similarity.COSINE, List.of(token));
  }

  /**
   * Returns the k tokens nearest to a vector by cosine.
   *
   * @param query a vector of this embedding's dimension
   * @param k how many, at least 1
   * @return neighbours, best first
   * @throws IllegalArgumentException if k &lt; 1 or the dimension differs
   */
  default List<Neighbor> nearest(float[] query, int k) {
    return nearest(query, k, Similarity.COSINE, List.of());
  }

  /**
   * Returns the k tokens nearest to a vector, excluding some tokens.
   *
   * @param query a vector of this embedding's dimension
   * @param k how many, at least 1
   * @param similarity how to score
   * @param exclude tokens never returned (unknown ones are ignored)
   * @return neighbours, best first
   * @throws IllegalArgumentException if k &lt; 1 or the dimension differs
   */
  default List<Neighbor> nearest(float[] query, int k, Similarity similarity, List<String> exclude) {
    Vocabulary vocabulary = vocabulary();
    int[] excluded = exclude.stream().mapToInt(vocabulary::idOrMinusOne).filter(i -> i >= 0).toArray();
    TopK top = NearestNeighbors.search(vectors(), query, k, similarity, searchableRows(),
        id -> !isCandidate(id) || contains(excluded, id));
    return neighbors(top, vocabulary);
  }

  /**
   * Returns the k nearest tokens of each query vector by cosine, searched in parallel.
   *
   * @param queries vectors of this embedding's dimension
   * @param k how many per query, at least 1
   * @return one list per query, in query order
   * @throws IllegalArgumentException if k &lt; 1 or a dimension differs
   */
  default List<List<Neighbor>> nearest(float[][] queries, int k) {
    VectorTable vectors = vectors();
    Vocabulary vocabulary = vocabulary();
    List<TopK> tops = NearestNeighbors.searchBatch(vectors, queries, k, Similarity.COSINE, id -> !isCandidate(id));
    List<List<Neighbor>> out = new ArrayList<>(tops.size());
    for (TopK top : tops) {
      out.add(neighbors(top, vocabulary));
    }
    return out;
  }

  /**
   * Returns how many rows, from the first, nearest-neighbour searches consider. It is all rows except where a
   * table has rows that are not tokens (the padding rows of some language models).
   *
   * @return the number of searchable rows
   */
  default int searchableRows() {
    return vectors().rows();
  }

  /**
   * Tells whether a row may be returned by a nearest-neighbour search: the one hook every {@code nearest} method
   * asks. By default the rows below {@link #searchableRows()}; an embedding whose token ids have gaps (ids a
   * tokenizer leaves without a token) leaves those out too. Called only for rows good enough to be returned.
   *
   * @param id a row id, {@code >= 0}
   * @return whether the row is a candidate
   */
  default boolean isCandidate(int id) {
    return id < searchableRows();
  }

  /**
   * Converts a search result into neighbours with their tokens, best first, as {@code nearest} returns them.
   *
   * <pre>{@code
   * TopK top = NearestNeighbors.search(e.vectors(), query, 10, Similarity.DOT);
   * List<Neighbor> near = Embedding.neighbors(top, e.vocabulary());
   * }</pre>
   *
   * @param top a search result over this vocabulary's rows
   * @param vocabulary the vocabulary naming the rows
   * @return one neighbour per result
   * @throws IndexOutOfBoundsException if a result's id is not in the vocabulary
   */
  static List<Neighbor> neighbors(TopK top, Vocabulary vocabulary) {
    return NearestNeighbors.toNeighbors(top, vocabulary);
  }

  /**
   * Cuts a text into this embedding's tokens and returns their ids and vectors.
   *
   * @param text any text
   * @return the tokens in text order with their vectors
   * @throws UnknownTokenException if a token of the text has no vector (naming it)
   */
  TokenVectors embed(String text);

  private static boolean contains(int[] ids, int id) {
    for (int i : ids) {
      if (i == id) {
        return true;
      }
    }
    return false;
  }
}
