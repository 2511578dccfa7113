package io.github.embeddings4j.text;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of a {@link ContextualEncoder}. Start from {@link #defaults()} and change fields with the
 * {@code withX} copies.
 *
 * @param pooling how token vectors become one vector ({@link Pooling#MEAN} by default, as sentence-transformers)
 * @param normalize whether pooled vectors are scaled to unit length (true by default, as all-MiniLM-L6-v2's
 *     {@code Normalize} module)
 * @param maxLength the most word pieces, special tokens included, the model sees of a text; longer texts are
 *     truncated and the result says so. 0 takes it from the model's files: {@code sentence_bert_config.json}'s
 *     {@code max_seq_length}, else {@code tokenizer.json}'s truncation, else 512 ({@link
 *     ContextualEncoder#openDefault()} uses 256, all-MiniLM-L6-v2's sentence-transformers setting)
 * @param batchSize texts per ONNX Runtime call in {@link ContextualEncoder#encodeAll} (32 by default)
 * @param intraOpThreads ONNX Runtime threads inside one operator; 0 lets ONNX Runtime choose (one per core)
 * @param interOpThreads ONNX Runtime threads across operators; 0 lets ONNX Runtime choose
 * @param cacheDirectory where models read from the class path are copied once; null for the default (the
 *     system property {@code embeddings4j.cache}, else {@code $XDG_CACHE_HOME/embeddings4j}, else
 *     {@code ~/.cache/embeddings4j})
 */
public record EncoderOptions(Pooling pooling, boolean normalize, int maxLength, int batchSize, int intraOpThreads,
    int interOpThreads, Path cacheDirectory) {

  /**
   * Checks the fields.
   *
   * @param pooling how token vectors become one vector, e.g. {@link Pooling#MEAN}
   * @param normalize whether pooled vectors are scaled to unit length
   * @param maxLength the most word pieces, special tokens included, the model sees of a text: 0 to take it from
   *     the model's files, else at least 3
   * @param batchSize texts per ONNX Runtime call in {@link ContextualEncoder#encodeAll}, at least 1
   * @param intraOpThreads ONNX Runtime threads inside one operator, at least 0 (0 lets ONNX Runtime choose)
   * @param interOpThreads ONNX Runtime threads across operators, at least 0 (0 lets ONNX Runtime choose)
   * @param cacheDirectory where models read from the class path are copied once, or null for the default
   * @throws NullPointerException if {@code pooling} is null
   * @throws IllegalArgumentException if {@code maxLength} is negative or 1 to 2 (no room for a word piece beside
   *     the special tokens), {@code batchSize < 1}, or a thread count is negative, naming the field and value
   */
  public EncoderOptions {
    Objects.requireNonNull(pooling, "pooling");
    if (maxLength < 0 || (maxLength > 0 && maxLength < 3)) {
      throw new IllegalArgumentException("maxLength must be 0 (from the model) or >= 3, got " + maxLength);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
    }
    if (intraOpThreads < 0) {
      throw new IllegalArgumentException("intraOpThreads must be >= 0, got " + intraOpThreads);
    }
    if (interOpThreads < 0) {
      throw new IllegalArgumentException("interOpThreads must be >= 0, got " + interOpThreads);
    }
  }

  /**
   * Mean pooling, unit vectors, the model's own maximum length, batches of 32, ONNX Runtime's threads, the
   * default cache.
   *
   * @return the default settings
   */
  public static EncoderOptions defaults() {
    return new EncoderOptions(Pooling.MEAN, true, 0, 32, 0, 0, null);
  }

  /**
   * Returns a copy with another pooling.
   *
   * @param pooling the pooling
   * @return the new settings
   */
  public EncoderOptions withPooling(Pooling pooling) {
    return new EncoderOptions(pooling, normalize, maxLength, batchSize, intraOpThreads, interOpThreads,
        cacheDirectory);
  }

  /**
   * Returns a copy with normalization on or off.
   *
   * @param normalize whether pooled vectors are scaled to unit length
   * @return the new settings
   */
  public EncoderOptions withNormalize(boolean normalize) {
    return new EncoderOptions(pooling, normalize, maxLength, batchSize, intraOpThreads, interOpThreads,
        cacheDirectory);
  }

  /**
   * Returns a copy with another maximum length.
   *
   * @param maxLength word pieces including special tokens, or 0 for the model's own
   * @return the new settings
   */
  public EncoderOptions withMaxLength(int maxLength) {
    return new EncoderOptions(pooling, normalize, maxLength, batchSize, intraOpThreads, interOpThreads,
        cacheDirectory);
  }

  /**
   * Returns a copy with another batch size.
   *
   * @param batchSize texts per ONNX Runtime call
   * @return the new settings
   */
  public EncoderOptions withBatchSize(int batchSize) {
    return new EncoderOptions(pooling, normalize, maxLength, batchSize, intraOpThreads, interOpThreads,
        cacheDirectory);
  }

  /**
   * Returns a copy with other ONNX Runtime thread counts.
   *
   * @param intraOpThreads threads inside one operator, 0 for ONNX Runtime's choice
   * @param interOpThreads threads across operators, 0 for ONNX Runtime's choice
   * @return the new settings
   */
  public EncoderOptions withThreads(int intraOpThreads, int interOpThreads) {
    return new EncoderOptions(pooling, normalize, maxLength, batchSize, intraOpThreads, interOpThreads,
        cacheDirectory);
  }

  /**
   * Returns a copy with another cache folder.
   *
   * @param cacheDirectory the folder, or null for the default
   * @return the new settings
   */
  public EncoderOptions withCacheDirectory(Path cacheDirectory) {
    return new EncoderOptions(pooling, normalize, maxLength, batchSize, intraOpThreads, interOpThreads,
        cacheDirectory);
  }

  /**
   * Returns the cache folder in use: {@link #cacheDirectory()} or the default.
   *
   * @return the folder (not created here)
   */
  public Path resolvedCacheDirectory() {
    if (cacheDirectory != null) {
      return cacheDirectory;
    }
    String property = System.getProperty("embeddings4j.cache");
    if (property != null && !property.isBlank()) {
      return Path.of(property);
    }
    Optional<String> xdg = Optional.ofNullable(System.getenv("XDG_CACHE_HOME")).filter(s -> !s.isBlank());
    return xdg.map(Path::of).orElseGet(() -> Path.of(System.getProperty("user.home"), ".cache"))
        .resolve("embeddings4j");
  }
}
