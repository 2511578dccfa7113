package io.github.embeddings4j.llm.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.embeddings4j.EmbeddingFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 18: a malformed Unigram vocabulary entry fails at open instead of silently ending the vocabulary. */
class UnigramVocabularyTest {
  @TempDir Path dir;

  private Path unigram(String vocab) throws IOException {
    return Files.writeString(dir.resolve("tokenizer.json"), "{\"added_tokens\": [], \"model\": {\"type\": \"Unigram\","
        + " \"unk_id\": 0, \"vocab\": " + vocab + "}}");
  }

  private void assertRejected(String vocab, String... mustMention) throws IOException {
    Path f = unigram(vocab);
    EmbeddingFormatException e = assertThrows(EmbeddingFormatException.class, () -> HfTokenizer.open(f).close());
    assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    for (String s : mustMention) {
      assertTrue(e.getMessage().contains(s), "\"" + s + "\" not in: " + e.getMessage());
    }
  }

  @Test
  void aMalformedEntryIsAFormatErrorNamingItsIndexAndPosition() throws IOException {
    // Was: [["a", 0.0], 5, ["c", 0.0]] opened as a 1-token vocabulary, for a 3-row table.
    assertRejected("[[\"<unk>\", 0.0], 5, [\"c\", -1.5]]", "model.vocab[1]", "line 1, column", "[piece, score]");
    assertRejected("[[\"<unk>\", 0.0], [\"b\"], [\"c\", -1.5]]", "model.vocab[1]", "\"b\" is not followed");
    assertRejected("[[\"<unk>\", 0.0], [\"b\", \"x\"]]", "model.vocab[1]");
    assertRejected("[[\"<unk>\", 0.0], [\"b\", -1.0, 7]]", "model.vocab[1]");
    assertRejected("[[\"<unk>\", 0.0], [3, -1.0]]", "model.vocab[1]");
    assertRejected("[[\"<unk>\", 0.0], {\"b\": -1.0}]", "model.vocab[1]");
    assertRejected("[[\"<unk>\", 0.0], null]", "model.vocab[1]");
  }

  @Test
  void wellFormedEntriesGiveOneTokenEach() throws IOException {
    try (HfTokenizer t = HfTokenizer.open(unigram("[[\"<unk>\", 0.0], [\"\u2581b\", -1], [\"c\", -1.5e3]]"))) {
      assertEquals(List.of("<unk>", "\u2581b", "c"), t.vocabulary().tokens());
    }
    try (HfTokenizer t = HfTokenizer.open(unigram("[]"))) {
      assertEquals(0, t.vocabulary().size());
    }
  }

  @Test
  void addedTokensThatAreNotAnArrayAreAFormatError() throws IOException {
    Path f = Files.writeString(dir.resolve("tokenizer.json"), "{\"added_tokens\": {\"id\": 3}, \"model\": {\"vocab\":"
        + " {\"a\": 0}}}");
    EmbeddingFormatException e = assertThrows(EmbeddingFormatException.class, () -> HfTokenizer.open(f).close());
    assertTrue(e.getMessage().contains("added_tokens") && e.getMessage().contains("not an array"), e.getMessage());
  }
}
