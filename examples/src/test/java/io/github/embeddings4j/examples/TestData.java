package io.github.embeddings4j.examples;

import io.github.embeddings4j.llm.TokenEmbeddings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The default data, loaded once for all test classes of the run. */
final class TestData {
  private static List<String> glosses;
  private static TokenEmbeddings miniLm;

  private TestData() {}

  static synchronized List<String> glosses() {
    if (glosses == null) {
      try {
        glosses = DefaultData.wordNetGlosses(Progress.NONE);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return glosses;
  }

  /** all-MiniLM-L6-v2 from the class path; its tokenizer file stays in a temporary folder until the JVM exits. */
  static synchronized TokenEmbeddings miniLm() {
    if (miniLm == null) {
      try {
        Path dir = Files.createTempDirectory("examples-minilm");
        dir.toFile().deleteOnExit();
        miniLm = DefaultData.openModel(null, dir, Progress.NONE);
        dir.resolve("tokenizer.json").toFile().deleteOnExit();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return miniLm;
  }
}
