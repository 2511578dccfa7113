package io.github.embeddings4j;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Text as vectors: a vocabulary of tokens, one vector per token, and this embedding's own way of cutting a text
 * into tokens. TF-IDF term vectors, word2vec word vectors and the frozen token table of a language model all
 * implement it.
 *
 * <p>Every method that takes a token throws {@link UnknownTokenException} naming it when it is not in the
 * vocabulary, and {@link NullPointerException} naming the parameter for a null token, vector or list; none
 * returns null. Nearest-neighbour methods are exact and use {@link Similarity#COSINE} unless told otherwise.
 *
 * <p>gensim's {@code KeyedVectors} methods have their counterparts here, with gensim's semantics:
 * {@code similarity}, {@code distance}/{@code distances}, {@code cosine_similarities} ({@link
 * #cosineSimilarities(float[])}), {@code n_similarity}, {@code doesnt_match}, {@code rank},
 * {@code closer_than}, {@code get_mean_vector} ({@link #meanVector(List)}) and the matrix as arrays ({@link
 * #toArray()}, {@link #toFloatBuffer()}); {@link WordVectors} adds {@code add_vectors} and a unit-normalized copy.
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
   * @throws NullPointerException if the map, a token or a vector is null
   */
  static Embedding of(Map<String, float[]> vectors) {
    return WordVectors.of(Objects.requireNonNull(vectors, "vectors"));
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
   * @throws NullPointerException if the token is null
   */
  default float[] vector(String token) {
    Objects.requireNonNull(token, "token");
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
   * @throws NullPointerException if either token is null
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
   * @throws NullPointerException if the token is null
   */
  default List<Neighbor> nearest(String token, int k) {
    Objects.requireNonNull(token, "token");
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
   * @throws NullPointerException if the query is null
   */
  default List<Neighbor> nearest(float[] query, int k) {
    Objects.requireNonNull(query, "query");
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
   * @throws NullPointerException if the query, the similarity or the exclusion list is null
   */
  default List<Neighbor> nearest(float[] query, int k, Similarity similarity, List<String> exclude) {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(similarity, "similarity");
    Objects.requireNonNull(exclude, "exclude");
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
   * @throws NullPointerException if the queries are null
   */
  default List<List<Neighbor>> nearest(float[][] queries, int k) {
    Objects.requireNonNull(queries, "queries");
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
   * Returns the cosine distance of two tokens, {@code 1 - similarity(a, b)}: gensim's {@code distance}.
   *
   * @param a a token
   * @param b a token
   * @return their cosine distance, in [0, 2]
   * @throws UnknownTokenException if either token is not in the vocabulary
   * @throws NullPointerException if either token is null
   */
  default float distance(String a, String b) {
    return 1f - similarity(a, b);
  }

  /**
   * Returns the cosine distances from a token to other tokens, or to every searchable row when {@code others} is
   * empty (the token itself included): gensim's {@code distances(word, other_words)}.
   *
   * @param token a token
   * @param others tokens to measure, in the order wanted; empty for every searchable row in id order
   * @return one distance {@code 1 - cosine} per token of {@code others} (or per row)
   * @throws UnknownTokenException if a token is not in the vocabulary (naming it)
   * @throws NullPointerException if the token, the list or one of its tokens is null
   */
  default float[] distances(String token, List<String> others) {
    return distances(vector(token), others);
  }

  /**
   * Returns the cosine distances from a vector to some tokens, or to every searchable row when {@code others} is
   * empty: gensim's {@code distances(vector, other_words)}.
   *
   * @param vector a vector of this embedding's dimension
   * @param others tokens to measure, in the order wanted; empty for every searchable row in id order
   * @return one distance {@code 1 - cosine} per token of {@code others} (or per row); 1 where either vector is zero
   * @throws UnknownTokenException if a token is not in the vocabulary (naming it)
   * @throws IllegalArgumentException if the dimension differs
   * @throws NullPointerException if the vector, the list or one of its tokens is null
   */
  default float[] distances(float[] vector, List<String> others) {
    Objects.requireNonNull(vector, "vector");
    Objects.requireNonNull(others, "others");
    float[] out;
    if (others.isEmpty()) {
      out = cosineSimilarities(vector);
    } else {
      float[][] rows = new float[others.size()][];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = vector(others.get(i));
      }
      out = cosineSimilarities(vector, rows);
    }
    for (int i = 0; i < out.length; i++) {
      out[i] = 1f - out[i];
    }
    return out;
  }

  /**
   * Returns the cosine similarity of a vector with every searchable row, in id order: gensim's
   * {@code cosine_similarities(vector, vectors)} against this embedding's table, using its cached row norms.
   *
   * @param vector a vector of this embedding's dimension
   * @return {@link #searchableRows()} similarities; 0 where either vector is zero (gensim: NaN)
   * @throws IllegalArgumentException if the dimension differs
   * @throws NullPointerException if the vector is null
   */
  default float[] cosineSimilarities(float[] vector) {
    Objects.requireNonNull(vector, "vector");
    VectorTable table = vectors();
    if (vector.length != table.dimension()) {
      throw new IllegalArgumentException("vector dimensions differ: " + vector.length + " != " + table.dimension());
    }
    float norm = norm(vector);
    float[] out = new float[searchableRows()];
    for (int r = 0; r < out.length; r++) {
      float denominator = norm * table.norm(r);
      out[r] = denominator == 0f ? 0f : table.dot(vector, r) / denominator;
    }
    return out;
  }

  /**
   * Returns the cosine similarity of one vector with each of many: gensim's static
   * {@code cosine_similarities(vector_1, vectors_all)}.
   *
   * @param vector a vector
   * @param vectors vectors of the same length
   * @return one similarity per vector of {@code vectors}; 0 where either vector is zero (gensim: NaN)
   * @throws IllegalArgumentException if a length differs (naming its index)
   * @throws NullPointerException if {@code vector}, {@code vectors} or one of its rows is null
   */
  static float[] cosineSimilarities(float[] vector, float[][] vectors) {
    Objects.requireNonNull(vector, "vector");
    Objects.requireNonNull(vectors, "vectors");
    float norm = norm(vector);
    float[] out = new float[vectors.length];
    for (int i = 0; i < vectors.length; i++) {
      int index = i;
      float[] other = Objects.requireNonNull(vectors[i], () -> "vectors[" + index + "]");
      if (other.length != vector.length) {
        throw new IllegalArgumentException("vector dimensions differ: vectors[" + i + "] has " + other.length
            + " != " + vector.length);
      }
      float denominator = norm * norm(other);
      out[i] = denominator == 0f ? 0f : Similarity.DOT.compare(vector, other) / denominator;
    }
    return out;
  }

  /**
   * Returns the mean of some tokens' unit vectors, gensim's {@code get_mean_vector(keys)} with its defaults
   * ({@code pre_normalize=True, post_normalize=False}) except that an unknown token throws instead of being
   * skipped.
   *
   * @param tokens at least one token (repeats count again)
   * @return the mean of the unit vectors (not itself of unit length)
   * @throws UnknownTokenException if a token is not in the vocabulary (naming it)
   * @throws IllegalArgumentException if the list is empty
   * @throws NullPointerException if the list or one of its tokens is null
   */
  default float[] meanVector(List<String> tokens) {
    return meanVector(tokens, true, false);
  }

  /**
   * Returns the mean of some tokens' vectors: gensim's {@code get_mean_vector(keys, pre_normalize=...,
   * post_normalize=...)} with an unknown token an error, not skipped. Float32 arithmetic in gensim's order: each
   * vector divided by its norm (if asked), summed, divided by the count, then scaled to unit length (if asked).
   *
   * @param tokens at least one token (repeats count again)
   * @param preNormalize whether each vector is scaled to unit length first (a zero vector stays zero)
   * @param postNormalize whether the mean is scaled to unit length (a zero mean stays zero)
   * @return the mean vector
   * @throws UnknownTokenException if a token is not in the vocabulary (naming it)
   * @throws IllegalArgumentException if the list is empty
   * @throws NullPointerException if the list or one of its tokens is null
   */
  default float[] meanVector(List<String> tokens, boolean preNormalize, boolean postNormalize) {
    Objects.requireNonNull(tokens, "tokens");
    // The table first: an embedding that can no longer answer (a closed model) says so whatever the arguments.
    VectorTable table = vectors();
    Vocabulary vocabulary = vocabulary();
    if (tokens.isEmpty()) {
      throw new IllegalArgumentException("no tokens: the mean of an empty list is undefined");
    }
    float[] mean = new float[table.dimension()];
    float[] row = new float[table.dimension()];
    for (String token : tokens) {
      int id = vocabulary.id(Objects.requireNonNull(token, "token"));
      table.row(id, row);
      float norm = table.norm(id);
      boolean divide = preNormalize && norm != 0f;
      for (int i = 0; i < row.length; i++) {
        mean[i] += divide ? row[i] / norm : row[i];
      }
    }
    float count = tokens.size();
    for (int i = 0; i < mean.length; i++) {
      mean[i] /= count;
    }
    return postNormalize ? Analogies.unit(mean) : mean;
  }

  /**
   * Returns the cosine similarity of two sets of tokens: of the mean of the first set's vectors and the mean of
   * the second's (raw vectors, not unit ones, as gensim's {@code n_similarity}).
   *
   * @param first at least one token
   * @param second at least one token
   * @return the cosine of the two means, 0 when either mean is zero
   * @throws UnknownTokenException if a token is not in the vocabulary (naming it)
   * @throws IllegalArgumentException if either list is empty
   * @throws NullPointerException if either list or one of their tokens is null
   */
  default float nSimilarity(List<String> first, List<String> second) {
    float[] a = Analogies.unit(meanVector(first, false, false));
    float[] b = Analogies.unit(meanVector(second, false, false));
    return Similarity.DOT.compare(a, b);
  }

  /**
   * Returns the token that goes least with the others: the one whose unit vector has the lowest cosine to the
   * unit mean of all their unit vectors, gensim's {@code doesnt_match}. Ties go to the token that sorts first.
   * Unlike gensim, which logs and skips unknown tokens, an unknown token is an error.
   *
   * @param tokens at least one token
   * @return the odd one out
   * @throws UnknownTokenException if a token is not in the vocabulary (naming it)
   * @throws IllegalArgumentException if the list is empty
   * @throws NullPointerException if the list or one of its tokens is null
   */
  default String doesntMatch(List<String> tokens) {
    float[] mean = meanVector(tokens, true, true);
    VectorTable table = vectors();
    String worst = null;
    float worstScore = Float.POSITIVE_INFINITY;
    for (String token : tokens) {
      int id = vocabulary().id(token);
      float norm = table.norm(id);
      float score = norm == 0f ? 0f : table.dot(mean, id) / norm;
      if (score < worstScore || score == worstScore && token.compareTo(worst) < 0) {
        worst = token;
        worstScore = score;
      }
    }
    return worst;
  }

  /**
   * Returns the tokens closer to {@code token} than {@code other} is, by cosine distance, in id order, the token
   * itself excluded: gensim's {@code closer_than}. Only searchable rows are candidates. A zero vector is at
   * distance 1 from everything (gensim: NaN, so never closer).
   *
   * @param token the centre
   * @param other a token whose distance to the centre is the bound (excluded: not strictly closer than itself)
   * @return the tokens strictly closer, in id order
   * @throws UnknownTokenException if either token is not in the vocabulary
   * @throws NullPointerException if either token is null
   */
  default List<String> closerThan(String token, String other) {
    int self = vocabulary().id(Objects.requireNonNull(token, "token"));
    int bound = vocabulary().id(Objects.requireNonNull(other, "other"));
    float[] distances = distances(token, List.of());
    float limit = bound < distances.length ? distances[bound] : 1f - similarity(token, other);
    List<String> out = new ArrayList<>();
    for (int r = 0; r < distances.length; r++) {
      if (r != self && distances[r] < limit && isCandidate(r)) {
        out.add(vocabulary().token(r));
      }
    }
    return out;
  }

  /**
   * Returns the rank of {@code other} among the neighbours of {@code token}: 1 plus the number of tokens strictly
   * closer, gensim's {@code rank}.
   *
   * @param token the centre
   * @param other a token
   * @return its rank, from 1
   * @throws UnknownTokenException if either token is not in the vocabulary
   * @throws NullPointerException if either token is null
   */
  default int rank(String token, String other) {
    return closerThan(token, other).size() + 1;
  }

  /**
   * Returns a copy of every row of {@link #vectors()} as float32 arrays, row {@code i} for token id {@code i}
   * (gensim's {@code vectors}).
   *
   * @return {@code vectors().rows()} new arrays of {@link #dimension()} values
   */
  default float[][] toArray() {
    VectorTable table = vectors();
    float[][] out = new float[table.rows()][];
    for (int r = 0; r < out.length; r++) {
      out[r] = table.row(r);
    }
    return out;
  }

  /**
   * Returns a copy of the whole table as one row-major float32 buffer: row {@code i} at
   * {@code i * dimension()}, position 0, limit {@code rows * dimension}.
   *
   * @return a new heap buffer
   * @throws IllegalStateException if the table has more than {@link Integer#MAX_VALUE} values (use
   *     {@link #toArray()})
   */
  default FloatBuffer toFloatBuffer() {
    VectorTable table = vectors();
    long values = (long) table.rows() * table.dimension();
    if (values > Integer.MAX_VALUE) {
      throw new IllegalStateException("a FloatBuffer holds at most " + Integer.MAX_VALUE + " values, this table has "
          + table.rows() + " x " + table.dimension() + " = " + values);
    }
    float[] all = new float[(int) values];
    float[] row = new float[table.dimension()];
    for (int r = 0; r < table.rows(); r++) {
      System.arraycopy(table.row(r, row), 0, all, r * table.dimension(), row.length);
    }
    return FloatBuffer.wrap(all);
  }

  /**
   * Cuts a text into this embedding's tokens and returns their ids and vectors.
   *
   * @param text any text
   * @return the tokens in text order with their vectors
   * @throws UnknownTokenException if a token of the text has no vector (naming it)
   */
  TokenVectors embed(String text);

  private static float norm(float[] v) {
    return (float) Math.sqrt(Similarity.DOT.compare(v, v));
  }

  private static boolean contains(int[] ids, int id) {
    for (int i : ids) {
      if (i == id) {
        return true;
      }
    }
    return false;
  }
}
