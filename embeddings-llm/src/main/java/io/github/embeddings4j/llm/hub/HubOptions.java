package io.github.embeddings4j.llm.hub;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how {@link io.github.embeddings4j.llm.TokenEmbeddings#fromPretrained(String, HubOptions)} looks for a
 * model: the cache folder (default {@code $HF_HUB_CACHE}, else {@code $HF_HOME/hub}, else {@code
 * ~/.cache/huggingface/hub}), the endpoint (default {@code $HF_ENDPOINT}, else {@code https://huggingface.co}), the
 * revision ({@code main}), whether to stay offline (default: {@code HF_HUB_OFFLINE=1}), the token table's tensor
 * name (default: from the architecture), an access token for gated models, and a download progress listener.
 *
 * <pre>{@code
 * HubOptions o = HubOptions.builder()
 *     .cacheDir(Path.of("/data/hf"))
 *     .progress((file, done, total) -> System.out.printf("%s %d/%d%n", file, done, total))
 *     .build();
 * }</pre>
 *
 * @param cacheDir the Hugging Face hub cache folder (holding {@code models--ORG--NAME})
 * @param endpoint the hub's base URI
 * @param revision a branch, tag or commit hash
 * @param offline whether only the cache may be used
 * @param tensorName the token table's tensor name, or empty to find it from {@code config.json}
 * @param token a bearer token sent to the endpoint, or empty
 * @param timeout the connect and per-request timeout
 * @param progress called as bytes arrive
 */
public record HubOptions(Path cacheDir, URI endpoint, String revision, boolean offline, Optional<String> tensorName,
    Optional<String> token, Duration timeout, DownloadListener progress) {

  /**
   * Checks the options.
   *
   * @param cacheDir the Hugging Face hub cache folder (holding {@code models--ORG--NAME})
   * @param endpoint the hub's base URI, e.g. {@code https://huggingface.co}
   * @param revision a branch, tag or commit hash, not blank
   * @param offline whether only the cache may be used (nothing is downloaded)
   * @param tensorName the token table's tensor name, or empty to find it from {@code config.json}
   * @param token a bearer token sent to the endpoint (for gated models), or empty
   * @param timeout the connect and per-request timeout (the builder's default: 30 seconds)
   * @param progress called as bytes arrive; {@link DownloadListener#NONE} to ignore progress
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the revision is blank or contains a path separator other than in a
   *     branch name ({@code ..} is rejected)
   */
  public HubOptions {
    Objects.requireNonNull(cacheDir, "cacheDir");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(revision, "revision");
    Objects.requireNonNull(tensorName, "tensorName");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(progress, "progress");
    if (revision.isBlank() || revision.contains("..") || revision.startsWith("/") || revision.contains("\\")) {
      throw new IllegalArgumentException("invalid revision: \"" + revision + "\"");
    }
  }

  /** Told how a download goes. */
  @FunctionalInterface
  public interface DownloadListener {
    /** Ignores progress. */
    DownloadListener NONE = (file, done, total) -> { };

    /**
     * Reports bytes received.
     *
     * @param file the repository file being downloaded (e.g. {@code "model.safetensors"})
     * @param bytesDone bytes received so far for this file
     * @param bytesTotal bytes this download will take, or -1 when unknown
     */
    void onProgress(String file, long bytesDone, long bytesTotal);
  }

  /**
   * Returns the defaults, from the environment as Hugging Face's own client reads it.
   *
   * @return the default options
   */
  public static HubOptions defaults() {
    return builder().build();
  }

  /**
   * Starts options from the defaults.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  static Path defaultCacheDir() {
    String hubCache = System.getenv("HF_HUB_CACHE");
    if (hubCache != null && !hubCache.isBlank()) {
      return Path.of(hubCache);
    }
    String home = System.getenv("HF_HOME");
    if (home != null && !home.isBlank()) {
      return Path.of(home, "hub");
    }
    return Path.of(System.getProperty("user.home"), ".cache", "huggingface", "hub");
  }

  /** Builds {@link HubOptions}; unset fields keep their defaults. */
  public static final class Builder {
    private Path cacheDir = defaultCacheDir();
    private URI endpoint = URI.create(Optional.ofNullable(System.getenv("HF_ENDPOINT")).filter(s -> !s.isBlank())
        .orElse("https://huggingface.co"));
    private String revision = "main";
    private boolean offline = isTrue(System.getenv("HF_HUB_OFFLINE"));
    private String tensorName;
    private String token;
    private Duration timeout = Duration.ofSeconds(30);
    private DownloadListener progress = DownloadListener.NONE;

    private Builder() {}

    private static boolean isTrue(String v) {
      return v != null && (v.equals("1") || v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes")
          || v.equalsIgnoreCase("on"));
    }

    /**
     * Sets the hub cache folder.
     *
     * @param cacheDir the folder holding {@code models--ORG--NAME}
     * @return this builder
     */
    public Builder cacheDir(Path cacheDir) {
      this.cacheDir = Objects.requireNonNull(cacheDir, "cacheDir");
      return this;
    }

    /**
     * Sets the hub endpoint.
     *
     * @param endpoint e.g. {@code https://huggingface.co} or a mirror
     * @return this builder
     */
    public Builder endpoint(URI endpoint) {
      this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
      return this;
    }

    /**
     * Sets the revision.
     *
     * @param revision a branch, tag or commit hash
     * @return this builder
     */
    public Builder revision(String revision) {
      this.revision = Objects.requireNonNull(revision, "revision");
      return this;
    }

    /**
     * Sets whether only the cache may be used.
     *
     * @param offline true to never connect
     * @return this builder
     */
    public Builder offline(boolean offline) {
      this.offline = offline;
      return this;
    }

    /**
     * Names the token table's tensor instead of finding it from the architecture.
     *
     * @param tensorName the tensor name
     * @return this builder
     */
    public Builder tensorName(String tensorName) {
      this.tensorName = Objects.requireNonNull(tensorName, "tensorName");
      return this;
    }

    /**
     * Sets the access token sent as {@code Authorization: Bearer} (for gated models).
     *
     * @param token the token
     * @return this builder
     */
    public Builder token(String token) {
      this.token = Objects.requireNonNull(token, "token");
      return this;
    }

    /**
     * Sets the connect and per-request timeout.
     *
     * @param timeout the timeout
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * Sets the progress listener.
     *
     * @param progress called as bytes arrive
     * @return this builder
     */
    public Builder progress(DownloadListener progress) {
      this.progress = Objects.requireNonNull(progress, "progress");
      return this;
    }

    /**
     * Returns the options.
     *
     * @return the options
     * @throws IllegalArgumentException if the revision is invalid
     */
    public HubOptions build() {
      return new HubOptions(cacheDir, endpoint, revision, offline, Optional.ofNullable(tensorName),
          Optional.ofNullable(token), timeout, progress);
    }
  }

  @Override
  public String toString() {
    return "HubOptions[cacheDir=" + cacheDir + ", endpoint=" + endpoint + ", revision=" + revision + ", offline="
        + offline + ", tensorName=" + tensorName + ", token=" + (token.isPresent() ? "***" : "none") + "]";
  }
}
