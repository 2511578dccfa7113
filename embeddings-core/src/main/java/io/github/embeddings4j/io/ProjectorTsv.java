package io.github.embeddings4j.io;

import io.github.embeddings4j.DType;
import io.github.embeddings4j.Embedding;
import io.github.embeddings4j.EmbeddingFormatException;
import io.github.embeddings4j.VectorTable;
import io.github.embeddings4j.WordVectors;
import io.github.embeddings4j.internal.util.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;

/**
 * The pair of files the TensorFlow Embedding Projector (projector.tensorflow.org, "Load") takes: one for the
 * vectors, one for their labels.
 *
 * <h2>Layout</h2>
 * <ul>
 *   <li>{@value #VECTORS_FILE}: UTF-8 text, no header, one line per token in id order, the values as decimal
 *       floats separated by tabs, lines ending in {@code '\n'};</li>
 *   <li>{@value #METADATA_FILE}: one token per line in the same order, no header (a single-column file has
 *       none). A backslash, tab, newline and carriage return in a token are written as {@code \\}, {@code \t},
 *       {@code \n} and {@code \r}, so every token stays on one line and reads back unchanged.</li>
 * </ul>
 * A byte order mark at the start of either file is skipped.
 *
 * <h2>Guarantees</h2>
 * Each file is saved atomically; the pair is not (a crash between the two renames can leave new vectors beside
 * old metadata, which the reader then reports as a row-count mismatch if the sizes differ). The reader checks
 * that both files have as many rows, every row the same number of finite values, strict UTF-8 and distinct
 * tokens, and reports problems as {@link EmbeddingFormatException}s naming the file and line.
 *
 * <pre>{@code
 * ProjectorTsv.write(wordVectors.limit(10_000), Path.of("projector")); // projector/vectors.tsv, metadata.tsv
 * }</pre>
 */
public final class ProjectorTsv {
  /** The name of the vectors file {@link #write(Embedding, Path)} writes in its folder. */
  public static final String VECTORS_FILE = "vectors.tsv";
  /** The name of the metadata file {@link #write(Embedding, Path)} writes in its folder. */
  public static final String METADATA_FILE = "metadata.tsv";

  private ProjectorTsv() {}

  /**
   * Saves {@value #VECTORS_FILE} and {@value #METADATA_FILE} in a folder (created if needed), each atomically.
   * The saved file keeps the permissions of the file it replaces (a new one gets the umask's default), and a
   * symbolic link is written through to the file it points to; see the package comment.
   *
   * @param embedding the vectors; one row per vocabulary token
   * @param folder where the two files go
   * @throws IOException if writing fails (a file not yet replaced is then intact)
   */
  public static void write(Embedding embedding, Path folder) throws IOException {
    write(embedding, folder.resolve(VECTORS_FILE), folder.resolve(METADATA_FILE));
  }

  /**
   * Saves the vectors file and the metadata file, each atomically.
   * The saved file keeps the permissions of the file it replaces (a new one gets the umask's default), and a
   * symbolic link is written through to the file it points to; see the package comment.
   *
   * @param embedding the vectors; one row per vocabulary token
   * @param vectorsFile the tab-separated values
   * @param metadataFile the tokens
   * @throws IOException if writing fails (a file not yet replaced is then intact)
   */
  public static void write(Embedding embedding, Path vectorsFile, Path metadataFile) throws IOException {
    TextRows.Rows rows = TextRows.Rows.of(embedding);
    AtomicFiles.write(vectorsFile, out -> writeVectors(rows, out));
    AtomicFiles.write(metadataFile, out -> writeMetadata(rows, out));
  }

  /**
   * Writes the two files' contents to streams, which are flushed and left open.
   *
   * @param embedding the vectors; one row per vocabulary token
   * @param vectors receives the tab-separated values
   * @param metadata receives the tokens
   * @throws IOException if writing fails
   */
  public static void write(Embedding embedding, OutputStream vectors, OutputStream metadata) throws IOException {
    TextRows.Rows rows = TextRows.Rows.of(embedding);
    writeVectors(rows, vectors);
    writeMetadata(rows, metadata);
  }

  private static void writeVectors(TextRows.Rows rows, OutputStream out) throws IOException {
    VectorTable table = rows.table();
    Writer w = TextRows.utf8(out);
    float[] row = new float[table.dimension()];
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < rows.count(); i++) {
      sb.setLength(0);
      TextRows.appendValues(sb, table.row(i, row), '\t');
      // appendValues puts a separator before every value; the first one is not wanted.
      w.append(sb, 1, sb.length()).append('\n');
    }
    w.flush();
  }

  private static void writeMetadata(TextRows.Rows rows, OutputStream out) throws IOException {
    Writer w = TextRows.utf8(out);
    for (int i = 0; i < rows.count(); i++) {
      w.append(escape(rows.vocabulary().token(i))).append('\n');
    }
    w.flush();
  }

  /**
   * Reads {@value #VECTORS_FILE} and {@value #METADATA_FILE} from a folder.
   *
   * @param folder the folder holding both files
   * @return the word vectors, float32
   * @throws EmbeddingFormatException if a file is invalid or they disagree
   * @throws IOException if reading fails
   */
  public static WordVectors read(Path folder) throws IOException {
    return read(folder.resolve(VECTORS_FILE), folder.resolve(METADATA_FILE));
  }

  /**
   * Reads a vectors file and its metadata file.
   *
   * @param vectorsFile the tab-separated values
   * @param metadataFile the tokens, one per line
   * @return the word vectors, float32
   * @throws EmbeddingFormatException if a file is invalid or they disagree
   * @throws IOException if reading fails
   */
  public static WordVectors read(Path vectorsFile, Path metadataFile) throws IOException {
    try (ByteInput metadata = ByteInput.open(metadataFile); ByteInput vectors = ByteInput.open(vectorsFile)) {
      return read(vectors, metadata);
    }
  }

  /**
   * Reads the two files' contents from streams, which are left open.
   *
   * @param vectors the tab-separated values
   * @param metadata the tokens, one per line
   * @return the word vectors, float32
   * @throws EmbeddingFormatException if a stream is invalid or they disagree (the location says which)
   * @throws IOException if reading fails
   */
  public static WordVectors read(InputStream vectors, InputStream metadata) throws IOException {
    try (ByteInput m = ByteInput.of(metadata, "metadata"); ByteInput v = ByteInput.of(vectors, "vectors")) {
      return read(v, m);
    }
  }

  private static WordVectors read(ByteInput vectors, ByteInput metadata) throws IOException {
    TokenCollector tokens = new TokenCollector(-1);
    while (metadata.readLine(TextRows.MAX_LINE_BYTES)) {
      byte[] b = metadata.lineBytes();
      int length = metadata.lineLength();
      if (length > 0 && b[length - 1] == '\r') {
        length--;
      }
      String token;
      try {
        token = unescape(tokens.decode(b, 0, length));
      } catch (CharacterCodingException e) {
        throw metadata.error("line " + metadata.lineNumber(), "the token is not valid UTF-8", e);
      }
      int previous = tokens.add(token);
      if (previous >= 0) {
        throw metadata.errorAtLine(TokenCollector.duplicate(token, previous));
      }
    }
    int rows = tokens.size();
    if (rows == 0) {
      throw metadata.errorAt(0, "empty file: no tokens");
    }
    RowSink sink = null;
    float[] row = null;
    while (vectors.readLine(TextRows.MAX_LINE_BYTES)) {
      int length = TextRows.trimmedLength(vectors.lineBytes(), vectors.lineLength());
      if (length == 0) {
        TextRows.checkRestBlank(vectors);
        break;
      }
      if (sink == null) {
        int dimension = TextRows.countValues(vectors.lineBytes(), 0, length);
        if (dimension > TextRows.MAX_DIMENSION) {
          throw vectors.errorAtLine(dimension + " values, more than " + TextRows.MAX_DIMENSION);
        }
        // Every value takes at least two bytes ("0" and a separator), so a file this size can hold the claim.
        long remaining = vectors.remaining();
        boolean trusted = remaining >= 0 && (long) rows * dimension * 2 <= remaining + vectors.position() + 1;
        sink = new RowSink(DType.F32, dimension, rows, trusted);
        row = new float[dimension];
      }
      if (sink.rows() == rows) {
        throw vectors.errorAtLine("more rows than the " + rows + " tokens of the metadata");
      }
      TextRows.parseValues(vectors, 0, length, row);
      sink.add(row);
    }
    if (sink == null) {
      throw vectors.errorAt(0, "empty file: no vectors");
    }
    if (sink.rows() < rows) {
      throw vectors.errorAt(vectors.position(), "truncated: " + sink.rows() + " rows for the " + rows
          + " tokens of the metadata");
    }
    return new WordVectors(tokens.vocabulary(null), sink.build());
  }

  static String escape(String token) {
    StringBuilder sb = null;
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      String replacement = c == '\\' ? "\\\\" : c == '\t' ? "\\t" : c == '\n' ? "\\n" : c == '\r' ? "\\r" : null;
      if (replacement != null && sb == null) {
        sb = new StringBuilder(token.length() + 8).append(token, 0, i);
      }
      if (sb != null) {
        if (replacement != null) {
          sb.append(replacement);
        } else {
          sb.append(c);
        }
      }
    }
    return sb == null ? token : sb.toString();
  }

  static String unescape(String line) {
    if (line.indexOf('\\') < 0) {
      return line;
    }
    StringBuilder sb = new StringBuilder(line.length());
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < line.length()) {
        char next = line.charAt(i + 1);
        char decoded = next == '\\' ? '\\' : next == 't' ? '\t' : next == 'n' ? '\n' : next == 'r' ? '\r' : 0;
        if (decoded != 0) {
          sb.append(decoded);
          i++;
          continue;
        }
      }
      sb.append(c);
    }
    return sb.toString();
  }
}
