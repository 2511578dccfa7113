package io.github.embeddings4j.bench;

import io.github.embeddings4j.projection.Pca;
import io.github.embeddings4j.tfidf.SparseMatrix;
import io.github.embeddings4j.tfidf.TfIdf;
import io.github.embeddings4j.tfidf.TfIdfConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Side-by-side timing of TF-IDF fit + transform against scikit-learn's {@code TfidfVectorizer().fit_transform}
 * (the anchor script {@code shared/anchors/tfidf_sklearn.py}, run by this program in the same session), and the
 * time of a PCA of 10,000 x 300 to 2 components beside scikit-learn's {@code PCA(2, svd_solver='full')} on the same
 * rows.
 *
 * <p>Documents are read exactly as the anchor reads them: one per line, the text after the last tab. Both sides
 * use scikit-learn's default options ({@link TfIdfConfig#sklearnDefaults()}); both report the best of
 * {@code REPEATS} runs (ours after as many warm-up runs), in three alternating rounds; we also report our first,
 * cold run.
 *
 * <pre>
 * java -cp embeddings-bench/target/benchmarks.jar io.github.embeddings4j.bench.TfIdfPcaBench \
 *     ../shared/data/corpora/movie_reviews.tsv.gz ../shared/anchors/tfidf_sklearn.py [REPEATS]
 * </pre>
 */
public final class TfIdfPcaBench {
  private static final int ROUNDS = 3;

  private TfIdfPcaBench() {}

  /**
   * Runs the comparison.
   *
   * @param args the collection file, the anchor script, and optionally the number of repeats (default 5)
   * @throws Exception if a file cannot be read or the anchor fails
   */
  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    Path anchor = Path.of(args[1]);
    int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    List<String> docs = read(file);
    long tokens = 0;
    for (String d : docs) {
      tokens += d.isBlank() ? 0 : d.trim().split("\\s+").length;
    }
    System.out.printf("collection %s: %d documents, %d whitespace tokens%n", file.getFileName(), docs.size(), tokens);

    long t0 = System.nanoTime();
    TfIdf model = TfIdf.fit(docs, TfIdfConfig.sklearnDefaults());
    double cold = (System.nanoTime() - t0) / 1e6;
    for (int i = 0; i < repeats; i++) {
      TfIdf.fit(docs, TfIdfConfig.sklearnDefaults());
    }
    System.out.printf("embeddings4j first, cold run %.1f ms; %d processors%n", cold,
        Runtime.getRuntime().availableProcessors());
    // Rounds alternate between the two tools so that load from other processes hits both alike.
    for (int round = 1; round <= ROUNDS; round++) {
      double best = Double.MAX_VALUE;
      for (int i = 0; i < repeats; i++) {
        long t = System.nanoTime();
        model = TfIdf.fit(docs, TfIdfConfig.sklearnDefaults());
        best = Math.min(best, (System.nanoTime() - t) / 1e6);
      }
      SparseMatrix m = model.documentTerms();
      System.out.printf("round %d embeddings4j TfIdf.fit docs=%d vocab=%d nnz=%d fit_transform=%.1f ms%n", round,
          m.rows(), m.columns(), m.nonZeros(), best);
      String sklearn = sklearn(anchor, file, repeats);
      System.out.println("round " + round + " " + sklearn);
      Matcher ms = Pattern.compile("fit_transform=([0-9.]+) ms").matcher(sklearn);
      if (ms.find()) {
        System.out.printf("round %d speed-up (sklearn best / ours best): %.2fx%n", round,
            Double.parseDouble(ms.group(1)) / best);
      }
    }

    float[][] rows = new float[10_000][300];
    Random random = new Random(42);
    for (float[] row : rows) {
      for (int c = 0; c < row.length; c++) {
        row[c] = (float) (random.nextGaussian() * (1.0 + 10.0 / (c + 1)));
      }
    }
    long pc = System.nanoTime();
    Pca pca = Pca.fit(rows, 2);
    double pcaCold = (System.nanoTime() - pc) / 1e6;
    double pcaBest = Double.MAX_VALUE;
    for (int i = 0; i < repeats; i++) {
      long t = System.nanoTime();
      pca = Pca.fit(rows, 2);
      pcaBest = Math.min(pcaBest, (System.nanoTime() - t) / 1e6);
    }
    System.out.printf("embeddings4j Pca.fit 10000 x 300 -> 2: best %.1f ms (first, cold run incl. ND4J start %.1f ms);"
        + " ratios %.4f %.4f%n", pcaBest, pcaCold, pca.explainedVarianceRatio()[0], pca.explainedVarianceRatio()[1]);
    System.out.println(sklearnPca(rows, repeats));
  }

  /** scikit-learn's PCA(2, svd_solver='full') on the very same rows, passed as raw little-endian float32. */
  private static String sklearnPca(float[][] rows, int repeats) throws IOException, InterruptedException {
    Path raw = Files.createTempFile("pca-bench", ".f32");
    try {
      java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(rows.length * rows[0].length * 4)
          .order(java.nio.ByteOrder.LITTLE_ENDIAN);
      for (float[] row : rows) {
        for (float v : row) {
          b.putFloat(v);
        }
      }
      Files.write(raw, b.array());
      String script = String.join("\n",
          "import sys, time, numpy as np",
          "from sklearn.decomposition import PCA",
          "x = np.fromfile(sys.argv[1], dtype='<f4').reshape(-1, " + rows[0].length + ").astype(np.float64)",
          "best = 1e9",
          "for _ in range(" + repeats + "):",
          "    t = time.perf_counter(); p = PCA(2, svd_solver='full').fit(x); best = min(best, time.perf_counter() - t)",
          "print('sklearn PCA(2, svd_solver=full) %d x %d float64: best %.1f ms; ratios %.4f %.4f' % (x.shape[0],"
              + " x.shape[1], best * 1e3, p.explained_variance_ratio_[0], p.explained_variance_ratio_[1]))");
      Process p = new ProcessBuilder("/usr/bin/python3", "-c", script, raw.toString()).redirectErrorStream(true)
          .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (p.waitFor() != 0) {
        throw new IllegalStateException("sklearn PCA failed: " + out);
      }
      return out;
    } finally {
      Files.deleteIfExists(raw);
    }
  }

  private static String sklearn(Path anchor, Path file, int repeats) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("/usr/bin/python3", anchor.toString(), file.toString(), Integer.toString(repeats))
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("anchor failed: " + out);
    }
    return out;
  }

  private static List<String> read(Path file) throws IOException {
    List<String> docs = new ArrayList<>();
    InputStream raw = Files.newInputStream(file);
    InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        docs.add(line.substring(line.lastIndexOf('\t') + 1));
      }
    }
    return docs;
  }
}
