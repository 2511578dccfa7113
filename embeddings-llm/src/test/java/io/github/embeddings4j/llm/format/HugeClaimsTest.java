package io.github.embeddings4j.llm.format;

import static io.github.embeddings4j.llm.format.OnnxTestWriter.externalTensor;
import static io.github.embeddings4j.llm.format.OnnxTestWriter.graph;
import static io.github.embeddings4j.llm.format.OnnxTestWriter.message;
import static io.github.embeddings4j.llm.format.OnnxTestWriter.model;
import static io.github.embeddings4j.llm.format.OnnxTestWriter.tensor;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.embeddings4j.EmbeddingFormatException;
import io.github.embeddings4j.llm.format.GgufTestWriter.Out;
import io.github.embeddings4j.llm.tokenizer.HfTokenizer;
import io.github.embeddings4j.testutil.Allocations;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every model-file reader, fed a tiny file whose header claims an enormous table (2·10^9 rows × 10^6 dimensions,
 * 2^62-byte lengths and counts), fails with an {@link EmbeddingFormatException} naming the field, and the reading
 * thread allocates little meanwhile: each claim is checked against the file's size before it sizes anything.
 */
class HugeClaimsTest {
  /**
   * The most a rejected file may cost the reading thread. Allocating for any of the claims would take gigabytes;
   * the measured cost is 10-200 KB per file (buffers, the exception), up to 2 MB for the first file of a kind,
   * which also loads classes (Jackson, protobuf) on this thread.
   */
  static final long MAX_BYTES = 4L << 20;

  private static final String EXTERNAL = "weights.bin";
  private static final List<String> MEASURED = new ArrayList<>();

  @TempDir
  Path dir;

  /** Reads a valid file of each kind, so that loading the readers' classes is not counted against a case. */
  @BeforeAll
  static void warmUp(@TempDir Path warm) throws IOException {
    Fixtures.write(warm.resolve("w.safetensors"), Fixtures.map("w", Fixtures.raw("F32", Fixtures.values(2, 3, 1))));
    SAFETENSORS.readAll(warm.resolve("w.safetensors"));
    ONNX.readAll(Files.write(warm.resolve("w.onnx"), model(graph(tensor("t", 1, new long[] {1, 2}, new byte[8],
        true)))));
    GGUF.readAll(Files.write(warm.resolve("w.gguf"), new GgufTestWriter().kvStrings(GgufFile.TOKENS_KEY,
        List.of("a", "b")).tensor("t", GgufFile.TYPE_F32, new long[] {2, 2}, new byte[16]).build()));
    TOKENIZER.readAll(Files.writeString(warm.resolve("tokenizer.json"), Fixtures.tinyTokenizer(4)));
  }

  @AfterAll
  static void report() {
    System.out.println("HugeClaimsTest (llm): bytes allocated per rejected file: " + MEASURED);
  }

  /** Opens a file and reads every table it has; it must fail naming the file and each fragment, cheaply. */
  private void rejected(String name, byte[] content, Reader reader, String... fragments) throws IOException {
    Path file = Files.write(dir.resolve(name), content);
    EmbeddingFormatException[] thrown = new EmbeddingFormatException[1];
    long bytes = Allocations.during(
        () -> thrown[0] = assertThrows(EmbeddingFormatException.class, () -> reader.readAll(file)));
    String message = thrown[0].getMessage();
    // A tensor stored outside an ONNX file is named with the file that holds it.
    assertTrue(message.contains(file.toString()) || message.contains(dir.resolve(EXTERNAL).toString()), message);
    for (String f : fragments) {
      assertTrue(message.contains(f), "expected \"" + f + "\" in: " + message);
    }
    MEASURED.add(name + "=" + bytes);
    assertTrue(bytes < MAX_BYTES, () -> bytes + " bytes allocated to reject " + message);
  }

  /** Reads a whole file of one format. */
  interface Reader {
    void readAll(Path file) throws IOException;
  }

  private static final Reader SAFETENSORS = file -> {
    try (SafetensorsFile st = SafetensorsFile.open(file)) {
      for (SafetensorsFile.Tensor t : st.tensors()) {
        st.readTable(t.name());
      }
    }
  };

  private static final Reader ONNX = file -> {
    try (OnnxInitializers onnx = OnnxInitializers.open(file)) {
      for (OnnxInitializers.Initializer i : onnx.initializers()) {
        onnx.readTable(i.name());
      }
    }
  };

  private static final Reader GGUF = file -> {
    try (GgufFile g = GgufFile.open(file)) {
      for (GgufFile.GgufTensor t : g.tensors()) {
        g.readTable(t.name());
      }
      g.tokens();
    }
  };

  private static final Reader TOKENIZER = file -> HfTokenizer.open(file).close();

  private static byte[] safetensors(String header, int dataBytes) {
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).put(h)
        .array();
  }

  @Test
  void safetensors() throws IOException {
    byte[] lengthOnly = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 62).array();
    rejected("len.safetensors", lengthOnly, SAFETENSORS, "header length 4611686018427387904", "16 bytes");
    lengthOnly = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(-1L).array();
    rejected("neg.safetensors", lengthOnly, SAFETENSORS, "header length 18446744073709551615");
    rejected("rows.safetensors", safetensors("{\"w\":{\"dtype\":\"F32\",\"shape\":[2000000000,1000000],"
        + "\"data_offsets\":[0,8000000000000000]}}", 16), SAFETENSORS, "tensor w");
    rejected("shape.safetensors", safetensors("{\"w\":{\"dtype\":\"F32\",\"shape\":[2000000000,1000000],"
        + "\"data_offsets\":[0,16]}}", 16), SAFETENSORS, "tensor w");
    rejected("overflow.safetensors", safetensors("{\"w\":{\"dtype\":\"F32\",\"shape\":[4611686018427387904,"
        + "4611686018427387904],\"data_offsets\":[0,16]}}", 16), SAFETENSORS, "tensor w");
    rejected("offsets.safetensors", safetensors("{\"w\":{\"dtype\":\"F32\",\"shape\":[1,4],"
        + "\"data_offsets\":[4611686018427387904,4611686018427387920]}}", 16), SAFETENSORS, "tensor w");
  }

  @Test
  void onnx() throws IOException {
    byte[] eight = new byte[8];
    rejected("rows.onnx", model(graph(tensor("t", 1, new long[] {2_000_000_000, 1_000_000}, eight, true))), ONNX,
        "tensor \"t\"");
    rejected("overflow.onnx", model(graph(tensor("t", 1, new long[] {1L << 40, 1L << 40}, eight, true))), ONNX,
        "tensor \"t\"", "overflows");
    // A graph and a raw_data field whose lengths claim 2^62 bytes, in files of a few bytes.
    Out graphClaim = new Out().u8(0x3A);
    varint(graphClaim, 1L << 62);
    rejected("graph.onnx", graphClaim.toByteArray(), ONNX, "ModelProto");
    Out rawClaim = new Out().u8(0x4A);
    varint(rawClaim, 1L << 62);
    byte[] tensorHead = message(o -> {
      o.writeString(8, "t");
      o.writeInt64(1, 2_000_000_000);
      o.writeInt32(2, 1);
    });
    byte[] claimedTensor = new Out().bytes(tensorHead).bytes(rawClaim.toByteArray()).toByteArray();
    Out initializer = new Out().u8(0x2A);
    varint(initializer, claimedTensor.length);
    Out graphField = new Out().u8(0x3A);
    varint(graphField, claimedTensor.length + initializer.size());
    rejected("raw.onnx", new Out().bytes(graphField.toByteArray()).bytes(initializer.toByteArray())
        .bytes(claimedTensor).toByteArray(), ONNX, "tensor \"t\"", "field 9 length 4611686018427387904");
    Files.write(dir.resolve(EXTERNAL), new byte[16]);
    rejected("external.onnx", model(graph(externalTensor("e", 1, new long[] {2_000_000_000, 1_000_000},
        EXTERNAL, 0, 8_000_000_000_000_000L))), ONNX, "tensor \"e\"");
    rejected("external-offset.onnx", model(graph(externalTensor("e", 1, new long[] {1, 4}, EXTERNAL,
        1L << 62, 16))), ONNX, "tensor \"e\"");
  }

  private static void varint(Out out, long v) {
    while ((v & ~0x7FL) != 0) {
      out.u8((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.u8((int) v);
  }

  private static byte[] ggufHeader(long tensors, long kvs) {
    return new Out().u32(GgufFile.MAGIC).u32(3).u64(tensors).u64(kvs).toByteArray();
  }

  @Test
  void gguf() throws IOException {
    rejected("tensors.gguf", ggufHeader(1L << 60, 0), GGUF, "tensor count");
    rejected("kvs.gguf", ggufHeader(0, 1L << 60), GGUF, "metadata count");
    rejected("key.gguf", new Out().bytes(ggufHeader(0, 1)).u64(1L << 62).bytes(new byte[16]).toByteArray(), GGUF,
        "metadata key #0", "length");
    rejected("string.gguf", new Out().bytes(ggufHeader(0, 1)).string("k").u32(8).u64(1L << 62).toByteArray(), GGUF,
        "metadata \"k\"");
    rejected("array.gguf", new Out().bytes(ggufHeader(0, 1)).string("k").u32(9).u32(6).u64(1L << 62)
        .toByteArray(), GGUF, "metadata \"k\"", "count");
    rejected("strings.gguf", new Out().bytes(ggufHeader(0, 1)).string(GgufFile.TOKENS_KEY).u32(9).u32(8)
        .u64(2_000_000_000).u64(1).u8('a').toByteArray(), GGUF, GgufFile.TOKENS_KEY, "count");
    rejected("dims.gguf", new Out().bytes(ggufHeader(1, 0)).string("t").u32(2).u64(1_000_000).u64(2_000_000_000)
        .u32(GgufFile.TYPE_F32).u64(0).bytes(new byte[64]).toByteArray(), GGUF, "tensor \"t\"");
    rejected("rank.gguf", new Out().bytes(ggufHeader(1, 0)).string("t").u32(Integer.MAX_VALUE).u64(4)
        .bytes(new byte[64]).toByteArray(), GGUF, "tensor \"t\"", "rank");
  }

  @Test
  void tokenizerJson() throws IOException {
    rejected("tokenizer.json", ("{\"model\":{\"type\":\"WordLevel\",\"vocab\":{\"a\":0,\"b\":2000000000}}}")
        .getBytes(StandardCharsets.UTF_8), TOKENIZER, "id 2000000000", "2 tokens");
    rejected("added.json", ("{\"added_tokens\":[{\"id\":2147483647,\"content\":\"x\"}],\"model\":{\"vocab\":"
        + "{\"a\":0}}}").getBytes(StandardCharsets.UTF_8), TOKENIZER, "id 2147483647");
  }
}
