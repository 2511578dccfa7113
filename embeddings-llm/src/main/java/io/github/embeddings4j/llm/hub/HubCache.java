package io.github.embeddings4j.llm.hub;

import io.github.embeddings4j.EmbeddingFormatException;
import io.github.embeddings4j.internal.util.AtomicFiles;
import io.github.embeddings4j.llm.ModelConfig;
import io.github.embeddings4j.llm.TokenEmbeddings;
import io.github.embeddings4j.llm.format.Checkpoint;
import io.github.embeddings4j.llm.format.JsonErrors;
import io.github.embeddings4j.llm.format.SafetensorsFile;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Hugging Face hub cache ({@code models--ORG--NAME/refs/REVISION} holding a commit hash, {@code
 * snapshots/COMMIT/FILE}) and the ranged downloads that fill it with only what a token table needs.
 *
 * <p>Lookup: the snapshot of the revision is used when it has {@code config.json}, {@code tokenizer.json} and
 * either this library's extract ({@code embeddings4j/TENSOR.safetensors}, see below) or the full weights
 * ({@code model.safetensors}, or the index and the shards holding the tables). Nothing is checked online then.
 *
 * <p>Download: {@code config.json} and {@code tokenizer.json} whole (the commit hash from the {@code
 * X-Repo-Commit} header names the snapshot); then {@code model.safetensors.index.json} if the model is sharded,
 * to find the shard of each table; then, per shard, the 8-byte header length and the header with two HTTP
 * range requests, and the tables' own byte ranges. These are written as one small, valid safetensors file,
 * {@code snapshots/COMMIT/embeddings4j/TENSOR.safetensors}, holding the token table and any position and
 * token-type tables: for DeepSeek-R1-Distill-Qwen-1.5B 467 MB instead of the 3.5 GB checkpoint. It is kept
 * under its own name so that other tools never mistake it for the model's weights. Every file is written
 * atomically.
 */
public final class HubCache {
  private static final Logger LOG = LoggerFactory.getLogger(HubCache.class);
  private static final Pattern REPO_ID =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?");
  private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
  static final String EXTRACT_DIR = "embeddings4j";
  private static final int BUFFER = 1 << 16;

  private final HubOptions options;
  private HttpClient http;

  public HubCache(HubOptions options) {
    this.options = options;
  }

  public TokenEmbeddings open(String repoId) throws IOException {
    if (!REPO_ID.matcher(repoId).matches() || repoId.contains("..")) {
      throw new IllegalArgumentException("invalid model id: \"" + repoId + "\" (expected ORG/NAME)");
    }
    Path repoDir = options.cacheDir().resolve("models--" + repoId.replace("/", "--"));
    Path snap = cachedSnapshot(repoDir);
    if (snap != null) {
      TokenEmbeddings cached = fromSnapshot(snap);
      if (cached != null) {
        LOG.debug("{}: from the cache {}", repoId, snap);
        return cached;
      }
    }
    if (options.offline()) {
      throw new IOException(repoId + " is not in the Hugging Face cache at " + repoDir + " and the hub is offline; "
          + needed(repoId));
    }
    try {
      return download(repoId, repoDir);
    } catch (EmbeddingFormatException | FileNotFoundException e) {
      throw e;
    } catch (IOException e) {
      throw new IOException("cannot download " + repoId + " from " + options.endpoint() + ": " + e + "; "
          + needed(repoId), e);
    }
  }

  private String needed(String repoId) {
    return "needed in " + options.cacheDir().resolve("models--" + repoId.replace("/", "--")).resolve("snapshots")
        + "/<commit>/: config.json, tokenizer.json, and model.safetensors (or model.safetensors.index.json and the "
        + "shard holding " + options.tensorName().orElse("the token-embedding tensor") + ")";
  }

  private Path cachedSnapshot(Path repoDir) throws IOException {
    String rev = options.revision();
    if (COMMIT.matcher(rev).matches()) {
      Path p = repoDir.resolve("snapshots").resolve(rev);
      return Files.isDirectory(p) ? p : null;
    }
    Path ref = repoDir.resolve("refs").resolve(rev);
    if (!Files.isRegularFile(ref)) {
      return null;
    }
    String commit = Files.readString(ref, StandardCharsets.UTF_8).trim();
    if (!COMMIT.matcher(commit).matches() && !commit.matches("[A-Za-z0-9._-]+")) {
      throw new EmbeddingFormatException(ref, null, "is not a commit hash: \"" + commit + "\"");
    }
    Path p = repoDir.resolve("snapshots").resolve(commit);
    return Files.isDirectory(p) ? p : null;
  }

  /** Opens a snapshot that has everything needed, or returns null. */
  private TokenEmbeddings fromSnapshot(Path snap) throws IOException {
    if (!Files.isRegularFile(snap.resolve("config.json")) || !Files.isRegularFile(snap.resolve("tokenizer.json"))) {
      return null;
    }
    String tensor = options.tensorName().orElse(null);
    ModelConfig config = ModelConfig.read(snap.resolve("config.json"));
    Path extracts = snap.resolve(EXTRACT_DIR);
    if (Files.isDirectory(extracts)) {
      try (DirectoryStream<Path> files = Files.newDirectoryStream(extracts, "*.safetensors")) {
        for (Path f : files) {
          Checkpoint c = Checkpoint.ofFile(f);
          if (choose(config, c, tensor, f) != null) {
            return TokenEmbeddings.open(snap, c, tensor);
          }
        }
      }
    }
    Checkpoint full;
    if (Files.isRegularFile(snap.resolve(Checkpoint.INDEX))) {
      full = Checkpoint.ofIndex(snap.resolve(Checkpoint.INDEX));
    } else if (Files.isRegularFile(snap.resolve(Checkpoint.SINGLE))) {
      full = Checkpoint.ofFile(snap.resolve(Checkpoint.SINGLE));
    } else {
      return null;
    }
    TokenEmbeddings.Tables t = TokenEmbeddings.Tables.choose(config, full.tensorNames(), tensor, snap);
    for (String name : t.all()) {
      if (!Files.isRegularFile(full.shard(name))) {
        return null;
      }
    }
    return TokenEmbeddings.open(snap, full, tensor);
  }

  private static TokenEmbeddings.Tables choose(ModelConfig config, Checkpoint c, String tensor, Path f) {
    try {
      return TokenEmbeddings.Tables.choose(config, c.tensorNames(), tensor, f);
    } catch (EmbeddingFormatException e) {
      return null;
    }
  }

  // ---------------------------------------------------------------- download

  private TokenEmbeddings download(String repoId, Path repoDir) throws IOException {
    String rev = options.revision();
    String base = options.endpoint().toString().replaceAll("/+$", "") + "/" + repoId + "/resolve/"
        + URLEncoder.encode(rev, StandardCharsets.UTF_8).replace("+", "%20") + "/";
    LOG.info("{}: downloading config.json, tokenizer.json and the embedding tables from {}", repoId,
        options.endpoint());
    HttpResponse<InputStream> cfg = get(base + "config.json", -1, -1);
    String commit = cfg.headers().firstValue("X-Repo-Commit").filter(c -> COMMIT.matcher(c).matches())
        .orElse(COMMIT.matcher(rev).matches() ? rev : null);
    if (commit == null) {
      cfg.body().close();
      throw new IOException(base + "config.json: no X-Repo-Commit header to name the snapshot of " + rev);
    }
    Path snap = repoDir.resolve("snapshots").resolve(commit);
    save(snap.resolve("config.json"), "config.json", cfg);
    save(snap.resolve("tokenizer.json"), "tokenizer.json", get(base + "tokenizer.json", -1, -1));
    if (!rev.equals(commit)) {
      Files.createDirectories(repoDir.resolve("refs"));
      AtomicFiles.write(repoDir.resolve("refs").resolve(rev), out -> out.write(commit.getBytes(
          StandardCharsets.UTF_8)));
    }
    ModelConfig config = ModelConfig.read(snap.resolve("config.json"));

    Map<String, String> shardOf = new LinkedHashMap<>();
    Map<String, RemoteHeader> headers = new HashMap<>();
    HttpResponse<InputStream> index = getOptional(base + Checkpoint.INDEX);
    if (index != null) {
      byte[] json;
      try (InputStream in = index.body()) {
        json = in.readNBytes((int) SafetensorsFile.MAX_HEADER_BYTES);
      }
      Path indexName = Path.of(repoId, Checkpoint.INDEX);
      Checkpoint.readWeightMap(indexName, JsonErrors.readTree(indexName, null, json, 0))
          .forEach(shardOf::put);
    } else {
      RemoteHeader h = remoteHeader(base, repoId, Checkpoint.SINGLE);
      headers.put(Checkpoint.SINGLE, h);
      h.header.tensors().keySet().forEach(n -> shardOf.put(n, Checkpoint.SINGLE));
    }
    TokenEmbeddings.Tables tables = TokenEmbeddings.Tables.choose(config, shardOf.keySet(),
        options.tensorName().orElse(null), Path.of(repoId));

    Map<String, SafetensorsFile.Tensor> entries = new LinkedHashMap<>();
    long offset = 0;
    Map<String, String> metadata = new LinkedHashMap<>();
    for (String name : tables.all()) {
      String shard = shardOf.get(name);
      RemoteHeader h = headers.get(shard);
      if (h == null) {
        h = remoteHeader(base, repoId, shard);
        headers.put(shard, h);
      }
      SafetensorsFile.Tensor t = h.header.tensors().get(name);
      if (t == null) {
        throw new EmbeddingFormatException(Path.of(repoId, shard), "tensor " + name, "the index puts it in this "
            + "shard but its header does not have it");
      }
      entries.put(name, new SafetensorsFile.Tensor(name, t.dtype(), t.shape(), offset, t.byteLength()));
      offset += t.byteLength();
      metadata.putAll(h.header.metadata());
    }
    metadata.put("source", repoId + "@" + commit + " (embedding tables extracted by embeddings4j)");
    byte[] header = SafetensorsFile.headerBytes(entries, metadata);
    Path extract = snap.resolve(EXTRACT_DIR).resolve(tables.token.replaceAll("[^A-Za-z0-9._-]", "_")
        + ".safetensors");
    long total = offset;
    AtomicFiles.write(extract, out -> {
      out.write(header);
      long done = 0;
      for (String name : tables.all()) {
        String shard = shardOf.get(name);
        RemoteHeader h = headers.get(shard);
        SafetensorsFile.Tensor t = h.header.tensors().get(name);
        long start = h.dataStart + t.offset();
        done = copy(get(base + shard, start, start + t.byteLength()), t.byteLength(), out, shard, done, total);
      }
    });
    LOG.info("{}: {} bytes of embedding tables saved to {}", repoId, total, extract);
    return TokenEmbeddings.open(snap, Checkpoint.ofFile(extract), options.tensorName().orElse(null));
  }

  /** A shard's header read with range requests. */
  private static final class RemoteHeader {
    final SafetensorsFile.Header header;
    final long dataStart;

    RemoteHeader(SafetensorsFile.Header header, long dataStart) {
      this.header = header;
      this.dataStart = dataStart;
    }
  }

  private RemoteHeader remoteHeader(String base, String repoId, String shard) throws IOException {
    Path where = Path.of(repoId, shard);
    HttpResponse<InputStream> first = get(base + shard, 0, 8);
    long total = totalLength(first);
    byte[] len;
    try (InputStream in = first.body()) {
      len = in.readNBytes(8);
    }
    if (len.length < 8) {
      throw new EmbeddingFormatException(where, "byte 0", "shorter than the 8-byte header length");
    }
    long n = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getLong();
    SafetensorsFile.checkHeaderLength(where, n, total < 0 ? Long.MAX_VALUE : total);
    byte[] json;
    try (InputStream in = get(base + shard, 8, 8 + n).body()) {
      json = in.readNBytes((int) n);
    }
    if (json.length < n) {
      throw new EmbeddingFormatException(where, "byte 8", "header of " + n + " bytes ends after " + json.length);
    }
    long dataLength = total < 0 ? Long.MAX_VALUE : total - 8 - n;
    return new RemoteHeader(SafetensorsFile.parseHeader(where, json, dataLength), 8 + n);
  }

  private static long totalLength(HttpResponse<?> r) {
    if (r.statusCode() == 206) {
      Matcher m = CONTENT_RANGE.matcher(r.headers().firstValue("Content-Range").orElse(""));
      return m.matches() && !m.group(3).equals("*") ? Long.parseLong(m.group(3)) : -1;
    }
    return r.headers().firstValueAsLong("Content-Length").orElse(-1);
  }

  private void save(Path target, String name, HttpResponse<InputStream> r) throws IOException {
    long size = r.headers().firstValueAsLong("Content-Length").orElse(-1);
    AtomicFiles.write(target, out -> copy(r, size, out, name, 0, size));
  }

  /**
   * Copies a response body to {@code out}: exactly {@code length} bytes when it is known (a shorter body is an
   * error), else to its end. Reports progress as {@code done + copied} of {@code total}.
   */
  private long copy(HttpResponse<InputStream> r, long length, OutputStream out, String name, long done, long total)
      throws IOException {
    byte[] buf = new byte[BUFFER];
    long copied = 0;
    long lastReport = 0;
    try (InputStream in = r.body()) {
      while (length < 0 || copied < length) {
        int want = length < 0 ? buf.length : (int) Math.min(buf.length, length - copied);
        int n = in.read(buf, 0, want);
        if (n < 0) {
          break;
        }
        out.write(buf, 0, n);
        copied += n;
        if (copied - lastReport >= (1 << 20)) {
          options.progress().onProgress(name, done + copied, total);
          lastReport = copied;
        }
      }
    }
    if (length >= 0 && copied < length) {
      throw new IOException(r.uri() + ": download ended after " + copied + " of " + length + " bytes");
    }
    options.progress().onProgress(name, done + copied, total);
    return done + copied;
  }

  private HttpResponse<InputStream> getOptional(String url) throws IOException {
    HttpResponse<InputStream> r = send(url, -1, -1);
    if (r.statusCode() == 404) {
      r.body().close();
      return null;
    }
    return checked(r, -1);
  }

  /**
   * GETs a URL, or the byte range {@code [start, end)} of it. A server that ignores the range (200) is read
   * past {@code start}, so the returned body starts at {@code start} either way.
   */
  private HttpResponse<InputStream> get(String url, long start, long end) throws IOException {
    HttpResponse<InputStream> r = send(url, start, end);
    if (r.statusCode() == 404) {
      r.body().close();
      throw new FileNotFoundException(url + " (404)");
    }
    return checked(r, start);
  }

  private static HttpResponse<InputStream> checked(HttpResponse<InputStream> r, long start) throws IOException {
    int code = r.statusCode();
    if (code == 206) {
      Matcher m = CONTENT_RANGE.matcher(r.headers().firstValue("Content-Range").orElse(""));
      if (!m.matches() || Long.parseLong(m.group(1)) != start) {
        r.body().close();
        throw new IOException(r.uri() + ": range response for another range: "
            + r.headers().firstValue("Content-Range").orElse("(no Content-Range)"));
      }
      return r;
    }
    if (code == 200) {
      if (start > 0) {
        InputStream in = r.body();
        long skipped = in.skip(start);
        while (skipped < start) {
          if (in.read() < 0) {
            in.close();
            throw new IOException(r.uri() + ": body ends before byte " + start);
          }
          skipped++;
          skipped += in.skip(start - skipped);
        }
      }
      return r;
    }
    r.body().close();
    if (code == 401 || code == 403) {
      throw new IOException(r.uri() + ": access denied (" + code + "); a gated model needs HubOptions.token");
    }
    throw new IOException(r.uri() + ": HTTP " + code);
  }

  private HttpResponse<InputStream> send(String url, long start, long end) throws IOException {
    HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url)).timeout(options.timeout()).GET()
        .header("User-Agent", "embeddings4j");
    if (start >= 0) {
      req.header("Range", "bytes=" + start + "-" + (end - 1));
    }
    options.token().ifPresent(t -> req.header("Authorization", "Bearer " + t));
    try {
      return client().send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while downloading " + url);
    }
  }

  private synchronized HttpClient client() {
    if (http == null) {
      http = HttpClient.newBuilder().connectTimeout(options.timeout())
          .followRedirects(HttpClient.Redirect.NORMAL).build();
    }
    return http;
  }
}
