package io.github.embeddings4j.io;

import io.github.embeddings4j.Embedding;
import io.github.embeddings4j.EmbeddingFormatException;
import io.github.embeddings4j.WordVectors;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * fastText's {@code .vec} files: word2vec text with a header (see {@link Word2VecTextFormat} for the layout), whose
 * lines end with a space before the newline. Only the word vectors; the subword n-gram buckets live in the
 * {@code .bin} model, which this class does not read. Reading and writing delegate to
 * {@link Word2VecTextFormat}; the class exists so that code says which format it means.
 *
 * <pre>{@code
 * WordVectors wv = FastTextVecFormat.read(Path.of("cc.en.300.vec"), 200_000);
 * }</pre>
 */
public final class FastTextVecFormat {
  private FastTextVecFormat() {}

  /**
   * Reads a whole {@code .vec} file.
   *
   * @param file a fastText {@code .vec} file
   * @return the word vectors, in file order
   * @throws EmbeddingFormatException if the file is not valid
   * @throws IOException if reading fails
   */
  public static WordVectors read(Path file) throws IOException {
    return Word2VecTextFormat.read(file);
  }

  /**
   * Reads the first {@code limit} words of a {@code .vec} file.
   *
   * @param file a fastText {@code .vec} file
   * @param limit how many words at most
   * @return the word vectors, in file order
   * @throws EmbeddingFormatException if the part read is not valid
   * @throws IOException if reading fails
   * @throws IllegalArgumentException if {@code limit} is negative
   */
  public static WordVectors read(Path file, int limit) throws IOException {
    return Word2VecTextFormat.read(file, limit);
  }

  /**
   * Reads from a stream, which is left open.
   *
   * @param in {@code .vec} text
   * @return the word vectors, in stream order
   * @throws EmbeddingFormatException if the stream is not valid
   * @throws IOException if reading fails
   */
  public static WordVectors read(InputStream in) throws IOException {
    return Word2VecTextFormat.read(in);
  }

  /**
   * Reads the first {@code limit} words from a stream, which is left open.
   *
   * @param in {@code .vec} text
   * @param limit how many words at most
   * @return the word vectors, in stream order
   * @throws EmbeddingFormatException if the part read is not valid
   * @throws IOException if reading fails
   * @throws IllegalArgumentException if {@code limit} is negative
   */
  public static WordVectors read(InputStream in, int limit) throws IOException {
    return Word2VecTextFormat.read(in, limit);
  }

  /**
   * Saves vectors atomically in the {@code .vec} layout.
   * The saved file keeps the permissions of the file it replaces (a new one gets the umask's default), and a
   * symbolic link is written through to the file it points to; see the package comment.
   *
   * @param embedding the vectors; one line per vocabulary token
   * @param file the file to create or replace
   * @throws IOException if writing fails (the previous file is then intact)
   * @throws IllegalArgumentException if a token is empty or holds a space or line break
   */
  public static void write(Embedding embedding, Path file) throws IOException {
    Word2VecTextFormat.write(embedding, file);
  }

  /**
   * Writes vectors to a stream in the {@code .vec} layout; the stream is flushed and left open.
   *
   * @param embedding the vectors; one line per vocabulary token
   * @param out where to write
   * @throws IOException if writing fails
   * @throws IllegalArgumentException if a token is empty or holds a space or line break
   */
  public static void write(Embedding embedding, OutputStream out) throws IOException {
    Word2VecTextFormat.write(embedding, out);
  }
}
