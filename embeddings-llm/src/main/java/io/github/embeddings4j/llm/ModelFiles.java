package io.github.embeddings4j.llm;

import io.github.embeddings4j.EmbeddingFormatException;
import io.github.embeddings4j.VectorTable;
import io.github.embeddings4j.internal.util.AtomicFiles;
import io.github.embeddings4j.llm.format.Checkpoint;
import io.github.embeddings4j.llm.format.GgufFile;
import io.github.embeddings4j.llm.format.OnnxInitializers;
import io.github.embeddings4j.llm.format.SafetensorsFile;
import io.github.embeddings4j.llm.hub.HubCache;
import io.github.embeddings4j.llm.hub.HubOptions;
import io.github.embeddings4j.llm.tokenizer.HfTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a {@link TokenEmbeddings} comes from files and goes back to them: a model folder (its {@code config.json}
 * and {@link ModelFamily} choose the tables, {@link Checkpoint} reads them), an ONNX or GGUF file, a snapshot the
 * {@link HubCache} resolved, and the extracted folder {@link TokenEmbeddings#save(Path)} writes (through {@link
 * SafetensorsFile#write} and {@link ModelConfig#write}).
 */
final class ModelFiles {
  private static final Logger LOG = LoggerFactory.getLogger(TokenEmbeddings.class);
  /** The name prefix of the temporary folders of models opened from URLs or streams. */
  static final String TEMP_PREFIX = "embeddings4j-onnx-";
  /** Every family's token-table names, family by family: what the ONNX reader tries first, by exact name. */
  private static final List<String> KNOWN_TOKEN_TABLES = Arrays.stream(ModelFamily.values())
      .flatMap(f -> f.tokenTableNames().stream()).toList();

  /** The table file of an extracted folder. */
  static final String TABLES_FILE = Checkpoint.SINGLE;

  private ModelFiles() {}

  /**
   * Reads a position or token-type table, which must have the token table's dimension (found by fuzzing: a
   * mismatch escaped from {@link TokenEmbeddingsBuilder#build()} as an {@link IllegalArgumentException}) and at
   * least one row.
   */
  private static VectorTable sameDimension(Checkpoint weights, String name, VectorTable token) throws IOException {
    return AuxiliaryTables.check(weights.describedBy(), name, weights.read(name), token);
  }

  /** Opens a folder's config and tokenizer with the given weights. */
  static TokenEmbeddings open(Path modelDir, Checkpoint weights, String tensorName) throws IOException {
    long t0 = System.nanoTime();
    ModelConfig config = ModelConfig.read(modelDir.resolve("config.json"));
    Path tokenizerJson = modelDir.resolve("tokenizer.json");
    if (!Files.isRegularFile(tokenizerJson)) {
      throw new java.io.FileNotFoundException(tokenizerJson + " (the model's Hugging Face tokenizer)");
    }
    TableNames names = TableNames.choose(config, weights.tensorNames(), tensorName, weights.describedBy());
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
    TokenEmbeddingsBuilder b;
    try {
      VectorTable token = weights.read(names.token);
      b = TokenEmbeddings.builder(token).tokenTableName(names.token);
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
    LOG.info("{}: {} {} in {} ms", modelDir, names.token, e.vectors(), (System.nanoTime() - t0) / 1_000_000);
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
  static final class TableNames {
    final ModelFamily family;
    final String token;
    final String position;
    final String tokenType;

    private TableNames(ModelFamily family, String token, String position, String tokenType) {
      this.family = family;
      this.token = token;
      this.position = position;
      this.tokenType = tokenType;
    }

    static TableNames choose(ModelConfig config, java.util.Collection<String> names, String tensorName, Path where)
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
      return new TableNames(family, token, pos, type);
    }

    /** Every tensor to read. */
    List<String> all() {
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
   * {@link TokenEmbeddings#openOnnx(URL, URL)}, the temporary folder made in {@code tempParent} (null: the
   * system's).
   */
  static TokenEmbeddings openOnnx(URL model, URL tokenizerJson, Path tempParent) throws IOException {
    Objects.requireNonNull(model, "model URL (a class-path resource that was not found?)");
    Objects.requireNonNull(tokenizerJson, "tokenizerJson URL (a class-path resource that was not found?)");
    try (InputStream m = model.openStream(); InputStream t = tokenizerJson.openStream()) {
      return openOnnx(m, t, model.toString(), tempParent);
    }
  }

  /**
   * {@link TokenEmbeddings#openOnnx(InputStream, InputStream)}: copies both into a new private folder (each to a
   * temporary name, then renamed atomically), opens them, deletes the model's copy once read and hands the folder
   * to the embedding; on any failure the folder is deleted before the exception leaves.
   */
  static TokenEmbeddings openOnnx(InputStream model, InputStream tokenizerJson, String source, Path tempParent)
      throws IOException {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(tokenizerJson, "tokenizerJson");
    // createTempDirectory makes the folder rwx------ on POSIX file systems.
    Path dir = tempParent == null ? Files.createTempDirectory(TEMP_PREFIX)
        : Files.createTempDirectory(tempParent, TEMP_PREFIX);
    try {
      Path onnx = copy(model, dir.resolve("model.onnx"));
      Path tokenizer = copy(tokenizerJson, dir.resolve("tokenizer.json"));
      TokenEmbeddings e;
      try {
        e = openOnnx(onnx, tokenizer, dir);
      } catch (EmbeddingFormatException ex) {
        throw fromCopy(ex, source);
      }
      try {
        // The tables are heap copies: the 90 MB (or more) of the model need not wait for close().
        Files.delete(onnx);
      } catch (IOException ex) {
        LOG.debug("{} stays until close: {}", onnx, ex.toString());
      }
      return e;
    } catch (IOException | RuntimeException | Error ex) {
      try {
        deleteTree(dir);
      } catch (IOException suppressed) {
        ex.addSuppressed(suppressed);
      }
      throw ex;
    }
  }

  /** The same error, saying which source the deleted temporary copy was made from. */
  private static EmbeddingFormatException fromCopy(EmbeddingFormatException ex, String source) {
    String prefix = (ex.file() == null ? "<stream>" : ex.file().toString())
        + (ex.location() == null ? "" : ", " + ex.location()) + ": ";
    String message = ex.getMessage();
    String problem = message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    return new EmbeddingFormatException(ex.file(), ex.location(), problem + " (in a temporary copy of " + source
        + ")", ex);
  }

  private static Path copy(InputStream in, Path target) throws IOException {
    Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
    Files.copy(in, temp);
    return Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Deletes a folder and what it holds (symbolic links deleted, never followed). */
  static void deleteTree(Path dir) throws IOException {
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(dir)) {
      paths = walk.sorted(Comparator.reverseOrder()).toList();
    } catch (NoSuchFileException e) {
      return;
    }
    for (Path p : paths) {
      Files.deleteIfExists(p);
    }
  }

  /** {@link TokenEmbeddings#openOnnx(Path, Path)}; {@code ownedFolder} (or null) is deleted by close(). */
  static TokenEmbeddings openOnnx(Path onnxFile, Path tokenizerJson, Path ownedFolder) throws IOException {
    long t0 = System.nanoTime();
    HfTokenizer tokenizer = HfTokenizer.open(tokenizerJson);
    try (OnnxInitializers onnx = OnnxInitializers.open(onnxFile)) {
      String token = onnx.wordEmbeddings(tokenizer.vocabulary().size(), KNOWN_TOKEN_TABLES).name();
      List<String> names = new ArrayList<>();
      for (OnnxInitializers.Initializer i : onnx.initializers()) {
        names.add(i.name());
      }
      VectorTable tokenTable = onnx.readTable(token);
      TokenEmbeddingsBuilder b = TokenEmbeddings.builder(tokenTable).tokenTableName(token);
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
      b.ownedFolder = ownedFolder;
      TokenEmbeddings e = b.tokenizer(tokenizer).build();
      LOG.info("{}: {} {} in {} ms", onnxFile, token, e.vectors(), (System.nanoTime() - t0) / 1_000_000);
      return e;
    } catch (IOException | RuntimeException e) {
      tokenizer.close();
      throw e;
    }
  }

  /** {@link TokenEmbeddings#openGguf}. */
  static TokenEmbeddings openGguf(Path ggufFile, Path tokenizerJson) throws IOException {
    long t0 = System.nanoTime();
    HfTokenizer tokenizer = HfTokenizer.open(tokenizerJson);
    try (GgufFile gguf = GgufFile.open(ggufFile)) {
      TokenEmbeddings e = TokenEmbeddings.builder(gguf.readTable(GgufFile.TOKEN_EMBEDDING))
          .tokenTableName(GgufFile.TOKEN_EMBEDDING).tokenizer(tokenizer).build();
      LOG.info("{}: {} {} in {} ms", ggufFile, GgufFile.TOKEN_EMBEDDING, e.vectors(),
          (System.nanoTime() - t0) / 1_000_000);
      return e;
    } catch (IOException | RuntimeException e) {
      tokenizer.close();
      throw e;
    }
  }

  /** {@link TokenEmbeddings#fromPretrained(String, HubOptions)}: the hub resolves a snapshot, this opens it. */
  static TokenEmbeddings fromPretrained(String repoId, HubOptions options) throws IOException {
    String tensor = options.tensorName().orElse(null);
    HubCache.Snapshot s = new HubCache(options).snapshot(repoId,
        (config, names, where) -> TableNames.choose(ModelConfig.read(config), names, tensor, where).all());
    return open(s.folder(), s.weights(), tensor);
  }

  /** {@link TokenEmbeddings#save(Path)} of an open embedding with a tokenizer. */
  static void save(TokenEmbeddings e, HfTokenizer tokenizer, Path dir) throws IOException {
    Files.createDirectories(dir);
    VectorTable table = e.vectors();
    ModelFamily family = e.family().orElse(null);
    String token = e.tokenTableName().orElse(family != null ? family.tokenTableNames().get(0)
        : "token_embeddings.weight");
    Map<String, VectorTable> tables = new LinkedHashMap<>();
    tables.put(token, table);
    PositionTables p = e.positionTables();
    String pos = p.positions() == null ? null : p.positionName().orElse("position_embeddings.weight");
    String type = p.tokenTypes() == null ? null : p.tokenTypeName().orElse("token_type_embeddings.weight");
    if (pos != null) {
      tables.put(pos, p.positions());
    }
    if (type != null) {
      tables.put(type, p.tokenTypes());
    }
    ModelConfig config = new ModelConfig(e.modelType(), OptionalInt.of(table.rows()),
        OptionalInt.of(table.dimension()), Optional.of(token), Optional.ofNullable(pos), Optional.ofNullable(type));
    byte[] tokenizerBytes = Files.readAllBytes(tokenizer.file());
    SafetensorsFile.write(dir.resolve(TABLES_FILE), tables, Map.of("format", "pt", "source", "embeddings4j"));
    AtomicFiles.write(dir.resolve("tokenizer.json"), out -> out.write(tokenizerBytes));
    config.write(dir.resolve("config.json"));
  }
}
