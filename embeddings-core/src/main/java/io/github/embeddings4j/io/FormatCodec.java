package io.github.embeddings4j.io;

import io.github.embeddings4j.Embedding;
import io.github.embeddings4j.WordVectors;
import io.github.embeddings4j.internal.util.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * One single-file format's parser and stream writer, from which the file and stream overloads of its public class
 * are made here, once: a file is read through one open ({@link ByteInput#parseFile}), a caller's stream is left
 * open, and a save goes through {@link AtomicFiles}.
 */
final class FormatCodec {
  /** Parses the first {@code limit} words of an input. */
  @FunctionalInterface
  interface Parser {
    /**
     * Parses an input.
     *
     * @param in the input
     * @param limit how many words at most ({@link Integer#MAX_VALUE} for all)
     * @return the word vectors
     * @throws IOException if the input is invalid or reading fails
     */
    WordVectors parse(ByteInput in, int limit) throws IOException;
  }

  /** Writes an embedding's rows to a stream, flushing it and leaving it open. */
  @FunctionalInterface
  interface StreamWriter {
    /**
     * Writes vectors.
     *
     * @param rows the rows to write, one per vocabulary token
     * @param out where to write
     * @throws IOException if writing fails
     */
    void write(TextRows.Rows rows, OutputStream out) throws IOException;
  }

  private final Parser parser;
  private final StreamWriter writer;

  private FormatCodec(Parser parser, StreamWriter writer) {
    this.parser = parser;
    this.writer = writer;
  }

  /**
   * A codec.
   *
   * @param parser the format's parser
   * @param writer the format's stream writer
   * @return the codec
   */
  static FormatCodec of(Parser parser, StreamWriter writer) {
    return new FormatCodec(parser, writer);
  }

  /**
   * Reads the first {@code limit} words of a file.
   *
   * @param file the file
   * @param limit how many words at most
   * @return the word vectors
   * @throws IOException if the file is invalid or reading fails
   */
  WordVectors read(Path file, int limit) throws IOException {
    return ByteInput.parseFile(file, in -> parser.parse(in, limit));
  }

  /**
   * Reads the first {@code limit} words from a stream, which is left open.
   *
   * @param in the stream
   * @param limit how many words at most
   * @return the word vectors
   * @throws IOException if the data is invalid or reading fails
   */
  WordVectors read(InputStream in, int limit) throws IOException {
    return ByteInput.parseStream(in, input -> parser.parse(input, limit));
  }

  /**
   * Saves vectors atomically.
   *
   * @param embedding the vectors; one row per vocabulary token
   * @param file the file to create or replace
   * @throws IOException if writing fails (the previous file is then intact)
   * @throws IllegalArgumentException if the vocabulary is larger than the table, or the format refuses a token
   */
  void write(Embedding embedding, Path file) throws IOException {
    TextRows.Rows rows = TextRows.Rows.of(embedding);
    AtomicFiles.write(file, out -> writer.write(rows, out));
  }

  /**
   * Writes vectors to a stream, which is flushed and left open.
   *
   * @param embedding the vectors; one row per vocabulary token
   * @param out where to write
   * @throws IOException if writing fails
   * @throws IllegalArgumentException if the vocabulary is larger than the table, or the format refuses a token
   */
  void write(Embedding embedding, OutputStream out) throws IOException {
    writer.write(TextRows.Rows.of(embedding), out);
  }
}
