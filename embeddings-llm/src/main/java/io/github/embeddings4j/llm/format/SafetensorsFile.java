package io.github.embeddings4j.llm.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.embeddings4j.DType;
import io.github.embeddings4j.EmbeddingFormatException;
import io.github.embeddings4j.VectorTable;
import io.github.embeddings4j.internal.util.AtomicFiles;
import io.github.embeddings4j.internal.util.Half;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.MappedByteBuffer;
import java.nio.ShortBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A <a href="https://github.com/huggingface/safetensors">safetensors</a> file: the header is read and checked
 * when the file is opened, a tensor's bytes only when it is read, straight from a memory mapping of its own byte
 * range, so opening a multi-gigabyte checkpoint to take one table out of it costs the header and that table.
 *
 * <h2>Layout</h2>
 * <ol>
 *   <li>8 bytes: {@code N}, the header length, an unsigned little-endian 64-bit integer;</li>
 *   <li>{@code N} bytes: a UTF-8 JSON object. Each key names a tensor and maps to {@code {"dtype": "BF16",
 *       "shape": [151936, 1536], "data_offsets": [begin, end]}}, offsets relative to the start of the data
 *       region; the optional key {@code "__metadata__"} maps to an object of string values. Writers pad it with
 *       spaces to a multiple of 8 bytes;</li>
 *   <li>the data region: every tensor's values, row-major, little-endian.</li>
 * </ol>
 *
 * <h2>Checks</h2>
 * Opening rejects, with an {@link EmbeddingFormatException} naming the file and the tensor: a header length
 * beyond the file (or over {@value #MAX_HEADER_BYTES} bytes, the limit of the reference implementation), a header
 * that is not a JSON object (duplicate keys included), an unknown dtype, offsets out of the data region or
 * overlapping another tensor's, and a shape whose size in that dtype disagrees with the byte range. Nothing is
 * allocated from a header's claim before it is checked against the file's size. Gaps between tensors are
 * allowed (the reference writer leaves none, but a reader need not care). Tables can be read from F32, F16 and
 * BF16 tensors; other dtypes are rejected by name when read.
 *
 * <p>Half-precision tensors are read into half-precision tables (bfloat16 stays bfloat16: half the memory of
 * float32, searched directly by the core kernels) unless another {@link DType} is asked for.
 *
 * <pre>{@code
 * try (SafetensorsFile f = SafetensorsFile.open(Path.of("model.safetensors"))) {
 *   VectorTable table = f.readTable("model.embed_tokens.weight");   // 151936 x 1536 BF16
 * }
 * }</pre>
 *
 * <p>The reader holds an open file channel: close it. A closed reader throws {@link IllegalStateException};
 * {@link #close()} may be called more than once. One reader may be used by several threads.
 */
public final class SafetensorsFile implements AutoCloseable {
  /** The largest header accepted, in bytes (as the reference implementation). */
  public static final long MAX_HEADER_BYTES = 100_000_000L;

  /**
   * The most bytes of {@code __metadata__} values kept (16 MiB); later values are checked and skipped, so that a
   * header of long strings costs about its own size in heap.
   */
  public static final long MAX_METADATA_BYTES = 16L << 20;

  private static final Logger LOG = LoggerFactory.getLogger(SafetensorsFile.class);

  /** The metadata key of the header. */
  static final String METADATA_KEY = "__metadata__";

  /** Largest mapping window in bytes; smaller in tests to exercise the multi-window path. */
  static volatile int windowBytes = Integer.MAX_VALUE - 7;

  /** Parses headers and indexes: a duplicate key is an error, as in the reference implementation. */
  static final ObjectMapper JSON = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private final Path file;
  private final Header header;
  private final long dataStart;
  private volatile FileChannel channel;

  /**
   * One tensor of the header.
   *
   * @param name its key in the header
   * @param dtype its dtype as written, e.g. {@code "BF16"}
   * @param shape its dimensions, outermost first (empty for a scalar)
   * @param offset the file offset of its first byte
   * @param byteLength the number of bytes it occupies
   */
  public record Tensor(String name, String dtype, List<Long> shape, long offset, long byteLength) {
    /**
     * Copies the shape.
     *
     * @param name the tensor's key in the header
     * @param dtype its dtype as written, e.g. {@code "BF16"}
     * @param shape its dimensions, outermost first (empty for a scalar); copied into an unmodifiable list
     * @param offset the offset of its first byte: relative to the data region in a parsed {@link Header},
     *     absolute in the file in {@link #tensors()}
     * @param byteLength the number of bytes it occupies
     * @throws NullPointerException if an argument is null
     */
    public Tensor {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(dtype, "dtype");
      shape = List.copyOf(shape);
    }

    /**
     * Returns the number of values.
     *
     * @return the product of the dimensions (1 for a scalar)
     */
    public long elementCount() {
      long n = 1;
      for (long d : shape) {
        n *= d;
      }
      return n;
    }
  }

  /**
   * A checked header.
   *
   * @param tensors the tensors by name, in header order, offsets relative to the data region
   * @param metadata the {@code __metadata__} strings
   */
  public record Header(Map<String, Tensor> tensors, Map<String, String> metadata) {}

  private SafetensorsFile(Path file, FileChannel channel, Header header, long dataStart) {
    this.file = file;
    this.channel = channel;
    this.header = header;
    this.dataStart = dataStart;
  }

  /**
   * Opens a file and checks its header; no tensor is read yet.
   *
   * @param file a {@code .safetensors} file
   * @return the open reader
   * @throws EmbeddingFormatException if the header is malformed or inconsistent with the file
   * @throws IOException if the file cannot be read
   */
  public static SafetensorsFile open(Path file) throws IOException {
    FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
    boolean ok = false;
    try {
      long size = ch.size();
      ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      readFully(ch, len, 0);
      if (len.hasRemaining()) {
        throw new EmbeddingFormatException(file, "byte 0", "file of " + size
            + " bytes is too short for the 8-byte header length");
      }
      long n = len.getLong(0);
      checkHeaderLength(file, n, size);
      ByteBuffer json = ByteBuffer.allocate((int) n);
      readFully(ch, json, 8);
      Header header = parseHeader(file, json.array(), size - 8 - n);
      ok = true;
      return new SafetensorsFile(file, ch, relocate(header, 8 + n), 8 + n);
    } finally {
      if (!ok) {
        ch.close();
      }
    }
  }

  private static void readFully(FileChannel ch, ByteBuffer dst, long position) throws IOException {
    long pos = position;
    while (dst.hasRemaining()) {
      int r = ch.read(dst, pos);
      if (r < 0) {
        return;
      }
      pos += r;
    }
  }

  /**
   * Checks a header length read from the first 8 bytes against the size of the whole file.
   *
   * @param file the file, for messages
   * @param n the length read
   * @param fileSize the file's size in bytes
   * @throws EmbeddingFormatException if the header cannot fit the file, is over {@value #MAX_HEADER_BYTES} bytes
   *     or too short for a JSON object
   */
  public static void checkHeaderLength(Path file, long n, long fileSize) throws EmbeddingFormatException {
    if (n < 0 || n > fileSize - 8) {
      throw new EmbeddingFormatException(file, "byte 0", "header length " + Long.toUnsignedString(n)
          + " goes beyond the file of " + fileSize + " bytes");
    }
    if (n > MAX_HEADER_BYTES) {
      throw new EmbeddingFormatException(file, "byte 0", "header length " + n + " exceeds the limit of "
          + MAX_HEADER_BYTES + " bytes");
    }
    if (n < 2) {
      throw new EmbeddingFormatException(file, "byte 8", "header of " + n + " bytes cannot hold a JSON object");
    }
  }

  /**
   * Parses and checks a header against the length of the data region. The tensors' offsets stay relative to the
   * data region.
   *
   * @param file the file, for messages
   * @param json the header's bytes
   * @param dataLength the length of the data region ({@link Long#MAX_VALUE} when unknown)
   * @return the header
   * @throws EmbeddingFormatException if the header is not a valid safetensors header for that data region
   */
  public static Header parseHeader(Path file, byte[] json, long dataLength) throws EmbeddingFormatException {
    if (json.length == 0 || json[0] != '{') {
      throw new EmbeddingFormatException(file, "header", "does not start with '{'");
    }
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    Map<String, String> metadata = new LinkedHashMap<>();
    // Streamed, not a tree: each tensor entry is a small tree of its own, and metadata values are decoded only
    // when kept (see readMetadata), so the header costs about its own size in heap.
    try (JsonParser p = JSON.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new EmbeddingFormatException(file, "header", "is not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        p.nextToken();
        if (METADATA_KEY.equals(key)) {
          readMetadata(file, p, json, metadata);
        } else {
          JsonNode node = p.readValueAsTree();
          tensors.put(key, readTensor(file, key, node, dataLength));
        }
      }
    } catch (JsonProcessingException e) {
      throw JsonErrors.formatError(file, "header", e, 8);
    } catch (EmbeddingFormatException e) {
      throw e;
    } catch (IOException e) {
      throw new EmbeddingFormatException(file, "header", "not readable: " + e.getMessage(), e);
    }
    checkOverlaps(file, tensors.values());
    return new Header(Collections.unmodifiableMap(tensors), Collections.unmodifiableMap(metadata));
  }

  /**
   * Reads {@code __metadata__}, keeping values while their bytes add up to at most
   * {@value #MAX_METADATA_BYTES}; later ones are checked as JSON strings but skipped without being decoded
   * (a header of long strings needed 4.5 times its size in heap). The library itself reads no metadata.
   */
  private static void readMetadata(Path file, JsonParser p, byte[] json, Map<String, String> into)
      throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return;
    }
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw new EmbeddingFormatException(file, METADATA_KEY, "is not an object of strings");
    }
    long kept = 0;
    long skipped = 0;
    JsonToken t = p.nextToken();
    while (t == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      if (p.nextToken() != JsonToken.VALUE_STRING) {
        throw new EmbeddingFormatException(file, METADATA_KEY, "value of \"" + key + "\" is not a string");
      }
      long start = p.currentTokenLocation().getByteOffset();
      // Moving on without reading the text skips the string without decoding it; the next token's offset bounds
      // its bytes.
      t = p.nextToken();
      long end = t == null ? json.length : p.currentTokenLocation().getByteOffset();
      if (start >= 0 && end >= start && kept + (end - start) <= MAX_METADATA_BYTES) {
        try (JsonParser one = JSON.createParser(json, (int) start, (int) (end - start))) {
          one.nextToken();
          into.put(key, one.getText());
        }
        kept += end - start;
      } else {
        skipped++;
      }
    }
    if (skipped > 0) {
      LOG.warn("{}: {} {} values past the first {} bytes were checked but not kept", file, skipped, METADATA_KEY,
          MAX_METADATA_BYTES);
    }
  }

  private static Tensor readTensor(Path file, String name, JsonNode node, long dataLength)
      throws EmbeddingFormatException {
    String where = "tensor " + name;
    if (!node.isObject()) {
      throw new EmbeddingFormatException(file, where, "entry is not an object");
    }
    JsonNode dtypeNode = node.get("dtype");
    if (dtypeNode == null || !dtypeNode.isTextual()) {
      throw new EmbeddingFormatException(file, where, "has no string \"dtype\"");
    }
    String dtype = dtypeNode.textValue();
    int bits = dtypeBits(dtype);
    if (bits == 0) {
      throw new EmbeddingFormatException(file, where, "unknown dtype \"" + dtype + "\"");
    }
    JsonNode shapeNode = node.get("shape");
    if (shapeNode == null || !shapeNode.isArray()) {
      throw new EmbeddingFormatException(file, where, "has no \"shape\" array");
    }
    List<Long> shape = new ArrayList<>(shapeNode.size());
    long count = 1;
    boolean overflow = false;
    for (JsonNode d : shapeNode) {
      if (!d.canConvertToExactIntegral() || !d.canConvertToLong() || d.longValue() < 0) {
        throw new EmbeddingFormatException(file, where, "shape " + shapeNode + " has an entry that is not a "
            + "non-negative integer");
      }
      shape.add(d.longValue());
      try {
        count = Math.multiplyExact(count, d.longValue());
      } catch (ArithmeticException e) {
        overflow = true;
      }
    }
    JsonNode offsets = node.get("data_offsets");
    if (offsets == null || !offsets.isArray() || offsets.size() != 2) {
      throw new EmbeddingFormatException(file, where, "has no \"data_offsets\" pair");
    }
    long[] be = new long[2];
    for (int i = 0; i < 2; i++) {
      JsonNode o = offsets.get(i);
      if (!o.canConvertToExactIntegral() || !o.canConvertToLong() || o.longValue() < 0) {
        throw new EmbeddingFormatException(file, where, "data_offsets " + offsets
            + " are not non-negative integers");
      }
      be[i] = o.longValue();
    }
    if (be[0] > be[1] || be[1] > dataLength) {
      throw new EmbeddingFormatException(file, where, "data_offsets [" + be[0] + ", " + be[1]
          + "] are out of bounds of the data region of " + dataLength + " bytes");
    }
    long length = be[1] - be[0];
    if (overflow || count > Long.MAX_VALUE / bits || count * bits != length * 8) {
      throw new EmbeddingFormatException(file, where, "shape " + shape + " of " + dtype + " needs "
          + (overflow ? "more than 2^63 values" : count * bits / 8 + " bytes") + ", data_offsets hold " + length);
    }
    return new Tensor(name, dtype, shape, be[0], length);
  }

  private static void checkOverlaps(Path file, Iterable<Tensor> tensors) throws EmbeddingFormatException {
    List<Tensor> sorted = new ArrayList<>();
    for (Tensor t : tensors) {
      if (t.byteLength() > 0) {
        sorted.add(t);
      }
    }
    sorted.sort(Comparator.comparingLong(Tensor::offset));
    for (int i = 1; i < sorted.size(); i++) {
      Tensor prev = sorted.get(i - 1);
      Tensor t = sorted.get(i);
      if (t.offset() < prev.offset() + prev.byteLength()) {
        throw new EmbeddingFormatException(file, "tensor " + t.name(), "bytes [" + t.offset() + ", "
            + (t.offset() + t.byteLength()) + ") overlap those of tensor " + prev.name() + " [" + prev.offset()
            + ", " + (prev.offset() + prev.byteLength()) + ")");
      }
    }
  }

  private static Header relocate(Header h, long dataStart) {
    Map<String, Tensor> moved = new LinkedHashMap<>();
    for (Tensor t : h.tensors().values()) {
      moved.put(t.name(), new Tensor(t.name(), t.dtype(), t.shape(), dataStart + t.offset(), t.byteLength()));
    }
    return new Header(Collections.unmodifiableMap(moved), h.metadata());
  }

  /**
   * Returns the bits one value of a safetensors dtype occupies, 0 for a dtype the format does not define.
   */
  static int dtypeBits(String dtype) {
    switch (dtype) {
      case "BOOL":
      case "U8":
      case "I8":
      case "F8_E5M2":
      case "F8_E4M3":
      case "F8_E8M0":
        return 8;
      case "I16":
      case "U16":
      case "F16":
      case "BF16":
        return 16;
      case "I32":
      case "U32":
      case "F32":
        return 32;
      case "I64":
      case "U64":
      case "F64":
      case "C64":
        return 64;
      case "F4":
        return 4;
      case "F6_E2M3":
      case "F6_E3M2":
        return 6;
      default:
        return 0;
    }
  }

  /**
   * Returns the table dtype of a safetensors dtype.
   *
   * @param dtype a safetensors dtype, e.g. {@code "BF16"}
   * @return the {@link DType} its tables are read as, or {@code null} when tables cannot be read from it
   */
  public static DType tableDtype(String dtype) {
    switch (dtype) {
      case "F32":
        return DType.F32;
      case "F16":
        return DType.F16;
      case "BF16":
        return DType.BF16;
      default:
        return null;
    }
  }

  /**
   * Returns the file.
   *
   * @return the path it was opened from
   */
  public Path file() {
    return file;
  }

  /**
   * Returns the tensors in header order.
   *
   * @return the tensors, offsets absolute in the file
   */
  public List<Tensor> tensors() {
    return List.copyOf(header.tensors().values());
  }

  /**
   * Returns a tensor's entry.
   *
   * @param name its key in the header
   * @return the entry, or empty when the file has no such tensor
   */
  public Optional<Tensor> tensor(String name) {
    return Optional.ofNullable(header.tensors().get(name));
  }

  /**
   * Returns the header's {@code __metadata__} (empty when absent): the values whose bytes in the header add up to
   * at most {@value #MAX_METADATA_BYTES}; later ones were checked and skipped (with a warning).
   *
   * @return the string pairs, unmodifiable
   */
  public Map<String, String> metadata() {
    return header.metadata();
  }

  /**
   * Returns where the data region starts: 8 plus the header length.
   *
   * @return the file offset of the data region
   */
  public long dataStart() {
    return dataStart;
  }

  /**
   * Reads a whole F32, F16 or BF16 tensor as a table in its own precision: the last dimension is the row length,
   * the others multiply into the number of rows (a 1-dimensional tensor is one row).
   *
   * @param name the tensor's key
   * @return the table
   * @throws EmbeddingFormatException if the tensor is missing, has another dtype, is a scalar or has no values,
   *     or holds a NaN or infinite value (the message names the file, tensor, row and column)
   * @throws IOException if reading fails
   * @throws IllegalStateException if the reader is closed
   */
  public VectorTable readTable(String name) throws IOException {
    Tensor t = require(name);
    return readTable(name, 0, rowsOf(t), tableDtypeOf(t));
  }

  /**
   * Reads consecutive rows of an F32, F16 or BF16 tensor into a table of the given precision (rounded when it
   * is narrower than the file's).
   *
   * @param name the tensor's key
   * @param firstRow the first row to read
   * @param rowCount how many rows
   * @param as the table's storage type
   * @return the table of {@code rowCount} rows
   * @throws EmbeddingFormatException if the tensor is missing, has another dtype, is a scalar, or holds a NaN,
   *     infinite or (for a narrower dtype) overflowing value
   * @throws IndexOutOfBoundsException if the rows are out of the tensor's range
   * @throws IOException if reading fails
   * @throws IllegalStateException if the reader is closed
   */
  public VectorTable readTable(String name, int firstRow, int rowCount, DType as) throws IOException {
    Objects.requireNonNull(as, "as");
    Tensor t = require(name);
    DType src = tableDtypeOf(t);
    int rows = rowsOf(t);
    Objects.checkFromIndexSize(firstRow, rowCount, rows);
    int dim = (int) (long) t.shape().get(t.shape().size() - 1);
    long rowBytes = (long) dim * src.bytes();
    if (rowBytes > windowBytes) {
      throw new EmbeddingFormatException(file, "tensor " + name, "a row of " + rowBytes
          + " bytes exceeds the mapping window of " + windowBytes);
    }
    FileChannel ch = channel();
    VectorTable.Builder b = VectorTable.builder(as, rowCount, dim);
    int rowsPerWindow = (int) Math.min(Integer.MAX_VALUE, Math.max(1, windowBytes / rowBytes));
    float[] tmp = src == as ? null : new float[dim];
    try {
      for (int r = 0; r < rowCount;) {
        int n = Math.min(rowCount - r, rowsPerWindow);
        MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_ONLY, t.offset() + (firstRow + (long) r) * rowBytes,
            n * rowBytes);
        m.order(ByteOrder.LITTLE_ENDIAN);
        if (src == as) {
          if (src == DType.F32) {
            b.set(r, n, m.asFloatBuffer());
          } else {
            b.setBits(r, n, m.asShortBuffer());
          }
        } else {
          convertRows(b, m, src, r, n, tmp);
        }
        r += n;
      }
    } catch (IllegalArgumentException e) {
      throw new EmbeddingFormatException(file, "tensor " + name, (firstRow == 0 ? "" : "from row " + firstRow
          + ", ") + e.getMessage(), e);
    }
    return b.build();
  }

  private static void convertRows(VectorTable.Builder b, ByteBuffer m, DType src, int first, int n, float[] tmp) {
    int dim = tmp.length;
    FloatBuffer fb = src == DType.F32 ? m.asFloatBuffer() : null;
    ShortBuffer sb = src == DType.F32 ? null : m.asShortBuffer();
    for (int r = 0; r < n; r++) {
      if (fb != null) {
        fb.get(tmp);
      } else {
        for (int i = 0; i < dim; i++) {
          short bits = sb.get();
          tmp[i] = src == DType.BF16 ? Half.bf16ToFloat(bits) : Half.f16ToFloat(bits);
        }
      }
      b.set(first + r, tmp);
    }
  }

  private Tensor require(String name) throws EmbeddingFormatException {
    Tensor t = header.tensors().get(name);
    if (t == null) {
      throw new EmbeddingFormatException(file, "tensor " + name, "not in the file (it has "
          + describeNames(header.tensors().keySet()) + ")");
    }
    return t;
  }

  /**
   * Describes tensor names for a message: how many, and the first few.
   *
   * @param names tensor names
   * @return e.g. {@code "3 tensors: a, b, c"}
   */
  public static String describeNames(java.util.Collection<String> names) {
    if (names.isEmpty()) {
      return "no tensors";
    }
    List<String> first = new ArrayList<>();
    for (String n : names) {
      if (first.size() == 8) {
        break;
      }
      first.add(n);
    }
    return names.size() + " tensors: " + String.join(", ", first) + (names.size() > 8 ? ", ..." : "");
  }

  private DType tableDtypeOf(Tensor t) throws EmbeddingFormatException {
    DType d = tableDtype(t.dtype());
    if (d == null) {
      throw new EmbeddingFormatException(file, "tensor " + t.name(), "dtype " + t.dtype()
          + " cannot be read as a table (F32, F16 and BF16 can)");
    }
    return d;
  }

  private int rowsOf(Tensor t) throws EmbeddingFormatException {
    List<Long> shape = t.shape();
    String where = "tensor " + t.name();
    if (shape.isEmpty()) {
      throw new EmbeddingFormatException(file, where, "is a scalar, not a table");
    }
    long dim = shape.get(shape.size() - 1);
    long rows = dim == 0 ? 0 : t.elementCount() / dim;
    if (dim < 1 || dim > Integer.MAX_VALUE) {
      throw new EmbeddingFormatException(file, where, "row length " + dim + " is not in [1, 2^31)");
    }
    if (rows > Integer.MAX_VALUE) {
      throw new EmbeddingFormatException(file, where, rows + " rows are more than a table holds");
    }
    return (int) rows;
  }

  private FileChannel channel() {
    FileChannel ch = channel;
    if (ch == null) {
      throw new IllegalStateException("closed: " + file);
    }
    return ch;
  }

  /**
   * Closes the file. Tables already read stay valid (they are copies). Idempotent.
   *
   * @throws IOException if closing the channel fails
   */
  @Override
  public void close() throws IOException {
    FileChannel ch;
    synchronized (this) {
      ch = channel;
      channel = null;
    }
    if (ch != null) {
      ch.close();
    }
  }

  @Override
  public String toString() {
    return "SafetensorsFile[" + file + ", " + header.tensors().size() + " tensors]";
  }

  // ---------------------------------------------------------------- writing

  /**
   * Writes tables as a safetensors file, atomically: each table becomes a 2-dimensional tensor {@code [rows,
   * dimension]} in its own dtype ({@code F32}, {@code BF16} or {@code F16}, bit for bit), in the map's order.
   *
   * <pre>{@code
   * SafetensorsFile.write(Path.of("emb.safetensors"), Map.of("wte.weight", table), Map.of("source", "gpt2"));
   * }</pre>
   *
   * @param file the file to create or replace
   * @param tables tensor name → table
   * @param metadata the header's {@code __metadata__} (may be empty)
   * @throws IOException if writing fails; an existing file is then unchanged
   * @throws IllegalArgumentException if a name is {@code "__metadata__"}
   */
  public static void write(Path file, Map<String, VectorTable> tables, Map<String, String> metadata)
      throws IOException {
    Map<String, Tensor> entries = new LinkedHashMap<>();
    long offset = 0;
    for (Map.Entry<String, VectorTable> e : tables.entrySet()) {
      if (METADATA_KEY.equals(e.getKey())) {
        throw new IllegalArgumentException("a tensor cannot be named " + METADATA_KEY);
      }
      VectorTable t = e.getValue();
      long len = t.sizeInBytes();
      entries.put(e.getKey(), new Tensor(e.getKey(), t.dtype().name(), List.of((long) t.rows(),
          (long) t.dimension()), offset, len));
      offset += len;
    }
    byte[] header = headerBytes(entries, metadata);
    AtomicFiles.write(file, out -> {
      out.write(header);
      for (VectorTable t : tables.values()) {
        writeTable(out, t);
      }
    });
  }

  /**
   * Encodes a header: the 8-byte length, then the JSON padded with spaces to a multiple of 8 bytes. Offsets of
   * the entries are relative to the data region.
   *
   * @param entries the tensors, in file order
   * @param metadata the {@code __metadata__} strings (may be empty)
   * @return the bytes before the data region
   * @throws IOException if the JSON cannot be written
   */
  public static byte[] headerBytes(Map<String, Tensor> entries, Map<String, String> metadata) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    if (!metadata.isEmpty()) {
      ObjectNode m = root.putObject(METADATA_KEY);
      metadata.forEach(m::put);
    }
    for (Tensor t : entries.values()) {
      ObjectNode n = root.putObject(t.name());
      n.put("dtype", t.dtype());
      t.shape().forEach(n.putArray("shape")::add);
      n.putArray("data_offsets").add(t.offset()).add(t.offset() + t.byteLength());
    }
    byte[] json = JSON.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
    int padded = (json.length + 7) & ~7;
    ByteBuffer out = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
    out.putLong(padded).put(json);
    while (out.hasRemaining()) {
      out.put((byte) ' ');
    }
    return out.array();
  }

  private static void writeTable(OutputStream out, VectorTable t) throws IOException {
    int dim = t.dimension();
    ByteBuffer buf = ByteBuffer.allocate(dim * t.dtype().bytes()).order(ByteOrder.LITTLE_ENDIAN);
    float[] row = t.dtype() == DType.F32 ? new float[dim] : null;
    short[] bits = row == null ? new short[dim] : null;
    for (int r = 0; r < t.rows(); r++) {
      buf.clear();
      if (row != null) {
        buf.asFloatBuffer().put(t.row(r, row));
      } else {
        buf.asShortBuffer().put(t.rowBits(r, bits, 0));
      }
      out.write(buf.array());
    }
  }
}
