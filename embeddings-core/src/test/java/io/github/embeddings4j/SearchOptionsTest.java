package io.github.embeddings4j;

import static io.github.embeddings4j.NearestNeighborsTest.gaussian;
import static io.github.embeddings4j.NearestNeighborsTest.randomTable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Searches run where {@link SearchOptions} say, and find exactly what the default search finds. */
class SearchOptionsTest {
  private ExecutorService pool;
  /** Runnables handed to {@link #counting}. */
  private final AtomicInteger submitted = new AtomicInteger();
  /** Threads the counting executor's tasks ran on. */
  private final Set<String> threads = ConcurrentHashMap.newKeySet();
  private Executor counting;

  @BeforeEach
  void startPool() {
    AtomicInteger n = new AtomicInteger();
    pool = Executors.newFixedThreadPool(3, r -> new Thread(r, "search-options-test-" + n.getAndIncrement()));
    counting = r -> {
      submitted.incrementAndGet();
      pool.execute(() -> {
        threads.add(Thread.currentThread().getName());
        r.run();
      });
    };
  }

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void theGivenExecutorRunsTheSearchAndTheResultsAreTheSame(DType dtype) {
    Random rnd = new Random(83 + dtype.ordinal());
    int dim = 64;
    // 70,000 x 64: a single query over 66,000 rows (4.2 M multiply-adds) is over the threshold at which a scan is
    // split into row ranges (2^22).
    VectorTable table = randomTable(rnd, dtype, 70_000, dim, VectorTable.DEFAULT_MAX_CHUNK_VALUES);
    float[][] queries = new float[40][];
    for (int i = 0; i < queries.length; i++) {
      queries[i] = gaussian(rnd, dim);
    }
    SearchOptions options = SearchOptions.defaults().withExecutor(counting).withParallelism(3);
    for (Similarity similarity : Similarity.values()) {
      submitted.set(0);
      List<TopK> expected = NearestNeighbors.searchBatch(table, queries, 7, similarity, id -> id % 5 == 0);
      assertEquals(0, submitted.get(), "the default search does not use the executor");
      List<TopK> actual = NearestNeighbors.searchBatch(table, queries, 7, similarity, id -> id % 5 == 0, options);
      assertEquals(expected, actual, similarity + " batch");
      assertEquals(12, submitted.get(), "four row ranges per thread, each a task of the executor");

      submitted.set(0);
      TopK single = NearestNeighbors.search(table, queries[0], 7, similarity, 66_000, null, options);
      assertEquals(NearestNeighbors.search(table, queries[0], 7, similarity, 66_000, null), single, "single");
      assertEquals(12, submitted.get());
    }
    assertTrue(threads.stream().allMatch(t -> t.startsWith("search-options-test-")), threads.toString());
    assertTrue(threads.size() > 1, "more than one of the pool's threads: " + threads);
  }

  @Test
  void parallelismOneStaysOnTheCallingThread() {
    Random rnd = new Random(89);
    VectorTable table = randomTable(rnd, DType.F32, 70_000, 64, VectorTable.DEFAULT_MAX_CHUNK_VALUES);
    float[] query = gaussian(rnd, 64);
    Executor refusing = r -> {
      throw new RejectedExecutionException("not to be used");
    };
    TopK top = NearestNeighbors.search(table, query, 5, Similarity.COSINE, table.rows(), null,
        SearchOptions.defaults().withExecutor(refusing).withParallelism(1));
    assertEquals(NearestNeighbors.search(table, query, 5, Similarity.COSINE), top);
    // With more than one thread the refusing executor is asked, and its refusal reaches the caller.
    assertThrows(RejectedExecutionException.class, () -> NearestNeighbors.search(table, query, 5,
        Similarity.COSINE, table.rows(), null, SearchOptions.defaults().withExecutor(refusing).withParallelism(2)));
  }

  @Test
  void anExecutorThatRunsTasksInPlaceAndAnIndexGiveTheSameResults() {
    Random rnd = new Random(97);
    int dim = 48;
    VectorTable table = randomTable(rnd, DType.BF16, 30_000, dim, VectorTable.DEFAULT_MAX_CHUNK_VALUES);
    float[][] queries = new float[64][];
    for (int i = 0; i < queries.length; i++) {
      queries[i] = gaussian(rnd, dim);
    }
    List<TopK> expected = NearestNeighbors.searchBatch(table, queries, 10, Similarity.COSINE, null);
    assertEquals(expected, NearestNeighbors.searchBatch(table, queries, 10, Similarity.COSINE, null,
        SearchOptions.defaults().withExecutor(Runnable::run).withParallelism(4)));
    BatchIndex index = BatchIndex.of(table);
    SearchOptions options = SearchOptions.defaults().withIndex(index).withExecutor(counting).withParallelism(2);
    assertEquals(expected, NearestNeighbors.searchBatch(table, queries, 10, Similarity.COSINE, null, options));
    assertEquals(8, submitted.get());
  }

  @Test
  void optionsAreCheckedAndCompareByValue() {
    IllegalArgumentException p = assertThrows(IllegalArgumentException.class,
        () -> SearchOptions.defaults().withParallelism(0));
    assertEquals("parallelism must be >= 1: 0", p.getMessage());
    assertThrows(NullPointerException.class, () -> SearchOptions.defaults().withExecutor(null));
    assertThrows(NullPointerException.class, () -> SearchOptions.defaults().withIndex(null));
    assertTrue(SearchOptions.defaults().parallelism().isEmpty());
    assertTrue(SearchOptions.defaults().executor().isEmpty());
    assertTrue(SearchOptions.defaults().index().isEmpty());
    SearchOptions a = SearchOptions.defaults().withParallelism(2).withExecutor(counting);
    assertEquals(2, a.parallelism().getAsInt());
    assertSame(counting, a.executor().get());
    assertEquals(a, SearchOptions.defaults().withExecutor(counting).withParallelism(2));
    assertEquals(a.hashCode(), SearchOptions.defaults().withExecutor(counting).withParallelism(2).hashCode());
    assertNotEquals(a, SearchOptions.defaults().withParallelism(2));
    assertTrue(a.toString().contains("parallelism=2"), a.toString());

    VectorTable table = VectorTable.of(new float[][] {{1, 2}, {3, 4}});
    VectorTable other = VectorTable.of(new float[][] {{1, 2}, {3, 4}});
    SearchOptions wrong = SearchOptions.defaults().withIndex(BatchIndex.of(other));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> NearestNeighbors.searchBatch(table, new float[][] {{1, 1}}, 1, Similarity.DOT, null, wrong));
    assertTrue(e.getMessage().startsWith("the options' index was made from another table"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> NearestNeighbors.search(table, new float[] {1, 1}, 1, Similarity.DOT, 2, null, wrong));
    assertThrows(NullPointerException.class,
        () -> NearestNeighbors.searchBatch(table, new float[][] {{1, 1}}, 1, Similarity.DOT, null, null));
    assertThrows(NullPointerException.class,
        () -> NearestNeighbors.search(table, new float[] {1, 1}, 1, Similarity.DOT, 2, null, null));
  }
}
