package io.github.embeddings4j.bench;

import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
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
 * The memory-bandwidth floor of a one-query search: the time to stream the bytes of the table once through the
 * vector units, with nothing else to do (a sum of every float, in independent accumulators so the adds never wait
 * on each other). A kNN figure divided by this one says how far the search is from the machine's limit. The same
 * read in C ({@code embeddings-bench/scripts/read_floor.c}, gcc {@code -O3 -march=native}) checks that the JVM
 * does not leave bandwidth on the table.
 *
 * <p>Two read shapes, as the search reads the table: {@code oneStream} walks each thread's contiguous slice front
 * to back; {@code fourStreams} splits the slice into four quarters read side by side (four hardware-prefetcher
 * streams, as the search's four-row blocks do). Each of {@code threads} workers takes an equal slice.
 *
 * <pre>{@code
 * java -jar embeddings-bench/target/benchmarks.jar MemoryFloorBenchmark -p threads=1,2 -wi 3 -i 10 -f 1
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector", "-Xmx4g"})
public class MemoryFloorBenchmark {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

  /** The table's bytes (float32, DeepSeek-R1-Distill-Qwen-1.5B's shape by default) and the workers. */
  @State(Scope.Benchmark)
  public static class Table {
    /** Table rows. */
    @Param("151936")
    public int rows;

    /** Row length. */
    @Param("1536")
    public int dim;

    /** Reading threads. */
    @Param({"1", "2"})
    public int threads;

    float[] data;
    ForkJoinPool pool;

    /** Fills the table with Gaussian floats and starts the workers. */
    @Setup(Level.Trial)
    public void setup() {
      data = new float[Math.multiplyExact(rows, dim)];
      SplittableRandom rnd = new SplittableRandom(0);
      for (int i = 0; i < data.length; i++) {
        data[i] = (float) rnd.nextGaussian();
      }
      pool = new ForkJoinPool(threads);
    }

    /** Stops the workers. */
    @TearDown(Level.Trial)
    public void tearDown() {
      pool.shutdown();
    }
  }

  /**
   * Every float once, each worker front to back through its slice.
   *
   * @param t the table
   * @return the sum, for the blackhole
   */
  @Benchmark
  public double oneStream(Table t) {
    return inSlices(t, (from, to) -> sum(t.data, from, to));
  }

  /**
   * Every float once, each worker reading the four quarters of its slice side by side.
   *
   * @param t the table
   * @return the sum, for the blackhole
   */
  @Benchmark
  public double fourStreams(Table t) {
    return inSlices(t, (from, to) -> sumFour(t.data, from, to));
  }

  private interface SliceSum {
    double sum(int from, int to);
  }

  private static double inSlices(Table t, SliceSum body) {
    int n = t.data.length;
    int slices = t.threads;
    return t.pool.submit(() -> IntStream.range(0, slices).parallel().mapToDouble(s -> {
      int from = (int) ((long) n * s / slices) / SPECIES.length() * SPECIES.length();
      int to = s == slices - 1 ? n : (int) ((long) n * (s + 1) / slices) / SPECIES.length() * SPECIES.length();
      return body.sum(from, to);
    }).sum()).join();
  }

  /** Sums a[from, to) with four independent vector accumulators. */
  static float sum(float[] a, int from, int to) {
    int step = SPECIES.length();
    FloatVector s0 = FloatVector.zero(SPECIES);
    FloatVector s1 = s0;
    FloatVector s2 = s0;
    FloatVector s3 = s0;
    int i = from;
    for (; i + 4 * step <= to; i += 4 * step) {
      s0 = s0.add(FloatVector.fromArray(SPECIES, a, i));
      s1 = s1.add(FloatVector.fromArray(SPECIES, a, i + step));
      s2 = s2.add(FloatVector.fromArray(SPECIES, a, i + 2 * step));
      s3 = s3.add(FloatVector.fromArray(SPECIES, a, i + 3 * step));
    }
    float s = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
    for (; i < to; i++) {
      s += a[i];
    }
    return s;
  }

  /** Sums a[from, to) as four quarters read side by side, one vector accumulator per quarter. */
  static float sumFour(float[] a, int from, int to) {
    int step = SPECIES.length();
    int quarter = (to - from) / 4 / step * step;
    int q1 = from + quarter;
    int q2 = q1 + quarter;
    int q3 = q2 + quarter;
    FloatVector s0 = FloatVector.zero(SPECIES);
    FloatVector s1 = s0;
    FloatVector s2 = s0;
    FloatVector s3 = s0;
    for (int i = 0; i < quarter; i += step) {
      s0 = s0.add(FloatVector.fromArray(SPECIES, a, from + i));
      s1 = s1.add(FloatVector.fromArray(SPECIES, a, q1 + i));
      s2 = s2.add(FloatVector.fromArray(SPECIES, a, q2 + i));
      s3 = s3.add(FloatVector.fromArray(SPECIES, a, q3 + i));
    }
    float s = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
    for (int i = q3 + quarter; i < to; i++) {
      s += a[i];
    }
    return s;
  }
}
