package io.github.embeddings4j.llm.format;

import io.github.embeddings4j.internal.util.Half;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;

/** Test files written independently of the code under test: raw safetensors, tiny tokenizers, model folders. */
public final class Fixtures {
  private Fixtures() {}

  /** A tensor to write: dtype name, shape and raw little-endian bytes. */
  public record Raw(String dtype, long[] shape, byte[] data) {}

  /** Writes a safetensors file by hand: 8-byte length, the given header text, the data. */
  public static void writeRaw(Path file, String header, byte[] data) throws IOException {
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(h.length).put(h).put(data);
    Files.write(file, b.array());
  }

  /** Writes tensors contiguously in map order with a hand-made JSON header. */
  public static void write(Path file, Map<String, Raw> tensors) throws IOException {
    StringBuilder h = new StringBuilder("{\"__metadata__\":{\"format\":\"pt\"}");
    long off = 0;
    java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
    for (Map.Entry<String, Raw> e : tensors.entrySet()) {
      Raw r = e.getValue();
      StringBuilder shape = new StringBuilder();
      for (long d : r.shape()) {
        shape.append(shape.length() == 0 ? "" : ",").append(d);
      }
      h.append(",\"").append(e.getKey()).append("\":{\"dtype\":\"").append(r.dtype()).append("\",\"shape\":[")
          .append(shape).append("],\"data_offsets\":[").append(off).append(',').append(off + r.data().length)
          .append("]}");
      off += r.data().length;
      data.write(r.data());
    }
    h.append('}');
    while (h.length() % 8 != 0) {
      h.append(' ');
    }
    writeRaw(file, h.toString(), data.toByteArray());
  }

  /** Deterministic values in [-1, 1), never exactly representable trouble (finite). */
  public static float[][] values(int rows, int dim, long seed) {
    Random r = new Random(seed);
    float[][] v = new float[rows][dim];
    for (float[] row : v) {
      for (int i = 0; i < dim; i++) {
        row[i] = r.nextFloat() * 2 - 1;
      }
    }
    return v;
  }

  /** Encodes values in a dtype (F32, F16, BF16) as little-endian bytes. */
  public static byte[] encode(float[][] v, String dtype) {
    int bytes = dtype.equals("F32") ? 4 : 2;
    int n = v.length == 0 ? 0 : v.length * v[0].length;
    ByteBuffer b = ByteBuffer.allocate(n * bytes).order(ByteOrder.LITTLE_ENDIAN);
    for (float[] row : v) {
      for (float x : row) {
        switch (dtype) {
          case "F32":
            b.putFloat(x);
            break;
          case "F16":
            b.putShort(Half.floatToF16(x));
            break;
          case "BF16":
            b.putShort(Half.floatToBf16(x));
            break;
          default:
            throw new IllegalArgumentException(dtype);
        }
      }
    }
    return b.array();
  }

  /** The value a dtype stores for x. */
  public static float rounded(float x, String dtype) {
    switch (dtype) {
      case "F16":
        return Half.f16ToFloat(Half.floatToF16(x));
      case "BF16":
        return Half.bf16ToFloat(Half.floatToBf16(x));
      default:
        return x;
    }
  }

  public static Raw raw(String dtype, float[][] v) {
    return new Raw(dtype, new long[] {v.length, v[0].length}, encode(v, dtype));
  }

  /** The words of the tiny word-level tokenizer, ids in order. */
  public static List<String> tinyWords(int n) {
    List<String> words = new ArrayList<>();
    words.add("[UNK]");
    String[] base = {"the", "bank", "is", "near", "river", "king", "queen", "html", "coders", "are", "not",
        "considered", "programmers", "list", "lists"};
    for (int i = 0; words.size() < n; i++) {
      words.add(i < base.length ? base[i] : "w" + i);
    }
    return words;
  }

  /** A word-level tokenizer.json (whitespace pre-tokenizer) of n tokens: [UNK], the, bank, ... */
  public static String tinyTokenizer(int n) {
    StringBuilder vocab = new StringBuilder();
    List<String> words = tinyWords(n);
    for (int i = 0; i < words.size(); i++) {
      vocab.append(i == 0 ? "" : ",").append('"').append(words.get(i)).append("\":").append(i);
    }
    return "{\"version\":\"1.0\",\"truncation\":null,\"padding\":null,\"added_tokens\":[{\"id\":0,\"content\":"
        + "\"[UNK]\",\"single_word\":false,\"lstrip\":false,\"rstrip\":false,\"normalized\":false,\"special\":true}],"
        + "\"normalizer\":null,\"pre_tokenizer\":{\"type\":\"Whitespace\"},\"post_processor\":null,\"decoder\":null,"
        + "\"model\":{\"type\":\"WordLevel\",\"vocab\":{" + vocab + "},\"unk_token\":\"[UNK]\"}}";
  }

  /** Writes config.json, a tiny tokenizer.json and model.safetensors into dir. */
  public static void tinyModel(Path dir, String modelType, int vocabSize, int tokens, Map<String, Raw> tensors)
      throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("config.json"), "{\"model_type\":\"" + modelType + "\",\"vocab_size\":"
        + vocabSize + "}");
    Files.writeString(dir.resolve("tokenizer.json"), tinyTokenizer(tokens));
    write(dir.resolve("model.safetensors"), tensors);
  }

  public static Map<String, Raw> map(Object... nameRaw) {
    Map<String, Raw> m = new LinkedHashMap<>();
    for (int i = 0; i < nameRaw.length; i += 2) {
      m.put((String) nameRaw[i], (Raw) nameRaw[i + 1]);
    }
    return m;
  }

  /** Unzips the shared Qwen3 tokenizer (the Qwen2 / DeepSeek-R1-Distill-Qwen BPE) into dir. */
  public static Path qwenTokenizer(Path gz, Path dir) throws IOException {
    Path out = dir.resolve("tokenizer.json");
    try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
      Files.copy(in, out);
    }
    return out;
  }
}
