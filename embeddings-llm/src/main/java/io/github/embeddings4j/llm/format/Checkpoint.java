package io.github.embeddings4j.llm.format;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.embeddings4j.EmbeddingFormatException;
import io.github.embeddings4j.VectorTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The safetensors weights of a model folder: one {@code model.safetensors}, or a sharded checkpoint described by
 * {@code model.safetensors.index.json} ({@code "weight_map": {tensor: shard file}}), or a single given file.
 * Only the shard holding a tensor is opened to read it.
 */
public final class Checkpoint {
  /** The weights file of an unsharded model folder. */
  public static final String SINGLE = "model.safetensors";
  /** The index of a sharded model folder. */
  public static final String INDEX = "model.safetensors.index.json";

  private final Path describedBy;
  private final Map<String, Path> shardOf;

  private Checkpoint(Path describedBy, Map<String, Path> shardOf) {
    this.describedBy = describedBy;
    this.shardOf = shardOf;
  }

  /**
   * Returns the weights of a folder: its index when there is one, else its {@code model.safetensors}.
   *
   * @param dir a model folder
   * @return the checkpoint
   * @throws java.io.FileNotFoundException if the folder has neither
   * @throws EmbeddingFormatException if the index or the file's header is malformed
   * @throws IOException if a file cannot be read
   */
  public static Checkpoint in(Path dir) throws IOException {
    Path index = dir.resolve(INDEX);
    if (Files.isRegularFile(index)) {
      return ofIndex(index);
    }
    Path single = dir.resolve(SINGLE);
    if (Files.isRegularFile(single)) {
      return ofFile(single);
    }
    throw new java.io.FileNotFoundException(dir + ": neither " + SINGLE + " nor " + INDEX);
  }

  /**
   * Returns the tensors of one safetensors file (only its header is read).
   *
   * @param file a safetensors file
   * @return the checkpoint
   * @throws EmbeddingFormatException if its header is malformed
   * @throws IOException if it cannot be read
   */
  public static Checkpoint ofFile(Path file) throws IOException {
    Map<String, Path> map = new LinkedHashMap<>();
    try (SafetensorsFile f = SafetensorsFile.open(file)) {
      for (SafetensorsFile.Tensor t : f.tensors()) {
        map.put(t.name(), file);
      }
    }
    return new Checkpoint(file, map);
  }

  /**
   * Returns the tensors of a sharded checkpoint, from its index (no shard is opened).
   *
   * @param index a {@code model.safetensors.index.json}
   * @return the checkpoint
   * @throws EmbeddingFormatException if the index is malformed or names a shard outside its folder
   * @throws IOException if it cannot be read
   */
  public static Checkpoint ofIndex(Path index) throws IOException {
    Map<String, Path> map = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : readWeightMap(index, JsonErrors.readTree(index))
        .entrySet()) {
      map.put(e.getKey(), index.resolveSibling(e.getValue()));
    }
    return new Checkpoint(index, map);
  }

  /**
   * Reads and checks the {@code weight_map} of an index's JSON (e.g. downloaded): every shard a plain file name in
   * the index's folder.
   *
   * @param index the index, for messages
   * @param json the index's bytes
   * @return tensor name → shard file name, in the index's order
   * @throws EmbeddingFormatException if the weight map is missing or names a shard outside the folder
   * @throws IOException if the bytes are not JSON
   */
  public static Map<String, String> readWeightMap(Path index, byte[] json) throws IOException {
    return readWeightMap(index, JsonErrors.readTree(index, null, json, 0));
  }

  /** Reads and checks an index's weight_map: every shard a plain file name in the index's folder. */
  static Map<String, String> readWeightMap(Path index, JsonNode root) throws EmbeddingFormatException {
    JsonNode wm = root == null ? null : root.get("weight_map");
    if (wm == null || !wm.isObject()) {
      throw new EmbeddingFormatException(index, "weight_map", "missing or not an object");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = wm.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      String shard = e.getValue().asText("");
      if (!e.getValue().isTextual() || shard.isEmpty() || shard.contains("/") || shard.contains("\\")
          || shard.equals(".") || shard.equals("..")) {
        throw new EmbeddingFormatException(index, "weight_map." + e.getKey(), "shard \"" + shard
            + "\" is not a file name in the index's folder");
      }
      out.put(e.getKey(), shard);
    }
    return out;
  }

  /**
   * Returns every tensor name, in file or index order.
   *
   * @return the names
   */
  public Set<String> tensorNames() {
    return shardOf.keySet();
  }

  /**
   * Returns the file that lists the tensors (the index, or the single file), as messages name it.
   *
   * @return the file
   */
  public Path describedBy() {
    return describedBy;
  }

  /**
   * Returns the file holding a tensor.
   *
   * @param name a tensor name
   * @return its shard, or {@code null} when the checkpoint has no such tensor
   */
  public Path shard(String name) {
    return shardOf.get(name);
  }

  /**
   * Reads a tensor as a table, opening only its shard (see {@link SafetensorsFile#readTable(String)}).
   *
   * @param name a tensor name
   * @return the table
   * @throws EmbeddingFormatException if the tensor is missing, not a table, or malformed
   * @throws IOException if the shard cannot be read
   */
  public VectorTable read(String name) throws IOException {
    Path shard = shardOf.get(name);
    if (shard == null) {
      throw new EmbeddingFormatException(describedBy, "tensor " + name, "not in the checkpoint (it has "
          + SafetensorsFile.describeNames(shardOf.keySet()) + ")");
    }
    try (SafetensorsFile f = SafetensorsFile.open(shard)) {
      return f.readTable(name);
    }
  }
}
