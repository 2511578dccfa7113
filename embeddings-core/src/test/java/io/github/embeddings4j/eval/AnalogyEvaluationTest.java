package io.github.embeddings4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.embeddings4j.Embedding;
import io.github.embeddings4j.EmbeddingFormatException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalogyEvaluationTest {
  /** Axis 0 is royalty, axis 1 is "male", axis 2 is fruit; frequency order: the first row is most frequent. */
  private static final Embedding ROYALS = embedding(
      "man", new float[] {0, 1, 0},
      "woman", new float[] {0, -1, 0},
      "king", new float[] {1, 1, 0},
      "queen", new float[] {1, -1, 0},
      "apple", new float[] {0, 0, 1},
      "prince", new float[] {1, 0.9f, 0.1f},
      "princess", new float[] {1, -0.9f, 0.1f});

  private static final AnalogyEvaluation GENSIM = AnalogyEvaluation.gensimDefaults();

  @Test
  void scoresSectionsAndTotal() throws IOException {
    AnalogyResult r = GENSIM.evaluate(ROYALS, new StringReader(String.join("\n",
        ": royals",
        "man king woman queen",
        "Man King Woman Queen",
        "",
        "man woman king queen",
        "woman queen man apple",
        ":   second one  ",
        "king queen prince princess",
        "man king woman dragon")));
    assertEquals(List.of(new AnalogySection("royals", 3, 1), new AnalogySection("second one", 1, 0)),
        r.sections());
    assertEquals(new AnalogySection(AnalogyResult.TOTAL_NAME, 4, 1), r.total());
    assertEquals(0.8, r.accuracy(), 1e-12);
    assertEquals(6, r.questions());
    assertEquals(1, r.oov());
    assertEquals(100.0 / 6, r.oovRatio(), 1e-12);
    assertEquals(r.total(), r.section("Total accuracy"));
    assertEquals(0.75, r.section("royals").accuracy(), 1e-12);
  }

  @Test
  void caseSensitiveEvaluationSeesTitleCaseAsUnknown() throws IOException {
    AnalogyResult r = GENSIM.withCaseInsensitive(false).evaluate(ROYALS,
        new StringReader(": s\nman king woman queen\nMan King Woman Queen\n"));
    assertEquals(new AnalogySection("s", 1, 0), r.sections().get(0));
    assertEquals(1, r.oov());
  }

  @Test
  void restrictVocabMakesRareWordsUnknown() throws IOException {
    String questions = ": s\nman king woman queen\nking queen prince princess\n";
    AnalogyResult r = GENSIM.withRestrictVocab(5).evaluate(ROYALS, new StringReader(questions));
    assertEquals(new AnalogySection("s", 1, 0), r.sections().get(0));
    assertEquals(1, r.oov());
    AnalogyResult dummy = GENSIM.withRestrictVocab(5).withDummy4unknown(true)
        .evaluate(ROYALS, new StringReader(questions));
    assertEquals(new AnalogySection("s", 1, 1), dummy.sections().get(0));
    assertEquals(0.5, dummy.accuracy(), 1e-12);
  }

  @Test
  void restrictVocabLimitsTheCandidateAnswers() throws IOException {
    // with only the first 4 rows the answer to "king is to queen as prince is to ?" cannot be princess
    Embedding e = embedding(
        "king", new float[] {1, 1, 0},
        "queen", new float[] {1, -1, 0},
        "prince", new float[] {1, 0.9f, 0.1f},
        "apple", new float[] {0, 0, 1},
        "princess", new float[] {1, -0.9f, 0.1f});
    String questions = ": s\nking queen prince apple\n";
    assertEquals(1, GENSIM.withRestrictVocab(4).evaluate(e, new StringReader(questions)).total().correct());
    assertEquals(0, GENSIM.evaluate(e, new StringReader(questions)).total().correct());
  }

  @Test
  void firstCaseVariantGivesTheVectorAndVariantsOfQuestionWordsAreSkipped() throws IOException {
    // "KING" means the first variant, "king"; the answer "QUEEN" matches the rarer "Queen" row too, and "King",
    // a variant of a question word that most_similar does not exclude by row, is passed over like gensim does
    Embedding e = embedding(
        "man", new float[] {0, 1, 0},
        "woman", new float[] {0, -1, 0},
        "king", new float[] {1, 1, 0},
        "apple", new float[] {0, 0, 1},
        "King", new float[] {1, -1, 0.01f},
        "Queen", new float[] {1, -1, 0.02f},
        "queen", new float[] {-1, 0, 0});
    AnalogyResult r = GENSIM.evaluate(e, new StringReader(": s\nMAN KING WOMAN QUEEN\n"));
    assertEquals(1, r.total().correct());
  }

  @Test
  void malformedLinesNameFileAndLine(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("questions.txt");
    Files.writeString(file, ": s\nman king woman queen\nman king woman\n", StandardCharsets.UTF_8);
    EmbeddingFormatException e = assertThrows(EmbeddingFormatException.class, () -> GENSIM.evaluate(ROYALS, file));
    assertEquals(file, e.file());
    assertEquals("line 3", e.location());
    assertTrue(e.getMessage().startsWith(file + ", line 3: expected 4 words, found 3"), e.getMessage());

    EmbeddingFormatException noSection = assertThrows(EmbeddingFormatException.class,
        () -> GENSIM.evaluate(ROYALS, new StringReader("\nman king woman queen\n")));
    assertEquals("line 2", noSection.location());
    assertTrue(noSection.getMessage().contains("before the first"), noSection.getMessage());
  }

  @Test
  void invalidUtf8IsAFormatError(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("questions.txt");
    Files.write(file, new byte[] {':', ' ', 's', '\n', 'm', (byte) 0xC3, '\n'});
    EmbeddingFormatException e = assertThrows(EmbeddingFormatException.class, () -> GENSIM.evaluate(ROYALS, file));
    assertEquals(file, e.file());
    assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
  }

  @Test
  void settingsAreValidated() {
    assertThrows(IllegalArgumentException.class, () -> new AnalogyEvaluation(0, true, false));
    assertEquals(new AnalogyEvaluation(300_000, true, false), AnalogyEvaluation.gensimDefaults());
  }

  static Embedding embedding(Object... tokensAndVectors) {
    Map<String, float[]> m = new LinkedHashMap<>();
    for (int i = 0; i < tokensAndVectors.length; i += 2) {
      m.put((String) tokensAndVectors[i], (float[]) tokensAndVectors[i + 1]);
    }
    return Embedding.of(m);
  }
}
