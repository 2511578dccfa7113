package io.github.embeddings4j.bench;

import io.github.embeddings4j.Tokenizer;
import io.github.embeddings4j.WordVectors;
import io.github.embeddings4j.eval.AnalogyEvaluation;
import io.github.embeddings4j.eval.WordPairEvaluation;
import io.github.embeddings4j.io.Word2VecTextFormat;
import io.github.embeddings4j.word2vec.Corpus;
import io.github.embeddings4j.word2vec.Word2VecConfig;
import io.github.embeddings4j.word2vec.Word2VecModel;
import io.github.embeddings4j.word2vec.Word2VecTrainer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Trains our word2vec on a corpus with the C tool's benchmark settings (dim 100, window 5, negative 5, sample 1e-3,
 * min count 5), times it, saves word2vec text files and scores them with core's evaluators (Google analogies on the
 * 30,000 most frequent words, case-insensitive; WordSim-353 and SimLex-999 Spearman). Also reports the peak live
 * heap during training when asked: mode {@code sg-mem} or {@code cbow-mem} trains with a listener that runs a
 * full collection at every progress report (every second) and keeps the largest live heap it sees, so run it
 * apart from the timed runs.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp embeddings-bench/target/benchmarks.jar \
 *     io.github.embeddings4j.bench.Word2VecBench CORPUS OUTDIR DATA_DIR [MODES=sg,cbow] [EPOCHS=5] [THREADS=2] [SEED=1]
 * </pre>
 *
 * <p>One line per mode: {@code ours_sg seconds=... vocab=... analogy=... ws353=... simlex=...}, or for a memory
 * mode {@code ours_sg-mem peakLiveHeapMB=... jvmBaselineMB=... trainingMB=... matricesMB=... ratio=...}
 * (ratio = trainingMB / matricesMB). The side-by-side with the reference tools is {@code embeddings-bench/scripts/w2v-side-by-side.sh}.
 */
public final class Word2VecBench {
  private Word2VecBench() {}

  /**
   * Runs the benchmark.
   *
   * @param args corpus, output directory, shared data directory, then optionally modes, epochs, threads, seed
   * @throws Exception on any failure
   */
  public static void main(String[] args) throws Exception {
    Path corpusFile = Path.of(args[0]);
    Path out = Path.of(args[1]);
    Path data = Path.of(args[2]);
    String modes = args.length > 3 ? args[3] : "sg,cbow";
    int epochs = args.length > 4 ? Integer.parseInt(args[4]) : 5;
    int threads = args.length > 5 ? Integer.parseInt(args[5]) : 2;
    long seed = args.length > 6 ? Long.parseLong(args[6]) : 1;
    Files.createDirectories(out);
    for (String mode : modes.split(",")) {
      boolean memory = mode.endsWith("-mem");
      Word2VecConfig config = (mode.startsWith("sg") ? Word2VecConfig.skipGram() : Word2VecConfig.cbow())
          .withEpochs(epochs).withThreads(threads).withSeed(seed);
      AtomicLong peak = new AtomicLong();
      if (memory) {
        config = config.withProgressInterval(Duration.ofSeconds(1));
      }
      long baseline = memory ? liveHeapBytes() : 0;
      long start = System.nanoTime();
      Word2VecModel model = Word2VecTrainer.train(Corpus.lines(corpusFile, Tokenizer.WHITESPACE), config, p -> {
        if (memory) {
          peak.accumulateAndGet(liveHeapBytes(), Math::max);
        }
        return true;
      });
      double seconds = (System.nanoTime() - start) / 1e9;
      WordVectors wv = model.vectors();
      double matricesMb = 2.0 * wv.vocabulary().size() * config.dimension() * 4 / 1e6;
      Path file = out.resolve("ours_" + mode + ".txt");
      Word2VecTextFormat.write(wv, file);
      double analogy = AnalogyEvaluation.gensimDefaults().withRestrictVocab(30_000)
          .evaluate(wv, data.resolve("eval/questions-words.txt")).accuracy();
      double ws = WordPairEvaluation.gensimDefaults().evaluate(wv, data.resolve("eval/wordsim353.tsv")).spearman();
      double sl = WordPairEvaluation.gensimDefaults().evaluate(wv, data.resolve("eval/simlex999.txt")).spearman();
      if (memory) {
        double trainingMb = (peak.get() - baseline) / 1e6;
        System.out.printf(Locale.ROOT,
            "ours_%s peakLiveHeapMB=%.2f jvmBaselineMB=%.2f trainingMB=%.2f matricesMB=%.2f ratio=%.3f%n", mode,
            peak.get() / 1e6, baseline / 1e6, trainingMb, matricesMb, trainingMb / matricesMb);
      } else {
        System.out.printf(Locale.ROOT, "ours_%s seconds=%.1f vocab=%d analogy=%.4f ws353=%.3f simlex=%.3f%n",
            mode, seconds, wv.vocabulary().size(), analogy, ws, sl);
      }
    }
  }

  /** The bytes of all reachable objects, from the JVM's class histogram (which collects first). */
  private static long liveHeapBytes() {
    try {
      String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
          new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
          new Object[] {new String[0]}, new String[] {String[].class.getName()});
      String[] lines = histogram.strip().split("\n");
      String[] total = lines[lines.length - 1].trim().split("\\s+");
      return Long.parseLong(total[total.length - 1]);
    } catch (JMException e) {
      throw new IllegalStateException("class histogram unavailable", e);
    }
  }
}
