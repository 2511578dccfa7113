package io.github.embeddings4j.io;

import io.github.embeddings4j.DType;
import io.github.embeddings4j.Embedding;
import io.github.embeddings4j.EmbeddingFormatException;
import io.github.embeddings4j.VectorTable;
import io.github.embeddings4j.Vocabulary;
import io.github.embeddings4j.WordVectors;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The shared parts of the text formats and the word2vec header: the {@code "<words> <dimension>"} header,
 * {@code "word v1 ... vd"} lines (word2vec text, fastText {@code .vec}, GloVe), value fields, and their writers.
 * Lines are split on {@code '\n'}; trailing whitespace (a {@code '\r'} of CRLF, the space fastText leaves) is
 * ignored; the word runs to the first space; values are separated by runs of spaces or tabs.
 */
final class TextRows {
  /** Largest dimension accepted from a file: a claim beyond it is taken as corruption. */
  static final int MAX_DIMENSION = 1 << 20;
  /** Longest text line accepted: bounds the line buffer on input without newlines. */
  static final int MAX_LINE_BYTES = 1 << 26;
  private static final int MAX_HEADER_BYTES = 256;
  /** The start of a native file: {@code 0x89 'E' '4' 'J' 'V'}. */
  private static final byte[] NATIVE_MAGIC = {(byte) 0x89, 'E', '4', 'J', 'V'};
  /** Said when a header is missing but the line looks like a word and its values. */
  private static final String NO_HEADER_HINT =
      "; is this GloVe text (no header line)? Then read it with GloveFormat";

  private TextRows() {}

  /** A word2vec header: the number of words and the dimension it claims. */
  record Header(int words, int dimension) {}

  /**
   * Reads and checks the word2vec header line {@code "<words> <dimension>"}.
   *
   * @throws EmbeddingFormatException if the input is empty, the line is not two numbers, or a number is absurd
   */
  static Header readHeader(ByteInput in) throws IOException {
    if (!in.readLine(MAX_HEADER_BYTES, "expected a header \"<words> <dimension>\", found a line longer than "
        + MAX_HEADER_BYTES + " bytes" + NO_HEADER_HINT)) {
      throw in.errorAt(0, "empty file: expected a header line \"<words> <dimension>\"");
    }
    checkNotNative(in);
    String text = new String(in.lineBytes(), 0, in.lineLength(), StandardCharsets.ISO_8859_1).trim();
    String[] parts = text.split("[ \t\r]+");
    if (parts.length != 2 || !parts[0].matches("[0-9]{1,19}") || !parts[1].matches("[0-9]{1,19}")) {
      throw in.errorAtLine("expected a header \"<words> <dimension>\", found \"" + excerpt(text) + "\""
          + (parts.length > 2 ? NO_HEADER_HINT : ""));
    }
    long words = parseCount(parts[0]);
    long dimension = parseCount(parts[1]);
    if (words > Integer.MAX_VALUE) {
      throw in.errorAtLine("header claims " + parts[0] + " words, more than the " + Integer.MAX_VALUE
          + " a table can hold");
    }
    if (dimension < 1 || dimension > MAX_DIMENSION) {
      throw in.errorAtLine("header claims dimension " + parts[1] + ", outside [1, " + MAX_DIMENSION + "]");
    }
    return new Header((int) words, (int) dimension);
  }

  /**
   * Fails with the right advice if the first line read is the start of a native file.
   *
   * @throws EmbeddingFormatException if it is
   */
  private static void checkNotNative(ByteInput in) throws EmbeddingFormatException {
    byte[] b = in.lineBytes();
    if (in.lineNumber() != 1 || in.lineLength() < NATIVE_MAGIC.length) {
      return;
    }
    for (int i = 0; i < NATIVE_MAGIC.length; i++) {
      if (b[i] != NATIVE_MAGIC[i]) {
        return;
      }
    }
    throw in.errorAt(0, "this is an embeddings4j native file, not text: read it with NativeFormat");
  }

  /**
   * On the first two lines, which in any text format hold words and numbers only: hints at the binary format if
   * the line holds control bytes, as float32 values nearly always do.
   */
  private static void hintIfBinary(ByteInput in) {
    if (in.lineNumber() > 2) {
      return;
    }
    byte[] b = in.lineBytes();
    for (int i = 0; i < in.lineLength(); i++) {
      int c = b[i] & 0xFF;
      if (c < 0x20 && c != '\t' && c != '\r' && c != '\f' && c != 0x0B || c == 0x7F) {
        in.hint("; line " + in.lineNumber() + " holds binary bytes: is this word2vec binary? Then read it with"
            + " Word2VecBinaryFormat");
        return;
      }
    }
  }

  private static long parseCount(String digits) {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  /**
   * Checks a header's claim against the bytes left in a file before anything is allocated for it.
   *
   * @param minBytesPerRow the fewest bytes one row can take in this format
   * @return true if the claim fits the file (and may be allocated now), false for a stream of unknown size
   * @throws EmbeddingFormatException if the file is too small for the claim
   */
  static boolean checkFits(ByteInput in, Header header, int rows, long minBytesPerRow) throws IOException {
    long remaining = in.remaining();
    if (remaining < 0) {
      return false;
    }
    long needed = rows * minBytesPerRow - 1;
    if (needed > remaining) {
      throw in.error("line 1", "header claims " + header.words() + " words of dimension " + header.dimension()
          + ": reading " + rows + " of them needs at least " + needed + " bytes, but only " + remaining
          + " follow the header (truncated file or corrupt header)", null);
    }
    return true;
  }

  /**
   * Reads {@code "word v1 ... vd"} lines, after a word2vec header or (GloVe) with the dimension taken from the
   * first line.
   *
   * @param limit read at most this many words
   */
  static WordVectors readWordLines(ByteInput in, int limit, boolean hasHeader) throws IOException {
    checkLimit(limit);
    Header header = null;
    int expected = -1;
    int dimension = -1;
    RowSink sink = null;
    if (hasHeader) {
      header = readHeader(in);
      expected = Math.min(header.words(), limit);
      dimension = header.dimension();
      // The shortest row is a one-byte word and " 0" per value, then a newline.
      boolean trusted = checkFits(in, header, expected, 2L * dimension + 2);
      sink = new RowSink(DType.F32, dimension, expected, trusted);
    }
    TokenCollector tokens = new TokenCollector(expected);
    float[] row = dimension > 0 ? new float[dimension] : null;
    while ((expected < 0 ? tokens.size() < limit : tokens.size() < expected) && in.readLine(MAX_LINE_BYTES)) {
      checkNotNative(in);
      hintIfBinary(in);
      int length = trimmedLength(in.lineBytes(), in.lineLength());
      if (length == 0) {
        checkRestBlank(in);
        break;
      }
      if (dimension < 0) {
        dimension = countValues(in.lineBytes(), wordEnd(in, length), length);
        if (dimension < 1 || dimension > MAX_DIMENSION) {
          throw in.errorAtLine("the first line has " + dimension + " values, outside [1, " + MAX_DIMENSION + "]");
        }
        sink = new RowSink(DType.F32, dimension, -1, false);
        row = new float[dimension];
      } else if (!hasHeader && tokens.size() == 1 && dimension == 1) {
        int values = countValues(in.lineBytes(), wordEnd(in, length), length);
        if (values != 1) {
          throw in.errorAtLine("expected 1 value after the word (the first line's count), found " + values
              + "; does the file start with a word2vec header? Then read it as word2vec text");
        }
      }
      String word = parseWordLine(in, length, tokens, row);
      int previous = tokens.add(word);
      if (previous >= 0) {
        throw in.errorAtLine(TokenCollector.duplicate(word, previous));
      }
      sink.add(row);
    }
    if (hasHeader) {
      if (tokens.size() < expected) {
        throw in.errorAt(in.position(), "truncated: the header claims " + header.words() + " words, the file has "
            + tokens.size());
      }
      if (limit >= header.words()) {
        while (in.readLine(MAX_LINE_BYTES)) {
          if (trimmedLength(in.lineBytes(), in.lineLength()) > 0) {
            throw in.errorAtLine("more rows than the " + header.words() + " words the header claims");
          }
        }
      }
    } else if (sink == null) {
      if (limit == 0) {
        sink = new RowSink(DType.F32, 1, 0, true);
      } else {
        throw in.errorAt(0, "empty file: no vectors");
      }
    }
    return new WordVectors(tokens.vocabulary(null), sink.build());
  }

  /** Consumes the rest of the input after an empty line, failing if anything but empty lines follows. */
  static void checkRestBlank(ByteInput in) throws IOException {
    long blank = in.lineNumber();
    while (in.readLine(MAX_LINE_BYTES)) {
      if (trimmedLength(in.lineBytes(), in.lineLength()) > 0) {
        throw in.error("line " + blank, "empty line among the vectors (line " + in.lineNumber() + " follows)", null);
      }
    }
  }

  static void checkLimit(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0: " + limit);
    }
  }

  private static int wordEnd(ByteInput in, int length) throws EmbeddingFormatException {
    byte[] b = in.lineBytes();
    int i = 0;
    while (i < length && b[i] != ' ') {
      i++;
    }
    if (i == 0) {
      throw in.errorAtLine("empty word: the line starts with a space");
    }
    return i;
  }

  /**
   * Parses the last line read, {@code length} bytes after trimming, as a word and {@code row.length} values.
   */
  private static String parseWordLine(ByteInput in, int length, TokenCollector tokens, float[] row)
      throws IOException {
    int end = wordEnd(in, length);
    String word;
    try {
      word = tokens.decode(in.lineBytes(), 0, end);
    } catch (CharacterCodingException e) {
      throw in.error("line " + in.lineNumber(), "the word is not valid UTF-8", e);
    }
    parseValues(in, end, length, row);
    return word;
  }

  /** Returns the length of the last line read without trailing whitespace. */
  static int trimmedLength(byte[] b, int length) {
    int n = length;
    while (n > 0 && (b[n - 1] == ' ' || b[n - 1] == '\t' || b[n - 1] == '\r' || b[n - 1] == '\f'
        || b[n - 1] == 0x0B)) {
      n--;
    }
    return n;
  }

  private static boolean isSeparator(byte c) {
    return c == ' ' || c == '\t';
  }

  /** Counts the value fields in {@code b[from, end)}. */
  static int countValues(byte[] b, int from, int end) {
    int count = 0;
    int i = from;
    while (i < end) {
      while (i < end && isSeparator(b[i])) {
        i++;
      }
      if (i < end) {
        count++;
      }
      while (i < end && !isSeparator(b[i])) {
        i++;
      }
    }
    return count;
  }

  /**
   * Parses the value fields of the last line read, in {@code [from, end)}, into {@code into}.
   *
   * @throws EmbeddingFormatException if the count differs from {@code into.length} or a value is not a finite
   *     number
   */
  static void parseValues(ByteInput in, int from, int end, float[] into) throws EmbeddingFormatException {
    byte[] b = in.lineBytes();
    int count = countValues(b, from, end);
    if (count != into.length) {
      throw in.errorAtLine("expected " + into.length + " values, found " + count);
    }
    int i = from;
    for (int v = 0; v < count; v++) {
      while (isSeparator(b[i])) {
        i++;
      }
      int start = i;
      while (i < end && !isSeparator(b[i])) {
        i++;
      }
      String field = new String(b, start, i - start, StandardCharsets.ISO_8859_1);
      float value;
      try {
        // Float.parseFloat also takes hex ("0x1p3"), type suffixes ("1f", "2d") and "Infinity"; gensim and the C
        // tool take decimal numbers only, so anything else is refused before parsing.
        if (!isDecimalAlphabet(b, start, i)) {
          throw new NumberFormatException(field);
        }
        value = Float.parseFloat(field);
      } catch (NumberFormatException e) {
        String lower = field.toLowerCase(Locale.ROOT);
        boolean nonFinite = lower.matches("[+-]?(nan|inf|infinity)");
        throw in.errorAtLine("value " + (v + 1) + (nonFinite ? " is not finite: \"" : " is not a number: \"")
            + excerpt(new String(b, start, i - start, StandardCharsets.UTF_8)) + "\"");
      }
      if (!Float.isFinite(value)) {
        throw in.errorAtLine("value " + (v + 1) + " is not finite: \"" + excerpt(field) + "\"");
      }
      into[v] = value;
    }
  }

  /**
   * Whether {@code b[from, to)} holds only digits, {@code '.'}, {@code 'e'}, {@code 'E'}, {@code '+'} and
   * {@code '-'}: with {@link Float#parseFloat} accepting the field, this makes it a plain decimal number, the only
   * kind gensim and the C tool write and read.
   */
  private static boolean isDecimalAlphabet(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      byte c = b[i];
      if ((c < '0' || c > '9') && c != '.' && c != 'e' && c != 'E' && c != '+' && c != '-') {
        return false;
      }
    }
    return true;
  }

  private static String excerpt(String text) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < text.length() && sb.length() < 40; i++) {
      char c = text.charAt(i);
      sb.append(c < 0x20 || c == 0x7F ? '?' : c);
    }
    return text.length() > 40 ? sb + "..." : sb.toString();
  }

  // ---- writing ----

  /**
   * What a writer writes: one row per vocabulary token (rows past the vocabulary, such as padding rows of some
   * language models, are not written).
   *
   * @param count the rows to write
   * @param vocabulary the tokens, in id order
   * @param table the vectors
   */
  record Rows(int count, Vocabulary vocabulary, VectorTable table) {
    /**
     * The rows of an embedding.
     *
     * @param embedding the vectors
     * @return its rows to write
     * @throws IllegalArgumentException if the vocabulary is larger than the table
     */
    static Rows of(Embedding embedding) {
      int n = embedding.vocabulary().size();
      if (n > embedding.vectors().rows()) {
        throw new IllegalArgumentException("vocabulary has " + n + " tokens but the table only "
            + embedding.vectors().rows() + " rows");
      }
      return new Rows(n, embedding.vocabulary(), embedding.vectors());
    }
  }

  /**
   * Checks that a token can stand as a word in a space-separated format.
   *
   * @throws IllegalArgumentException if it is empty or holds a space, {@code '\n'} or {@code '\r'}
   */
  static void checkWord(String token, int id) {
    if (token.isEmpty() || token.indexOf(' ') >= 0 || token.indexOf('\n') >= 0 || token.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("token " + id + " \"" + excerpt(token)
          + "\" cannot be written: words must be non-empty, without spaces or line breaks");
    }
  }

  /** A buffered UTF-8 writer that fails on unpaired surrogates instead of writing '?'. */
  static Writer utf8(OutputStream out) {
    return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8.newEncoder()), 1 << 16);
  }

  /** Appends values as their shortest round-tripping decimal form, each preceded by {@code separator}. */
  static void appendValues(StringBuilder sb, float[] values, char separator) {
    for (float v : values) {
      sb.append(separator).append(v);
    }
  }

  /**
   * The codec of {@code "word v1 ... vd"} lines: word2vec text (with its header) or GloVe (without).
   *
   * @param header whether the lines follow a {@code "<words> <dimension>"} header
   * @return the codec
   */
  static FormatCodec wordLines(boolean header) {
    return FormatCodec.of((in, limit) -> readWordLines(in, limit, header),
        (rows, out) -> writeWordLines(rows, out, header));
  }

  /** Writes {@code "word v1 ... vd"} lines, after a {@code "<words> <dimension>"} header if asked. */
  private static void writeWordLines(Rows rows, OutputStream out, boolean header) throws IOException {
    VectorTable table = rows.table();
    Writer w = utf8(out);
    if (header) {
      w.write(rows.count() + " " + table.dimension() + "\n");
    }
    float[] row = new float[table.dimension()];
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < rows.count(); i++) {
      String token = rows.vocabulary().token(i);
      checkWord(token, i);
      sb.setLength(0);
      sb.append(token);
      appendValues(sb, table.row(i, row), ' ');
      sb.append('\n');
      w.append(sb);
    }
    w.flush();
  }
}
