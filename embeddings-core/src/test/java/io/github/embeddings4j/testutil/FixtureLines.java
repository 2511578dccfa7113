package io.github.embeddings4j.testutil;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads a gzip'd test fixture made by a reference script: one space-separated list of values per line, lines
 * starting with {@code #} skipped.
 */
public final class FixtureLines implements AutoCloseable {
  private final BufferedReader reader;

  private FixtureLines(BufferedReader reader) {
    this.reader = reader;
  }

  /**
   * Opens a gzip'd fixture from the test class path.
   *
   * @param resource the resource name, e.g. {@code "/sklearn/pca.txt.gz"}
   * @return the reader
   */
  public static FixtureLines open(String resource) {
    InputStream in = FixtureLines.class.getResourceAsStream(resource);
    assertNotNull(in, "test resource " + resource);
    try {
      return new FixtureLines(new BufferedReader(new InputStreamReader(new GZIPInputStream(in),
          StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Returns the next line's values.
   *
   * @return the values, split on single spaces
   */
  public String[] next() {
    try {
      String line;
      do {
        line = reader.readLine();
        if (line == null) {
          throw new IllegalStateException("fixture ends early");
        }
      } while (line.startsWith("#"));
      return line.isEmpty() ? new String[0] : line.split(" ");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Returns the next line as doubles.
   *
   * @return the values
   */
  public double[] doubles() {
    return Arrays.stream(next()).mapToDouble(Double::parseDouble).toArray();
  }

  /**
   * Returns the next line as ints.
   *
   * @return the values
   */
  public int[] ints() {
    return Arrays.stream(next()).mapToInt(Integer::parseInt).toArray();
  }

  /**
   * Returns the next line as longs.
   *
   * @return the values
   */
  public long[] longs() {
    return Arrays.stream(next()).mapToLong(Long::parseLong).toArray();
  }

  @Override
  public void close() {
    try {
      reader.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
