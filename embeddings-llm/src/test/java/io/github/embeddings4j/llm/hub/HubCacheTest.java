package io.github.embeddings4j.llm.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.embeddings4j.EmbeddingFormatException;
import io.github.embeddings4j.llm.ModelFamily;
import io.github.embeddings4j.llm.TokenEmbeddings;
import io.github.embeddings4j.llm.format.Fixtures;
import io.github.embeddings4j.llm.format.SafetensorsFile;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hub path against a local server on 127.0.0.1 that serves fixture repositories as the hub does. */
class HubCacheTest {
  private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d+)");

  @TempDir
  Path dir;

  private HttpServer server;
  private Path repos;
  private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, Long> bytesServed = new ConcurrentHashMap<>();
  private volatile boolean honourRanges = true;

  @BeforeEach
  void start() throws IOException {
    repos = dir.resolve("server");
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::serve);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  /** GET /ORG/NAME/resolve/REV/FILE, with Range support and the X-Repo-Commit header, like the hub. */
  private void serve(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    String range = ex.getRequestHeaders().getFirst("Range");
    requests.add(path + (range == null ? "" : " " + range));
    Matcher m = Pattern.compile("/(.+)/resolve/([^/]+)/(.+)").matcher(path);
    Path file = m.matches() ? repos.resolve(m.group(1)).resolve(m.group(3)) : null;
    if (file == null || !Files.isRegularFile(file)) {
      ex.sendResponseHeaders(404, -1);
      ex.close();
      return;
    }
    ex.getResponseHeaders().add("X-Repo-Commit", COMMIT);
    long size = Files.size(file);
    long start = 0;
    long end = size - 1;
    Matcher r = range == null || !honourRanges ? null : RANGE.matcher(range);
    if (r != null && r.matches()) {
      start = Long.parseLong(r.group(1));
      end = Math.min(size - 1, Long.parseLong(r.group(2)));
      ex.getResponseHeaders().add("Content-Range", "bytes " + start + "-" + end + "/" + size);
      ex.sendResponseHeaders(206, end - start + 1);
    } else {
      ex.sendResponseHeaders(200, size);
    }
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r"); OutputStream out = ex.getResponseBody()) {
      raf.seek(start);
      byte[] buf = new byte[8192];
      long left = end - start + 1;
      while (left > 0) {
        int n = raf.read(buf, 0, (int) Math.min(buf.length, left));
        out.write(buf, 0, n);
        left -= n;
        bytesServed.merge(m.group(3), (long) n, Long::sum);
      }
    } catch (IOException e) {
      // the client may stop reading (a 200 to a range request); nothing to do
    }
  }

  private HubOptions.Builder options() {
    return HubOptions.builder().cacheDir(dir.resolve("cache"))
        .endpoint(URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
  }

  /** A Qwen-like repo: a 12 x 4 bf16 table and a 256 KB layer tensor around it in one model.safetensors. */
  private void qwenRepo(String repo) throws IOException {
    Fixtures.tinyModel(repos.resolve(repo), "qwen2", 12, 10, Fixtures.map(
        "model.layers.0.mlp.weight", Fixtures.raw("F32", Fixtures.values(256, 256, 20)),
        "model.embed_tokens.weight", Fixtures.raw("BF16", Fixtures.values(12, 4, 21)),
        "model.norm.weight", Fixtures.raw("F32", Fixtures.values(1, 4, 22))));
  }

  @Test
  void downloadsOnlyConfigTokenizerAndTheTableBytesIntoTheCacheLayout() throws IOException {
    qwenRepo("acme/tiny-qwen");
    List<long[]> progress = Collections.synchronizedList(new ArrayList<>());
    List<String> progressFiles = Collections.synchronizedList(new ArrayList<>());
    try (TokenEmbeddings e = TokenEmbeddings.fromPretrained("acme/tiny-qwen", options()
        .progress((f, done, total) -> {
          progressFiles.add(f);
          progress.add(new long[] {done, total});
        }).build())) {
      assertEquals(12, e.vectors().rows());
      assertEquals(10, e.searchableRows());
      float[][] want = Fixtures.values(12, 4, 21);
      assertEquals(Fixtures.rounded(want[3][1], "BF16"), e.vector(3)[1], 0f);
    }
    long modelSize = Files.size(repos.resolve("acme/tiny-qwen/model.safetensors"));
    long served = bytesServed.get("model.safetensors");
    assertTrue(served < 2_000, "only the header and the 96-byte table were fetched: " + served + " of " + modelSize);
    assertTrue(requests.stream().anyMatch(r -> r.endsWith("model.safetensors bytes=0-7")), requests.toString());
    Path repoDir = dir.resolve("cache/models--acme--tiny-qwen");
    assertEquals(COMMIT, Files.readString(repoDir.resolve("refs/main")));
    Path snap = repoDir.resolve("snapshots").resolve(COMMIT);
    assertTrue(Files.isRegularFile(snap.resolve("config.json")));
    assertTrue(Files.isRegularFile(snap.resolve("tokenizer.json")));
    assertFalse(Files.exists(snap.resolve("model.safetensors")), "the extract never poses as the weights");
    try (SafetensorsFile f = SafetensorsFile.open(snap.resolve("embeddings4j/model.embed_tokens.weight.safetensors"))) {
      assertEquals(1, f.tensors().size());
    }
    assertTrue(progressFiles.contains("model.safetensors") && progressFiles.contains("tokenizer.json"));
    long[] last = progress.get(progress.size() - 1);
    assertEquals(last[1], last[0], "the last report is complete");

    // Second time: from the cache, offline, without a request.
    requests.clear();
    try (TokenEmbeddings e = TokenEmbeddings.fromPretrained("acme/tiny-qwen", options().offline(true).build())) {
      assertEquals(12, e.vectors().rows());
    }
    assertEquals(List.of(), requests);
  }

  @Test
  void shardedModelsFetchOnlyTheShardOfEachTableAndPositionsComeAlong() throws IOException {
    Path repo = repos.resolve("acme/tiny-gpt2");
    Fixtures.tinyModel(repo, "gpt2", 12, 12, Fixtures.map(
        "h.0.mlp.c_fc.weight", Fixtures.raw("F32", Fixtures.values(64, 64, 30))));
    Files.move(repo.resolve("model.safetensors"), repo.resolve("model-00001-of-00002.safetensors"));
    Fixtures.write(repo.resolve("model-00002-of-00002.safetensors"), Fixtures.map(
        "wpe.weight", Fixtures.raw("F16", Fixtures.values(16, 4, 31)),
        "wte.weight", Fixtures.raw("F32", Fixtures.values(12, 4, 32))));
    Files.writeString(repo.resolve("model.safetensors.index.json"), "{\"weight_map\":{"
        + "\"h.0.mlp.c_fc.weight\":\"model-00001-of-00002.safetensors\","
        + "\"wpe.weight\":\"model-00002-of-00002.safetensors\",\"wte.weight\":\"model-00002-of-00002.safetensors\"}}");
    try (TokenEmbeddings e = TokenEmbeddings.fromPretrained("acme/tiny-gpt2", options().build())) {
      assertEquals(ModelFamily.GPT2, e.family().orElseThrow());
      assertTrue(e.hasPositions());
      assertArrayEquals(Fixtures.values(12, 4, 32)[2], e.vector("bank"), 0f);
    }
    assertFalse(requests.stream().anyMatch(r -> r.contains("model-00001")), requests.toString());
  }

  @Test
  void aServerIgnoringRangesStillWorks() throws IOException {
    qwenRepo("acme/no-ranges");
    honourRanges = false;
    try (TokenEmbeddings e = TokenEmbeddings.fromPretrained("acme/no-ranges", options().build())) {
      assertEquals(Fixtures.rounded(Fixtures.values(12, 4, 21)[11][3], "BF16"), e.vector(11)[3], 0f);
    }
  }

  @Test
  void offlineOrUnreachableFailsNamingTheFilesNeeded() throws IOException {
    IOException off = assertThrows(IOException.class, () -> TokenEmbeddings.fromPretrained("acme/absent",
        options().offline(true).build()));
    for (String needed : new String[] {"offline", "config.json", "tokenizer.json", "model.safetensors",
        "models--acme--absent"}) {
      assertTrue(off.getMessage().contains(needed), off.getMessage());
    }
    assertEquals(List.of(), requests);
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    IOException down = assertThrows(IOException.class, () -> TokenEmbeddings.fromPretrained("acme/absent",
        options().endpoint(URI.create("http://127.0.0.1:" + closedPort)).build()));
    assertTrue(down.getMessage().contains("cannot download") && down.getMessage().contains("tokenizer.json"),
        down.getMessage());
    assertThrows(java.io.FileNotFoundException.class, () -> TokenEmbeddings.fromPretrained("acme/absent",
        options().build()));
    assertThrows(IllegalArgumentException.class, () -> TokenEmbeddings.fromPretrained("../etc", options().build()));
  }

  @Test
  void aCacheFilledByHuggingFaceToolsIsUsedOffline() throws IOException {
    qwenRepo("acme/cached");
    Path repoDir = dir.resolve("cache/models--acme--cached");
    Path snap = repoDir.resolve("snapshots").resolve(COMMIT);
    Files.createDirectories(snap);
    for (String f : new String[] {"config.json", "tokenizer.json", "model.safetensors"}) {
      Files.copy(repos.resolve("acme/cached").resolve(f), snap.resolve(f));
    }
    Files.createDirectories(repoDir.resolve("refs"));
    Files.writeString(repoDir.resolve("refs/main"), COMMIT + "\n");
    try (TokenEmbeddings e = TokenEmbeddings.fromPretrained("acme/cached", options().offline(true).build())) {
      assertEquals(12, e.vectors().rows());
    }
    try (TokenEmbeddings e = TokenEmbeddings.fromPretrained("acme/cached", options().offline(true)
        .revision(COMMIT).tensorName("model.norm.weight").build())) {
      assertEquals(1, e.vectors().rows());
    }
    assertEquals(List.of(), requests);
  }

  /**
   * The hub alone, without the facade: it asks the caller's choice which tensors a snapshot needs, downloads only
   * those, and hands back the snapshot folder and the checkpoint holding them; the second lookup is answered from
   * the cache, and an extract made for other tensors is not taken for one that holds them.
   */
  @Test
  void aSnapshotHoldsTheTensorsTheCallerChose() throws IOException {
    qwenRepo("acme/hub-only");
    List<String> asked = Collections.synchronizedList(new ArrayList<>());
    HubCache.TableChoice norm = (config, names, where) -> {
      asked.add(config.getFileName() + " " + names.size() + " " + where);
      return List.of("model.norm.weight");
    };
    HubCache hub = new HubCache(options().build());
    HubCache.Snapshot s = hub.snapshot("acme/hub-only", norm);
    Path snap = dir.resolve("cache/models--acme--hub-only/snapshots").resolve(COMMIT);
    assertEquals(snap, s.folder());
    assertEquals(List.of("config.json 3 " + Path.of("acme/hub-only")), asked);
    assertEquals(List.of("model.norm.weight"), List.copyOf(s.weights().tensorNames()));
    assertArrayEquals(Fixtures.values(1, 4, 22)[0], s.weights().read("model.norm.weight").row(0), 0f);
    int served = requests.size();
    HubCache.Snapshot again = new HubCache(options().offline(true).build()).snapshot("acme/hub-only", norm);
    assertEquals(s.weights().describedBy(), again.weights().describedBy());
    assertEquals(served, requests.size(), "answered from the cache");
    // An extract of model.norm.weight holds no token table: a choice that wants one downloads its own.
    HubCache.TableChoice token = (config, names, where) -> {
      if (!names.contains("model.embed_tokens.weight")) {
        throw new EmbeddingFormatException(where, null, "no token table");
      }
      return List.of("model.embed_tokens.weight");
    };
    HubCache.Snapshot t = hub.snapshot("acme/hub-only", token);
    assertEquals(List.of("model.embed_tokens.weight"), List.copyOf(t.weights().tensorNames()));
    assertTrue(requests.size() > served);
  }
}
