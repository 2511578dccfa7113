package io.github.embeddings4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.embeddings4j.io.Word2VecBinaryFormat;
import io.github.embeddings4j.testutil.SharedData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gensim {@code KeyedVectors} counterparts of {@link Embedding} and {@link WordVectors} ({@code distance(s)},
 * {@code cosine_similarities}, {@code n_similarity}, {@code doesnt_match}, {@code rank}, {@code closer_than},
 * {@code get_mean_vector}, {@code get_normed_vectors}, {@code add_vectors}) against gensim itself: a random table
 * at an awkward size (97 x 13) is saved in word2vec binary format, gensim loads it and prints its answers, and
 * ours on the same file must agree to 1e-6 (tokens and ranks exactly). Runs when {@code /usr/bin/python3} can
 * import gensim; otherwise skipped, or failed under {@code embeddings.requireSharedData=true}.
 */
class GensimKeyedVectorsTest {
  private static final Path PYTHON = Path.of("/usr/bin/python3");
  private static final float TOLERANCE = 1e-6f;

  /** gensim's answers, one per line: a name, a tab, space-separated values or tokens. */
  private static final String SCRIPT = String.join("\n",
      "import sys",
      "import numpy as np",
      "from gensim.models import KeyedVectors",
      "kv = KeyedVectors.load_word2vec_format(sys.argv[1], binary=True)",
      "def out(name, values):",
      "    print(name + '\\t' + ' '.join(repr(float(v)) for v in np.atleast_1d(values)))",
      "def words(name, values):",
      "    print(name + '\\t' + ' '.join(values))",
      "out('distance', kv.distance('w1', 'w2'))",
      "out('distances_words', kv.distances('w1', ['w2', 'w3', 'w40', 'w1']))",
      "out('distances_all', kv.distances('w3'))",
      "out('distances_vector', kv.distances(kv['w5'] * np.float32(2.5), ['w6', 'w7']))",
      "out('cosine_similarities', kv.cosine_similarities(kv['w8'], kv[['w9', 'w10', 'w11', 'w8']]))",
      "out('n_similarity', kv.n_similarity(['w1', 'w2', 'w3'], ['w4', 'w5']))",
      "out('n_similarity_same', kv.n_similarity(['w1', 'w2'], ['w2', 'w1']))",
      "words('doesnt_match', [kv.doesnt_match(['w1', 'w2', 'w3', 'w4', 'w5', 'w6'])])",
      "words('doesnt_match_2', [kv.doesnt_match(['w20', 'w21', 'w22'])])",
      "for other in ['w7', 'w50', 'w96']:",
      "    out('rank_' + other, kv.rank('w1', other))",
      "    words('closer_than_' + other, kv.closer_than('w1', other))",
      "out('mean', kv.get_mean_vector(['w1', 'w2', 'w2']))",
      "out('mean_raw_post', kv.get_mean_vector(['w3', 'w4'], pre_normalize=False, post_normalize=True))",
      "out('mean_raw', kv.get_mean_vector(['w3', 'w4'], pre_normalize=False))",
      "normed = kv.get_normed_vectors()",
      "out('normed_0', normed[0])",
      "out('normed_96', normed[96])",
      "keep = KeyedVectors.load_word2vec_format(sys.argv[1], binary=True)",
      "keep.add_vectors(['new1', 'w2'], np.array([kv['w1'] + kv['w2'], kv['w3']]), replace=False)",
      "words('keep_keys', keep.index_to_key[-2:])",
      "out('keep_w2', keep['w2'])",
      "out('keep_new1', keep['new1'])",
      "kv.add_vectors(['new1', 'w2', 'new2'], np.array([kv['w1'] + kv['w2'], kv['w3'] * np.float32(0.5),",
      "    kv['w4'] - kv['w5']]), replace=True)",
      "words('replace_keys', kv.index_to_key[-3:])",
      "out('replace_size', len(kv))",
      "out('replace_new1', kv['new1'])",
      "out('replace_w2', kv['w2'])",
      "out('replace_new2', kv['new2'])");

  @TempDir
  static Path temp;

  private static WordVectors wv;
  private static Map<String, String> gensim;

  @BeforeAll
  static void runGensim() throws Exception {
    boolean ok = false;
    if (Files.isExecutable(PYTHON)) {
      Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import gensim").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      ok = p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
    if (!ok) {
      SharedData.skipOrFail("gensim is not importable by " + PYTHON + " (apt-get install python3-gensim)");
    }
    Random r = new Random(20261204);
    Map<String, float[]> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < 97; i++) {
      float[] v = new float[13];
      for (int c = 0; c < v.length; c++) {
        v[c] = (float) r.nextGaussian();
      }
      m.put("w" + i, v);
    }
    Path file = temp.resolve("vectors.bin");
    Word2VecBinaryFormat.write(WordVectors.of(m), file);
    wv = Word2VecBinaryFormat.read(file);
    Process p = new ProcessBuilder(PYTHON.toString(), "-c", SCRIPT, file.toString()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError("gensim script failed: " + err);
    }
    gensim = new HashMap<>();
    for (String line : out.split("\n")) {
      int tab = line.indexOf('\t');
      if (tab > 0) {
        gensim.put(line.substring(0, tab), line.substring(tab + 1));
      }
    }
  }

  private static float[] numbers(String name) {
    String line = gensim.get(name);
    assertNotNull(line, name + " in gensim's output " + gensim.keySet());
    String[] parts = line.trim().split(" ");
    float[] out = new float[parts.length];
    for (int i = 0; i < parts.length; i++) {
      out[i] = (float) Double.parseDouble(parts[i]);
    }
    return out;
  }

  private static List<String> words(String name) {
    String line = gensim.get(name);
    assertNotNull(line, name + " in gensim's output " + gensim.keySet());
    return line.isEmpty() ? List.of() : List.of(line.split(" "));
  }

  private static float[] times(float[] v, float f) {
    float[] out = v.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] *= f;
    }
    return out;
  }

  @Test
  void distancesAndCosineSimilarities() {
    assertEquals(numbers("distance")[0], wv.distance("w1", "w2"), TOLERANCE);
    assertArrayEquals(numbers("distances_words"), wv.distances("w1", List.of("w2", "w3", "w40", "w1")), TOLERANCE);
    float[] all = wv.distances("w3", List.of());
    assertEquals(97, all.length);
    assertArrayEquals(numbers("distances_all"), all, TOLERANCE);
    assertArrayEquals(numbers("distances_vector"), wv.distances(times(wv.vector("w5"), 2.5f), List.of("w6", "w7")),
        TOLERANCE);
    float[][] rows = {wv.vector("w9"), wv.vector("w10"), wv.vector("w11"), wv.vector("w8")};
    assertArrayEquals(numbers("cosine_similarities"), Embedding.cosineSimilarities(wv.vector("w8"), rows),
        TOLERANCE);
    float[] againstTable = wv.cosineSimilarities(wv.vector("w8"));
    assertArrayEquals(numbers("cosine_similarities"), new float[] {againstTable[9], againstTable[10],
        againstTable[11], againstTable[8]}, TOLERANCE);
  }

  @Test
  void setSimilarityOddOneOutRankAndCloserThan() {
    assertEquals(numbers("n_similarity")[0], wv.nSimilarity(List.of("w1", "w2", "w3"), List.of("w4", "w5")),
        TOLERANCE);
    assertEquals(numbers("n_similarity_same")[0], wv.nSimilarity(List.of("w1", "w2"), List.of("w2", "w1")),
        TOLERANCE);
    assertEquals(words("doesnt_match").get(0), wv.doesntMatch(List.of("w1", "w2", "w3", "w4", "w5", "w6")));
    assertEquals(words("doesnt_match_2").get(0), wv.doesntMatch(List.of("w20", "w21", "w22")));
    for (String other : List.of("w7", "w50", "w96")) {
      assertEquals((int) numbers("rank_" + other)[0], wv.rank("w1", other), other);
      assertEquals(words("closer_than_" + other), wv.closerThan("w1", other), other);
    }
    // The ranks differ from each other, so the comparison above is not a trivial one.
    assertTrue(Arrays.asList(wv.rank("w1", "w7"), wv.rank("w1", "w50"), wv.rank("w1", "w96")).stream()
        .distinct().count() > 1);
  }

  @Test
  void meanVectorsAndUnitCopy() {
    assertArrayEquals(numbers("mean"), wv.meanVector(List.of("w1", "w2", "w2")), TOLERANCE);
    assertArrayEquals(numbers("mean_raw_post"), wv.meanVector(List.of("w3", "w4"), false, true), TOLERANCE);
    assertArrayEquals(numbers("mean_raw"), wv.meanVector(List.of("w3", "w4"), false, false), TOLERANCE);
    WordVectors unit = wv.normalized();
    assertArrayEquals(numbers("normed_0"), unit.vector(0), TOLERANCE);
    assertArrayEquals(numbers("normed_96"), unit.vector(96), TOLERANCE);
    assertEquals(wv.vocabulary().tokens(), unit.vocabulary().tokens());
  }

  @Test
  void addVectorsKeepsOrReplaces() {
    float[] sum = new float[13];
    float[] w1 = wv.vector("w1");
    float[] w2 = wv.vector("w2");
    float[] w4 = wv.vector("w4");
    float[] w5 = wv.vector("w5");
    float[] diff = new float[13];
    for (int c = 0; c < 13; c++) {
      sum[c] = w1[c] + w2[c];
      diff[c] = w4[c] - w5[c];
    }
    WordVectors keep = wv.addVectors(List.of("new1", "w2"), new float[][] {sum, wv.vector("w3")}, false);
    List<String> keys = keep.vocabulary().tokens();
    assertEquals(words("keep_keys"), keys.subList(keys.size() - 2, keys.size()));
    assertArrayEquals(numbers("keep_w2"), keep.vector("w2"), 0f);
    assertArrayEquals(numbers("keep_new1"), keep.vector("new1"), 0f);

    WordVectors replaced = wv.addVectors(List.of("new1", "w2", "new2"),
        new float[][] {sum, times(wv.vector("w3"), 0.5f), diff}, true);
    keys = replaced.vocabulary().tokens();
    assertEquals(words("replace_keys"), new ArrayList<>(keys.subList(keys.size() - 3, keys.size())));
    assertEquals((int) numbers("replace_size")[0], replaced.vocabulary().size());
    assertArrayEquals(numbers("replace_new1"), replaced.vector("new1"), 0f);
    assertArrayEquals(numbers("replace_w2"), replaced.vector("w2"), 0f);
    assertArrayEquals(numbers("replace_new2"), replaced.vector("new2"), 0f);
    // This instance is unchanged.
    assertEquals(97, wv.vocabulary().size());
    assertArrayEquals(w2, wv.vector("w2"), 0f);
  }
}
