package io.github.embeddings4j.io;

import io.github.embeddings4j.DType;
import io.github.embeddings4j.Embedding;
import io.github.embeddings4j.EmbeddingFormatException;
import io.github.embeddings4j.VectorTable;
import io.github.embeddings4j.WordVectors;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The word2vec binary format, as written by the original C tool ({@code -binary 1}) and by gensim's
 * {@code save_word2vec_format(binary=True)} (e.g. {@code GoogleNews-vectors-negative300.bin}).
 *
 * <h2>Layout</h2>
 * <ol>
 *   <li>header: the ASCII line {@code <words> <dimension>\n};</li>
 *   <li>{@code <words>} records, each:
 *     <ol>
 *       <li>the word: its UTF-8 bytes (anything but a space) followed by one space {@code 0x20};</li>
 *       <li>{@code <dimension>} IEEE 754 float32 values, little-endian, 4 bytes each;</li>
 *       <li>optionally {@code '\n'}: the C tool writes one after every vector, gensim none. Readers skip any
 *           {@code '\n'} before a word.</li>
 *     </ol>
 *   </li>
 * </ol>
 * Only newlines may follow the last record. The writer writes the C tool's layout (with the {@code '\n'}),
 * which both tools read.
 *
 * <h2>Guarantees</h2>
 * The reader streams record by record. Before allocating anything for the header's claim it checks that the
 * file can hold that many records ({@code words × (4 × dimension + 2)} bytes at least); a stream of unknown size
 * grows its storage with the records actually read. Truncation, extra records, non-finite values, invalid UTF-8,
 * empty and duplicate words are {@link EmbeddingFormatException}s naming the file, the byte offset and the
 * problem. The round trip is bit-exact; the writer saves atomically.
 *
 * <pre>{@code
 * WordVectors news = Word2VecBinaryFormat.read(Path.of("GoogleNews-vectors-negative300.bin"), 500_000);
 * Word2VecBinaryFormat.write(news, Path.of("news-500k.bin"));
 * }</pre>
 */
public final class Word2VecBinaryFormat {
  /** Longest word accepted: a longer one means this is not the binary format (or it is corrupt). */
  static final int MAX_WORD_BYTES = 1 << 16;

  private static final FormatCodec WORD2VEC_BINARY = FormatCodec.of(Word2VecBinaryFormat::read, Word2VecBinaryFormat::write);

  private Word2VecBinaryFormat() {}

  /**
   * Reads a whole file.
   *
   * @param file a word2vec binary file
   * @return the word vectors, float32, in file order
   * @throws EmbeddingFormatException if the file is not valid word2vec binary
   * @throws IOException if reading fails
   */
  public static WordVectors read(Path file) throws IOException {
    return read(file, Integer.MAX_VALUE);
  }

  /**
   * Reads the first {@code limit} words of a file, like gensim's {@code limit}; the rest is not read.
   *
   * @param file a word2vec binary file
   * @param limit how many words at most
   * @return the word vectors, float32, in file order
   * @throws EmbeddingFormatException if the part read is not valid word2vec binary
   * @throws IOException if reading fails
   * @throws IllegalArgumentException if {@code limit} is negative
   */
  public static WordVectors read(Path file, int limit) throws IOException {
    return WORD2VEC_BINARY.read(file, limit);
  }

  /**
   * Reads from a stream, which is left open.
   *
   * @param in word2vec binary data
   * @return the word vectors
   * @throws EmbeddingFormatException if the stream is not valid word2vec binary
   * @throws IOException if reading fails
   */
  public static WordVectors read(InputStream in) throws IOException {
    return read(in, Integer.MAX_VALUE);
  }

  /**
   * Reads the first {@code limit} words from a stream, which is left open.
   *
   * @param in word2vec binary data
   * @param limit how many words at most
   * @return the word vectors
   * @throws EmbeddingFormatException if the part read is not valid word2vec binary
   * @throws IOException if reading fails
   * @throws IllegalArgumentException if {@code limit} is negative
   */
  public static WordVectors read(InputStream in, int limit) throws IOException {
    return WORD2VEC_BINARY.read(in, limit);
  }

  private static WordVectors read(ByteInput in, int limit) throws IOException {
    TextRows.checkLimit(limit);
    TextRows.Header header = TextRows.readHeader(in);
    int expected = Math.min(header.words(), limit);
    int dimension = header.dimension();
    // The shortest record is a one-byte word, its space and the values.
    boolean trusted = TextRows.checkFits(in, header, expected, 4L * dimension + 2);
    RowSink sink = new RowSink(DType.F32, dimension, expected, trusted);
    TokenCollector tokens = new TokenCollector(expected);
    byte[] word = new byte[64];
    byte[] raw = new byte[4 * dimension];
    FloatBuffer values = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    float[] row = new float[dimension];
    while (tokens.size() < expected) {
      int number = tokens.size() + 1;
      int c = in.read();
      while (c == '\n') {
        c = in.read();
      }
      if (c < 0) {
        throw in.errorAt(in.position(), "truncated: the header claims " + header.words() + " words, the file has "
            + tokens.size());
      }
      long wordStart = in.position() - 1;
      int length = 0;
      while (c != ' ') {
        if (c < 0) {
          throw in.errorAt(wordStart, "truncated: the file ends inside word " + number);
        }
        if (length == MAX_WORD_BYTES) {
          throw in.errorAt(wordStart, "word " + number + " is longer than " + MAX_WORD_BYTES
              + " bytes (no space after it: not word2vec binary, or a wrong dimension in the header?)");
        }
        if (length == word.length) {
          word = Arrays.copyOf(word, 2 * length);
        }
        word[length++] = (byte) c;
        c = in.read();
      }
      if (length == 0) {
        throw in.errorAt(wordStart, "word " + number + " is empty");
      }
      String token;
      try {
        token = tokens.decode(word, 0, length);
      } catch (CharacterCodingException e) {
        throw in.error("byte " + wordStart, "word " + number + " is not valid UTF-8", e);
      }
      long valuesStart = in.position();
      in.readFully(raw, 0, raw.length, "the vector of word " + number);
      if (number == 1 && isText(raw)) {
        in.hint("; the vector of word 1 is text (\"" + new String(raw, 0, Math.min(raw.length, 24),
            StandardCharsets.ISO_8859_1).replaceAll("[\\r\\n\\t]", " ") + "\"): is this word2vec text? Then read it"
            + " with Word2VecTextFormat");
      }
      values.rewind();
      values.get(row);
      for (int j = 0; j < dimension; j++) {
        if (!Float.isFinite(row[j])) {
          throw in.errorAt(valuesStart + 4L * j, "value " + (j + 1) + " of word " + number + " \"" + token
              + "\" is not finite: " + row[j]);
        }
      }
      int previous = tokens.add(token);
      if (previous >= 0) {
        throw in.errorAt(wordStart, TokenCollector.duplicate(token, previous));
      }
      sink.add(row);
    }
    if (limit >= header.words()) {
      for (int c = in.read(); c >= 0; c = in.read()) {
        if (c != '\n' && c != '\r') {
          throw in.errorAt(in.position() - 1, "more data after the " + header.words()
              + " words the header claims");
        }
      }
    }
    return new WordVectors(tokens.vocabulary(null), sink.build());
  }

  /**
   * Whether bytes read as float32 values are printable text, as the vector of a word2vec text file read as binary
   * is (float32 values are so only by chance: every byte of every value would have to be printable).
   */
  private static boolean isText(byte[] raw) {
    for (byte b : raw) {
      if ((b < 0x20 || b == 0x7F) && b != '\n' && b != '\r' && b != '\t') {
        return false;
      }
    }
    return true;
  }

  /**
   * Saves vectors atomically: the file is either the previous one or the complete new one.
   * The saved file keeps the permissions of the file it replaces (a new one gets the umask's default), and a
   * symbolic link is written through to the file it points to; see the package comment.
   *
   * @param embedding the vectors; one record per vocabulary token
   * @param file the file to create or replace
   * @throws IOException if writing fails (the previous file is then intact)
   * @throws IllegalArgumentException if a token is empty or holds a space or line break
   */
  public static void write(Embedding embedding, Path file) throws IOException {
    WORD2VEC_BINARY.write(embedding, file);
  }

  /**
   * Writes vectors to a stream, which is flushed and left open.
   *
   * @param embedding the vectors; one record per vocabulary token
   * @param out where to write
   * @throws IOException if writing fails
   * @throws IllegalArgumentException if a token is empty or holds a space or line break
   */
  public static void write(Embedding embedding, OutputStream out) throws IOException {
    WORD2VEC_BINARY.write(embedding, out);
  }

  private static void write(TextRows.Rows rows, OutputStream out) throws IOException {
    VectorTable table = rows.table();
    int dimension = table.dimension();
    out.write((rows.count() + " " + dimension + "\n").getBytes(StandardCharsets.US_ASCII));
    float[] row = new float[dimension];
    ByteBuffer raw = ByteBuffer.allocate(4 * dimension + 1).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < rows.count(); i++) {
      String token = rows.vocabulary().token(i);
      TextRows.checkWord(token, i);
      out.write(TokenCollector.encode(token));
      out.write(' ');
      raw.clear();
      raw.asFloatBuffer().put(table.row(i, row));
      raw.put(4 * dimension, (byte) '\n');
      out.write(raw.array(), 0, raw.capacity());
    }
    out.flush();
  }
}
