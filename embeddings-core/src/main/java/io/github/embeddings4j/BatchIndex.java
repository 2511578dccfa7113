package io.github.embeddings4j;

import io.github.embeddings4j.internal.simd.Kernels;
import io.github.embeddings4j.internal.simd.PanelKernels;
import io.github.embeddings4j.internal.simd.SearchKernels;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.IntPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An exact nearest-neighbour index for batches of queries: a {@link VectorTable} plus a float32 copy of its rows
 * laid out the way the batch kernel reads them, so that a batch search does not rearrange the table again on
 * every call. Results are the same as {@link NearestNeighbors#searchBatch} on the table, score for score.
 *
 * <p>Use it when one table answers many batches (say, a language model's 151,936 × 1,536 token table and batches
 * of hundreds of queries): a search then skips transposing every tile of rows for the batch kernel. On one core
 * that made a 256-query search over that table faster in 7 of 8 same-session runs, by 2–16% (once 6% slower;
 * {@code docs/benchmarks.md}).
 * The price is memory: the copy is float32 whatever the table's type, {@link #sizeInBytes()} bytes (933 MB for
 * the table above; FAISS's {@code IndexFlat} keeps such a copy too). Single queries and small batches are
 * memory-bound and go to the table itself, as do float32 Euclidean batches (computed from direct differences).
 * Without the Vector API (no {@code --add-modules jdk.incubator.vector}) there is no panel kernel, no copy is
 * made and every search goes to the table.
 *
 * <pre>{@code
 * BatchIndex index = BatchIndex.of(table);                  // once: copies and lays out the rows
 * List<TopK> top = index.searchBatch(queries, 10, Similarity.COSINE, null);
 * }</pre>
 *
 * <p>Thread-safe. The first large searches time where in its arrays the copy reads fastest (cache-line
 * placement) and may move a chunk of the copy once; concurrent searches wait for that move.
 */
public final class BatchIndex {
  private static final Logger LOG = LoggerFactory.getLogger(BatchIndex.class);

  private final VectorTable table;
  private final SearchKernels kernels;
  /** The copy, or null without a panel kernel. */
  private final RowPanels panels;
  /** Searches read the copy under the read lock; moving a chunk takes the write lock. */
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

  private BatchIndex(VectorTable table, SearchKernels kernels, RowPanels panels) {
    this.table = table;
    this.kernels = kernels;
    this.panels = panels;
  }

  /**
   * Builds the index: copies every row of {@code table} (on all cores for a large table).
   *
   * @param table the rows; the index keeps a reference to it
   * @return the index
   */
  public static BatchIndex of(VectorTable table) {
    return of(table, Kernels.search(), VectorTable.DEFAULT_MAX_CHUNK_VALUES);
  }

  /** {@link #of(VectorTable)} with given kernels and at most {@code maxChunkValues} floats per array. */
  static BatchIndex of(VectorTable table, SearchKernels kernels, int maxChunkValues) {
    Objects.requireNonNull(table, "table");
    PanelKernels panelKernels = kernels.panels().orElse(null);
    RowPanels panels = panelKernels == null ? null
        : RowPanels.build(kernels.vector(), panelKernels, table, maxChunkValues);
    return new BatchIndex(table, kernels, panels);
  }

  /** The table this index was built from. */
  public VectorTable table() {
    return table;
  }

  /** Bytes held by the copy (not counting the table), 0 when there is none. */
  public long sizeInBytes() {
    return panels == null ? 0 : panels.sizeInBytes();
  }

  /**
   * Searches all rows for one query; the same as {@link NearestNeighbors#search(VectorTable, float[], int,
   * Similarity)} on the table.
   *
   * @param query a vector of the table's dimension
   * @param k how many results, at least 1
   * @param similarity how to score
   * @return the k best rows
   * @throws IllegalArgumentException if k &lt; 1, the dimensions differ or the query has a NaN or infinite value
   */
  public TopK search(float[] query, int k, Similarity similarity) {
    return searchBatch(new float[][] {query}, k, similarity, null).get(0);
  }

  /**
   * Searches for many queries at once, in parallel over all cores; the same results as {@link
   * NearestNeighbors#searchBatch} on the table.
   *
   * @param queries vectors of the table's dimension
   * @param k how many results per query, at least 1
   * @param similarity how to score
   * @param exclude ids never returned, or {@code null}
   * @return one result per query, in query order
   * @throws IllegalArgumentException if k &lt; 1, a query's dimension differs or a query has a NaN or infinite
   *     value
   */
  public List<TopK> searchBatch(float[][] queries, int k, Similarity similarity, IntPredicate exclude) {
    NearestNeighbors.checkArguments(table, k, similarity, table.rows());
    NearestNeighbors.checkQueries(table, queries);
    if (panels == null) {
      return List.of(ExactScan.search(kernels, table, queries, k, similarity, table.rows(), exclude));
    }
    AtomicIntegerArray votes = new AtomicIntegerArray(panels.chunkCount() * RowPanels.SLOTS);
    TopK[] out;
    lock.readLock().lock();
    try {
      out = ExactScan.search(kernels, table, queries, k, similarity, table.rows(), exclude, panels, votes);
    } finally {
      lock.readLock().unlock();
    }
    place(votes);
    return List.of(out);
  }

  /** Moves the chunks that most of a search's row ranges timed faster at another offset. */
  private void place(AtomicIntegerArray votes) {
    int[] counts = new int[votes.length()];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = votes.get(i);
    }
    lock.readLock().lock();
    try {
      if (!panels.wantsMove(counts)) {
        return;
      }
    } finally {
      lock.readLock().unlock();
    }
    lock.writeLock().lock();
    try {
      int moved = panels.relayout(counts);
      LOG.debug("Moved {} of {} panel chunks to the offsets their searches timed fastest", moved,
          panels.chunkCount());
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public String toString() {
    return "BatchIndex[" + table + ", copy " + sizeInBytes() + " bytes]";
  }
}
