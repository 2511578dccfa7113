package io.github.embeddings4j.bench;

import io.github.embeddings4j.internal.simd.Kernels;
import io.github.embeddings4j.internal.simd.ScalarKernels;
import io.github.embeddings4j.internal.simd.ScalarScanKernels;
import io.github.embeddings4j.internal.simd.ScanKernels;
import io.github.embeddings4j.internal.simd.VectorKernels;
import io.github.embeddings4j.internal.util.Half;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Paired kernel benchmarks: the scalar reference against the kernels {@link Kernels} picked (the Vector API ones
 * when the fork has {@code --add-modules=jdk.incubator.vector}), for float32, bfloat16 and float16 rows.
 *
 * <pre>{@code
 * java -jar embeddings-bench/target/benchmarks.jar KernelBenchmark -p size=1536
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector", "-Xmx1g"})
public class KernelBenchmark {
  /** The vector length. */
  @Param({"1", "7", "100", "300", "768", "1536"})
  public int size;

  private final VectorKernels scalar = ScalarKernels.INSTANCE;
  private final VectorKernels vector = Kernels.get();
  private final ScanKernels scalarScan = ScalarScanKernels.INSTANCE;
  private final ScanKernels vectorScan = Kernels.search().scan();
  private float[] a;
  private float[] b;
  private short[] bf16;
  private short[] f16;
  private float[] block;
  private float[] out;

  /** Fills the operands with random values. */
  @Setup
  public void setup() {
    Random rnd = new Random(42);
    a = new float[size];
    b = new float[size];
    bf16 = new short[size];
    f16 = new short[size];
    block = new float[4 * size];
    out = new float[16];
    for (int i = 0; i < size; i++) {
      a[i] = (float) rnd.nextGaussian();
      b[i] = (float) rnd.nextGaussian();
      bf16[i] = Half.floatToBf16(b[i]);
      f16[i] = Half.floatToF16(b[i]);
    }
    for (int i = 0; i < block.length; i++) {
      block[i] = (float) rnd.nextGaussian();
    }
  }

  /**
   * float32 dot, scalar.
   *
   * @return the dot product
   */
  @Benchmark
  public float dotScalar() {
    return scalar.dot(a, 0, b, 0, size);
  }

  /**
   * float32 dot, vector.
   *
   * @return the dot product
   */
  @Benchmark
  public float dotVector() {
    return vector.dot(a, 0, b, 0, size);
  }

  /**
   * bfloat16 row dot, scalar.
   *
   * @return the dot product
   */
  @Benchmark
  public float dotBf16Scalar() {
    return scalar.dotHalf(true, a, 0, bf16, 0, size);
  }

  /**
   * bfloat16 row dot, vector.
   *
   * @return the dot product
   */
  @Benchmark
  public float dotBf16Vector() {
    return vector.dotHalf(true, a, 0, bf16, 0, size);
  }

  /**
   * float16 row dot, scalar.
   *
   * @return the dot product
   */
  @Benchmark
  public float dotF16Scalar() {
    return scalar.dotHalf(false, a, 0, f16, 0, size);
  }

  /**
   * float16 row dot, vector.
   *
   * @return the dot product
   */
  @Benchmark
  public float dotF16Vector() {
    return vector.dotHalf(false, a, 0, f16, 0, size);
  }

  /**
   * Four rows against four rows (16 dot products), scalar.
   *
   * @return the scores
   */
  @Benchmark
  public float[] dotMatrix4x4Scalar() {
    scalarScan.dotMatrix(block, 0, 4, block, 0, 4, size, out, 0);
    return out;
  }

  /**
   * Four rows against four rows (16 dot products), vector.
   *
   * @return the scores
   */
  @Benchmark
  public float[] dotMatrix4x4Vector() {
    vectorScan.dotMatrix(block, 0, 4, block, 0, 4, size, out, 0);
    return out;
  }
}
