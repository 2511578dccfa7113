package io.github.embeddings4j.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.embeddings4j.llm.TokenEmbeddings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The "bank" experiment: contextual, static and static + position vectors of one word in three sentences.
 *
 * <p>The sentences matter: with the ones asserted on here the river uses are clearly closer to each other (0.929)
 * than to the money use (0.798, 0.741), but {@link #otherSentencesArePrintedNotAsserted()} shows a pair
 * ("She opened a savings account at the bank." / "Reeds grow along the muddy bank of the stream.") where the
 * second "bank" of "bank is near the river bank" is closer to the money use (0.802) than to the stream's bank
 * (0.674): MiniLM is trained for whole sentences, and its last layer mixes much of the sentence into every token.
 */
class WordInContextTest {
  private static final List<String> SENTENCES = List.of(
      "bank is near the river bank",
      "I went to the bank to deposit money.",
      "The boat drifted toward the river bank.");
  private static final String[] NAMES = {"bank (1st, ambiguous)", "river bank (2nd)", "money bank", "river bank"};

  private static ContextualEncoder encoder;
  private static TokenEmbeddings table;

  @BeforeAll
  static void open() throws IOException {
    encoder = ContextualEncoder.openDefault(EncoderOptions.defaults().withCacheDirectory(TestTexts.CACHE));
    ClassLoader loader = WordInContextTest.class.getClassLoader();
    Path model = ModelCache.file(loader, ContextualEncoder.DEFAULT_MODEL_RESOURCE, TestTexts.CACHE);
    Path tokenizer = ModelCache.file(loader, ContextualEncoder.DEFAULT_TOKENIZER_RESOURCE, TestTexts.CACHE);
    table = TokenEmbeddings.openOnnx(model, tokenizer);
  }

  @AfterAll
  static void close() {
    encoder.close();
    table.close();
  }

  @Test
  void riverBanksAreCloserToEachOtherThanToTheMoneyBank() {
    WordInContext contextual = WordInContext.of(encoder, "bank", SENTENCES);
    WordInContext stat = WordInContext.of(table, false, "bank", SENTENCES);
    WordInContext positions = WordInContext.of(table, true, "bank", SENTENCES);
    print("contextual (MiniLM last_hidden_state)", contextual);
    print("static (token table)", stat);
    print("static + position", positions);

    assertEquals(4, contextual.occurrences().size());
    assertEquals(List.of(0, 0, 1, 2), contextual.occurrences().stream().map(WordInContext.Occurrence::sentence)
        .toList());
    // [CLS] bank is near the river bank [SEP]: the word pieces at 1 and 6.
    assertEquals(1, contextual.occurrences().get(0).token());
    assertEquals(6, contextual.occurrences().get(1).token());
    double riverRiver = contextual.cosine(1, 3);
    double riverMoney = Math.max(contextual.cosine(1, 2), contextual.cosine(3, 2));
    assertTrue(riverRiver > riverMoney, "river-river " + riverRiver + " vs river-money " + riverMoney);
    assertTrue(contextual.cosine(0, 1) > contextual.cosine(0, 2),
        "the two banks of the first sentence " + contextual.cosine(0, 1) + " vs first-money "
            + contextual.cosine(0, 2));
    assertTrue(contextual.cosine(0, 1) < 0.999, "contextual vectors of one word differ: " + contextual.cosine(0, 1));

    // A static table cannot tell the senses apart: one row, cosine 1 everywhere.
    for (double[] row : stat.cosines()) {
      assertArrayEquals(new double[] {1, 1, 1, 1}, row, 1e-6);
    }
    // Positions make the same word at different places differ, whatever it means.
    assertTrue(positions.cosine(0, 1) < 0.999);
  }

  @Test
  void otherSentencesArePrintedNotAsserted() {
    String[][] pairs = {
        {"The bank raised its interest rates.", "We fished from the bank of the river."},
        {"I deposited my salary at the bank and withdrew some money.",
            "We sat on the grassy bank of the river and watched the water."},
        {"She opened a savings account at the bank.", "Reeds grow along the muddy bank of the stream."}};
    for (String[] pair : pairs) {
      WordInContext w = WordInContext.of(encoder, "bank", List.of(SENTENCES.get(0), pair[0], pair[1]));
      assertEquals(4, w.occurrences().size());
      System.out.printf(Locale.ROOT, "money: %s / river: %s -> river-river %.3f, river(2nd)-money %.3f,"
          + " river-money %.3f%n", pair[0], pair[1], w.cosine(1, 3), w.cosine(1, 2), w.cosine(3, 2));
    }
  }

  @Test
  void multiPieceWordsAndMissingWords() {
    WordInContext w = WordInContext.of(encoder, "tokenization",
        List.of("tokenization matters", "we study tokenization today"));
    assertEquals(2, w.occurrences().size());
    assertEquals(384, w.occurrences().get(0).vector().length);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> WordInContext.of(encoder, "bank", List.of("bank", "no such word here")));
    assertTrue(e.getMessage().contains("sentence 1"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> WordInContext.of(encoder, " ", List.of("a")));
  }

  private static void print(String title, WordInContext w) {
    StringBuilder b = new StringBuilder(title).append('\n');
    for (int i = 0; i < NAMES.length; i++) {
      b.append(String.format(Locale.ROOT, "  %-22s", NAMES[i]));
      for (int j = 0; j < NAMES.length; j++) {
        b.append(String.format(Locale.ROOT, " %6.3f", w.cosine(i, j)));
      }
      b.append('\n');
    }
    System.out.print(b);
  }
}
