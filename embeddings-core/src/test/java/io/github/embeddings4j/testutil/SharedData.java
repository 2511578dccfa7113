package io.github.embeddings4j.testutil;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the third-party test data in {@code shared/data}, which CI places beside the project checkout. Walks up
 * from the working directory (Maven runs tests in the module folder) to the first folder with a
 * {@code shared/data} child. Where it is absent the calling test is skipped, unless the system property
 * {@code embeddings.requireSharedData=true} is set (as CI does): then it fails.
 */
public final class SharedData {
  /** The system property that turns a missing data folder from a skip into a failure. */
  public static final String REQUIRE_PROPERTY = "embeddings.requireSharedData";

  private SharedData() {}

  /**
   * Returns a file or folder under {@code shared/data}, skipping (or failing) the test when it is absent.
   *
   * @param relative a path inside {@code shared/data}, e.g. {@code "vectors/toy-model.vec"}
   * @return the existing path
   */
  public static Path path(String relative) {
    Path root = findRoot();
    Path p = root == null ? null : root.resolve(relative);
    if (p == null || !Files.exists(p)) {
      skipOrFail("shared test data " + relative + " not found above " + Path.of("").toAbsolutePath());
    }
    return p;
  }

  /** Returns whether missing external prerequisites must fail tests instead of skipping them. */
  public static boolean required() {
    return Boolean.getBoolean(REQUIRE_PROPERTY);
  }

  /**
   * Skips the calling test with a message, or fails it when {@link #required()}.
   *
   * @param message what is missing
   */
  public static void skipOrFail(String message) {
    if (required()) {
      fail(message + " (and " + REQUIRE_PROPERTY + "=true)");
    }
    Assumptions.abort(message);
  }

  private static Path findRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("data");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
