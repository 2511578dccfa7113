package io.github.embeddings4j.bench;

import io.github.embeddings4j.Neighbor;
import io.github.embeddings4j.llm.TokenEmbeddings;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A fresh JVM's first open of a model folder and its first nearest-token query, each timed once: what a program
 * that opens a model at start-up pays, JIT compilation included (JMH's {@link LlmTableBenchmark} measures after a
 * warm-up shot). Run it once per JVM:
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -Xmx4g -cp embeddings-bench/target/benchmarks.jar \
 *     io.github.embeddings4j.bench.LlmColdOpen /tmp/llmbench-ref [TOKEN]
 * </pre>
 */
public final class LlmColdOpen {
  private LlmColdOpen() {}

  /**
   * Opens the folder, asks one query and prints both times.
   *
   * @param args the model folder, and optionally the token to query (default {@code Ġking})
   * @throws Exception if the folder cannot be opened
   */
  public static void main(String[] args) throws Exception {
    String token = args.length > 1 ? args[1] : "\u0120king";
    long t0 = System.nanoTime();
    try (TokenEmbeddings e = TokenEmbeddings.open(Path.of(args[0]))) {
      long t1 = System.nanoTime();
      List<Neighbor> n = e.nearest(token, 10);
      long t2 = System.nanoTime();
      System.out.printf(Locale.ROOT, "fresh JVM: open %d ms, first query %d ms (top: %s)%n", (t1 - t0) / 1_000_000,
          (t2 - t1) / 1_000_000, n.get(0).token());
    }
  }
}
