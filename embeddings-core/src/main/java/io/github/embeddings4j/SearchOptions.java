package io.github.embeddings4j;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Executor;

/**
 * How a {@link NearestNeighbors} search runs: on how many threads and where, and whether it reads a {@link
 * BatchIndex}. None of these changes a result: every option finds the same ids with the same scores, bit for bit.
 * Immutable; {@link #defaults()} and the {@code with} methods make new options.
 *
 * <pre>{@code
 * ExecutorService pool = Executors.newFixedThreadPool(4);
 * SearchOptions options = SearchOptions.defaults().withExecutor(pool).withParallelism(4);
 * List<TopK> top = NearestNeighbors.searchBatch(table, queries, 10, Similarity.COSINE, null, options);
 * }</pre>
 */
public final class SearchOptions {
  private static final SearchOptions DEFAULTS = new SearchOptions(0, null, null);

  /** At most this many row ranges at once, or 0 for one per available processor. */
  private final int parallelism;
  /** Where row ranges run, or null for a parallel stream. */
  private final Executor executor;
  /** The prepared copy of the table, or null. */
  private final BatchIndex index;

  private SearchOptions(int parallelism, Executor executor, BatchIndex index) {
    this.parallelism = parallelism;
    this.executor = executor;
    this.index = index;
  }

  /**
   * Returns the defaults: a large search is split over every available processor and runs as a parallel stream
   * (in the fork-join pool of the calling thread, the common pool outside one); no index.
   *
   * @return the default options
   */
  public static SearchOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Returns these options with at most {@code parallelism} threads per search. A search is cut into up to four
   * row ranges per thread (for balance; fewer for a small table); with 1 it runs on the calling thread alone.
   *
   * @param parallelism threads, at least 1
   * @return new options
   * @throws IllegalArgumentException if {@code parallelism} &lt; 1
   */
  public SearchOptions withParallelism(int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be >= 1: " + parallelism);
    }
    return new SearchOptions(parallelism, executor, index);
  }

  /**
   * Returns these options with the row ranges of a search run as tasks of {@code executor}; the calling thread
   * waits for them. Set {@link #withParallelism} to the executor's thread count, or the search is cut for every
   * available processor.
   *
   * @param executor where the row ranges run
   * @return new options
   * @throws NullPointerException if {@code executor} is null
   */
  public SearchOptions withExecutor(Executor executor) {
    return new SearchOptions(parallelism, Objects.requireNonNull(executor, "executor"), index);
  }

  /**
   * Returns these options with a search reading the rows of large batches from {@code index} (see {@link
   * BatchIndex} for when that pays). The index must have been made from the table searched.
   *
   * @param index a search-ready copy of the table searched
   * @return new options
   * @throws NullPointerException if {@code index} is null
   */
  public SearchOptions withIndex(BatchIndex index) {
    return new SearchOptions(parallelism, executor, Objects.requireNonNull(index, "index"));
  }

  /**
   * Returns the threads per search, if set.
   *
   * @return the parallelism, or empty for one per available processor
   */
  public OptionalInt parallelism() {
    return parallelism == 0 ? OptionalInt.empty() : OptionalInt.of(parallelism);
  }

  /**
   * Returns the executor row ranges run on, if set.
   *
   * @return the executor, or empty for a parallel stream
   */
  public Optional<Executor> executor() {
    return Optional.ofNullable(executor);
  }

  /**
   * Returns the index searches read, if set.
   *
   * @return the index, or empty
   */
  public Optional<BatchIndex> index() {
    return Optional.ofNullable(index);
  }

  /** The parallelism to cut a search for now. */
  int effectiveParallelism() {
    return parallelism == 0 ? Runtime.getRuntime().availableProcessors() : parallelism;
  }

  /** The executor or null, for the scan. */
  Executor executorOrNull() {
    return executor;
  }

  /** The index or null, for the scan. */
  BatchIndex indexOrNull() {
    return index;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SearchOptions other && parallelism == other.parallelism && executor == other.executor
        && index == other.index;
  }

  @Override
  public int hashCode() {
    return Objects.hash(parallelism, System.identityHashCode(executor), System.identityHashCode(index));
  }

  @Override
  public String toString() {
    return "SearchOptions[parallelism=" + (parallelism == 0 ? "all processors" : parallelism) + ", executor="
        + (executor == null ? "parallel stream" : executor) + ", index=" + index + "]";
  }
}
