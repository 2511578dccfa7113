package io.github.embeddings4j.io;

import io.github.embeddings4j.Embedding;
import io.github.embeddings4j.EmbeddingFormatException;
import io.github.embeddings4j.WordVectors;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * The word2vec text format, as written by the original C tool ({@code -binary 0}), by gensim's
 * {@code save_word2vec_format(binary=False)} and (as {@code .vec}) by fastText.
 *
 * <h2>Layout</h2>
 * UTF-8 text, lines ending in {@code '\n'} (a CRLF's {@code '\r'} is ignored; a byte order mark before the header
 * is skipped):
 * <ol>
 *   <li>header: {@code <words> <dimension>}, two decimal integers separated by whitespace;</li>
 *   <li>{@code <words>} lines {@code <word> <v1> ... <vdimension>}: the word is every byte up to the first space
 *       (any other UTF-8, tabs included), values are decimal floats (as gensim reads them: no hex, no
 *       {@code f}/{@code d} suffix) separated by spaces or tabs. Trailing
 *       whitespace is ignored (fastText ends lines with a space).</li>
 * </ol>
 * Empty lines may follow the last word, nothing else. Rows keep the file's order (most frequent first for
 * word2vec and gensim files), which is what {@code limit} relies on.
 *
 * <h2>Guarantees</h2>
 * The reader streams (one line in memory at a time) and checks everything: the header's claim against the file
 * size before allocating, the number of rows and of values per row, numbers, finiteness, strict UTF-8 and
 * duplicate words; any violation is an {@link EmbeddingFormatException} naming the file, the line and the
 * problem. The writer prints each value in its shortest form that reads back to the same float32, so a
 * round trip is exact, and saves atomically.
 *
 * <pre>{@code
 * WordVectors wv = Word2VecTextFormat.read(Path.of("vectors.txt"));
 * WordVectors top = Word2VecTextFormat.read(Path.of("vectors.txt"), 100_000); // the first 100,000 words
 * Word2VecTextFormat.write(wv, Path.of("copy.txt"));
 * }</pre>
 */
public final class Word2VecTextFormat {

  private static final FormatCodec WORD2VEC_TEXT = TextRows.wordLines(true);

  private Word2VecTextFormat() {}

  /**
   * Reads a whole file.
   *
   * @param file a word2vec text file
   * @return the word vectors, float32, in file order
   * @throws EmbeddingFormatException if the file is not valid word2vec text
   * @throws IOException if reading fails
   */
  public static WordVectors read(Path file) throws IOException {
    return read(file, Integer.MAX_VALUE);
  }

  /**
   * Reads the first {@code limit} words of a file, like gensim's {@code limit}; the rest is not read.
   *
   * @param file a word2vec text file
   * @param limit how many words at most
   * @return the word vectors, float32, in file order
   * @throws EmbeddingFormatException if the part read is not valid word2vec text
   * @throws IOException if reading fails
   * @throws IllegalArgumentException if {@code limit} is negative
   */
  public static WordVectors read(Path file, int limit) throws IOException {
    return WORD2VEC_TEXT.read(file, limit);
  }

  /**
   * Reads from a stream, which is left open.
   *
   * @param in word2vec text
   * @return the word vectors
   * @throws EmbeddingFormatException if the stream is not valid word2vec text
   * @throws IOException if reading fails
   */
  public static WordVectors read(InputStream in) throws IOException {
    return read(in, Integer.MAX_VALUE);
  }

  /**
   * Reads the first {@code limit} words from a stream, which is left open (positioned after them).
   *
   * @param in word2vec text
   * @param limit how many words at most
   * @return the word vectors
   * @throws EmbeddingFormatException if the part read is not valid word2vec text
   * @throws IOException if reading fails
   * @throws IllegalArgumentException if {@code limit} is negative
   */
  public static WordVectors read(InputStream in, int limit) throws IOException {
    return WORD2VEC_TEXT.read(in, limit);
  }

  /**
   * Saves vectors atomically: the file is either the previous one or the complete new one.
   * The saved file keeps the permissions of the file it replaces (a new one gets the umask's default), and a
   * symbolic link is written through to the file it points to; see the package comment.
   *
   * @param embedding the vectors; one line per vocabulary token
   * @param file the file to create or replace
   * @throws IOException if writing fails (the previous file is then intact)
   * @throws IllegalArgumentException if a token is empty or holds a space or line break
   */
  public static void write(Embedding embedding, Path file) throws IOException {
    WORD2VEC_TEXT.write(embedding, file);
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
    WORD2VEC_TEXT.write(embedding, out);
  }
}
