package io.github.embeddings4j.io;

import io.github.embeddings4j.Embedding;
import io.github.embeddings4j.EmbeddingFormatException;
import io.github.embeddings4j.WordVectors;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * The GloVe text format (Stanford's {@code glove.6B.50d.txt} and the like; gensim's
 * {@code load_word2vec_format(no_header=True)}).
 *
 * <h2>Layout</h2>
 * UTF-8 text, no header; one line per word, {@code <word> <v1> ... <vd>}, lines ending in {@code '\n'} (CRLF and
 * trailing whitespace ignored; a byte order mark at the start of the file is not part of the first word). The word
 * is every byte up to the first space; values are decimal floats (no hex, no {@code f}/{@code d} suffix) separated
 * by spaces or tabs. The dimension is the number of values on the first line; every line must have as many.
 * Empty lines may follow the last word, nothing else.
 *
 * <h2>Guarantees</h2>
 * As {@link Word2VecTextFormat}: streaming, every line checked, errors naming file and line, exact round trip,
 * atomic save. With no word count in the file the rows are gathered in blocks that grow with what is read and
 * copied into the table at the end, so loading briefly needs about twice the table's memory.
 *
 * <pre>{@code
 * WordVectors glove = GloveFormat.read(Path.of("glove.6B.100d.txt"));
 * GloveFormat.write(glove.limit(50_000), Path.of("glove-50k.txt"));
 * }</pre>
 */
public final class GloveFormat {

  private static final FormatCodec GLOVE = TextRows.wordLines(false);

  private GloveFormat() {}

  /**
   * Reads a whole file.
   *
   * @param file a GloVe text file
   * @return the word vectors, float32, in file order
   * @throws EmbeddingFormatException if the file is empty or not valid GloVe text
   * @throws IOException if reading fails
   */
  public static WordVectors read(Path file) throws IOException {
    return read(file, Integer.MAX_VALUE);
  }

  /**
   * Reads the first {@code limit} words of a file; the rest is not read.
   *
   * @param file a GloVe text file
   * @param limit how many words at most
   * @return the word vectors, float32, in file order
   * @throws EmbeddingFormatException if the file is empty or the part read is not valid GloVe text
   * @throws IOException if reading fails
   * @throws IllegalArgumentException if {@code limit} is negative
   */
  public static WordVectors read(Path file, int limit) throws IOException {
    return GLOVE.read(file, limit);
  }

  /**
   * Reads from a stream, which is left open.
   *
   * @param in GloVe text
   * @return the word vectors
   * @throws EmbeddingFormatException if the stream is empty or not valid GloVe text
   * @throws IOException if reading fails
   */
  public static WordVectors read(InputStream in) throws IOException {
    return read(in, Integer.MAX_VALUE);
  }

  /**
   * Reads the first {@code limit} words from a stream, which is left open.
   *
   * @param in GloVe text
   * @param limit how many words at most
   * @return the word vectors
   * @throws EmbeddingFormatException if the stream is empty or the part read is not valid GloVe text
   * @throws IOException if reading fails
   * @throws IllegalArgumentException if {@code limit} is negative
   */
  public static WordVectors read(InputStream in, int limit) throws IOException {
    return GLOVE.read(in, limit);
  }

  /**
   * Saves vectors atomically.
   * The saved file keeps the permissions of the file it replaces (a new one gets the umask's default), and a
   * symbolic link is written through to the file it points to; see the package comment.
   *
   * @param embedding the vectors; one line per vocabulary token
   * @param file the file to create or replace
   * @throws IOException if writing fails (the previous file is then intact)
   * @throws IllegalArgumentException if a token is empty or holds a space or line break
   */
  public static void write(Embedding embedding, Path file) throws IOException {
    GLOVE.write(embedding, file);
  }

  /**
   * Writes vectors to a stream, which is flushed and left open.
   *
   * @param embedding the vectors; one line per vocabulary token
   * @param out where to write
   * @throws IOException if writing fails
   * @throws IllegalArgumentException if a token is empty or holds a space or line break
   */
  public static void write(Embedding embedding, OutputStream out) throws IOException {
    GLOVE.write(embedding, out);
  }
}
