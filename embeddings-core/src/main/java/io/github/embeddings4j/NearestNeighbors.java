package io.github.embeddings4j;

import io.github.embeddings4j.internal.simd.Kernels;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntPredicate;

/**
 * Exact top-k nearest-neighbour search over a {@link VectorTable}: every row is scored, the k best are kept.
 *
 * <p>Results are sorted by descending score, ties by ascending id. A k larger than the number of eligible rows
 * returns all of them. Excluded ids (for example the three words of an analogy) are never returned. Cosine uses
 * the table's cached row norms, so it costs one dot product per row. A large search is spread over all cores;
 * {@link SearchOptions} says on how many threads and on which executor instead, and can name a {@link
 * BatchIndex} for large batches.
 *
 * <pre>{@code
 * TopK top = NearestNeighbors.search(table, query, 10, Similarity.COSINE);
 * }</pre>
 *
 * <p>Thread-safe: tables are immutable and searches share no state.
 */
public final class NearestNeighbors {
  private NearestNeighbors() {}

  /**
   * Searches all rows.
   *
   * @param table the rows
   * @param query a vector of the table's dimension, every value finite
   * @param k how many results, at least 1
   * @param similarity how to score
   * @return the k best rows
   * @throws IllegalArgumentException if k &lt; 1, the dimensions differ or the query has a NaN or infinite value
   * @throws NullPointerException if an argument is null
   */
  public static TopK search(VectorTable table, float[] query, int k, Similarity similarity) {
    return search(table, query, k, similarity, Objects.requireNonNull(table, "table").rows(), null);
  }

  /**
   * Searches the first {@code rowLimit} rows, skipping excluded ids.
   *
   * @param table the rows
   * @param query a vector of the table's dimension, every value finite
   * @param k how many results, at least 1
   * @param similarity how to score
   * @param rowLimit only rows {@code < rowLimit} are candidates (e.g. the 30,000 most frequent words)
   * @param exclude ids never returned, or {@code null}
   * @return the k best eligible rows
   * @throws IllegalArgumentException if k &lt; 1, rowLimit &lt; 0, the dimensions differ or the query has a NaN or
   *     infinite value
   * @throws NullPointerException if the table, query or similarity is null
   */
  public static TopK search(VectorTable table, float[] query, int k, Similarity similarity, int rowLimit,
      IntPredicate exclude) {
    return search(table, query, k, similarity, rowLimit, exclude, SearchOptions.defaults());
  }

  /**
   * Searches the first {@code rowLimit} rows, skipping excluded ids, as {@code options} say.
   *
   * @param table the rows
   * @param query a vector of the table's dimension, every value finite
   * @param k how many results, at least 1
   * @param similarity how to score
   * @param rowLimit only rows {@code < rowLimit} are candidates (e.g. the 30,000 most frequent words)
   * @param exclude ids never returned, or {@code null}
   * @param options threads, executor and index
   * @return the k best eligible rows
   * @throws IllegalArgumentException if k &lt; 1, rowLimit &lt; 0, the dimensions differ, the query has a NaN or
   *     infinite value, or the options' index was made from another table
   * @throws NullPointerException if the table, query, similarity or options is null
   */
  public static TopK search(VectorTable table, float[] query, int k, Similarity similarity, int rowLimit,
      IntPredicate exclude, SearchOptions options) {
    checkArguments(table, k, similarity, rowLimit, options);
    checkQuery(table, Objects.requireNonNull(query, "query"), -1);
    return run(table, new float[][] {query}, k, similarity, Math.min(rowLimit, table.rows()), exclude, options)[0];
  }

  /**
   * Searches for many queries at once, in parallel over all cores.
   *
   * @param table the rows
   * @param queries vectors of the table's dimension, every value finite
   * @param k how many results per query, at least 1
   * @param similarity how to score
   * @param exclude ids never returned, or {@code null}
   * @return one result per query, in query order
   * @throws IllegalArgumentException if k &lt; 1, a query's dimension differs or a query has a NaN or infinite
   *     value (the message names the query and the value's index)
   * @throws NullPointerException if the table, similarity, queries or one of them is null
   */
  public static List<TopK> searchBatch(VectorTable table, float[][] queries, int k, Similarity similarity,
      IntPredicate exclude) {
    return searchBatch(table, queries, k, similarity, exclude, SearchOptions.defaults());
  }

  /**
   * Searches for many queries at once, as {@code options} say.
   *
   * @param table the rows
   * @param queries vectors of the table's dimension, every value finite
   * @param k how many results per query, at least 1
   * @param similarity how to score
   * @param exclude ids never returned, or {@code null}
   * @param options threads, executor and index
   * @return one result per query, in query order
   * @throws IllegalArgumentException if k &lt; 1, a query's dimension differs, a query has a NaN or infinite value
   *     (the message names the query and the value's index), or the options' index was made from another table
   * @throws NullPointerException if the table, similarity, queries, one of them or options is null
   */
  public static List<TopK> searchBatch(VectorTable table, float[][] queries, int k, Similarity similarity,
      IntPredicate exclude, SearchOptions options) {
    checkArguments(table, k, similarity, table.rows(), options);
    Objects.requireNonNull(queries, "queries");
    for (int q = 0; q < queries.length; q++) {
      checkQuery(table, queries[q], q);
    }
    return List.of(run(table, queries, k, similarity, table.rows(), exclude, options));
  }

  private static TopK[] run(VectorTable table, float[][] queries, int k, Similarity similarity, int rows,
      IntPredicate exclude, SearchOptions options) {
    BatchIndex index = options.indexOrNull();
    if (index != null) {
      return index.search(queries, k, similarity, rows, exclude, options.effectiveParallelism(),
          options.executorOrNull());
    }
    return ExactScan.search(Kernels.search(), table, queries, k, similarity, rows, exclude,
        options.effectiveParallelism(), options.executorOrNull());
  }

  private static void checkArguments(VectorTable table, int k, Similarity similarity, int rowLimit,
      SearchOptions options) {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(similarity, "similarity");
    Objects.requireNonNull(options, "options");
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1: " + k);
    }
    if (rowLimit < 0) {
      throw new IllegalArgumentException("rowLimit must be >= 0: " + rowLimit);
    }
    BatchIndex index = options.indexOrNull();
    if (index != null && index.table() != table) {
      throw new IllegalArgumentException("the options' index was made from another table: " + index
          + ", searched " + table);
    }
  }

  /**
   * Checks one query's length and values.
   *
   * @param number the query's number in a batch, or -1 for a single query
   */
  private static void checkQuery(VectorTable table, float[] query, int number) {
    if (query == null) {
      throw new NullPointerException(number < 0 ? "query" : "queries[" + number + "]");
    }
    if (query.length != table.dimension()) {
      throw new IllegalArgumentException((number < 0 ? "" : "query " + number + ": ") + "vector dimensions differ: "
          + query.length + " != " + table.dimension());
    }
    if (!Kernels.get().allFinite(query, 0, query.length)) {
      int i = 0;
      while (Float.isFinite(query[i])) {
        i++;
      }
      throw new IllegalArgumentException((number < 0 ? "query" : "query " + number) + " has a non-finite value at "
          + "index " + i + ": " + query[i]);
    }
  }

  /** Converts a result to neighbours with their tokens. */
  static List<Neighbor> toNeighbors(TopK top, Vocabulary vocabulary) {
    List<Neighbor> out = new ArrayList<>(top.size());
    for (int i = 0; i < top.size(); i++) {
      out.add(new Neighbor(top.id(i), vocabulary.token(top.id(i)), top.score(i)));
    }
    return out;
  }
}
