package io.github.embeddings4j.llm.format;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import io.github.embeddings4j.DType;
import io.github.embeddings4j.EmbeddingFormatException;
import io.github.embeddings4j.VectorTable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The initializers (weights) of an ONNX model file, read from the protobuf wire format without generated ONNX
 * classes and without loading the model: opening scans the file once and lists every initializer's name, data
 * type and shape; a table is read only when asked for, straight from the mapped file.
 *
 * <p>What is read of {@code onnx.proto}: {@code ModelProto.graph} (field 7) → {@code GraphProto.initializer}
 * (field 5) → {@code TensorProto}: {@code dims} (1, packed or not), {@code data_type} (2), {@code float_data}
 * (4, packed or not), {@code name} (8), {@code raw_data} (9, little-endian), {@code external_data} (13) and
 * {@code data_location} (14). Every other field is skipped by its wire type. Tables can be read from data types
 * FLOAT (1), FLOAT16 (10) and BFLOAT16 (16); others are listed and rejected by name when read. Data stored
 * outside the model ({@code data_location = EXTERNAL}, as for models over 2 GB) is read from the file named by
 * the {@code location} entry, which must lie in the model's folder, at its {@code offset} and {@code length}.
 *
 * <p>Hostile input: every varint, length and field is checked against the bytes of the enclosing message before
 * anything is read or allocated; a truncated varint, a length beyond the file, a wrong wire type, a negative
 * dimension, a shape whose size disagrees with the data, an unsupported type → {@link EmbeddingFormatException}
 * naming the file, the tensor (or the field) and the byte offset.
 *
 * <p>Thread-safe: reads of the file (and {@link #close()}) take the file's lock one at a time, since they move
 * one shared mapped window; returned tables are independent of the file and stay valid after {@link #close()}.
 *
 * <pre>{@code
 * try (OnnxInitializers onnx = OnnxInitializers.open(Path.of("model.onnx"))) {
 *   OnnxInitializers.Initializer words = onnx.wordEmbeddings(30522);
 *   VectorTable table = onnx.readTable(words.name());
 * }
 * }</pre>
 */
public final class OnnxInitializers extends MappedModelFile {
  /** TensorProto.DataType FLOAT. */
  public static final int FLOAT = 1;
  /** TensorProto.DataType FLOAT16. */
  public static final int FLOAT16 = 10;
  /** TensorProto.DataType BFLOAT16. */
  public static final int BFLOAT16 = 16;

  /** Name endings of a word-embedding table, in the order they are tried after the exact names. */
  private static final List<String> WORD_TABLE_SUFFIXES = List.of("word_embeddings.weight",
      "embed_tokens.weight", "wte.weight", "token_embd.weight");
  private static final List<String> DATA_TYPE_NAMES = List.of("UNDEFINED", "FLOAT", "UINT8", "INT8", "UINT16",
      "INT16", "INT32", "INT64", "STRING", "BOOL", "FLOAT16", "DOUBLE", "UINT32", "UINT64", "COMPLEX64",
      "COMPLEX128", "BFLOAT16", "FLOAT8E4M3FN", "FLOAT8E4M3FNUZ", "FLOAT8E5M2", "FLOAT8E5M2FNUZ", "UINT4", "INT4",
      "FLOAT4E2M1");
  /** Bytes per value by data type id; 0 where the size is not a whole number of bytes or varies. */
  private static final int[] DATA_TYPE_BYTES = {0, 4, 1, 1, 2, 2, 4, 8, 0, 1, 2, 8, 4, 8, 8, 16, 2, 1, 1, 1, 1, 0,
      0, 0};
  private static final int MODEL_GRAPH = 7;
  private static final int GRAPH_INITIALIZER = 5;
  private static final int TENSOR_DIMS = 1;
  private static final int TENSOR_DATA_TYPE = 2;
  private static final int TENSOR_FLOAT_DATA = 4;
  private static final int TENSOR_NAME = 8;
  private static final int TENSOR_RAW_DATA = 9;
  private static final int TENSOR_EXTERNAL_DATA = 13;
  private static final int TENSOR_DATA_LOCATION = 14;

  private final Map<String, Initializer> initializers;
  private final Map<String, Entry> entries;

  /**
   * One initializer as listed in the model.
   *
   * @param name the initializer name, e.g. {@code embeddings.word_embeddings.weight}
   * @param dataType the ONNX data type id (1 FLOAT, 10 FLOAT16, 16 BFLOAT16, ...)
   * @param dataTypeName its name, e.g. {@code "FLOAT"}, or {@code "type 99"} for an unknown id
   * @param dims the shape, outermost first (for a table: rows, then the dimension)
   * @param external whether the data lives in a separate file
   */
  public record Initializer(String name, int dataType, String dataTypeName, List<Long> dims, boolean external) {
    /**
     * Copies the dimensions.
     *
     * @param name the initializer name, e.g. {@code embeddings.word_embeddings.weight}
     * @param dataType the ONNX data type id (1 FLOAT, 10 FLOAT16, 16 BFLOAT16, ...)
     * @param dataTypeName its name, e.g. {@code "FLOAT"}, or {@code "type 99"} for an unknown id
     * @param dims the shape, outermost first (for a table: rows, then the dimension); copied into an unmodifiable
     *     list
     * @param external whether the data lives in a separate file rather than in the model file
     */
    public Initializer {
      dims = List.copyOf(dims);
    }

    /**
     * Returns the number of values.
     *
     * @return the product of the dimensions (1 for a scalar)
     */
    public long elements() {
      return TableReader.elements(dims);
    }
  }

  /** Where an initializer's values are: a raw byte range (in this file or an external one) or float_data. */
  private static final class Entry {
    Initializer info;
    long rawOffset = -1;
    /** The raw bytes' length; -1 for external data without a length (to the end of its file). */
    long rawLength;
    long floatCount;
    long messageStart;
    long messageEnd;
    Path externalFile;
  }

  private OnnxInitializers(MappedWindows file) throws IOException {
    super(file, "ONNX");
    Map<String, Entry> map = new LinkedHashMap<>();
    new Scanner().model(map);
    this.entries = map;
    Map<String, Initializer> infos = new LinkedHashMap<>();
    map.forEach((k, v) -> infos.put(k, v.info));
    this.initializers = Collections.unmodifiableMap(infos);
  }

  /**
   * Opens an ONNX model and lists its initializers.
   *
   * @param path the {@code .onnx} file
   * @return the open file; close it
   * @throws EmbeddingFormatException if the protobuf is malformed or an initializer is inconsistent (the message
   *     names the tensor or field and the byte offset)
   * @throws IOException if the file cannot be read
   */
  public static OnnxInitializers open(Path path) throws IOException {
    return open(path, MappedWindows.DEFAULT_WINDOW);
  }

  /** Opens with a chosen mapping window, for tests of reads across windows. */
  static OnnxInitializers open(Path path, int windowSize) throws IOException {
    return open(path, windowSize, OnnxInitializers::new);
  }

  /**
   * Returns every initializer of the main graph, in file order.
   *
   * @return the initializers
   */
  public List<Initializer> initializers() {
    return List.copyOf(initializers.values());
  }

  /**
   * Returns one initializer by name.
   *
   * @param name an initializer name
   * @return it, or empty when absent
   */
  public Optional<Initializer> initializer(String name) {
    return Optional.ofNullable(initializers.get(name));
  }

  /**
   * Finds the word-embedding table by name endings and size alone: {@link #wordEmbeddings(int, Collection)} with
   * no exact names.
   *
   * @param vocabularySize the tokenizer's vocabulary size, or 0 when unknown (names only)
   * @return the table's initializer
   * @throws EmbeddingFormatException if none is found (the message lists what was tried)
   */
  public Initializer wordEmbeddings(int vocabularySize) throws EmbeddingFormatException {
    return wordEmbeddings(vocabularySize, List.of());
  }

  /**
   * Finds the word-embedding table: first an initializer with one of the caller's exact names, in their iteration
   * order (the facade passes every model family's token-table names: {@code wte.weight}, {@code
   * model.embed_tokens.weight}, {@code embeddings.word_embeddings.weight}, ...), then one whose name ends with
   * {@code word_embeddings.weight}, {@code embed_tokens.weight}, {@code wte.weight} or {@code token_embd.weight},
   * each only if it is 2-D. Exporters sometimes rename tied or folded weights ({@code onnx::Gather_123}); so when
   * no name matches and {@code vocabularySize} is positive, it is the largest 2-D initializer whose row count
   * equals the tokenizer's vocabulary size.
   *
   * @param vocabularySize the tokenizer's vocabulary size, or 0 when unknown (names only)
   * @param candidateNames exact initializer names tried first, in iteration order; may be empty
   * @return the table's initializer
   * @throws EmbeddingFormatException if none is found (the message lists what was tried)
   * @throws NullPointerException if {@code candidateNames} or one of its names is null
   */
  public Initializer wordEmbeddings(int vocabularySize, Collection<String> candidateNames)
      throws EmbeddingFormatException {
    Objects.requireNonNull(candidateNames, "candidateNames");
    for (String n : candidateNames) {
      Initializer i = initializers.get(Objects.requireNonNull(n, "a candidate name"));
      if (i != null && i.dims().size() == 2) {
        return i;
      }
    }
    for (String suffix : WORD_TABLE_SUFFIXES) {
      for (Initializer i : initializers.values()) {
        if (i.name().endsWith(suffix) && i.dims().size() == 2) {
          return i;
        }
      }
    }
    Initializer best = null;
    if (vocabularySize > 0) {
      for (Initializer i : initializers.values()) {
        if (i.dims().size() == 2 && i.dims().get(0) == vocabularySize
            && (best == null || i.elements() > best.elements())) {
          best = i;
        }
      }
    }
    if (best == null) {
      throw new EmbeddingFormatException(file.path(), "word embeddings", "no 2-D initializer named like a word"
          + " table (*" + String.join(", *", WORD_TABLE_SUFFIXES) + ")" + (vocabularySize > 0
              ? " nor with " + vocabularySize + " rows" : "") + " among " + initializers.size() + " initializers");
    }
    return best;
  }

  /**
   * Reads a 2-D initializer as a table in its natural storage: FLOAT as float32, FLOAT16 and BFLOAT16 kept half
   * precision.
   *
   * @param name the initializer name
   * @return the table, rows × dimension as in {@code dims}
   * @throws EmbeddingFormatException if the initializer is missing, not 2-D, of another data type (named), or
   *     holds NaN or infinite values
   * @throws IOException if the file cannot be read
   * @throws IllegalStateException if the file is closed
   */
  public VectorTable readTable(String name) throws IOException {
    return readTable(name, null);
  }

  /**
   * Reads a 2-D initializer as a table stored as {@code storage}.
   *
   * @param name the initializer name
   * @param storage the storage type, or {@code null} for the natural one (see {@link #readTable(String)})
   * @return the table
   * @throws EmbeddingFormatException if the initializer is missing, not 2-D, of another data type (named), or a
   *     value is NaN, infinite or overflows the storage
   * @throws IOException if the file cannot be read
   * @throws IllegalStateException if the file is closed
   */
  public synchronized VectorTable readTable(String name, DType storage) throws IOException {
    checkOpen();
    Entry e = entries.get(Objects.requireNonNull(name, "name"));
    String where = "tensor \"" + name + "\"";
    if (e == null) {
      throw new EmbeddingFormatException(file.path(), where, "no such initializer (the model has "
          + entries.size() + ")");
    }
    Initializer info = e.info;
    TableReader.Encoding enc;
    switch (info.dataType()) {
      case FLOAT:
        enc = TableReader.Encoding.F32;
        break;
      case FLOAT16:
        enc = TableReader.Encoding.F16;
        break;
      case BFLOAT16:
        enc = TableReader.Encoding.BF16;
        break;
      default:
        throw new EmbeddingFormatException(file.path(), where, "data type " + info.dataTypeName()
            + " is not supported (FLOAT, FLOAT16, BFLOAT16 are)");
    }
    if (info.dims().size() != 2 || info.dims().get(0) > Integer.MAX_VALUE || info.dims().get(1) < 1
        || info.dims().get(1) > Integer.MAX_VALUE) {
      throw new EmbeddingFormatException(file.path(), where, "shape " + info.dims()
          + " is not a table (2-D, rows below 2^31, dimension in [1, 2^31))");
    }
    int rows = (int) (long) info.dims().get(0);
    int dim = (int) (long) info.dims().get(1);
    DType target = storage == null ? enc.naturalStorage() : storage;
    if (e.rawOffset >= 0) {
      if (e.externalFile == null) {
        return TableReader.read(file, e.rawOffset, enc, rows, dim, target, where);
      }
      try (MappedWindows ext = new MappedWindows(e.externalFile, file.windowSize())) {
        // The size is the open channel's, the one the bytes are read from: a file replaced since the model was
        // opened is judged by its own size, never by the old file's.
        long size = ext.size();
        long length = e.rawLength >= 0 ? e.rawLength : Math.max(0, size - e.rawOffset);
        if (e.rawOffset > size || length > size - e.rawOffset) {
          throw new EmbeddingFormatException(e.externalFile, where, "external data [" + e.rawOffset + ", "
              + (e.rawOffset + length) + ") runs past the end of the file (" + size + " bytes)");
        }
        long values = (long) rows * dim;
        long valueBytes = enc.bytes(1);
        if (e.rawLength < 0 && (values > Long.MAX_VALUE / valueBytes || length != values * valueBytes)) {
          throw new EmbeddingFormatException(e.externalFile, where, "shape " + info.dims() + " of "
              + info.dataTypeName() + " needs " + values + " × " + valueBytes + " bytes, the external data from"
              + " offset " + e.rawOffset + " to the end of the file holds " + length);
        }
        return TableReader.read(ext, e.rawOffset, enc, rows, dim, target, where);
      }
    }
    if (enc != TableReader.Encoding.F32) {
      throw new EmbeddingFormatException(file.path(), where, info.dataTypeName() + " values outside raw_data"
          + " (int32_data) are not supported");
    }
    return new Scanner().floatData(e, rows, dim, target, where);
  }

  @Override
  String summary() {
    return initializers.size() + " initializers";
  }

  private static String dataTypeName(long type) {
    return type >= 0 && type < DATA_TYPE_NAMES.size() ? DATA_TYPE_NAMES.get((int) type) : "type " + type;
  }

  /**
   * Walks protobuf messages by absolute file offsets. Tags and varints are decoded by {@link CodedInputStream}
   * over a small window at each field; length-delimited payloads are skipped by offset, never read whole.
   */
  private final class Scanner {
    /** The field at {@code start}: its number, wire type and either a varint value or a payload range. */
    int number;
    int wireType;
    long varint;
    long payload;
    long next;

    private EmbeddingFormatException error(String where, long at, String problem, Throwable cause) {
      return new EmbeddingFormatException(file.path(), where + " at byte " + at, problem, cause);
    }

    /** Reads the field header at {@code start} inside a message ending at {@code end}. */
    void field(long start, long end, String where) throws IOException {
      ByteBuffer window = file.bytes(start, (int) Math.min(20, end - start));
      CodedInputStream in = CodedInputStream.newInstance(window);
      try {
        int tag = in.readTag();
        number = WireFormat.getTagFieldNumber(tag);
        wireType = WireFormat.getTagWireType(tag);
        long value = 0;
        long length;
        switch (wireType) {
          case WireFormat.WIRETYPE_VARINT:
            value = in.readRawVarint64();
            length = 0;
            break;
          case WireFormat.WIRETYPE_FIXED64:
            length = 8;
            break;
          case WireFormat.WIRETYPE_FIXED32:
            length = 4;
            break;
          case WireFormat.WIRETYPE_LENGTH_DELIMITED:
            length = in.readRawVarint64();
            break;
          default:
            throw error(where, start, "field " + number + " has wire type " + wireType
                + (wireType == 3 || wireType == 4 ? " (groups are not used by ONNX)" : " (invalid)"), null);
        }
        varint = value;
        payload = start + in.getTotalBytesRead();
        if (length < 0 || length > end - payload) {
          throw error(where, start, "field " + number + " length " + Long.toUnsignedString(length)
              + " runs past the end of its message (" + (end - payload) + " bytes left)", null);
        }
        next = payload + length;
      } catch (InvalidProtocolBufferException e) {
        throw error(where, start, "malformed protobuf: " + e.getMessage(), e);
      }
    }

    private void expect(int wire, String fieldName, String where, long at) throws EmbeddingFormatException {
      if (wireType != wire) {
        throw error(where, at, fieldName + " (field " + number + ") has wire type " + wireType + ", expected "
            + wire, null);
      }
    }

    void model(Map<String, Entry> out) throws IOException {
      long pos = 0;
      long end = file.size();
      boolean graph = false;
      while (pos < end) {
        long at = pos;
        field(pos, end, "ModelProto");
        pos = next;
        if (number == MODEL_GRAPH) {
          expect(WireFormat.WIRETYPE_LENGTH_DELIMITED, "graph", "ModelProto", at);
          graph(payload, next, out);
          graph = true;
        }
      }
      if (!graph) {
        throw new EmbeddingFormatException(file.path(), "ModelProto", "no graph (field 7): not an ONNX model");
      }
    }

    private void graph(long start, long end, Map<String, Entry> out) throws IOException {
      long pos = start;
      while (pos < end) {
        long at = pos;
        field(pos, end, "GraphProto");
        pos = next;
        if (number == GRAPH_INITIALIZER) {
          expect(WireFormat.WIRETYPE_LENGTH_DELIMITED, "initializer", "GraphProto", at);
          Entry e = tensor(payload, next, "initializer #" + out.size());
          if (out.putIfAbsent(e.info.name(), e) != null) {
            throw error("tensor \"" + e.info.name() + "\"", at, "duplicate initializer name", null);
          }
        }
      }
    }

    private Entry tensor(long start, long end, String where) throws IOException {
      List<Long> dims = new ArrayList<>();
      long dataType = 0;
      String name = null;
      Entry e = new Entry();
      e.messageStart = start;
      e.messageEnd = end;
      boolean externalLocation = false;
      OnnxTensorData data = new OnnxTensorData();
      List<long[]> external = new ArrayList<>();
      long pos = start;
      while (pos < end) {
        long at = pos;
        field(pos, end, where);
        pos = next;
        switch (number) {
          case TENSOR_DIMS:
            if (wireType == WireFormat.WIRETYPE_VARINT) {
              dims.add(varint);
            } else {
              expect(WireFormat.WIRETYPE_LENGTH_DELIMITED, "dims", where, at);
              packedDims(payload, next, dims, where);
            }
            break;
          case TENSOR_DATA_TYPE:
            expect(WireFormat.WIRETYPE_VARINT, "data_type", where, at);
            dataType = varint;
            break;
          case TENSOR_NAME:
            expect(WireFormat.WIRETYPE_LENGTH_DELIMITED, "name", where, at);
            byte[] b = new byte[(int) Math.min(next - payload, Integer.MAX_VALUE - 8)];
            file.read(payload, b, 0, b.length);
            name = new String(b, StandardCharsets.UTF_8);
            where = "tensor \"" + name + "\"";
            break;
          case TENSOR_RAW_DATA:
            expect(WireFormat.WIRETYPE_LENGTH_DELIMITED, "raw_data", where, at);
            e.rawOffset = payload;
            e.rawLength = next - payload;
            break;
          case TENSOR_FLOAT_DATA: {
            long floats = 1;
            if (wireType != WireFormat.WIRETYPE_FIXED32) {
              expect(WireFormat.WIRETYPE_LENGTH_DELIMITED, "float_data", where, at);
              if ((next - payload) % 4 != 0) {
                throw error(where, at, "packed float_data of " + (next - payload) + " bytes is not a whole"
                    + " number of floats", null);
              }
              floats = (next - payload) / 4;
            }
            e.floatCount += floats;
            data.add(OnnxTensorData.FLOAT_DATA, floats);
            break;
          }
          case OnnxTensorData.INT32_DATA:
          case OnnxTensorData.INT64_DATA:
          case OnnxTensorData.UINT64_DATA:
            if (wireType == WireFormat.WIRETYPE_VARINT) {
              data.add(number, 1);
            } else {
              expect(WireFormat.WIRETYPE_LENGTH_DELIMITED, OnnxTensorData.name(number), where, at);
              data.add(number, packedVarints(payload, next, OnnxTensorData.name(number), where));
            }
            break;
          case OnnxTensorData.DOUBLE_DATA:
            if (wireType == WireFormat.WIRETYPE_FIXED64) {
              data.add(number, 1);
            } else {
              expect(WireFormat.WIRETYPE_LENGTH_DELIMITED, "double_data", where, at);
              if ((next - payload) % 8 != 0) {
                throw error(where, at, "packed double_data of " + (next - payload) + " bytes is not a whole"
                    + " number of doubles", null);
              }
              data.add(number, (next - payload) / 8);
            }
            break;
          case OnnxTensorData.STRING_DATA:
            expect(WireFormat.WIRETYPE_LENGTH_DELIMITED, "string_data", where, at);
            data.add(number, 1);
            break;
          case TENSOR_EXTERNAL_DATA:
            expect(WireFormat.WIRETYPE_LENGTH_DELIMITED, "external_data", where, at);
            external.add(new long[] {payload, next});
            break;
          case TENSOR_DATA_LOCATION:
            expect(WireFormat.WIRETYPE_VARINT, "data_location", where, at);
            externalLocation = varint == 1;
            break;
          default:
            break;
        }
      }
      if (name == null) {
        throw error(where, start, "initializer has no name", null);
      }
      long elements = 1;
      for (int i = 0; i < dims.size(); i++) {
        long d = dims.get(i);
        if (d < 0) {
          throw error(where, start, "negative dimension " + d + " at index " + i + " of " + dims, null);
        }
        try {
          elements = Math.multiplyExact(elements, d);
        } catch (ArithmeticException ex) {
          throw error(where, start, "shape " + dims + " overflows 64 bits", null);
        }
      }
      e.info = new Initializer(name, (int) Math.min(dataType, Integer.MAX_VALUE), dataTypeName(dataType), dims,
          externalLocation);
      int valueBytes = dataType >= 0 && dataType < DATA_TYPE_BYTES.length ? DATA_TYPE_BYTES[(int) dataType] : 0;
      String problem = data.check(dataType, dataTypeName(dataType), elements, e.rawOffset >= 0, externalLocation);
      if (problem != null) {
        throw error(where, start, problem, null);
      }
      if (externalLocation) {
        external(e, external, where);
      }
      if (e.rawOffset >= 0 && e.rawLength >= 0 && valueBytes > 0
          && (elements > Long.MAX_VALUE / valueBytes || e.rawLength != elements * valueBytes)) {
        throw error(where, start, "shape " + dims + " of " + dataTypeName(dataType) + " needs " + elements + " × "
            + valueBytes + " bytes, raw_data holds " + e.rawLength, null);
      }
      return e;
    }

    /** Counts the varints of a packed run: one per byte without the continuation bit. */
    private long packedVarints(long start, long end, String fieldName, String where) throws IOException {
      long count = 0;
      for (long pos = start; pos < end;) {
        int n = (int) Math.min(1 << 16, end - pos);
        ByteBuffer window = file.bytes(pos, n);
        for (int i = 0; i < n; i++) {
          if (window.get(i) >= 0) {
            count++;
          }
        }
        pos += n;
      }
      if (end > start && file.get(end - 1) < 0) {
        throw error(where, end - 1, "packed " + fieldName + " ends inside a varint", null);
      }
      return count;
    }

    private void packedDims(long start, long end, List<Long> dims, String where) throws IOException {
      long pos = start;
      while (pos < end) {
        ByteBuffer window = file.bytes(pos, (int) Math.min(10, end - pos));
        CodedInputStream in = CodedInputStream.newInstance(window);
        try {
          dims.add(in.readRawVarint64());
        } catch (InvalidProtocolBufferException e) {
          throw error(where, pos, "malformed packed dims: " + e.getMessage(), e);
        }
        pos += in.getTotalBytesRead();
      }
    }

    /** Reads the external_data entries (key/value strings) and resolves the location inside the model folder. */
    private void external(Entry e, List<long[]> entries, String where) throws IOException {
      String location = null;
      long offset = 0;
      long length = -1;
      for (long[] range : entries) {
        String key = null;
        String value = null;
        long pos = range[0];
        while (pos < range[1]) {
          long at = pos;
          field(pos, range[1], where + " external_data");
          pos = next;
          if (number == 1 || number == 2) {
            expect(WireFormat.WIRETYPE_LENGTH_DELIMITED, number == 1 ? "key" : "value", where, at);
            byte[] b = new byte[(int) Math.min(next - payload, 4096)];
            file.read(payload, b, 0, b.length);
            String s = new String(b, StandardCharsets.UTF_8);
            if (number == 1) {
              key = s;
            } else {
              value = s;
            }
          }
        }
        if ("location".equals(key)) {
          location = value;
        } else if ("offset".equals(key) || "length".equals(key)) {
          long v;
          try {
            v = Long.parseLong(value == null ? "" : value);
          } catch (NumberFormatException ex) {
            throw error(where, range[0], "external_data " + key + " \"" + value + "\" is not a number", ex);
          }
          if (v < 0) {
            throw error(where, range[0], "external_data " + key + " " + v + " is negative", null);
          }
          if ("offset".equals(key)) {
            offset = v;
          } else {
            length = v;
          }
        }
      }
      if (location == null) {
        throw error(where, e.messageStart, "data_location is EXTERNAL but external_data has no location", null);
      }
      Path dir = file.path().toAbsolutePath().getParent();
      Path resolved;
      try {
        resolved = dir.resolve(location).normalize();
      } catch (InvalidPathException ex) {
        // Found by fuzzing: a NUL byte in the location.
        throw error(where, e.messageStart, "external data location \"" + location + "\" is not a valid path: "
            + ex.getReason(), ex);
      }
      if (!resolved.startsWith(dir.normalize()) || resolved.equals(dir.normalize())) {
        throw error(where, e.messageStart, "external data location \"" + location + "\" is outside the model's"
            + " folder", null);
      }
      if (!Files.isRegularFile(resolved)) {
        throw error(where, e.messageStart, "external data file " + resolved + " does not exist", null);
      }
      e.externalFile = resolved;
      e.rawOffset = offset;
      // Without a length the data runs to the end of the file: measured when read, on the channel read from.
      e.rawLength = length;
    }

    /** Reads FLOAT values from float_data fields (packed runs in bulk, unpacked values one by one). */
    VectorTable floatData(Entry e, int rows, int dim, DType storage, String where) throws IOException {
      VectorTable.Builder b = VectorTable.builder(storage, rows, dim);
      if (rows == 0) {
        // A crafted fuzz input: the row buffer of a 0 x 2^31-1 float_data tensor did not fit in any heap.
        return b.build();
      }
      float[] row = new float[dim];
      int filled = 0;
      int r = 0;
      try {
        long pos = e.messageStart;
        while (pos < e.messageEnd) {
          field(pos, e.messageEnd, where);
          pos = next;
          if (number != TENSOR_FLOAT_DATA) {
            continue;
          }
          if (wireType == WireFormat.WIRETYPE_FIXED32) {
            row[filled++] = Float.intBitsToFloat(file.getInt(payload));
          } else {
            long p = payload;
            while (p < next) {
              if (filled == 0 && next - p >= (long) dim * 4) {
                // Whole rows straight from the file, a bounded step at a time.
                int n = (int) Math.min((next - p) / 4 / dim, Math.max(1, (1 << 24) / (dim * 4L)));
                FloatBuffer values = file.bytes(p, Math.multiplyExact(n, dim * 4)).asFloatBuffer();
                b.set(r, n, values);
                r += n;
                p += (long) n * dim * 4;
              } else {
                row[filled++] = Float.intBitsToFloat(file.getInt(p));
                p += 4;
                if (filled == dim) {
                  b.set(r++, row);
                  filled = 0;
                }
              }
            }
          }
          if (filled == dim) {
            b.set(r++, row);
            filled = 0;
          }
        }
      } catch (IllegalArgumentException ex) {
        throw new EmbeddingFormatException(file.path(), where, ex.getMessage(), ex);
      }
      return b.build();
    }
  }
}
