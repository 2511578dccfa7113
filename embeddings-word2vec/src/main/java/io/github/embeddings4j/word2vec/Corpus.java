package io.github.embeddings4j.word2vec;

import io.github.embeddings4j.Tokenizer;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The sentences a model trains on, readable as many times as training needs (once to count the vocabulary, then
 * once per epoch): nothing is held in memory beyond the sentence being read, so a corpus can be larger than the
 * heap.
 *
 * <p>A sentence longer than the configuration's {@code maxSentenceLength} is cut into pieces of that many tokens
 * (long lines are split, never dropped); each training thread takes a contiguous run of pieces, so a corpus of
 * one huge line (text8) still trains on every thread.
 *
 * <pre>{@code
 * Corpus corpus = Corpus.lines(Path.of("text8.gz"));                       // lowercased letters and digits
 * Corpus pre = Corpus.lines(Path.of("tokens.txt"), Tokenizer.WHITESPACE);  // already tokenized
 * Corpus mem = Corpus.of(List.of(List.of("a", "rose", "is", "a", "rose")));
 * }</pre>
 */
public final class Corpus {
  /** Receives the sentence pieces of one pass; returns false to end the pass early. */
  @FunctionalInterface
  interface PieceSink {
    boolean accept(List<String> piece) throws IOException;
  }

  /** One pass over the sentences, each handed to the consumer; stops when it returns false. */
  @FunctionalInterface
  private interface Source {
    void forEach(SentenceConsumer consumer) throws IOException;
  }

  /** A sentence of tokens, or a line still to tokenize; returns false to stop. */
  private interface SentenceConsumer {
    boolean tokens(List<String> sentence) throws IOException;

    boolean line(String line) throws IOException;
  }

  private final Source source;
  private final Tokenizer tokenizer;
  private final String description;

  private Corpus(Source source, Tokenizer tokenizer, String description) {
    this.source = source;
    this.tokenizer = tokenizer;
    this.description = description;
  }

  /**
   * A corpus of sentences already cut into tokens. The iterable is iterated once per pass and must give the same
   * sentences each time.
   *
   * @param sentences the sentences, each a list of tokens
   * @return the corpus
   */
  public static Corpus of(Iterable<? extends List<String>> sentences) {
    Objects.requireNonNull(sentences, "sentences");
    return new Corpus(consumer -> {
      for (List<String> s : sentences) {
        if (!consumer.tokens(s)) {
          return;
        }
      }
    }, Tokenizer.WHITESPACE, "sentences");
  }

  /**
   * A corpus of sentences from a stream supplier, called once per pass (a stream can be read only once); each
   * stream is closed after its pass.
   *
   * @param sentences makes a fresh stream of the same sentences on each call
   * @return the corpus
   */
  public static Corpus of(Supplier<? extends Stream<? extends List<String>>> sentences) {
    Objects.requireNonNull(sentences, "sentences");
    return new Corpus(consumer -> {
      try (Stream<? extends List<String>> s = sentences.get()) {
        Iterator<? extends List<String>> it = s.iterator();
        while (it.hasNext()) {
          if (!consumer.tokens(it.next())) {
            return;
          }
        }
      }
    }, Tokenizer.WHITESPACE, "stream");
  }

  /**
   * A text file, one sentence per line, UTF-8 (malformed bytes become U+FFFD), gzip-compressed or not (told by
   * its first two bytes), cut by {@link Tokenizer#LETTERS_AND_DIGITS}: lowercase runs of letters and digits. A
   * byte order mark at the start is skipped. The file is opened again for every pass (the vocabulary pass, then
   * each epoch); a path that is a directory fails the first pass naming it.
   *
   * @param file the file
   * @return the corpus
   */
  public static Corpus lines(Path file) {
    return lines(file, Tokenizer.LETTERS_AND_DIGITS);
  }

  /**
   * A text file, one sentence per line, UTF-8 (malformed bytes become U+FFFD), gzip-compressed or not (told by
   * its first two bytes), cut by the given tokenizer ({@link Tokenizer#WHITESPACE} for a pre-tokenized file, as
   * the C tool reads it). A byte order mark at the start is skipped. The file is opened again for every
   * pass (the vocabulary pass, then each epoch); a path that is a directory fails the first pass naming it.
   *
   * @param file the file
   * @param tokenizer cuts each line into tokens
   * @return the corpus
   */
  public static Corpus lines(Path file, Tokenizer tokenizer) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(tokenizer, "tokenizer");
    return new Corpus(consumer -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(open(file), StandardCharsets.UTF_8),
          1 << 14)) {
        String first = r.readLine();
        // A byte order mark (Windows editors write one) is not part of the first word.
        if (first != null && first.startsWith("\uFEFF")) {
          first = first.substring(1);
        }
        for (String line = first; line != null; line = r.readLine()) {
          if (!consumer.line(line)) {
            return;
          }
        }
      }
    }, tokenizer, file.toString());
  }

  private static InputStream open(Path file) throws IOException {
    if (Files.isDirectory(file)) {
      // Reading one would fail with a bare "Is a directory" that does not say which.
      throw new FileSystemException(file.toString(), null, "is a directory, not a text file");
    }
    InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 14);
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    return b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(in, 1 << 14) : in;
  }

  /** The tokenizer of this corpus, which the trained vectors keep for {@code embed}. */
  Tokenizer tokenizer() {
    return tokenizer;
  }

  /**
   * Hands the pieces numbered {@code from} (inclusive) to {@code to} (exclusive), in corpus order, to the sink,
   * and returns how many numbers the pass used (stopping early at {@code to}). A sentence of {@code n} tokens
   * takes {@code ceil(n / maxLength)} numbers, one per piece; a line of fewer than {@code 2 * maxLength} chars
   * takes exactly one (it holds at most {@code maxLength} tokens, since each token and the separator after it
   * take two chars), even if empty, so lines outside the range are skipped without tokenizing. Contiguous ranges
   * are the training threads' shards, as the C tool gives each thread a contiguous part of the file.
   */
  long forEachPiece(long from, long to, int maxLength, PieceSink sink) throws IOException {
    long[] index = {0};
    source.forEach(new SentenceConsumer() {
      @Override
      public boolean tokens(List<String> sentence) throws IOException {
        int n = sentence.size();
        for (int start = 0; start < n; start += maxLength) {
          long i = index[0]++;
          if (i >= to) {
            return false;
          }
          if (i >= from && !sink.accept(sentence.subList(start, Math.min(n, start + maxLength)))) {
            return false;
          }
        }
        return true;
      }

      @Override
      public boolean line(String line) throws IOException {
        if (line.length() >= 2 * maxLength) {
          return tokens(tokenizer.tokenize(line));
        }
        long i = index[0]++;
        if (i >= to) {
          return false;
        }
        if (i < from) {
          return true;
        }
        List<String> tokens = tokenizer.tokenize(line);
        return tokens.isEmpty() || sink.accept(tokens);
      }
    });
    return Math.min(index[0], to);
  }

  @Override
  public String toString() {
    return "Corpus[" + description + "]";
  }
}
