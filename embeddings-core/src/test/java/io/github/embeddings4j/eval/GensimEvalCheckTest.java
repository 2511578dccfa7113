package io.github.embeddings4j.eval;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.embeddings4j.Analogies;
import io.github.embeddings4j.DType;
import io.github.embeddings4j.Neighbor;
import io.github.embeddings4j.VectorTable;
import io.github.embeddings4j.Vocabulary;
import io.github.embeddings4j.WordVectors;
import io.github.embeddings4j.io.Word2VecTextFormat;
import io.github.embeddings4j.testutil.SharedData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the evaluators against gensim's own numbers on the same vector file: {@code gensim/gensim_eval.py} (in
 * the test resources) trains a small gensim Word2Vec on text8-prefix, saves it in word2vec text format and prints
 * gensim's scores as JSON; this test reads the same file and must agree to 3 decimals, analogy counts exactly.
 * Skipped when {@code /usr/bin/python3} has no gensim or the shared data is missing, unless
 * {@code -Dembeddings.requireSharedData=true}.
 */
class GensimEvalCheckTest {
  private static final Path PYTHON = Path.of("/usr/bin/python3");
  private static final double THREE_DECIMALS = 0.0005;

  @TempDir
  static Path temp;

  private static Path data;
  private static String json;
  private static WordVectors vectors;

  @BeforeAll
  static void runGensim() throws Exception {
    data = SharedData.path("eval");
    data = data.getParent();
    Path script = temp.resolve("gensim_eval.py");
    try (InputStream in = GensimEvalCheckTest.class.getResourceAsStream("/gensim/gensim_eval.py")) {
      assertNotNull(in, "test resource gensim/gensim_eval.py");
      Files.copy(in, script);
    }
    if (!(Files.isExecutable(PYTHON) && run(List.of(PYTHON.toString(), "-c", "import gensim, scipy"),
        temp.resolve("probe.log")).exit() == 0)) {
      SharedData.skipOrFail(PYTHON + " with gensim and scipy (Debian python3-gensim)");
    }
    Result r = run(List.of(PYTHON.toString(), script.toString(), data.toString(), temp.toString()),
        temp.resolve("gensim.log"));
    if (r.exit() != 0) {
      fail("gensim_eval.py exited with " + r.exit() + ":\n" + tail(temp.resolve("gensim.log")));
    }
    json = r.stdout();
    vectors = Word2VecTextFormat.read(temp.resolve("vectors.txt"));
  }

  @Test
  void analogiesMatchGensim() throws IOException {
    AnalogyResult ours = AnalogyEvaluation.gensimDefaults().withRestrictVocab(30_000)
        .evaluate(vectors, data.resolve("eval/questions-words.txt"));
    Matcher m = Pattern.compile("\\{\\s*\"section\": \"([^\"]*)\",\\s*\"correct\": (\\d+),\\s*\"incorrect\": (\\d+)")
        .matcher(json);
    List<AnalogySection> gensim = new ArrayList<>();
    while (m.find()) {
      gensim.add(new AnalogySection(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
    }
    List<AnalogySection> ourSections = new ArrayList<>(ours.sections());
    ourSections.add(ours.total());
    assertEquals(gensim, ourSections);
    assertEquals(number("analogy", "accuracy"), ours.accuracy(), THREE_DECIMALS);
    assertEquals(number("analogy", "oov_ratio"), ours.oovRatio(), THREE_DECIMALS);
  }

  @Test
  void wordSim353MatchesGensim() throws IOException {
    checkPairs("wordsim353", "wordsim353.tsv");
  }

  @Test
  void simLex999MatchesGensim() throws IOException {
    checkPairs("simlex999", "simlex999.txt");
  }

  @Test
  void mostSimilarAndCosMulMatchGensim() {
    Matcher m = Pattern.compile("\\{\\s*\"method\": \"(\\w+)\",\\s*\"positive\": \"([^\"]*)\",\\s*"
        + "\"negative\": \"([^\"]*)\",\\s*\"restrict_vocab\": (\\d+),\\s*\"words\": \"([^\"]*)\",\\s*"
        + "\"scores\": \\[([^\\]]*)\\]").matcher(json);
    int queries = 0;
    while (m.find()) {
      queries++;
      List<String> positive = words(m.group(2));
      List<String> negative = words(m.group(3));
      int restrict = Integer.parseInt(m.group(4));
      int limit = restrict == 0 ? vectors.vocabulary().size() : restrict;
      List<Neighbor> ours = "cosadd".equals(m.group(1))
          ? Analogies.mostSimilar(vectors, positive, negative, 5, limit)
          : Analogies.mostSimilarCosMul(vectors, positive, negative, 5, limit);
      String query = m.group(1) + " " + positive + " - " + negative + " @" + restrict;
      assertEquals(words(m.group(5)), ours.stream().map(Neighbor::token).toList(), query);
      double[] scores = Arrays.stream(m.group(6).split(",")).mapToDouble(s -> Double.parseDouble(s.trim()))
          .toArray();
      for (int i = 0; i < scores.length; i++) {
        assertEquals(scores[i], ours.get(i).score(), 1e-5, query + " score " + i);
      }
    }
    assertEquals(8, queries, "queries in the gensim output");
  }

  private static void checkPairs(String name, String file) throws IOException {
    WordPairResult ours = WordPairEvaluation.gensimDefaults().evaluate(vectors, data.resolve("eval").resolve(file));
    assertAll(name,
        () -> assertEquals(number(name, "pearson"), ours.pearson(), THREE_DECIMALS, "pearson"),
        () -> assertEquals(number(name, "spearman"), ours.spearman(), THREE_DECIMALS, "spearman"),
        () -> assertEquals(number(name, "oov_ratio"), ours.oovRatio(), THREE_DECIMALS, "oov ratio"),
        () -> assertEquals((int) number(name, "oov_pairs"), ours.oov(), "oov pairs"));
  }

  /** The first {@code "key": number} after {@code "block": {} in the gensim output. */
  private static double number(String block, String key) {
    int start = json.indexOf("\"" + block + "\": {");
    assertTrue(start >= 0, "block " + block + " in the gensim output");
    Matcher m = Pattern.compile("\"" + key + "\": ([-+0-9.eE]+)").matcher(json);
    assertTrue(m.find(start), key + " in block " + block);
    return Double.parseDouble(m.group(1));
  }

  private static List<String> words(String s) {
    return s.isEmpty() ? List.of() : List.of(s.split(" "));
  }

  private record Result(int exit, String stdout) {}

  private static Result run(List<String> command, Path log) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectError(log.toFile());
    // A fixed hash seed makes gensim's vector initialization, and so the model, the same on every run.
    pb.environment().put("PYTHONHASHSEED", "0");
    Process p = pb.start();
    String out;
    try (InputStream in = p.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (!p.waitFor(15, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      fail(command + " did not finish");
    }
    return new Result(p.exitValue(), out);
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
  }
}
