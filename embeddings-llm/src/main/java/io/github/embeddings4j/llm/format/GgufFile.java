package io.github.embeddings4j.llm.format;

import io.github.embeddings4j.DType;
import io.github.embeddings4j.Embedding;
import io.github.embeddings4j.EmbeddingFormatException;
import io.github.embeddings4j.Tokenizer;
import io.github.embeddings4j.VectorTable;
import io.github.embeddings4j.Vocabulary;
import io.github.embeddings4j.WordVectors;
import io.github.embeddings4j.llm.tokenizer.GreedyVocabTokenizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A GGUF model file (llama.cpp, Ollama), versions 2 and 3: its metadata, its tensor directory, and the token
 * embedding table {@code token_embd.weight} with the vocabulary {@code tokenizer.ggml.tokens} as an
 * {@link Embedding}.
 *
 * <p>Layout (all little-endian; a string is a {@code uint64} byte length then UTF-8 bytes):
 * <ol>
 *   <li>{@code uint32} magic {@code "GGUF"}, {@code uint32} version, {@code uint64} tensor count,
 *       {@code uint64} metadata count;</li>
 *   <li>metadata: key string, {@code uint32} value type ({@link #VALUE_TYPE_NAMES}: 0 uint8, 1 int8, 2 uint16,
 *       3 int16, 4 uint32, 5 int32, 6 float32, 7 bool, 8 string, 9 array, 10 uint64, 11 int64, 12 float64), the
 *       value; an array is a {@code uint32} element type, a {@code uint64} count, the elements;</li>
 *   <li>tensor infos: name string, {@code uint32} number of dimensions (at most 4), {@code uint64} dimensions
 *       with {@code ne[0]} the fastest-varying (for a token table: the embedding dimension, then the vocabulary
 *       size), {@code uint32} GGML type, {@code uint64} offset from the data section;</li>
 *   <li>padding to {@code general.alignment} (default 32), then the data section.</li>
 * </ol>
 *
 * <p>The header, metadata and tensor directory are read when the file opens; tensor data only when a table is
 * asked for, through mapped windows, so files larger than 2 GB work. Every count and length is checked against
 * the bytes left in the file before anything is allocated from it; a file that fails a check is an
 * {@link EmbeddingFormatException} naming the file, the field or tensor, and the byte offset.
 *
 * <p>Tables: GGML types F32 (0), F16 (1), Q8_0 (8: blocks of 32 values, a float16 scale and 32 signed bytes) and
 * BF16 (30). F16 and BF16 stay half precision in memory unless another storage is asked for; Q8_0 is decoded to
 * float32. Other types (Q4_K, ...) are listed by {@link #tensors()} but rejected by name when read.
 *
 * <p>Text: {@link #tokenEmbeddings()}'s {@code embed(text)} cuts text by longest match over the vocabulary in the
 * style of {@code tokenizer.ggml.model} (SentencePiece {@code ▁}, GPT-2 byte-level, WordPiece {@code ##}). It
 * approximates the model's tokenizer; for exact token ids use the model's {@code tokenizer.json} with the
 * Hugging Face tokenizer and {@link #tokenEmbeddings(Tokenizer)}.
 *
 * <p>An open file holds a mapping: close it. Thread-safe: reads of the file (and {@link #close()}) take the
 * file's lock one at a time, since they move one shared mapped window; the returned tables and embeddings are
 * independent of the file and stay valid after {@link #close()}.
 *
 * <pre>{@code
 * try (GgufFile gguf = GgufFile.open(Path.of("qwen2.5-0.5b-instruct-q8_0.gguf"))) {
 *   Embedding e = gguf.tokenEmbeddings();
 *   e.nearest("▁king", 5);
 * }
 * }</pre>
 */
public final class GgufFile extends MappedModelFile {
  private static final Logger LOG = LoggerFactory.getLogger(GgufFile.class);
  /** The name llama.cpp gives the token embedding table. */
  public static final String TOKEN_EMBEDDING = "token_embd.weight";
  /** The metadata key of the vocabulary (an array of strings). */
  public static final String TOKENS_KEY = "tokenizer.ggml.tokens";
  /** The metadata key of the token types (an array of int32: 1 normal, 2 unknown, 3 control, 6 byte...). */
  public static final String TOKEN_TYPES_KEY = "tokenizer.ggml.token_type";
  /** The metadata key of the tokenizer model ({@code llama}, {@code gpt2}, {@code bert}...). */
  public static final String TOKENIZER_MODEL_KEY = "tokenizer.ggml.model";
  /** The metadata key of the data alignment. */
  public static final String ALIGNMENT_KEY = "general.alignment";
  /** Data alignment when the file does not set {@value #ALIGNMENT_KEY}. */
  public static final int DEFAULT_ALIGNMENT = 32;
  /** Metadata value type names by id (0 to 12). */
  public static final List<String> VALUE_TYPE_NAMES = List.of("uint8", "int8", "uint16", "int16", "uint32",
      "int32", "float32", "bool", "string", "array", "uint64", "int64", "float64");

  static final int MAGIC = 0x46554747; // "GGUF" read little-endian
  /** The ggml tensor type id of float32 values. */
  public static final int TYPE_F32 = 0;
  /** The ggml tensor type id of IEEE half-precision values. */
  public static final int TYPE_F16 = 1;
  /** The ggml tensor type id of Q8_0 blocks (32 signed bytes and a half-precision scale). */
  public static final int TYPE_Q8_0 = 8;
  /** The ggml tensor type id of bfloat16 values. */
  public static final int TYPE_BF16 = 30;
  private static final int MAX_DIMS = 4;
  private static final int MAX_ARRAY_DEPTH = 16;
  /**
   * How many metadata entries {@link #metadata()} keeps; later ones are checked and skipped, except the keys the
   * library reads. Real files have a few dozen.
   */
  public static final int MAX_METADATA_ENTRIES = 4096;
  /** The metadata keys the library reads, kept wherever they come in the file. */
  private static final Set<String> USED_KEYS = Set.of(ALIGNMENT_KEY, TOKENS_KEY, TOKEN_TYPES_KEY,
      TOKENIZER_MODEL_KEY, "general.architecture");
  /** GGML tensor type names by id, for messages; ids missing here were removed from GGML. */
  private static final Map<Integer, String> GGML_TYPE_NAMES = ggmlTypeNames();

  private final int version;
  private final Map<String, Object> metadata;
  private final Map<String, Integer> metadataTypes;
  private final Map<String, GgufTensor> tensors;
  private final int alignment;
  private final long dataOffset;

  /**
   * One entry of the tensor directory.
   *
   * @param name the tensor name, e.g. {@code token_embd.weight}
   * @param typeId the GGML type id (0 F32, 1 F16, 8 Q8_0, 30 BF16, ...)
   * @param typeName the GGML type's name, e.g. {@code "Q4_K"}, or {@code "type 99"} for an unknown id
   * @param dims the dimensions, {@code ne[0]} (fastest-varying) first
   * @param offset the byte offset from the start of the data section
   */
  public record GgufTensor(String name, int typeId, String typeName, List<Long> dims, long offset) {
    /**
     * Copies the dimensions.
     *
     * @param name the tensor name, e.g. {@code token_embd.weight}
     * @param typeId the GGML type id (0 F32, 1 F16, 8 Q8_0, 30 BF16, ...)
     * @param typeName the GGML type's name, e.g. {@code "Q4_K"}, or {@code "type 99"} for an unknown id
     * @param dims the dimensions, {@code ne[0]} (fastest-varying) first; copied into an unmodifiable list
     * @param offset the byte offset of the tensor's first byte from the start of the data section
     */
    public GgufTensor {
      dims = List.copyOf(dims);
    }

    /**
     * Returns the number of values.
     *
     * @return the product of the dimensions
     */
    public long elements() {
      return TableReader.elements(dims);
    }
  }

  private GgufFile(MappedWindows file) throws IOException {
    super(file, "GGUF");
    Cursor c = new Cursor(0);
    int magic = c.u32("magic");
    if (magic != MAGIC) {
      throw error("byte 0", String.format("bad magic 0x%08X, expected \"GGUF\" (0x%08X)", magic, MAGIC));
    }
    version = c.u32("version");
    if (version != 2 && version != 3) {
      throw error("byte 4", "unsupported GGUF version " + Integer.toUnsignedString(version)
          + (Integer.reverseBytes(version) == 3 || Integer.reverseBytes(version) == 2 ? " (a big-endian file?)"
              : version == 1 ? " (version 1 predates 64-bit counts)" : "") + "; versions 2 and 3 are read");
    }
    long tensorCount = c.u64("tensor count");
    long kvCount = c.u64("metadata count");
    // Minimal sizes: a key-value is an 8-byte key length, a 4-byte type and a 1-byte value; a tensor info is an
    // 8-byte name length, 4-byte rank, 4-byte type and 8-byte offset.
    c.checkCount(kvCount, 13, "metadata count");
    c.checkCount(tensorCount, 24, "tensor count");
    Map<String, Object> meta = new LinkedHashMap<>();
    Map<String, Integer> types = new LinkedHashMap<>();
    long skipped = 0;
    for (long i = 0; i < kvCount; i++) {
      long at = c.pos;
      String key = c.string("metadata key #" + i);
      String field = "metadata \"" + key + "\"";
      int type = c.u32(field + " type");
      if (meta.size() >= MAX_METADATA_ENTRIES && !USED_KEYS.contains(key)) {
        // Checked but not kept: millions of tiny entries would otherwise cost ~200 bytes of heap each.
        c.skipValue(type, field, 0);
        skipped++;
        continue;
      }
      Object value = c.value(type, field, 0);
      if (meta.putIfAbsent(key, value) != null) {
        throw error("byte " + at, "duplicate metadata key \"" + key + "\"");
      }
      types.put(key, type);
    }
    if (skipped > 0) {
      LOG.warn("{}: {} metadata entries after the first {} were checked but not kept", file.path(), skipped,
          MAX_METADATA_ENTRIES);
    }
    metadata = Collections.unmodifiableMap(meta);
    metadataTypes = Collections.unmodifiableMap(types);
    alignment = alignment(meta.get(ALIGNMENT_KEY));
    Map<String, GgufTensor> infos = new LinkedHashMap<>();
    for (long i = 0; i < tensorCount; i++) {
      long at = c.pos;
      String name = c.string("tensor #" + i + " name");
      String field = "tensor \"" + name + "\"";
      int rank = c.u32(field + " rank");
      if (rank < 1 || rank > MAX_DIMS) {
        throw error(field + " at byte " + at, "rank " + Integer.toUnsignedString(rank) + " outside [1, "
            + MAX_DIMS + "]");
      }
      List<Long> dims = new ArrayList<>(rank);
      long elements = 1;
      for (int d = 0; d < rank; d++) {
        long ne = c.u64(field + " ne[" + d + "]");
        if (ne < 0) {
          throw error(field + " at byte " + at, "ne[" + d + "] = " + Long.toUnsignedString(ne) + " is too large");
        }
        dims.add(ne);
        try {
          elements = Math.multiplyExact(elements, ne);
        } catch (ArithmeticException e) {
          throw error(field + " at byte " + at, "shape " + dims + "... overflows 64 bits");
        }
      }
      int type = c.u32(field + " type");
      long offset = c.u64(field + " offset");
      if (offset < 0 || offset % alignment != 0) {
        throw error(field + " at byte " + at, "data offset " + Long.toUnsignedString(offset)
            + " is not a multiple of the alignment " + alignment);
      }
      if (infos.putIfAbsent(name, new GgufTensor(name, type, typeName(type), dims, offset)) != null) {
        throw error(field + " at byte " + at, "duplicate tensor name");
      }
    }
    long data = (c.pos + alignment - 1) / alignment * alignment;
    tensors = Collections.unmodifiableMap(infos);
    for (GgufTensor t : infos.values()) {
      // Every tensor must start inside the file; the full byte range of the readable types is checked on read.
      if (t.offset() > file.size() - Math.min(data, file.size())) {
        throw error("tensor \"" + t.name() + "\"", "data at " + data + " + " + t.offset()
            + " starts beyond the end of the file (" + file.size() + " bytes)");
      }
    }
    dataOffset = data;
  }

  /**
   * Opens a GGUF file and reads its header, metadata and tensor directory.
   *
   * @param path the {@code .gguf} file
   * @return the open file; close it
   * @throws EmbeddingFormatException if the file is not valid GGUF v2/v3 (the message names field and offset)
   * @throws IOException if the file cannot be read
   */
  public static GgufFile open(Path path) throws IOException {
    return open(path, MappedWindows.DEFAULT_WINDOW);
  }

  /** Opens with a chosen mapping window, for tests of reads across windows. */
  static GgufFile open(Path path, int windowSize) throws IOException {
    return open(path, windowSize, GgufFile::new);
  }

  /**
   * Returns the format version (2 or 3).
   *
   * @return the version
   */
  public int version() {
    return version;
  }

  /**
   * Returns all metadata in file order. Values map to Java types as follows: uint8, int8, uint16, int16 and int32
   * to {@link Integer} (unsigned types zero-extended); uint32, int64 and uint64 to {@link Long} (uint64 as its
   * bit pattern); float32 to {@link Float}; float64 to {@link Double}; bool to {@link Boolean}; string to
   * {@link String}; an array of numbers or booleans to a primitive array of the same width ({@code byte[]} for
   * uint8/int8, {@code short[]}, {@code int[]} for uint32/int32, {@code long[]}, {@code float[]},
   * {@code double[]}, {@code boolean[]}, unsigned values as bit patterns); an array of strings or of arrays to an
   * unmodifiable {@link List} (an array of strings keeps its UTF-8 bytes and decodes an element when it is read).
   *
   * <p>Bounded: after the first {@value #MAX_METADATA_ENTRIES} entries, further entries are checked (lengths,
   * types, nesting) but not kept, except the keys the library reads ({@value #TOKENS_KEY},
   * {@value #TOKEN_TYPES_KEY}, {@value #TOKENIZER_MODEL_KEY}, {@value #ALIGNMENT_KEY},
   * {@code general.architecture}); a warning says how many were skipped. So a file of millions of tiny entries
   * opens in heap proportional to its size (see {@code docs/reliability.md}).
   *
   * @return key → value, unmodifiable
   */
  public Map<String, Object> metadata() {
    return metadata;
  }

  /**
   * Returns one metadata value (see {@link #metadata()} for the Java types).
   *
   * @param key e.g. {@code "general.architecture"}
   * @return the value, or empty when the key is absent
   */
  public Optional<Object> metadata(String key) {
    return Optional.ofNullable(metadata.get(key));
  }

  /**
   * Returns the GGUF value type of a metadata key, by name ({@link #VALUE_TYPE_NAMES}).
   *
   * @param key a metadata key
   * @return e.g. {@code "uint32"} or {@code "array"}, or empty when the key is absent
   */
  public Optional<String> metadataType(String key) {
    Integer t = metadataTypes.get(key);
    return t == null ? Optional.empty() : Optional.of(VALUE_TYPE_NAMES.get(t));
  }

  /**
   * Returns the tensor directory in file order.
   *
   * @return the tensors, unmodifiable
   */
  public List<GgufTensor> tensors() {
    return List.copyOf(tensors.values());
  }

  /**
   * Returns one tensor's directory entry.
   *
   * @param name a tensor name
   * @return the entry, or empty when there is no such tensor
   */
  public Optional<GgufTensor> tensor(String name) {
    return Optional.ofNullable(tensors.get(name));
  }

  /**
   * Returns the data alignment ({@value #ALIGNMENT_KEY}, default {@value #DEFAULT_ALIGNMENT}).
   *
   * @return the alignment in bytes
   */
  public int alignment() {
    return alignment;
  }

  /**
   * Returns where the data section starts.
   *
   * @return the byte offset of the data section in the file
   */
  public long dataOffset() {
    return dataOffset;
  }

  /**
   * Returns the vocabulary ({@value #TOKENS_KEY}), token id order.
   *
   * @return the tokens
   * @throws EmbeddingFormatException if the key is missing or not an array of strings
   */
  public List<String> tokens() throws EmbeddingFormatException {
    Object v = metadata.get(TOKENS_KEY);
    if (v == null) {
      throw error("metadata \"" + TOKENS_KEY + "\"", "missing: the file has no vocabulary");
    }
    if (!(v instanceof List) || !"string".equals(elementType(v))) {
      throw error("metadata \"" + TOKENS_KEY + "\"", "not an array of strings");
    }
    @SuppressWarnings("unchecked")
    List<String> tokens = (List<String>) v;
    return tokens;
  }

  /**
   * Returns the token types ({@value #TOKEN_TYPES_KEY}) when the file has them: 1 normal, 2 unknown, 3 control,
   * 4 user-defined, 5 unused, 6 byte.
   *
   * @return one type per token, or empty
   * @throws EmbeddingFormatException if the key holds something other than an int32 array
   */
  public Optional<int[]> tokenTypes() throws EmbeddingFormatException {
    Object v = metadata.get(TOKEN_TYPES_KEY);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof int[])) {
      throw error("metadata \"" + TOKEN_TYPES_KEY + "\"", "not an array of int32");
    }
    return Optional.of(((int[]) v).clone());
  }

  /**
   * Reads a 2-D tensor as a table in its natural storage: F32 as float32, F16 and BF16 kept half precision,
   * Q8_0 decoded to float32. Rows are {@code ne[1]}, the dimension is {@code ne[0]}.
   *
   * @param name the tensor name
   * @return the table
   * @throws EmbeddingFormatException if the tensor is missing, not 2-D, of an unsupported type (named), its data
   *     lies beyond the file, or it holds NaN or infinite values
   * @throws IOException if the file cannot be read
   * @throws IllegalStateException if the file is closed
   */
  public VectorTable readTable(String name) throws IOException {
    return readTable(name, null);
  }

  /**
   * Reads a 2-D tensor as a table stored as {@code storage} (values rounded when narrowing).
   *
   * @param name the tensor name
   * @param storage the storage type, or {@code null} for the natural one (see {@link #readTable(String)})
   * @return the table
   * @throws EmbeddingFormatException if the tensor is missing, not 2-D, of an unsupported type (named), its data
   *     lies beyond the file, or a value is NaN, infinite or overflows the storage
   * @throws IOException if the file cannot be read
   * @throws IllegalStateException if the file is closed
   */
  public synchronized VectorTable readTable(String name, DType storage) throws IOException {
    checkOpen();
    GgufTensor t = tensors.get(Objects.requireNonNull(name, "name"));
    String where = "tensor \"" + name + "\"";
    if (t == null) {
      throw error(where, "missing (the file has " + tensors.size() + " tensors)");
    }
    TableReader.Encoding enc;
    switch (t.typeId()) {
      case TYPE_F32:
        enc = TableReader.Encoding.F32;
        break;
      case TYPE_F16:
        enc = TableReader.Encoding.F16;
        break;
      case TYPE_BF16:
        enc = TableReader.Encoding.BF16;
        break;
      case TYPE_Q8_0:
        enc = TableReader.Encoding.Q8_0;
        break;
      default:
        throw error(where, "tensor type " + t.typeName() + " is not supported (F32, F16, BF16, Q8_0 are)");
    }
    if (t.dims().size() != 2) {
      throw error(where, "expected 2 dimensions (ne[0] = dimension, ne[1] = rows), found " + t.dims());
    }
    long dim = t.dims().get(0);
    long rows = t.dims().get(1);
    if (dim < 1 || dim > Integer.MAX_VALUE || rows > Integer.MAX_VALUE) {
      throw error(where, "shape " + t.dims() + " cannot be a table (dimension in [1, 2^31), rows below 2^31)");
    }
    long rowBytes = enc.bytes(dim); // dim < 2^31: no overflow
    if (rowBytes < 0) {
      throw error(where, "Q8_0 row of " + dim + " values is not a whole number of 32-value blocks");
    }
    long start = dataOffset + t.offset();
    long available = file.size() - start;
    if (available < 0 || rows > available / rowBytes) {
      throw error(where, t.typeName() + " data of " + rows + " rows × " + rowBytes + " bytes at " + start
          + " runs past the end of the file (" + file.size() + " bytes)");
    }
    return TableReader.read(file, start, enc, (int) rows, (int) dim, storage == null ? enc.naturalStorage()
        : storage, where);
  }

  /**
   * Returns {@value #TOKEN_EMBEDDING} with the GGUF vocabulary as an embedding, {@code embed(text)} cutting text
   * by longest match over the vocabulary (see the class notes). Rows past the vocabulary (padding) are named
   * {@code <|row N|>} and never returned as nearest tokens; a token that occurs twice keeps its first id and the
   * later copies are named {@code token <|row N|>}.
   *
   * @return the embedding, independent of this file once returned
   * @throws EmbeddingFormatException if the table or the vocabulary is missing or malformed, or the table has
   *     fewer rows than the vocabulary has tokens
   * @throws IOException if the file cannot be read
   * @throws IllegalStateException if the file is closed
   */
  public Embedding tokenEmbeddings() throws IOException {
    return tokenEmbeddings(null);
  }

  /**
   * Returns {@value #TOKEN_EMBEDDING} with the GGUF vocabulary, cutting text with the given tokenizer.
   *
   * @param tokenizer how {@code embed(text)} cuts text into vocabulary tokens, or {@code null} for the
   *     longest-match default
   * @return the embedding
   * @throws EmbeddingFormatException if the table or the vocabulary is missing or malformed
   * @throws IOException if the file cannot be read
   * @throws IllegalStateException if the file is closed
   */
  public Embedding tokenEmbeddings(Tokenizer tokenizer) throws IOException {
    checkOpen();
    List<String> tokens = tokens();
    if (!tensors.containsKey(TOKEN_EMBEDDING)) {
      throw error("tensor \"" + TOKEN_EMBEDDING + "\"", "missing: the file has no token embedding table");
    }
    VectorTable table = readTable(TOKEN_EMBEDDING);
    if (table.rows() < tokens.size()) {
      throw error("tensor \"" + TOKEN_EMBEDDING + "\"", table.rows() + " rows for " + tokens.size()
          + " tokens of " + TOKENS_KEY);
    }
    Vocabulary vocabulary = uniqueVocabulary(tokens, table.rows());
    Tokenizer tok = tokenizer != null ? tokenizer : new GreedyVocabTokenizer(vocabulary,
        GreedyVocabTokenizer.Style.ofGgufModel(metadata.get(TOKENIZER_MODEL_KEY) instanceof String
            ? (String) metadata.get(TOKENIZER_MODEL_KEY) : null));
    return new TableEmbedding(new WordVectors(vocabulary, table, tok), tokens.size());
  }

  private static Vocabulary uniqueVocabulary(List<String> tokens, int rows) {
    List<String> names = new ArrayList<>(rows);
    Set<String> seen = new HashSet<>(tokens.size() * 2);
    for (int i = 0; i < rows; i++) {
      String t = i < tokens.size() ? tokens.get(i) : "<|row " + i + "|>";
      String name = t;
      while (!seen.add(name)) {
        name = name + " <|row " + i + "|>";
      }
      names.add(name);
    }
    return Vocabulary.of(names);
  }

  @Override
  String summary() {
    return "v" + version + ", " + tensors.size() + " tensors";
  }

  private EmbeddingFormatException error(String location, String problem) {
    return new EmbeddingFormatException(file.path(), location, problem);
  }

  private int alignment(Object v) throws EmbeddingFormatException {
    if (v == null) {
      return DEFAULT_ALIGNMENT;
    }
    long a = v instanceof Integer ? (Integer) v : v instanceof Long ? (Long) v : -1;
    if (a < 1 || a > (1 << 30) || Long.bitCount(a) != 1) {
      throw error("metadata \"" + ALIGNMENT_KEY + "\"", "alignment " + v + " is not a power of two in [1, 2^30]");
    }
    return (int) a;
  }

  private static String elementType(Object list) {
    List<?> l = (List<?>) list;
    return l.isEmpty() || l.get(0) instanceof String ? "string" : "array";
  }

  private static String typeName(int type) {
    String n = GGML_TYPE_NAMES.get(type);
    return n != null ? n : "type " + Integer.toUnsignedString(type);
  }

  private static Map<Integer, String> ggmlTypeNames() {
    String[] names = {"F32", "F16", "Q4_0", "Q4_1", null, null, "Q5_0", "Q5_1", "Q8_0", "Q8_1", "Q2_K", "Q3_K",
        "Q4_K", "Q5_K", "Q6_K", "Q8_K", "IQ2_XXS", "IQ2_XS", "IQ3_XXS", "IQ1_S", "IQ4_NL", "IQ3_S", "IQ2_S",
        "IQ4_XS", "I8", "I16", "I32", "I64", "F64", "IQ1_M", "BF16", null, null, null, "TQ1_0", "TQ2_0"};
    Map<Integer, String> m = new LinkedHashMap<>();
    for (int i = 0; i < names.length; i++) {
      if (names[i] != null) {
        m.put(i, names[i]);
      }
    }
    return Map.copyOf(m);
  }

  /** Reads the header sequentially, checking every read against the end of the file. */
  private final class Cursor {
    long pos;

    Cursor(long pos) {
      this.pos = pos;
    }

    private void need(long n, String field) throws EmbeddingFormatException {
      if (n > file.size() - pos) {
        throw error(field + " at byte " + pos, "file ends after " + (file.size() - pos) + " more bytes, "
            + Long.toUnsignedString(n) + " needed");
      }
    }

    /** Rejects a count whose smallest possible encoding would not fit in the rest of the file. */
    void checkCount(long count, int minBytesEach, String field) throws EmbeddingFormatException {
      if (count < 0 || count > (file.size() - pos) / minBytesEach) {
        throw error(field + " at byte " + pos, Long.toUnsignedString(count) + " entries of at least "
            + minBytesEach + " bytes cannot fit in the " + (file.size() - pos) + " bytes left");
      }
    }

    byte u8(String field) throws IOException {
      need(1, field);
      return file.get(pos++);
    }

    short u16(String field) throws IOException {
      need(2, field);
      short v = file.getShort(pos);
      pos += 2;
      return v;
    }

    int u32(String field) throws IOException {
      need(4, field);
      int v = file.getInt(pos);
      pos += 4;
      return v;
    }

    long u64(String field) throws IOException {
      need(8, field);
      long v = file.getLong(pos);
      pos += 8;
      return v;
    }

    String string(String field) throws IOException {
      long len = u64(field + " length");
      if (len < 0 || len > Integer.MAX_VALUE - 8) {
        throw error(field + " at byte " + (pos - 8), "string length " + Long.toUnsignedString(len)
            + " is beyond what the file holds");
      }
      need(len, field);
      byte[] b = new byte[(int) len];
      file.read(pos, b, 0, b.length);
      pos += len;
      return new String(b, StandardCharsets.UTF_8);
    }

    Object value(int type, String field, int depth) throws IOException {
      switch (type) {
        case 0:
          return u8(field) & 0xFF;
        case 1:
          return (int) u8(field);
        case 2:
          return u16(field) & 0xFFFF;
        case 3:
          return (int) u16(field);
        case 4:
          return u32(field) & 0xFFFFFFFFL;
        case 5:
          return u32(field);
        case 6:
          return Float.intBitsToFloat(u32(field));
        case 7:
          return bool(field);
        case 8:
          return string(field);
        case 9:
          return array(field, depth);
        case 10:
        case 11:
          return u64(field);
        case 12:
          return Double.longBitsToDouble(u64(field));
        default:
          throw error(field + " at byte " + (pos - 4), "unknown value type " + Integer.toUnsignedString(type)
              + " (0 to 12 are defined)");
      }
    }

    private boolean bool(String field) throws IOException {
      byte b = u8(field);
      if (b != 0 && b != 1) {
        throw error(field + " at byte " + (pos - 1), "bool must be 0 or 1, found " + (b & 0xFF));
      }
      return b == 1;
    }

    private Object array(String field, int depth) throws IOException {
      if (depth >= MAX_ARRAY_DEPTH) {
        throw error(field + " at byte " + pos, "arrays nested deeper than " + MAX_ARRAY_DEPTH);
      }
      int type = u32(field + " element type");
      long count = u64(field + " count");
      int size = fixedSize(type);
      if (size < 0 && type != 8 && type != 9) {
        throw error(field + " at byte " + (pos - 12), "unknown array element type " + Integer.toUnsignedString(type)
            + " (0 to 12 are defined)");
      }
      // Strings take at least their 8-byte length, nested arrays their 12-byte header.
      checkCount(count, size > 0 ? size : type == 8 ? 8 : 12, field + " count");
      int n = (int) Math.min(count, Integer.MAX_VALUE - 8);
      if (n != count) {
        throw error(field + " at byte " + (pos - 8), "array of " + count + " elements is too large");
      }
      String el = field + " element";
      switch (type) {
        case 0:
        case 1: {
          byte[] a = new byte[n];
          file.read(pos, a, 0, n);
          pos += n;
          return a;
        }
        case 2:
        case 3: {
          short[] a = new short[n];
          for (int i = 0; i < n; i++) {
            a[i] = u16(el);
          }
          return a;
        }
        case 4:
        case 5: {
          int[] a = new int[n];
          for (int i = 0; i < n; i++) {
            a[i] = u32(el);
          }
          return a;
        }
        case 6: {
          float[] a = new float[n];
          for (int i = 0; i < n; i++) {
            a[i] = Float.intBitsToFloat(u32(el));
          }
          return a;
        }
        case 7: {
          boolean[] a = new boolean[n];
          for (int i = 0; i < n; i++) {
            a[i] = bool(el);
          }
          return a;
        }
        case 10:
        case 11: {
          long[] a = new long[n];
          for (int i = 0; i < n; i++) {
            a[i] = u64(el);
          }
          return a;
        }
        case 12: {
          double[] a = new double[n];
          for (int i = 0; i < n; i++) {
            a[i] = Double.longBitsToDouble(u64(el));
          }
          return a;
        }
        case 8:
          return strings(n, el);
        default: {
          List<Object> a = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            a.add(array(el + " #" + i, depth + 1));
          }
          return Collections.unmodifiableList(a);
        }
      }
    }

    /** Reads an array of strings as one block of bytes (two passes: lengths checked, then bytes copied). */
    private List<String> strings(int n, String el) throws IOException {
      long start = pos;
      int[] ends = new int[n];
      long total = 0;
      for (int i = 0; i < n; i++) {
        long len = u64(el + " #" + i + " length");
        if (len < 0 || len > file.size() - pos) {
          throw error(el + " #" + i + " at byte " + (pos - 8), "string length " + Long.toUnsignedString(len)
              + " is beyond what the file holds");
        }
        pos += len;
        total += len;
        if (total > Integer.MAX_VALUE - 8) {
          throw error(el + " #" + i + " at byte " + (pos - 8), "strings of an array exceed 2^31 bytes");
        }
        ends[i] = (int) total;
      }
      byte[] bytes = new byte[(int) total];
      long p = start;
      for (int i = 0; i < n; i++) {
        int from = i == 0 ? 0 : ends[i - 1];
        p += 8;
        file.read(p, bytes, from, ends[i] - from);
        p += ends[i] - from;
      }
      return new GgufStrings(bytes, ends);
    }

    /** Checks a value as {@link #value} does and moves past it without keeping it. */
    void skipValue(int type, String field, int depth) throws IOException {
      int size = fixedSize(type);
      if (type == 7) {
        bool(field);
      } else if (size > 0) {
        need(size, field);
        pos += size;
      } else if (type == 8) {
        long len = u64(field + " length");
        if (len < 0) {
          throw error(field + " at byte " + (pos - 8), "string length " + Long.toUnsignedString(len)
              + " is beyond what the file holds");
        }
        need(len, field);
        pos += len;
      } else if (type == 9) {
        if (depth >= MAX_ARRAY_DEPTH) {
          throw error(field + " at byte " + pos, "arrays nested deeper than " + MAX_ARRAY_DEPTH);
        }
        int elementType = u32(field + " element type");
        long count = u64(field + " count");
        int elementSize = fixedSize(elementType);
        if (elementSize < 0 && elementType != 8 && elementType != 9) {
          throw error(field + " at byte " + (pos - 12), "unknown array element type "
              + Integer.toUnsignedString(elementType) + " (0 to 12 are defined)");
        }
        checkCount(count, elementSize > 0 ? elementSize : elementType == 8 ? 8 : 12, field + " count");
        if (elementSize > 0 && elementType != 7) {
          pos += count * elementSize;
        } else {
          for (long i = 0; i < count; i++) {
            skipValue(elementType, field + " element", depth + 1);
          }
        }
      } else {
        throw error(field + " at byte " + (pos - 4), "unknown value type " + Integer.toUnsignedString(type)
            + " (0 to 12 are defined)");
      }
    }

    private int fixedSize(int type) {
      switch (type) {
        case 0:
        case 1:
        case 7:
          return 1;
        case 2:
        case 3:
          return 2;
        case 4:
        case 5:
        case 6:
          return 4;
        case 10:
        case 11:
        case 12:
          return 8;
        default:
          return -1;
      }
    }
  }
}
