package io.github.embeddings4j.llm.tokenizer;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.embeddings4j.EmbeddingException;
import io.github.embeddings4j.EmbeddingFormatException;
import io.github.embeddings4j.Tokenizer;
import io.github.embeddings4j.Vocabulary;
import io.github.embeddings4j.llm.format.JsonErrors;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Hugging Face tokenizer from a local {@code tokenizer.json}, run by DJL's binding of the Rust
 * {@code tokenizers} library, so encodings match Hugging Face's exactly. Never touches the network.
 *
 * <p>The vocabulary (every id with its token, added tokens included) is read from the JSON with Jackson when the
 * tokenizer is opened; the native tokenizer is loaded on the first {@link #encode(String)}, so an embedding that
 * is only searched never loads it.
 *
 * <p><b>Offline.</b> DJL may download native builds (CUDA flavours) and sends a usage ping unless it is offline.
 * Before DJL is first touched, this class sets the system property {@code ai.djl.offline=true} when neither that
 * property nor the environment variable {@code DJL_OFFLINE} is set; DJL then uses the CPU build bundled in its
 * jar and never connects. Set {@code -Dai.djl.offline=false} to let DJL do otherwise.
 *
 * <p><b>Token strings.</b> Tokens are the tokenizer's own strings, as Hugging Face's {@code tokenize()} prints
 * them: GPT-2 and Qwen's byte-level tokens mark a leading space as {@code Ġ} and a newline as {@code Ċ}
 * ({@code "Ġprogrammers"}), SentencePiece ones mark a space as {@code ▁}, WordPiece continuations start with
 * {@code ##}. {@link #readable(String)} turns a token into the text it stands for ({@code " programmers"}).
 *
 * <pre>{@code
 * try (HfTokenizer tok = HfTokenizer.open(Path.of("tokenizer.json"))) {
 *   HfTokenizer.Tokens t = tok.encode("HTML coders are not considered programmers");
 *   t.tokens();   // [HTML, Ġcod, ers, Ġare, Ġnot, Ġconsidered, Ġprogrammers] (GPT-2, Qwen2)
 * }
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} frees the native tokenizer and is idempotent; a closed tokenizer throws
 * {@link IllegalStateException}.
 */
public final class HfTokenizer implements Tokenizer, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HfTokenizer.class);
  /**
   * The vocabulary's keys are 10^5 distinct tokens, read once: Jackson's field-name symbol table (canonicalizing
   * and interning every name) only costs time here, about half of the parse of an 11 MB Qwen2 file.
   */
  private static final ObjectMapper VOCAB_JSON = new ObjectMapper(JsonFactory.builder()
      .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
      .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
      .build())
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  /**
   * How many ids beyond twice the number of tokens a file may leave without a token: ids are table rows, so a
   * stray huge id would otherwise allocate a placeholder for every id below it.
   */
  static final int MAX_EXTRA_GAPS = 1 << 16;

  private final Path file;
  private final Vocabulary vocabulary;
  private final BitSet holes;
  private final Decoding decoding;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private volatile HuggingFaceTokenizer djl;
  private volatile boolean closed;

  /**
   * A text as tokens: the token strings and their ids, in text order.
   *
   * @param tokens the tokens as the tokenizer writes them (e.g. {@code "Ġprogrammers"})
   * @param ids the token ids
   */
  public record Tokens(List<String> tokens, int[] ids) {
    /**
     * Checks that there is one id per token.
     *
     * @param tokens the tokens as the tokenizer writes them (e.g. {@code "Ġprogrammers"}), in text order; copied
     *     into an unmodifiable list
     * @param ids the token ids, one per token, same order
     * @throws IllegalArgumentException if the lengths differ
     */
    public Tokens {
      tokens = List.copyOf(tokens);
      if (ids.length != tokens.size()) {
        throw new IllegalArgumentException("tokens and ids differ in length: " + tokens.size() + " != "
            + ids.length);
      }
    }
  }

  /** How token strings map back to text. */
  private enum Decoding {
    BYTE_LEVEL, METASPACE, PLAIN
  }

  private HfTokenizer(Path file, Vocabulary vocabulary, BitSet holes, Decoding decoding) {
    this.file = file;
    this.vocabulary = vocabulary;
    this.holes = holes;
    this.decoding = decoding;
  }

  /**
   * Opens a {@code tokenizer.json} and reads its vocabulary; the native tokenizer is loaded on first use.
   *
   * @param tokenizerJson a Hugging Face {@code tokenizer.json}
   * @return the tokenizer
   * @throws EmbeddingFormatException if the file is not a tokenizer JSON with a vocabulary
   * @throws IOException if it cannot be read
   */
  public static HfTokenizer open(Path tokenizerJson) throws IOException {
    // Streamed: the merges (most of a BPE file) are never built into a tree, and when the added tokens and the
    // decoder came before the vocabulary (the order Hugging Face writes), reading stops after the vocabulary.
    IdTokens byId = new IdTokens();
    JsonNode added = null;
    JsonNode decoder = null;
    boolean sawAdded = false;
    boolean sawDecoder = false;
    boolean sawVocab = false;
    try (JsonParser p = VOCAB_JSON.getFactory().createParser(tokenizerJson.toFile())) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new EmbeddingFormatException(tokenizerJson, null, "is not a JSON object");
      }
      top:
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("model") && value == JsonToken.START_OBJECT) {
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            p.nextToken();
            if (f.equals("vocab")) {
              readVocab(tokenizerJson, p, byId);
              sawVocab = true;
              if (sawAdded && sawDecoder) {
                break top;
              }
            } else {
              p.skipChildren();
            }
          }
        } else if (field.equals("added_tokens")) {
          added = p.readValueAsTree();
          sawAdded = true;
        } else if (field.equals("decoder")) {
          decoder = p.readValueAsTree();
          sawDecoder = true;
        } else {
          p.skipChildren();
        }
      }
    } catch (JsonProcessingException e) {
      throw JsonErrors.formatError(tokenizerJson, null, e, 0);
    }
    if (!sawVocab) {
      throw new EmbeddingFormatException(tokenizerJson, "model.vocab", "missing: not a tokenizer.json");
    }
    if (added != null && !added.isArray() && !added.isNull()) {
      throw new EmbeddingFormatException(tokenizerJson, "added_tokens", "is not an array");
    }
    if (added != null && added.isArray()) {
      for (JsonNode a : added) {
        JsonNode content = a.get("content");
        if (content == null || !content.isTextual()) {
          throw new EmbeddingFormatException(tokenizerJson, "added_tokens", "entry without a string content");
        }
        byId.add(id(tokenizerJson, "added_tokens." + content.textValue(), a.get("id")), content.textValue());
      }
    }
    return build(tokenizerJson, byId, decoding(decoder));
  }

  private static void readVocab(Path file, JsonParser p, IdTokens byId) throws IOException {
    if (p.currentToken() == JsonToken.START_OBJECT) {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String token = p.currentName();
        if (p.nextToken() != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT
            || p.getIntValue() < 0) {
          throw new EmbeddingFormatException(file, "model.vocab." + token, "id " + p.getText()
              + " is not a non-negative integer");
        }
        byId.add(p.getIntValue(), token);
      }
    } else if (p.currentToken() == JsonToken.START_ARRAY) {
      // Unigram: [[piece, score], ...] in id order. Every entry must be exactly that: a malformed one used to end
      // the vocabulary silently (a 3-row table got a 1-token vocabulary).
      int i = 0;
      for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
        String where = "model.vocab[" + i + "]";
        if (t != JsonToken.START_ARRAY || p.nextToken() != JsonToken.VALUE_STRING) {
          throw new EmbeddingFormatException(file, where + " at " + JsonErrors.position(p.currentLocation(), 0),
              "is not [piece, score]");
        }
        String piece = p.getText();
        JsonToken score = p.nextToken();
        if (score != JsonToken.VALUE_NUMBER_FLOAT && score != JsonToken.VALUE_NUMBER_INT
            || p.nextToken() != JsonToken.END_ARRAY) {
          throw new EmbeddingFormatException(file, where + " at " + JsonErrors.position(p.currentLocation(), 0),
              "is not [piece, score]: \"" + piece + "\" is not followed by a number alone");
        }
        byId.add(i++, piece);
      }
    } else {
      throw new EmbeddingFormatException(file, "model.vocab", "is neither an object nor an array");
    }
  }

  private static int id(Path file, String where, JsonNode n) throws EmbeddingFormatException {
    if (n == null || !n.canConvertToInt() || !n.canConvertToExactIntegral() || n.intValue() < 0) {
      throw new EmbeddingFormatException(file, where, "id " + n + " is not a non-negative integer");
    }
    return n.intValue();
  }

  private static HfTokenizer build(Path file, IdTokens byId, Decoding decoding) throws EmbeddingFormatException {
    IdTokens.Layout layout = byId.layout(file, MAX_EXTRA_GAPS);
    if (!layout.holes().isEmpty()) {
      LOG.debug("{}: {} ids without a token of their own", file, layout.holes().cardinality());
    }
    return new HfTokenizer(file, Vocabulary.of(Arrays.asList(layout.tokens())), layout.holes(), decoding);
  }

  private static Decoding decoding(JsonNode dec) {
    List<JsonNode> parts = new ArrayList<>();
    if (dec != null && dec.isObject()) {
      parts.add(dec);
      JsonNode seq = dec.get("decoders");
      if (seq != null && seq.isArray()) {
        seq.forEach(parts::add);
      }
    }
    for (JsonNode p : parts) {
      String type = p.path("type").asText("");
      if (type.equals("ByteLevel")) {
        return Decoding.BYTE_LEVEL;
      }
      if (type.equals("Metaspace")) {
        return Decoding.METASPACE;
      }
      if (type.equals("Replace") && p.path("pattern").path("String").asText("").equals("\u2581")) {
        return Decoding.METASPACE;
      }
    }
    return Decoding.PLAIN;
  }

  /**
   * Returns the {@code tokenizer.json} this tokenizer was read from.
   *
   * @return the file
   */
  public Path file() {
    return file;
  }

  /**
   * Returns every token id with its token string, added (special) tokens included. Ids that the file gives no
   * token of their own hold a placeholder {@code "<no token ID>"} (see {@link #isToken(int)}).
   *
   * @return the vocabulary, ids 0 to the largest id
   */
  public Vocabulary vocabulary() {
    return vocabulary;
  }

  /**
   * Tells whether an id is a real token rather than a placeholder for a gap in the file's ids.
   *
   * @param id an id of the vocabulary
   * @return whether the id has a token of its own
   */
  public boolean isToken(int id) {
    return id >= 0 && id < vocabulary.size() && !holes.get(id);
  }

  /**
   * Encodes a text without special tokens (no BOS, no {@code [CLS]}), without truncation or padding: what
   * Hugging Face's {@code tokenizer.encode(text, add_special_tokens=False)} returns.
   *
   * @param text any text
   * @return the tokens and ids
   * @throws IllegalStateException if the tokenizer is closed
   * @throws EmbeddingException if the native library cannot load the file (on first use)
   */
  public Tokens encode(String text) {
    return encode(text, false);
  }

  /**
   * Cuts a text into the model's tokens, as {@link #encode(String)} does (no special tokens), so that the
   * tokenizer serves wherever core takes a {@link Tokenizer}.
   *
   * @param text any text
   * @return the token strings, in text order
   * @throws IllegalStateException if the tokenizer is closed
   * @throws EmbeddingException if the native library cannot load the file (on first use)
   */
  @Override
  public List<String> tokenize(String text) {
    return encode(text).tokens();
  }

  /**
   * Encodes a text, with or without the model's special tokens, never truncated or padded.
   *
   * @param text any text
   * @param addSpecialTokens whether to add the tokens the model's post-processor adds (e.g. {@code [CLS]} and
   *     {@code [SEP]} for BERT)
   * @return the tokens and ids
   * @throws IllegalStateException if the tokenizer is closed
   * @throws EmbeddingException if the native library cannot load the file (on first use) or cannot apply it to
   *     this text
   */
  public Tokens encode(String text, boolean addSpecialTokens) {
    Objects.requireNonNull(text, "text");
    lock.readLock().lock();
    try {
      HuggingFaceTokenizer hf = loaded();
      Encoding e;
      try {
        e = hf.encode(text, addSpecialTokens, false);
      } catch (RuntimeException ex) {
        // Found by fuzzing: the native library reports a file it loaded but cannot apply (a WordLevel model whose
        // unk_token is not in its vocabulary) as a plain RuntimeException on the first unknown word.
        throw new EmbeddingException("the tokenizer " + file + " cannot encode the text: " + ex.getMessage(), ex);
      }
      long[] ids = e.getIds();
      String[] tokens = e.getTokens();
      int[] out = new int[ids.length];
      List<String> strings = new ArrayList<>(ids.length);
      for (int i = 0; i < ids.length; i++) {
        out[i] = Math.toIntExact(ids[i]);
        strings.add(out[i] < vocabulary.size() ? vocabulary.token(out[i]) : tokens[i]);
      }
      return new Tokens(strings, out);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Turns ids back into text, as Hugging Face's {@code decode(ids, skip_special_tokens=False)}.
   *
   * @param ids token ids
   * @return the text
   * @throws IllegalStateException if the tokenizer is closed
   * @throws EmbeddingException if the native library cannot load the file (on first use) or decode the ids
   */
  public String decode(int[] ids) {
    long[] l = new long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      l[i] = ids[i];
    }
    lock.readLock().lock();
    try {
      HuggingFaceTokenizer hf = loaded();
      try {
        return hf.decode(l, false);
      } catch (RuntimeException ex) {
        throw new EmbeddingException("the tokenizer " + file + " cannot decode the ids: " + ex.getMessage(), ex);
      }
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Returns the text a single token stands for: byte-level tokens decoded ({@code "Ġprogrammers"} → {@code
   * " programmers"}, {@code "Ċ"} → a newline; a token holding only part of a UTF-8 character shows U+FFFD), the
   * SentencePiece space mark {@code ▁} as a space; other tokens (WordPiece's {@code ##ing}) as they are. Works
   * on a closed tokenizer too (no native code).
   *
   * @param token a token string
   * @return its text
   */
  public String readable(String token) {
    switch (decoding) {
      case BYTE_LEVEL:
        return ByteLevel.decode(token);
      case METASPACE:
        return token.replace('\u2581', ' ');
      default:
        return token;
    }
  }

  private HuggingFaceTokenizer loaded() {
    if (closed) {
      throw new IllegalStateException("closed: " + file);
    }
    HuggingFaceTokenizer t = djl;
    if (t == null) {
      synchronized (this) {
        t = djl;
        if (t == null) {
          t = load();
          djl = t;
        }
      }
    }
    return t;
  }

  private HuggingFaceTokenizer load() {
    ensureOffline();
    Map<String, String> options = new HashMap<>();
    options.put("addSpecialTokens", "false");
    options.put("truncation", "false");
    options.put("padding", "false");
    try {
      HuggingFaceTokenizer t = HuggingFaceTokenizer.newInstance(file, options);
      LOG.debug("{}: native tokenizer loaded", file);
      return t;
    } catch (IOException | RuntimeException e) {
      // The native library reports a tokenizer.json it cannot use as a plain RuntimeException.
      throw new EmbeddingException("cannot load the tokenizer " + file + ": " + e.getMessage(), e);
    }
  }

  /** Makes DJL offline unless the user said otherwise (see the class comment). */
  static void ensureOffline() {
    if (System.getProperty("ai.djl.offline") == null && System.getenv("DJL_OFFLINE") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
  }

  /**
   * Frees the native tokenizer. Idempotent; later encodes throw {@link IllegalStateException}.
   */
  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      closed = true;
      HuggingFaceTokenizer t = djl;
      djl = null;
      if (t != null) {
        t.close();
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public String toString() {
    return "HfTokenizer[" + file + ", " + vocabulary.size() + " ids]";
  }

  /** GPT-2's byte-to-character table (bytes_to_unicode) and its inverse. */
  static final class ByteLevel {
    private static final int[] CHAR_TO_BYTE = new int[324];

    static {
      Arrays.fill(CHAR_TO_BYTE, -1);
      int n = 0;
      for (int b = 0; b < 256; b++) {
        boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
        int c = printable ? b : 256 + n++;
        CHAR_TO_BYTE[c] = b;
      }
    }

    private ByteLevel() {}

    static String decode(String token) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(token.length());
      for (int i = 0; i < token.length(); i++) {
        char c = token.charAt(i);
        int b = c < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[c] : -1;
        if (b < 0) {
          // Not a byte-level character (an added token such as <|endoftext|>): keep it as UTF-8.
          byte[] u = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
          bytes.write(u, 0, u.length);
        } else {
          bytes.write(b);
        }
      }
      return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
    }
  }
}
