package io.github.embeddings4j;

import io.github.embeddings4j.internal.simd.Kernels;
import io.github.embeddings4j.internal.simd.PanelKernels;
import io.github.embeddings4j.internal.simd.SearchKernels;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.IntPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A search-ready copy of a {@link VectorTable} for large batches of queries: a float32 copy of its rows laid out
 * the way the batch kernel reads them, so that a batch search does not rearrange the table again on every call.
 * It is one option of {@link NearestNeighbors} search ({@link SearchOptions#withIndex}); results are the same as
 * without it, score for score.
 *
 * <p>When to use it: one table answers many large batches (hundreds of queries a call), and the memory of a
 * float32 copy of the table is free. A batch search without it transposes every tile of rows for the batch
 * kernel on every call; with it, it reads the copy as it is. The gain is the time of that transpose, a small part
 * of a large batch search, so measure it on the machine that will run the searches before paying for the copy
 * ({@code docs/benchmarks.md} has the measurements so far). The price is {@link #sizeInBytes()}: the copy is
 * float32 whatever the table's type, 4 × rows × dimension bytes (933 MB for a 151,936 × 1,536 token table, twice
 * the bytes of the bfloat16 table itself). Single queries and small batches are memory-bound and read the table
 * itself, as do float32 Euclidean batches (computed from direct differences). Without the Vector API (no {@code
 * --add-modules jdk.incubator.vector}) there is no panel kernel, no copy is made and every search reads the
 * table.
 *
 * <pre>{@code
 * BatchIndex index = BatchIndex.of(table);                  // once: copies and lays out the rows
 * SearchOptions options = SearchOptions.defaults().withIndex(index);
 * List<TopK> top = NearestNeighbors.searchBatch(table, queries, 10, Similarity.COSINE, null, options);
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
   * @throws NullPointerException if {@code table} is null
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

  /**
   * Returns the table this index was built from.
   *
   * @return the table
   */
  public VectorTable table() {
    return table;
  }

  /**
   * Returns the bytes held by the copy (not counting the table).
   *
   * @return the bytes, 0 when there is no copy
   */
  public long sizeInBytes() {
    return panels == null ? 0 : panels.sizeInBytes();
  }

  /** The search of {@link NearestNeighbors} over this index's table, arguments checked by the caller. */
  TopK[] search(float[][] queries, int k, Similarity similarity, int rows, IntPredicate exclude, int parallelism,
      Executor executor) {
    if (panels == null) {
      return ExactScan.search(kernels, table, queries, k, similarity, rows, exclude, parallelism, executor);
    }
    AtomicIntegerArray votes = new AtomicIntegerArray(panels.chunkCount() * RowPanels.SLOTS);
    TopK[] out;
    lock.readLock().lock();
    try {
      out = ExactScan.search(kernels, table, queries, k, similarity, rows, exclude, parallelism, executor, panels,
          votes);
    } finally {
      lock.readLock().unlock();
    }
    place(votes);
    return out;
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
