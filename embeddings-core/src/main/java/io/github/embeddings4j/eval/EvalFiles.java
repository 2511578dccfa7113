package io.github.embeddings4j.eval;

import io.github.embeddings4j.EmbeddingFormatException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Line reading and the few Python string operations gensim's evaluators rely on ({@code str.split()},
 * {@code str.strip()}, {@code str.split(sep)}), so that files are cut into words exactly as gensim cuts them.
 */
final class EvalFiles {
  /** Longest excerpt of a bad line quoted in an exception message. */
  private static final int QUOTE_LIMIT = 80;

  private EvalFiles() {}

  /** Receives one line of a file and its 1-based number. */
  @FunctionalInterface
  interface LineHandler {
    void line(String line, int number) throws EmbeddingFormatException;
  }

  /** Reads a UTF-8 file line by line; a decoding error is reported with its line. */
  static void readLines(Path file, LineHandler handler) throws IOException {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      readLines(in, file, handler);
    }
  }

  /** Reads lines from a reader (not closed); {@code file} only names the source in messages and may be null. */
  static void readLines(Reader reader, Path file, LineHandler handler) throws IOException {
    BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
    int number = 0;
    try {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        number++;
        handler.line(line, number);
      }
    } catch (CharacterCodingException e) {
      throw new EmbeddingFormatException(file, "line " + (number + 1), "not valid UTF-8", e);
    }
  }

  /** An exception naming the file, the line and what is wrong with it, quoting the line. */
  static EmbeddingFormatException badLine(Path file, int number, String problem, String line) {
    String quoted = line.length() <= QUOTE_LIMIT ? line : line.substring(0, QUOTE_LIMIT) + "...";
    return new EmbeddingFormatException(file, "line " + number, problem + ": \"" + quoted + "\"");
  }

  /** Python's {@code str.isspace()} for one char: Java whitespace, the no-break spaces and NEL. */
  static boolean isPythonSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
  }

  /** Python's {@code str.split()}: runs of whitespace separate, no empty words. */
  static List<String> words(String line) {
    List<String> out = new ArrayList<>(4);
    int n = line.length();
    int i = 0;
    while (i < n) {
      while (i < n && isPythonSpace(line.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !isPythonSpace(line.charAt(i))) {
        i++;
      }
      if (i > start) {
        out.add(line.substring(start, i));
      }
    }
    return out;
  }

  /** Python's {@code str.strip()}. */
  static String strip(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isPythonSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isPythonSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  /** Python's {@code str.split(sep)}: every occurrence separates, empty fields kept. */
  static List<String> fields(String line, String delimiter) {
    List<String> out = new ArrayList<>(3);
    int start = 0;
    for (int at = line.indexOf(delimiter); at >= 0; at = line.indexOf(delimiter, start)) {
      out.add(line.substring(start, at));
      start = at + delimiter.length();
    }
    out.add(line.substring(start));
    return out;
  }
}
