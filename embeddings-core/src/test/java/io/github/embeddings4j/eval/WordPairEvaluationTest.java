package io.github.embeddings4j.eval;

import static io.github.embeddings4j.eval.AnalogyEvaluationTest.embedding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.embeddings4j.Embedding;
import io.github.embeddings4j.EmbeddingFormatException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WordPairEvaluationTest {
  /** Unit vectors at 0, 60, 90 and 180 degrees: cosines 0.5, 0, -1, cos 30 = 0.866 and -0.5 below. */
  private static final Embedding ANGLES = embedding(
      "a", new float[] {1, 0},
      "b", new float[] {0.5f, (float) (Math.sqrt(3) / 2)},
      "c", new float[] {0, 1},
      "d", new float[] {-1, 0},
      "B", new float[] {-1, 0});

  private static final String PAIRS = String.join("\n",
      "# word 1\tword 2\tscore",
      "a\tb\t8",
      "A\tc\t5.0",
      "",
      "a\td\t1",
      "b\tc\t9",
      "b\td\t 5 ",
      "x\ta\t3",
      "a\ty\t2");

  private static final WordPairEvaluation GENSIM = WordPairEvaluation.gensimDefaults();

  @Test
  void correlationsAsScipy() throws IOException {
    WordPairResult r = GENSIM.evaluate(ANGLES, new StringReader(PAIRS));
    // gold [8, 5, 1, 9, 5] vs cosines [0.5, 0, -1, 0.866, -0.5]; the tied gold 5s share rank 2.5:
    // rho = 9.5 / sqrt(9.5 * 10) by hand; scipy: pearsonr 0.9638209185826474, spearmanr 0.9746794344808963
    assertEquals(9.5 / Math.sqrt(95), r.spearman(), 1e-12);
    assertEquals(0.9638209185826474, r.pearson(), 1e-6);
    assertEquals(5, r.pairs());
    assertEquals(2, r.oov());
    assertEquals(200.0 / 7, r.oovRatio(), 1e-12);
  }

  @Test
  void dummy4unknownKeepsUnknownPairsAtZero() throws IOException {
    WordPairResult r = GENSIM.withDummy4unknown(true).evaluate(ANGLES, new StringReader(PAIRS));
    // cosines [0.5, 0, -1, 0.866, -0.5, 0, 0]: three tied zeros share rank 4 (scipy: 0.7853554716071041)
    assertEquals(21 / Math.sqrt(27.5 * 26), r.spearman(), 1e-12);
    assertEquals(0.8145501845215793, r.pearson(), 1e-6);
    assertEquals(7, r.pairs());
    assertEquals(2, r.oov());
    assertEquals(200.0 / 7, r.oovRatio(), 1e-12);
  }

  @Test
  void firstCaseVariantWinsAndCaseSensitiveModeKeepsCase() throws IOException {
    // "B" is the upper case of "b" and of the later row "B"; "b" wins, so the pair scores as a/b
    WordPairResult upper = GENSIM.evaluate(ANGLES, new StringReader("A\tB\t8\na\tc\t5\na\td\t1\n"));
    WordPairResult lower = GENSIM.evaluate(ANGLES, new StringReader("a\tb\t8\na\tc\t5\na\td\t1\n"));
    assertEquals(lower, upper);
    WordPairResult sensitive = GENSIM.withCaseInsensitive(false)
        .evaluate(ANGLES, new StringReader("A\tb\t8\na\tc\t5\na\td\t1\nb\td\t5\n"));
    assertEquals(3, sensitive.pairs());
    assertEquals(1, sensitive.oov());
  }

  @Test
  void wordsAreNotTrimmedAndRestrictVocabApplies() throws IOException {
    WordPairResult r = GENSIM.evaluate(ANGLES, new StringReader("a \tb\t8\na\tc\t5\na\td\t1\n"));
    assertEquals(1, r.oov());
    WordPairResult restricted = GENSIM.withRestrictVocab(3).evaluate(ANGLES, new StringReader(PAIRS));
    assertEquals(3, restricted.pairs());
    assertEquals(4, restricted.oov());
  }

  @Test
  void otherDelimiters() throws IOException {
    WordPairResult r = GENSIM.withDelimiter(",").evaluate(ANGLES, new StringReader(PAIRS.replace('\t', ',')));
    assertEquals(GENSIM.evaluate(ANGLES, new StringReader(PAIRS)), r);
  }

  @Test
  void tooFewPairsGiveNaN() throws IOException {
    WordPairResult r = GENSIM.evaluate(ANGLES, new StringReader("a\tb\t8\nx\ty\t1\n"));
    assertEquals(Double.NaN, r.spearman());
    assertEquals(Double.NaN, r.pearson());
    assertEquals(1, r.pairs());
    assertEquals(50.0, r.oovRatio(), 1e-12);
  }

  @Test
  void malformedLinesNameFileAndLine(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("pairs.tsv");
    Files.writeString(file, "# comment\na\tb\t8\na\tc\n");
    EmbeddingFormatException e = assertThrows(EmbeddingFormatException.class, () -> GENSIM.evaluate(ANGLES, file));
    assertEquals(file, e.file());
    assertEquals("line 3", e.location());
    assertTrue(e.getMessage().startsWith(file + ", line 3: expected 3 fields separated by TAB, found 2"),
        e.getMessage());
    for (String score : new String[] {"high", "nan", "1f", "", "0x10"}) {
      EmbeddingFormatException bad = assertThrows(EmbeddingFormatException.class,
          () -> GENSIM.evaluate(ANGLES, new StringReader("a\tb\t8\na\tc\t" + score + "\n")), score);
      assertEquals("line 2", bad.location());
      assertTrue(bad.getMessage().contains("score is not a finite number"), bad.getMessage());
    }
  }

  @Test
  void settingsAreValidated() {
    assertThrows(IllegalArgumentException.class, () -> GENSIM.withDelimiter(""));
    assertThrows(IllegalArgumentException.class, () -> GENSIM.withRestrictVocab(0));
    assertEquals(new WordPairEvaluation("\t", 300_000, true, false), GENSIM);
  }
}
