package io.github.embeddings4j.llm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.embeddings4j.Embedding;
import io.github.embeddings4j.EmbeddingException;
import io.github.embeddings4j.EmbeddingFormatException;
import io.github.embeddings4j.NearestNeighbors;
import io.github.embeddings4j.Neighbor;
import io.github.embeddings4j.Similarity;
import io.github.embeddings4j.TokenVectors;
import io.github.embeddings4j.Tokenizer;
import io.github.embeddings4j.TopK;
import io.github.embeddings4j.UnknownTokenException;
import io.github.embeddings4j.VectorTable;
import io.github.embeddings4j.Vocabulary;
import io.github.embeddings4j.internal.util.AtomicFiles;
import io.github.embeddings4j.llm.format.Checkpoint;
import io.github.embeddings4j.llm.format.GgufFile;
import io.github.embeddings4j.llm.format.OnnxInitializers;
import io.github.embeddings4j.llm.format.SafetensorsFile;
import io.github.embeddings4j.llm.hub.HubCache;
import io.github.embeddings4j.llm.hub.HubOptions;
import io.github.embeddings4j.llm.tokenizer.HfTokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.IntPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The frozen input-embedding table of a language model with its tokenizer: text → tokens → vectors, and the
 * nearest tokens of a token, a text or a vector (exact, cosine, the core kernels).
 *
 * <p>Open a Hugging Face model folder ({@code config.json}, {@code tokenizer.json}, and {@code model.safetensors}
 * or a sharded {@code model.safetensors.index.json}): the table is found from {@code model_type} (see {@link
 * ModelFamily}) or named by the caller, and only its bytes are read (plus the position and token-type tables of
 * GPT-2 and BERT). bfloat16 tables stay bfloat16 in memory. {@link #fromPretrained(String)} does the same from
 * the Hugging Face cache, downloading only what it needs.
 *
 * <pre>{@code
 * try (TokenEmbeddings e = TokenEmbeddings.fromPretrained("deepseek-ai/DeepSeek-R1-Distill-Qwen-1.5B")) {
 *   TokenVectors t = e.embed("HTML coders are not considered programmers");
 *   t.tokens();                       // [HTML, Ġcod, ers, Ġare, Ġnot, Ġconsidered, Ġprogrammers]
 *   e.nearest("Ġprogrammers", 5);     // neighbours as token strings; e.readable(token) gives " programmers"
 *   e.nearestToText(" king", 5);      // the nearest tokens of a word's mean token vector
 *   e.save(Path.of("deepseek-embeddings"));   // the table and the tokenizer only: opens fast later
 * }
 * }</pre>
 *
 * <p><b>Token strings.</b> The vocabulary holds the tokenizer's own strings, as Hugging Face prints them
 * ({@code Ġ} marks a leading space in byte-level BPE); {@link #readable(String)} gives the text a token stands
 * for. <b>Padding.</b> Rows past the tokenizer's vocabulary (Qwen2's table has 151,936 rows for about 151,665
 * tokens) and ids the tokenizer leaves without a token are never returned by a search ({@link #searchableRows()}).
 *
 * <p>Thread-safe for reading. {@link #close()} frees the native tokenizer and is idempotent; afterwards every
 * method throws {@link IllegalStateException}.
 */
public final class TokenEmbeddings implements Embedding, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TokenEmbeddings.class);

  /** The table file of an extracted folder. */
  static final String TABLES_FILE = Checkpoint.SINGLE;

  private final VectorTable table;
  private final Vocabulary vocabulary;
  private final HfTokenizer tokenizer;
  private final VectorTable positions;
  private final VectorTable tokenTypes;
  private final ModelFamily family;
  private final String modelType;
  private final String tokenTableName;
  private final String positionTableName;
  private final String tokenTypeTableName;
  private final int searchable;
  private final BitSet holes;
  private volatile boolean closed;

  private TokenEmbeddings(Builder b, HfTokenizer tokenizer) {
    this.table = b.table;
    this.tokenizer = tokenizer;
    Vocabulary v = tokenizer != null ? tokenizer.vocabulary() : b.vocabulary;
    if (v.size() > table.rows()) {
      LOG.warn("vocabulary of {} tokens is larger than the table's {} rows: ids past the table have no vector",
          v.size(), table.rows());
      v = v.prefix(table.rows());
    }
    this.vocabulary = v;
    this.positions = b.positions;
    this.tokenTypes = b.tokenTypes;
    this.family = b.family;
    this.modelType = b.modelType != null ? b.modelType : family != null ? family.modelTypes().get(0) : null;
    this.tokenTableName = b.tokenTableName;
    this.positionTableName = b.positionTableName;
    this.tokenTypeTableName = b.tokenTypeTableName;
    this.searchable = Math.min(table.rows(), vocabulary.size());
    BitSet h = new BitSet();
    if (tokenizer != null) {
      for (int i = 0; i < searchable; i++) {
        if (!tokenizer.isToken(i)) {
          h.set(i);
        }
      }
    }
    this.holes = h;
  }

  // ---------------------------------------------------------------- factories

  /**
   * Opens a Hugging Face model folder (or a folder written by {@link #save(Path)}), finding the token table from
   * {@code config.json}'s {@code model_type}, or from the tensor names when the model type is unknown.
   *
   * @param modelDir a folder with {@code tokenizer.json}, {@code model.safetensors} or {@code
   *     model.safetensors.index.json} and its shards, and usually {@code config.json}
   * @return the embedding; close it
   * @throws EmbeddingFormatException if a file is malformed or no token table is found (naming the file and the
   *     names looked for)
   * @throws IOException if a file is missing or cannot be read
   */
  public static TokenEmbeddings open(Path modelDir) throws IOException {
    return open(modelDir, null);
  }

  /**
   * Opens a model folder taking the token table from a tensor the caller names; position and token-type tables
   * are still taken when {@code config.json}'s model family has them.
   *
   * @param modelDir a model folder, as for {@link #open(Path)}
   * @param tensorName the token table's tensor name, or {@code null} to find it from the architecture
   * @return the embedding; close it
   * @throws EmbeddingFormatException if a file is malformed or the tensor is missing
   * @throws IOException if a file is missing or cannot be read
   */
  public static TokenEmbeddings open(Path modelDir, String tensorName) throws IOException {
    return open(modelDir, Checkpoint.in(modelDir), tensorName);
  }

  /**
   * Reads a position or token-type table, which must have the token table's dimension (found by fuzzing: a
   * mismatch escaped from {@link Builder#build()} as an {@link IllegalArgumentException}) and at least one row.
   */
  private static VectorTable sameDimension(Checkpoint weights, String name, VectorTable token) throws IOException {
    return AuxiliaryTables.check(weights.describedBy(), name, weights.read(name), token);
  }

  /** Opens a folder's config and tokenizer with the given weights. */
  public static TokenEmbeddings open(Path modelDir, Checkpoint weights, String tensorName) throws IOException {
    long t0 = System.nanoTime();
    ModelConfig config = ModelConfig.read(modelDir.resolve("config.json"));
    Path tokenizerJson = modelDir.resolve("tokenizer.json");
    if (!Files.isRegularFile(tokenizerJson)) {
      throw new java.io.FileNotFoundException(tokenizerJson + " (the model's Hugging Face tokenizer)");
    }
    Tables names = Tables.choose(config, weights.tensorNames(), tensorName, weights.describedBy());
    // The tokenizer's vocabulary is parsed on a second thread while this one reads the tables.
    CompletableFuture<HfTokenizer> tokenizer = CompletableFuture.supplyAsync(() -> {
      try {
        return HfTokenizer.open(tokenizerJson);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, task -> {
      Thread t = new Thread(task, "embeddings4j-tokenizer-json");
      t.setDaemon(true);
      t.start();
    });
    Builder b;
    try {
      VectorTable token = weights.read(names.token);
      b = builder(token).tokenTableName(names.token);
      if (names.family != null) {
        b.family(names.family);
      }
      config.modelType().ifPresent(b::modelType);
      if (names.position != null) {
        b.positions(sameDimension(weights, names.position, token)).positionTableName(names.position);
      }
      if (names.tokenType != null) {
        b.tokenTypes(sameDimension(weights, names.tokenType, token)).tokenTypeTableName(names.tokenType);
      }
    } catch (IOException | RuntimeException e) {
      tokenizer.thenAccept(HfTokenizer::close);
      throw e;
    }
    TokenEmbeddings e = b.tokenizer(join(tokenizer)).build();
    LOG.info("{}: {} {} in {} ms", modelDir, names.token, e.table, (System.nanoTime() - t0) / 1_000_000);
    return e;
  }

  private static HfTokenizer join(CompletableFuture<HfTokenizer> f) throws IOException {
    try {
      return f.join();
    } catch (CompletionException e) {
      Throwable c = e.getCause();
      if (c instanceof UncheckedIOException) {
        throw ((UncheckedIOException) c).getCause();
      }
      if (c instanceof RuntimeException) {
        throw (RuntimeException) c;
      }
      if (c instanceof Error) {
        throw (Error) c;
      }
      throw e;
    }
  }

  /** The tensor names chosen for a checkpoint. */
  public static final class Tables {
    public final ModelFamily family;
    public final String token;
    public final String position;
    public final String tokenType;

    private Tables(ModelFamily family, String token, String position, String tokenType) {
      this.family = family;
      this.token = token;
      this.position = position;
      this.tokenType = tokenType;
    }

    public static Tables choose(ModelConfig config, java.util.Collection<String> names, String tensorName, Path where)
        throws EmbeddingFormatException {
      ModelFamily family = config.family().or(() -> ModelFamily.forTensorNames(names)).orElse(null);
      String token = tensorName != null ? tensorName : config.tokenTable().orElse(null);
      if (token == null && family != null) {
        token = family.tokenTableIn(names).orElse(null);
      }
      if (token == null) {
        throw new EmbeddingFormatException(where, null, "no token-embedding table found: model_type "
            + config.modelType().orElse("(none)") + (family == null ? " is not a known family"
            : ", looked for " + family.tokenTableNames()) + "; the checkpoint has "
            + SafetensorsFile.describeNames(names) + "; name the tensor");
      }
      if (!names.contains(token)) {
        throw new EmbeddingFormatException(where, "tensor " + token, "not in the checkpoint (it has "
            + SafetensorsFile.describeNames(names) + ")");
      }
      String pos = config.positionTable().filter(names::contains)
          .or(() -> family == null ? Optional.empty() : family.positionTableIn(names)).orElse(null);
      String type = config.tokenTypeTable().filter(names::contains)
          .or(() -> family == null ? Optional.empty() : family.tokenTypeTableIn(names)).orElse(null);
      return new Tables(family, token, pos, type);
    }

    /** Every tensor to read. */
    public List<String> all() {
      List<String> out = new ArrayList<>();
      out.add(token);
      if (position != null) {
        out.add(position);
      }
      if (tokenType != null) {
        out.add(tokenType);
      }
      return out;
    }
  }

  /**
   * Starts an embedding from a table already read, for other model formats (ONNX initializers, GGUF): give it
   * a {@code tokenizer.json} or a {@link Vocabulary}, and optionally position tables and the family.
   *
   * <pre>{@code
   * TokenEmbeddings e = TokenEmbeddings.builder(table)
   *     .tokenizer(Path.of("tokenizer.json"))
   *     .positions(positionTable)
   *     .family(ModelFamily.BERT)
   *     .build();
   * }</pre>
   *
   * @param tokenTable the input-embedding table, row i for token id i
   * @return a builder
   */
  public static Builder builder(VectorTable tokenTable) {
    return new Builder(tokenTable);
  }

  /**
   * Opens the token table of an ONNX model (e.g. all-MiniLM-L6-v2's {@code model.onnx}) with the model's
   * {@code tokenizer.json}. The table is found as {@link OnnxInitializers#wordEmbeddings(int)} finds it; when its
   * name belongs to a {@link ModelFamily} (BERT exports keep the PyTorch names), that family's position and
   * token-type tables are read too. Only those initializers' bytes are read.
   *
   * @param onnxFile the {@code .onnx} file
   * @param tokenizerJson the model's Hugging Face tokenizer
   * @return the embedding; close it
   * @throws EmbeddingFormatException if the file is malformed or holds no word-embedding table
   * @throws IOException if a file is missing or cannot be read
   */
  public static TokenEmbeddings openOnnx(Path onnxFile, Path tokenizerJson) throws IOException {
    long t0 = System.nanoTime();
    HfTokenizer tokenizer = HfTokenizer.open(tokenizerJson);
    try (OnnxInitializers onnx = OnnxInitializers.open(onnxFile)) {
      String token = onnx.wordEmbeddings(tokenizer.vocabulary().size()).name();
      List<String> names = new ArrayList<>();
      for (OnnxInitializers.Initializer i : onnx.initializers()) {
        names.add(i.name());
      }
      VectorTable tokenTable = onnx.readTable(token);
      Builder b = builder(tokenTable).tokenTableName(token);
      Optional<ModelFamily> family = ModelFamily.forTensorNames(List.of(token));
      if (family.isPresent()) {
        b.family(family.get());
        Optional<String> position = family.get().positionTableIn(names);
        if (position.isPresent()) {
          b.positions(AuxiliaryTables.check(onnxFile, position.get(), onnx.readTable(position.get()), tokenTable))
              .positionTableName(position.get());
        }
        Optional<String> type = family.get().tokenTypeTableIn(names);
        if (type.isPresent()) {
          b.tokenTypes(AuxiliaryTables.check(onnxFile, type.get(), onnx.readTable(type.get()), tokenTable))
              .tokenTypeTableName(type.get());
        }
      }
      TokenEmbeddings e = b.tokenizer(tokenizer).build();
      LOG.info("{}: {} {} in {} ms", onnxFile, token, e.table, (System.nanoTime() - t0) / 1_000_000);
      return e;
    } catch (IOException | RuntimeException e) {
      tokenizer.close();
      throw e;
    }
  }

  /**
   * Opens the token table of a GGUF file (llama.cpp, Ollama) with the model's Hugging Face {@code tokenizer.json},
   * so that texts are tokenized exactly as the model does. Without a {@code tokenizer.json}, {@link
   * GgufFile#tokenEmbeddings()} gives the same table with the GGUF vocabulary and an approximate tokenizer.
   *
   * @param ggufFile the {@code .gguf} file
   * @param tokenizerJson the model's Hugging Face tokenizer
   * @return the embedding; close it
   * @throws EmbeddingFormatException if the file is malformed or holds no {@code token_embd.weight}
   * @throws IOException if a file is missing or cannot be read
   */
  public static TokenEmbeddings openGguf(Path ggufFile, Path tokenizerJson) throws IOException {
    long t0 = System.nanoTime();
    HfTokenizer tokenizer = HfTokenizer.open(tokenizerJson);
    try (GgufFile gguf = GgufFile.open(ggufFile)) {
      TokenEmbeddings e = builder(gguf.readTable(GgufFile.TOKEN_EMBEDDING))
          .tokenTableName(GgufFile.TOKEN_EMBEDDING).tokenizer(tokenizer).build();
      LOG.info("{}: {} {} in {} ms", ggufFile, GgufFile.TOKEN_EMBEDDING, e.table,
          (System.nanoTime() - t0) / 1_000_000);
      return e;
    } catch (IOException | RuntimeException e) {
      tokenizer.close();
      throw e;
    }
  }

  /**
   * Finds a model in the local Hugging Face cache, or downloads the files it needs into it (see {@link
   * HubOptions}): {@code config.json}, {@code tokenizer.json} and the embedding tables' bytes only.
   *
   * @param repoId a Hugging Face model id, e.g. {@code "deepseek-ai/DeepSeek-R1-Distill-Qwen-1.5B"}
   * @return the embedding; close it
   * @throws IOException if the model is not cached and cannot be downloaded (offline, network failure: the
   *     message names the files needed), or a file is malformed
   * @throws IllegalArgumentException if the id is not a valid model id
   */
  public static TokenEmbeddings fromPretrained(String repoId) throws IOException {
    return fromPretrained(repoId, HubOptions.defaults());
  }

  /**
   * Finds or downloads a model with options: cache folder, endpoint, revision, offline, tensor name, progress.
   *
   * @param repoId a Hugging Face model id
   * @param options where and how to look
   * @return the embedding; close it
   * @throws IOException if the model is not cached and cannot be downloaded (the message names the files
   *     needed), or a file is malformed
   * @throws IllegalArgumentException if the id is not a valid model id
   */
  public static TokenEmbeddings fromPretrained(String repoId, HubOptions options) throws IOException {
    return new HubCache(options).open(repoId);
  }

  // ---------------------------------------------------------------- Embedding

  @Override
  public Vocabulary vocabulary() {
    checkOpen();
    return vocabulary;
  }

  @Override
  public VectorTable vectors() {
    checkOpen();
    return table;
  }

  /**
   * Returns how many rows searches consider: the rows that have a token (padding rows past the tokenizer's
   * vocabulary are left out).
   *
   * @return the number of searchable rows
   */
  @Override
  public int searchableRows() {
    return searchable;
  }

  @Override
  public List<Neighbor> nearest(float[] query, int k, Similarity similarity, List<String> exclude) {
    checkOpen();
    BitSet ex = (BitSet) holes.clone();
    for (String t : exclude) {
      int id = vocabulary.idOrMinusOne(t);
      if (id >= 0) {
        ex.set(id);
      }
    }
    return search(query, k, similarity, ex);
  }

  @Override
  public List<List<Neighbor>> nearest(float[][] queries, int k) {
    checkOpen();
    if (holes.isEmpty()) {
      return Embedding.super.nearest(queries, k);
    }
    List<TopK> tops = NearestNeighbors.searchBatch(table, queries, k, Similarity.COSINE,
        id -> id >= searchable || holes.get(id));
    List<List<Neighbor>> out = new ArrayList<>();
    for (TopK top : tops) {
      out.add(toNeighbors(top));
    }
    return out;
  }

  private List<Neighbor> search(float[] query, int k, Similarity similarity, BitSet excluded) {
    IntPredicate ex = excluded.isEmpty() ? null : excluded::get;
    return toNeighbors(NearestNeighbors.search(table, query, k, similarity, searchable, ex));
  }

  private List<Neighbor> toNeighbors(TopK top) {
    List<Neighbor> out = new ArrayList<>(top.size());
    for (int i = 0; i < top.size(); i++) {
      int id = top.ids()[i];
      out.add(new Neighbor(id, vocabulary.token(id), top.scores()[i]));
    }
    return out;
  }

  /**
   * Encodes a text with the model's tokenizer (no special tokens) and returns the tokens, their ids and their
   * rows of the table.
   *
   * @param text any text
   * @return the tokens as the tokenizer writes them, ids and vectors
   * @throws UnknownTokenException if a token's id is past the table (naming it)
   * @throws IllegalStateException if closed
   */
  @Override
  public TokenVectors embed(String text) {
    HfTokenizer.Tokens t = encode(text);
    float[][] rows = new float[t.ids().length][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = row(t.tokens().get(i), t.ids()[i]);
    }
    return new TokenVectors(t.tokens(), t.ids(), rows);
  }

  private float[] row(String token, int id) {
    if (id >= table.rows()) {
      throw new UnknownTokenException(token);
    }
    return table.row(id);
  }

  /**
   * Encodes a text into token strings and ids (no special tokens), as Hugging Face's {@code
   * encode(text, add_special_tokens=False)}. Without a tokenizer (a vocabulary-only embedding) the text is split
   * on whitespace and each piece must be a token.
   *
   * @param text any text
   * @return the tokens and ids
   * @throws UnknownTokenException if, without a tokenizer, a piece is not a token
   * @throws IllegalStateException if closed
   */
  public HfTokenizer.Tokens encode(String text) {
    checkOpen();
    if (tokenizer != null) {
      return tokenizer.encode(text);
    }
    List<String> pieces = Tokenizer.WHITESPACE.tokenize(text);
    int[] ids = new int[pieces.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = vocabulary.id(pieces.get(i));
    }
    return new HfTokenizer.Tokens(pieces, ids);
  }

  /**
   * Returns the text a token stands for ({@code "Ġprogrammers"} → {@code " programmers"}); see {@link
   * HfTokenizer#readable(String)}. Without a tokenizer the token itself.
   *
   * @param token a token string
   * @return its text
   */
  public String readable(String token) {
    return tokenizer == null ? token : tokenizer.readable(token);
  }

  /**
   * Returns the k tokens nearest to a text by cosine: the mean of its tokens' vectors (one token: its own
   * vector), the text's own tokens excluded. A word usually needs its leading space to be the token models
   * see mid-sentence ({@code " king"}).
   *
   * @param text a word or a short text
   * @param k how many, at least 1
   * @return neighbours, best first
   * @throws IllegalArgumentException if the text has no token or k &lt; 1
   * @throws IllegalStateException if closed
   */
  public List<Neighbor> nearestToText(String text, int k) {
    TokenVectors t = embed(text);
    if (t.size() == 0) {
      throw new IllegalArgumentException("text has no token: \"" + text + "\"");
    }
    float[] mean = new float[dimension()];
    for (float[] v : t.vectors()) {
      for (int i = 0; i < mean.length; i++) {
        mean[i] += v[i];
      }
    }
    BitSet ex = (BitSet) holes.clone();
    for (int id : t.ids()) {
      ex.set(id);
    }
    return search(mean, k, Similarity.COSINE, ex);
  }

  /**
   * Tells whether the model has a learned position table (GPT-2's {@code wpe}, BERT's position embeddings).
   *
   * @return whether {@link #embedWithPositions(String)} can be used
   */
  public boolean hasPositions() {
    return positions != null;
  }

  /**
   * Returns the learned position table, row p for position p.
   *
   * @return the table, or empty for rotary models
   */
  public Optional<VectorTable> positions() {
    checkOpen();
    return Optional.ofNullable(positions);
  }

  /**
   * Encodes a text and returns each token's vector plus the vector of its position (0, 1, ...), and for BERT
   * plus the token-type-0 vector: the sum the model's first layer receives (before BERT's layer norm). The same
   * token at two positions gets two different vectors.
   *
   * @param text any text
   * @return the tokens, ids and summed vectors
   * @throws EmbeddingException if the model has no position table, or the text is longer than it
   * @throws IllegalStateException if closed
   */
  public TokenVectors embedWithPositions(String text) {
    TokenVectors t = embed(text);
    if (positions == null) {
      throw new EmbeddingException("the model has no learned position table (rotary positions): "
          + (tokenTableName == null ? "" : tokenTableName));
    }
    if (t.size() > positions.rows()) {
      throw new EmbeddingException("text of " + t.size() + " tokens is longer than the " + positions.rows()
          + " positions of the model");
    }
    float[] type0 = tokenTypes == null ? null : tokenTypes.row(0);
    float[] pos = new float[dimension()];
    for (int p = 0; p < t.size(); p++) {
      positions.row(p, pos);
      float[] v = t.vectors()[p];
      for (int i = 0; i < v.length; i++) {
        v[i] += pos[i] + (type0 == null ? 0f : type0[i]);
      }
    }
    return t;
  }

  /**
   * Returns the tokenizer.
   *
   * @return the tokenizer, or empty for a vocabulary-only embedding
   */
  public Optional<HfTokenizer> tokenizer() {
    checkOpen();
    return Optional.ofNullable(tokenizer);
  }

  /**
   * Returns the model family, when known.
   *
   * @return the family
   */
  public Optional<ModelFamily> family() {
    return Optional.ofNullable(family);
  }

  /**
   * Returns the name of the token table's tensor, when it came from a named tensor.
   *
   * @return the tensor name
   */
  public Optional<String> tokenTableName() {
    return Optional.ofNullable(tokenTableName);
  }

  // ---------------------------------------------------------------- extraction

  /**
   * Writes only the embedding tables and the tokenizer to a folder that {@link #open(Path)} reopens fast: {@code
   * model.safetensors} (the token table in its own precision under its tensor name, plus the position and
   * token-type tables), a copy of {@code tokenizer.json}, and a small {@code config.json} with the model type and
   * the table names. Each file is written atomically.
   *
   * @param dir the folder, created if needed
   * @throws IOException if writing fails
   * @throws IllegalStateException if closed, or the embedding has no tokenizer file to copy
   */
  public void save(Path dir) throws IOException {
    checkOpen();
    if (tokenizer == null) {
      throw new IllegalStateException("a vocabulary-only embedding has no tokenizer.json to save");
    }
    Files.createDirectories(dir);
    String token = tokenTableName != null ? tokenTableName
        : family != null ? family.tokenTableNames().get(0) : "token_embeddings.weight";
    Map<String, VectorTable> tables = new LinkedHashMap<>();
    tables.put(token, table);
    ObjectNode own = SafetensorsFile.JSON.createObjectNode().put("token_table", token);
    String pos = null;
    if (positions != null) {
      pos = positionTableName != null ? positionTableName : "position_embeddings.weight";
      tables.put(pos, positions);
      own.put("position_table", pos);
    }
    if (tokenTypes != null) {
      String tt = tokenTypeTableName != null ? tokenTypeTableName : "token_type_embeddings.weight";
      tables.put(tt, tokenTypes);
      own.put("token_type_table", tt);
    }
    ObjectNode config = SafetensorsFile.JSON.createObjectNode();
    if (modelType != null) {
      config.put("model_type", modelType);
    }
    config.put("vocab_size", table.rows()).put("hidden_size", table.dimension());
    config.set(ModelConfig.OWN_KEY, own);
    byte[] tokenizerBytes = Files.readAllBytes(tokenizer.file());
    SafetensorsFile.write(dir.resolve(TABLES_FILE), tables, Map.of("format", "pt", "source", "embeddings4j"));
    AtomicFiles.write(dir.resolve("tokenizer.json"), out -> out.write(tokenizerBytes));
    byte[] configBytes = SafetensorsFile.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(config);
    AtomicFiles.write(dir.resolve("config.json"), out -> out.write(configBytes));
  }

  // ---------------------------------------------------------------- lifecycle

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("closed: " + this);
    }
  }

  /**
   * Frees the native tokenizer. Idempotent.
   */
  @Override
  public void close() {
    closed = true;
    if (tokenizer != null) {
      tokenizer.close();
    }
  }

  @Override
  public String toString() {
    return "TokenEmbeddings[" + (tokenTableName == null ? "" : tokenTableName + " ") + table.rows() + " x "
        + table.dimension() + " " + table.dtype() + ", " + searchable + " searchable]";
  }

  /**
   * Assembles a {@link TokenEmbeddings} from tables already read. Give a tokenizer or a vocabulary (not both).
   */
  public static final class Builder {
    private final VectorTable table;
    private Path tokenizerJson;
    private HfTokenizer tokenizerInstance;
    private Vocabulary vocabulary;
    private VectorTable positions;
    private VectorTable tokenTypes;
    private ModelFamily family;
    private String modelType;
    private String tokenTableName;
    private String positionTableName;
    private String tokenTypeTableName;

    private Builder(VectorTable table) {
      this.table = Objects.requireNonNull(table, "tokenTable");
    }

    /**
     * Uses the Hugging Face tokenizer in a {@code tokenizer.json} (opened by {@link #build()}, closed with the
     * embedding).
     *
     * @param tokenizerJson the file
     * @return this builder
     */
    public Builder tokenizer(Path tokenizerJson) {
      this.tokenizerJson = Objects.requireNonNull(tokenizerJson, "tokenizerJson");
      return this;
    }

    /**
     * Uses an open tokenizer; the embedding takes it over and closes it.
     *
     * @param tokenizer the tokenizer
     * @return this builder
     */
    public Builder tokenizer(HfTokenizer tokenizer) {
      this.tokenizerInstance = Objects.requireNonNull(tokenizer, "tokenizer");
      return this;
    }

    /**
     * Uses a vocabulary without a tokenizer (e.g. a GGUF file's token list): texts are then split on whitespace
     * and each piece looked up.
     *
     * @param vocabulary token i for row i
     * @return this builder
     */
    public Builder vocabulary(Vocabulary vocabulary) {
      this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
      return this;
    }

    /**
     * Adds a learned position table (row p for position p).
     *
     * @param positions the table, of the token table's dimension
     * @return this builder
     */
    public Builder positions(VectorTable positions) {
      this.positions = Objects.requireNonNull(positions, "positions");
      return this;
    }

    /**
     * Adds a token-type (segment) table; {@link TokenEmbeddings#embedWithPositions} adds its row 0.
     *
     * @param tokenTypes the table, of the token table's dimension
     * @return this builder
     */
    public Builder tokenTypes(VectorTable tokenTypes) {
      this.tokenTypes = Objects.requireNonNull(tokenTypes, "tokenTypes");
      return this;
    }

    /**
     * Records the model family.
     *
     * @param family the family
     * @return this builder
     */
    public Builder family(ModelFamily family) {
      this.family = Objects.requireNonNull(family, "family");
      return this;
    }

    /**
     * Records the {@code config.json} model type (kept by {@link TokenEmbeddings#save(Path)}; defaults to the
     * family's first).
     *
     * @param modelType e.g. {@code "qwen2"}
     * @return this builder
     */
    public Builder modelType(String modelType) {
      this.modelType = Objects.requireNonNull(modelType, "modelType");
      return this;
    }

    /**
     * Records the token table's tensor name (kept by {@link TokenEmbeddings#save(Path)}).
     *
     * @param name the tensor name
     * @return this builder
     */
    public Builder tokenTableName(String name) {
      this.tokenTableName = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * Records the position table's tensor name.
     *
     * @param name the tensor name
     * @return this builder
     */
    public Builder positionTableName(String name) {
      this.positionTableName = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * Records the token-type table's tensor name.
     *
     * @param name the tensor name
     * @return this builder
     */
    public Builder tokenTypeTableName(String name) {
      this.tokenTypeTableName = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * Builds the embedding, opening the tokenizer file if one was given.
     *
     * @return the embedding; close it
     * @throws IllegalArgumentException if neither or both of a tokenizer and a vocabulary were given, or a
     *     position or token-type table's dimension differs from the token table's or it has no rows
     * @throws IOException if the tokenizer file cannot be read
     */
    public TokenEmbeddings build() throws IOException {
      int sources = (tokenizerJson != null ? 1 : 0) + (tokenizerInstance != null ? 1 : 0)
          + (vocabulary != null ? 1 : 0);
      if (sources != 1) {
        throw new IllegalArgumentException("give exactly one of a tokenizer file, a tokenizer or a vocabulary ("
            + sources + " given)");
      }
      AuxiliaryTables.checkGiven("position", positions, table);
      AuxiliaryTables.checkGiven("token-type", tokenTypes, table);
      HfTokenizer tok = tokenizerInstance != null ? tokenizerInstance
          : tokenizerJson != null ? HfTokenizer.open(tokenizerJson) : null;
      return new TokenEmbeddings(this, tok);
    }
  }
}
