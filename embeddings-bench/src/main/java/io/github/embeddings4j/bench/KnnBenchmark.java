package io.github.embeddings4j.bench;

import io.github.embeddings4j.BatchIndex;
import io.github.embeddings4j.DType;
import io.github.embeddings4j.NearestNeighbors;
import io.github.embeddings4j.SearchOptions;
import io.github.embeddings4j.Similarity;
import io.github.embeddings4j.TopK;
import io.github.embeddings4j.VectorTable;
import io.github.embeddings4j.internal.simd.Kernels;
import io.github.embeddings4j.internal.simd.VectorKernels;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Exact top-10 cosine search over random unit rows (default 151,936 × 1,536: DeepSeek-R1-Distill-Qwen-1.5B's
 * token table), one query or a batch of 256, float32 or bfloat16; against ND4J's GEMM (OpenBLAS) on the same
 * float32 table, and against one plain read of the float32 table (the memory-bandwidth floor).
 *
 * <p>Times are per call: divide batch times by {@code queries} for a per-query figure. Our search runs in a
 * {@code threads}-worker pool; ND4J uses its own OpenMP threads (all cores unless {@code OMP_NUM_THREADS} says).
 *
 * <pre>{@code
 * java -jar embeddings-bench/target/benchmarks.jar KnnBenchmark -wi 2 -i 3 -f 1
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector", "-Xmx10g",
    "-Dorg.bytedeco.javacpp.maxbytes=6g", "-Dorg.bytedeco.javacpp.maxphysicalbytes=16g"})
public class KnnBenchmark {
  private static final int K = 10;

  /** The shape, shared by every state. */
  @State(Scope.Benchmark)
  public static class Shape {
    /** Table rows. */
    @Param("151936")
    public int rows;

    /** Row length. */
    @Param("1536")
    public int dim;

    /** Queries per call. */
    @Param({"1", "256"})
    public int queries;

    float[][] queryVectors;

    /** Makes the queries (random unit vectors, like the rows). */
    @Setup(Level.Trial)
    public void setup() {
      SplittableRandom rnd = new SplittableRandom(1);
      queryVectors = new float[queries][];
      for (int q = 0; q < queries; q++) {
        queryVectors[q] = unitRow(rnd, dim);
      }
    }
  }

  /** Our table and a pool of {@code threads} workers to search it in. */
  @State(Scope.Benchmark)
  public static class Ours {
    /** Storage type. */
    @Param({"F32", "BF16"})
    public DType dtype;

    /** Worker threads for the search. */
    @Param({"1", "2"})
    public int threads;

    VectorTable table;
    ForkJoinPool pool;

    /**
     * Builds the table.
     *
     * @param shape the shape
     */
    @Setup(Level.Trial)
    public void setup(Shape shape) {
      table = randomTable(dtype, shape.rows, shape.dim);
      pool = new ForkJoinPool(threads);
    }

    /** Stops the pool. */
    @TearDown(Level.Trial)
    public void tearDown() {
      pool.shutdown();
    }
  }

  /** Our table with its rows also laid out for batches ({@link BatchIndex}), built once per trial. */
  @State(Scope.Benchmark)
  public static class Indexed {
    BatchIndex index;
    SearchOptions options;

    /**
     * Builds the index from the table of {@link Ours}.
     *
     * @param ours the table
     */
    @Setup(Level.Trial)
    public void setup(Ours ours) {
      index = BatchIndex.of(ours.table);
      options = SearchOptions.defaults().withIndex(index);
    }
  }

  /** The same float32 table as one ND4J matrix. */
  @State(Scope.Benchmark)
  public static class Nd4jTable {
    INDArray rowsT;
    INDArray queries;
    INDArray scores;

    /**
     * Copies a float32 table of the same seed into ND4J.
     *
     * @param shape the shape and queries
     */
    @Setup(Level.Trial)
    public void setup(Shape shape) {
      SplittableRandom rnd = new SplittableRandom(0);
      INDArray x = Nd4j.createUninitialized(DataType.FLOAT, shape.rows, shape.dim);
      for (int r = 0; r < shape.rows; r++) {
        x.putRow(r, Nd4j.createFromArray(unitRow(rnd, shape.dim)));
      }
      rowsT = x.transpose();
      float[] flat = new float[shape.queries * shape.dim];
      for (int q = 0; q < shape.queries; q++) {
        System.arraycopy(shape.queryVectors[q], 0, flat, q * shape.dim, shape.dim);
      }
      queries = Nd4j.create(flat, new long[] {shape.queries, shape.dim}, 'c');
      scores = Nd4j.createUninitialized(DataType.FLOAT, shape.queries, shape.rows);
    }
  }

  /** A float32 copy of the table in 2^28-value chunks, like {@link VectorTable}'s storage. */
  @State(Scope.Benchmark)
  public static class Raw {
    float[][] chunks;

    /**
     * Fills the chunks.
     *
     * @param shape the shape
     */
    @Setup(Level.Trial)
    public void setup(Shape shape) {
      long total = (long) shape.rows * shape.dim;
      int perChunk = (1 << 28) / shape.dim * shape.dim;
      chunks = new float[(int) ((total + perChunk - 1) / perChunk)][];
      SplittableRandom rnd = new SplittableRandom(0);
      for (int c = 0; c < chunks.length; c++) {
        chunks[c] = new float[(int) Math.min(perChunk, total - (long) c * perChunk)];
        for (int i = 0; i < chunks[c].length; i++) {
          chunks[c][i] = (float) rnd.nextGaussian();
        }
      }
    }
  }

  static float[] unitRow(SplittableRandom rnd, int dim) {
    float[] v = new float[dim];
    double sq = 0;
    for (int i = 0; i < dim; i++) {
      v[i] = (float) rnd.nextGaussian();
      sq += (double) v[i] * v[i];
    }
    float inv = (float) (1 / Math.sqrt(sq));
    for (int i = 0; i < dim; i++) {
      v[i] *= inv;
    }
    return v;
  }

  static VectorTable randomTable(DType dtype, int rows, int dim) {
    SplittableRandom rnd = new SplittableRandom(0);
    VectorTable.Builder b = VectorTable.builder(dtype, rows, dim);
    for (int r = 0; r < rows; r++) {
      b.set(r, unitRow(rnd, dim));
    }
    return b.build();
  }

  /**
   * Our exact search: {@code NearestNeighbors.search} for one query, {@code searchBatch} for more.
   *
   * @param shape the shape and queries
   * @param ours the table and the pool
   * @return the results
   */
  @Benchmark
  public List<TopK> search(Shape shape, Ours ours) {
    if (shape.queries == 1) {
      return List.of(ours.pool.submit(() ->
          NearestNeighbors.search(ours.table, shape.queryVectors[0], K, Similarity.COSINE)).join());
    }
    return ours.pool.submit(() ->
        NearestNeighbors.searchBatch(ours.table, shape.queryVectors, K, Similarity.COSINE, null)).join();
  }

  /**
   * The same search with a {@link BatchIndex} of the table as its option (built in the trial's set-up, as
   * FAISS's {@code IndexFlatIP.add} is outside its timed search).
   *
   * @param shape the shape and queries
   * @param ours the table and the pool
   * @param indexed the index and the options naming it
   * @return the results
   */
  @Benchmark
  public List<TopK> searchIndex(Shape shape, Ours ours, Indexed indexed) {
    return ours.pool.submit(() ->
        NearestNeighbors.searchBatch(ours.table, shape.queryVectors, K, Similarity.COSINE, null, indexed.options))
        .join();
  }

  /**
   * ND4J: one GEMM (queries × rows^T) into a preallocated matrix, then top-10 of every score row in Java.
   *
   * @param shape the shape
   * @param nd the ND4J matrices
   * @return the ids found
   */
  @Benchmark
  public int[][] nd4jGemm(Shape shape, Nd4jTable nd) {
    nd.queries.mmuli(nd.rowsT, nd.scores);
    int[][] out = new int[shape.queries][];
    for (int q = 0; q < shape.queries; q++) {
      out[q] = topK(nd.scores.getRow(q).toFloatVector(), K);
    }
    return out;
  }

  /**
   * ND4J's GEMM alone, without the top-k: a lower bound for any search built on it.
   *
   * @param nd the ND4J matrices
   * @return the scores
   */
  @Benchmark
  public INDArray nd4jGemmOnly(Nd4jTable nd) {
    return nd.queries.mmuli(nd.rowsT, nd.scores);
  }

  /**
   * One read of the float32 table on one thread (a dot of each chunk with itself: one load stream).
   *
   * @param raw the table
   * @return a sum, for the blackhole
   */
  @Benchmark
  public float readTableOneThread(Raw raw) {
    VectorKernels k = Kernels.get();
    float s = 0;
    for (float[] c : raw.chunks) {
      s += k.dot(c, 0, c, 0, c.length);
    }
    return s;
  }

  /**
   * One read of the float32 table on all cores, in row slices like the search.
   *
   * @param raw the table
   * @return a sum, for the blackhole
   */
  @Benchmark
  public double readTableAllThreads(Raw raw) {
    VectorKernels k = Kernels.get();
    int slices = Runtime.getRuntime().availableProcessors() * 4;
    return IntStream.range(0, raw.chunks.length * slices).parallel().mapToDouble(i -> {
      float[] c = raw.chunks[i / slices];
      int s = i % slices;
      int from = (int) ((long) c.length * s / slices);
      int to = (int) ((long) c.length * (s + 1) / slices);
      return k.dot(c, from, c, from, to - from);
    }).sum();
  }

  /** The ids of the k largest scores, best first (ties by lower id). */
  static int[] topK(float[] scores, int k) {
    int[] ids = new int[k];
    float[] best = new float[k];
    Arrays.fill(best, Float.NEGATIVE_INFINITY);
    for (int i = 0; i < scores.length; i++) {
      float s = scores[i];
      if (s > best[k - 1]) {
        int j = k - 1;
        while (j > 0 && best[j - 1] < s) {
          best[j] = best[j - 1];
          ids[j] = ids[j - 1];
          j--;
        }
        best[j] = s;
        ids[j] = i;
      }
    }
    return ids;
  }
}
