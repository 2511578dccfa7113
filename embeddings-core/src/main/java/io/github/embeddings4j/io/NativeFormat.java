package io.github.embeddings4j.io;

import io.github.embeddings4j.DType;
import io.github.embeddings4j.Embedding;
import io.github.embeddings4j.EmbeddingFormatException;
import io.github.embeddings4j.VectorTable;
import io.github.embeddings4j.Vocabulary;
import io.github.embeddings4j.WordVectors;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

/**
 * The library's own compact binary format: the vocabulary (with corpus counts when known) and the table in its
 * own precision (float32, bfloat16 or float16, kept bit for bit), loaded with bulk copies at disk speed.
 *
 * <h2>Layout (version 1)</h2>
 * All integers little-endian. {@code T} is the byte length of the tokens section, {@code b} the bytes per value
 * of the dtype (4 or 2).
 * <pre>
 * offset   size            field
 * 0        8               magic 0x89 'E' '4' 'J' 'V' '\r' '\n' 0x1A (catches text-mode and 7-bit mangling)
 * 8        4   int32       version, {@value #VERSION_CURRENT}; a reader refuses a newer one
 * 12       4   int32       flags: bit 0 = counts present; other bits 0
 * 16       4   int32       dtype: 0 = F32, 1 = BF16, 2 = F16
 * 20       4   int32       rows, &gt;= 0
 * 24       4   int32       dimension, in [1, 2^20]
 * 28       8   int64       T, the byte length of the tokens section
 * 36       T               tokens, in id order: per token an int32 byte length, then its UTF-8 bytes
 * 36+T     8 × rows        counts, int64 &gt;= 0 per token (only when flag bit 0 is set)
 * ...      0..63           zero padding, so the values start at a multiple of 64 bytes (mappable, aligned)
 * D        rows × dim × b  values, row-major, IEEE float32 or raw 16-bit patterns
 * D+...    4   int32       CRC-32C of every byte before it
 * </pre>
 *
 * <h2>Guarantees</h2>
 * For a file the reader computes the exact size the header implies and compares it with the file's before
 * allocating anything; a stream's rows grow with the data actually read. Bad magic, unknown version, flags or
 * dtype, a size mismatch, truncation, invalid UTF-8, duplicate tokens, negative counts, non-zero padding,
 * non-finite values and a checksum mismatch are {@link EmbeddingFormatException}s naming the file, the byte
 * offset and the problem. Values are copied in blocks of whole rows straight into the table
 * ({@link VectorTable.Builder#set(int, int, java.nio.FloatBuffer)}). The writer saves atomically.
 *
 * <pre>{@code
 * NativeFormat.write(wordVectors, Path.of("vectors.e4j"));
 * WordVectors back = NativeFormat.read(Path.of("vectors.e4j"));
 * }</pre>
 */
public final class NativeFormat {
  /** The version this library writes, and the newest it reads. */
  public static final int VERSION_CURRENT = 1;

  private static final byte[] MAGIC = {(byte) 0x89, 'E', '4', 'J', 'V', '\r', '\n', 0x1A};
  private static final int HEADER_BYTES = 36;
  private static final int ALIGNMENT = 64;
  private static final int FLAG_COUNTS = 1;
  private static final int MAX_TOKEN_BYTES = 1 << 20;
  private static final int BLOCK_BYTES = 1 << 20;

  // The format has no word limit: its public readers always read everything.
  private static final FormatCodec NATIVE = FormatCodec.of((in, limit) -> read(in), NativeFormat::write);

  private NativeFormat() {}

  /**
   * Reads a file.
   *
   * @param file a native-format file
   * @return the word vectors, in the file's precision, with counts if the file has them
   * @throws EmbeddingFormatException if the file is not a valid native-format file
   * @throws IOException if reading fails
   */
  public static WordVectors read(Path file) throws IOException {
    return NATIVE.read(file, Integer.MAX_VALUE);
  }

  /**
   * Reads from a stream, which is left open just after the checksum.
   *
   * @param in native-format data
   * @return the word vectors
   * @throws EmbeddingFormatException if the data is not valid
   * @throws IOException if reading fails
   */
  public static WordVectors read(InputStream in) throws IOException {
    return NATIVE.read(in, Integer.MAX_VALUE);
  }

  private static WordVectors read(ByteInput in) throws IOException {
    CRC32C crc = new CRC32C();
    byte[] head = new byte[HEADER_BYTES];
    if (in.peek() < 0) {
      throw in.errorAt(0, "empty file");
    }
    readChecked(in, crc, head, HEADER_BYTES, "the header");
    for (int i = 0; i < MAGIC.length; i++) {
      if (head[i] != MAGIC[i]) {
        throw in.errorAt(i, "not an embeddings4j native file (bad magic)" + textHint(head));
      }
    }
    ByteBuffer h = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
    int version = h.getInt(8);
    int flags = h.getInt(12);
    int dtypeCode = h.getInt(16);
    int rows = h.getInt(20);
    int dimension = h.getInt(24);
    long tokenBytes = h.getLong(28);
    if (version < 1 || version > VERSION_CURRENT) {
      throw in.errorAt(8, "unsupported version " + version + "; this library reads versions 1 to "
          + VERSION_CURRENT);
    }
    if ((flags & ~FLAG_COUNTS) != 0) {
      throw in.errorAt(12, "unknown flags 0x" + Integer.toHexString(flags));
    }
    if (dtypeCode < 0 || dtypeCode >= DType.values().length) {
      throw in.errorAt(16, "unknown dtype code " + dtypeCode);
    }
    DType dtype = dtypeOf(dtypeCode);
    if (rows < 0) {
      throw in.errorAt(20, "negative row count " + rows);
    }
    if (dimension < 1 || dimension > TextRows.MAX_DIMENSION) {
      throw in.errorAt(24, "dimension " + dimension + " outside [1, " + TextRows.MAX_DIMENSION + "]");
    }
    if (tokenBytes < 4L * rows || tokenBytes > 4L * rows + (long) rows * MAX_TOKEN_BYTES) {
      throw in.errorAt(28, "tokens section of " + tokenBytes + " bytes impossible for " + rows + " tokens");
    }
    boolean hasCounts = (flags & FLAG_COUNTS) != 0;
    long dataStart = dataStart(tokenBytes, hasCounts, rows);
    long valueBytes = (long) rows * dimension * dtype.bytes();
    long size = dataStart + valueBytes + 4;
    if (in.remaining() >= 0 && in.remaining() != size - HEADER_BYTES) {
      throw in.errorAt(0, "file has " + (in.remaining() + HEADER_BYTES) + " bytes, the header (" + rows
          + " rows × " + dimension + " " + dtype + ", tokens " + tokenBytes + " bytes) implies " + size);
    }

    TokenCollector tokens = new TokenCollector(rows);
    byte[] lengthBytes = new byte[4];
    byte[] token = new byte[64];
    long tokensEnd = HEADER_BYTES + tokenBytes;
    for (int i = 0; i < rows; i++) {
      long at = in.position();
      readChecked(in, crc, lengthBytes, 4, "the length of token " + i);
      int length = ByteBuffer.wrap(lengthBytes).order(ByteOrder.LITTLE_ENDIAN).getInt();
      if (length < 0 || length > MAX_TOKEN_BYTES || at + 4 + length > tokensEnd) {
        throw in.errorAt(at, "token " + i + " has an impossible length " + length);
      }
      if (length > token.length) {
        token = new byte[Math.max(length, 2 * token.length)];
      }
      readChecked(in, crc, token, length, "token " + i);
      String text;
      try {
        text = tokens.decode(token, 0, length);
      } catch (CharacterCodingException e) {
        throw in.error("byte " + (at + 4), "token " + i + " is not valid UTF-8", e);
      }
      int previous = tokens.add(text);
      if (previous >= 0) {
        throw in.errorAt(at, "duplicate token \"" + text + "\" (ids " + previous + " and " + i + ")");
      }
    }
    if (in.position() != tokensEnd) {
      throw in.errorAt(in.position(), "tokens end here, the header says at byte " + tokensEnd);
    }
    long[] counts = null;
    if (hasCounts) {
      counts = new long[rows];
      byte[] countBytes = new byte[8];
      for (int i = 0; i < rows; i++) {
        long at = in.position();
        readChecked(in, crc, countBytes, 8, "the count of token " + i);
        counts[i] = ByteBuffer.wrap(countBytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (counts[i] < 0) {
          throw in.errorAt(at, "negative count " + counts[i] + " for token " + i);
        }
      }
    }
    int padding = (int) (dataStart - in.position());
    byte[] pad = new byte[padding];
    readChecked(in, crc, pad, padding, "the padding");
    for (int i = 0; i < padding; i++) {
      if (pad[i] != 0) {
        throw in.errorAt(dataStart - padding + i, "non-zero padding byte");
      }
    }

    RowSink sink = new RowSink(dtype, dimension, rows, in.remaining() >= 0);
    int rowBytes = dimension * dtype.bytes();
    byte[] block = new byte[Math.max(1, BLOCK_BYTES / rowBytes) * rowBytes];
    while (sink.rows() < rows) {
      int n = Math.min(rows - sink.rows(), Math.min(block.length / rowBytes, sink.batchRows()));
      long at = in.position();
      readChecked(in, crc, block, n * rowBytes, "rows " + sink.rows() + " to " + (sink.rows() + n - 1));
      ByteBuffer bytes = ByteBuffer.wrap(block, 0, n * rowBytes).order(ByteOrder.LITTLE_ENDIAN);
      try {
        if (dtype == DType.F32) {
          sink.addRows(bytes.asFloatBuffer(), n);
        } else {
          sink.addBits(bytes.asShortBuffer(), n);
        }
      } catch (IllegalArgumentException e) {
        throw in.error("rows starting at byte " + at, e.getMessage(), e);
      }
    }
    long at = in.position();
    byte[] stored = new byte[4];
    in.readFully(stored, 0, 4, "the checksum");
    int expected = ByteBuffer.wrap(stored).order(ByteOrder.LITTLE_ENDIAN).getInt();
    if (expected != (int) crc.getValue()) {
      throw in.errorAt(at, "checksum mismatch: stored 0x" + Integer.toHexString(expected) + ", computed 0x"
          + Integer.toHexString((int) crc.getValue()) + " (the file is corrupt)");
    }
    return new WordVectors(tokens.vocabulary(counts), sink.build());
  }

  /**
   * For a file that starts like text (a word2vec header, a GloVe word), which reader to use instead; empty
   * otherwise.
   */
  private static String textHint(byte[] head) {
    int n = 0;
    while (n < 16 && head[n] != '\n' && head[n] >= 0x20 && head[n] != 0x7F) {
      n++;
    }
    if (n < 3) {
      return "";
    }
    return "; it starts with the text \"" + new String(head, 0, n, StandardCharsets.ISO_8859_1)
        + "\": read word2vec text or binary, fastText .vec or GloVe with their own format class";
  }

  private static void readChecked(ByteInput in, CRC32C crc, byte[] dst, int len, String what) throws IOException {
    in.readFully(dst, 0, len, what);
    crc.update(dst, 0, len);
  }

  private static long dataStart(long tokenBytes, boolean hasCounts, int rows) {
    long end = HEADER_BYTES + tokenBytes + (hasCounts ? 8L * rows : 0);
    return (end + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
  }

  private static DType dtypeOf(int code) {
    switch (code) {
      case 0:
        return DType.F32;
      case 1:
        return DType.BF16;
      case 2:
        return DType.F16;
      default:
        throw new AssertionError(code);
    }
  }

  private static int codeOf(DType dtype) {
    switch (dtype) {
      case F32:
        return 0;
      case BF16:
        return 1;
      case F16:
        return 2;
      default:
        throw new AssertionError(dtype);
    }
  }

  /**
   * Saves vectors atomically, in the table's own precision and with the vocabulary's counts when it has them.
   * The saved file keeps the permissions of the file it replaces (a new one gets the umask's default), and a
   * symbolic link is written through to the file it points to; see the package comment.
   *
   * @param embedding the vectors; one row per vocabulary token
   * @param file the file to create or replace
   * @throws IOException if writing fails, or a token holds an unpaired surrogate (the previous file is then
   *     intact)
   * @throws IllegalArgumentException if the vocabulary is larger than the table
   */
  public static void write(Embedding embedding, Path file) throws IOException {
    NATIVE.write(embedding, file);
  }

  /**
   * Writes vectors to a stream, which is flushed and left open.
   *
   * @param embedding the vectors; one row per vocabulary token
   * @param out where to write
   * @throws IOException if writing fails, or a token holds an unpaired surrogate
   * @throws IllegalArgumentException if the vocabulary is larger than the table
   */
  public static void write(Embedding embedding, OutputStream out) throws IOException {
    NATIVE.write(embedding, out);
  }

  private static void write(TextRows.Rows toWrite, OutputStream out) throws IOException {
    int rows = toWrite.count();
    Vocabulary vocabulary = toWrite.vocabulary();
    VectorTable table = toWrite.table();
    DType dtype = table.dtype();
    int dimension = table.dimension();
    long tokenBytes = 0;
    for (int i = 0; i < rows; i++) {
      tokenBytes += 4 + TokenCollector.encode(vocabulary.token(i)).length;
    }
    boolean hasCounts = vocabulary.hasCounts();
    CheckedOutputStream checked = new CheckedOutputStream(out, new CRC32C());
    ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    h.put(MAGIC).putInt(VERSION_CURRENT).putInt(hasCounts ? FLAG_COUNTS : 0).putInt(codeOf(dtype)).putInt(rows)
        .putInt(dimension).putLong(tokenBytes);
    checked.write(h.array());
    ByteBuffer small = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < rows; i++) {
      byte[] token = TokenCollector.encode(vocabulary.token(i));
      checked.write(small.putInt(0, token.length).array(), 0, 4);
      checked.write(token);
    }
    if (hasCounts) {
      for (int i = 0; i < rows; i++) {
        checked.write(small.putLong(0, vocabulary.count(i).getAsLong()).array(), 0, 8);
      }
    }
    long written = HEADER_BYTES + tokenBytes + (hasCounts ? 8L * rows : 0);
    checked.write(new byte[(int) (dataStart(tokenBytes, hasCounts, rows) - written)]);
    int rowBytes = dimension * dtype.bytes();
    int batch = Math.max(1, BLOCK_BYTES / rowBytes);
    ByteBuffer block = ByteBuffer.allocate(batch * rowBytes).order(ByteOrder.LITTLE_ENDIAN);
    float[] floats = dtype == DType.F32 ? new float[dimension] : null;
    short[] bits = dtype == DType.F32 ? null : new short[dimension];
    for (int first = 0; first < rows; first += batch) {
      int n = Math.min(batch, rows - first);
      block.clear();
      for (int r = first; r < first + n; r++) {
        if (floats != null) {
          block.asFloatBuffer().put(table.row(r, floats));
        } else {
          block.asShortBuffer().put(table.rowBits(r, bits, 0));
        }
        block.position(block.position() + rowBytes);
      }
      checked.write(block.array(), 0, n * rowBytes);
    }
    out.write(small.putInt(0, (int) checked.getChecksum().getValue()).array(), 0, 4);
    out.flush();
  }
}
