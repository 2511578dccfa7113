package io.github.embeddings4j.bench;

import io.github.embeddings4j.Neighbor;
import io.github.embeddings4j.internal.util.Half;
import io.github.embeddings4j.llm.TokenEmbeddings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
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
 * A DeepSeek-R1-Distill-Qwen-1.5B-shaped model folder: a 3.5 GB {@code model.safetensors} whose
 * {@code model.embed_tokens.weight} is 151,936 × 1,536 bfloat16 (466.8 MB of random values), followed by a 3.08 GB
 * dummy tensor standing for the transformer layers (left sparse: never read), the Qwen2 BPE {@code
 * tokenizer.json} and a {@code config.json}. Measures opening it as {@link TokenEmbeddings} and answering a first
 * nearest-token query (single shot, page cache warm), and a nearest-token query on the open table.
 *
 * <p>The folder is written to a temporary folder under /tmp and deleted afterwards, unless {@code -p dir=PATH}
 * names a folder written by {@link #main(String[])} (so a reference script can read the same file).
 *
 * <pre>{@code
 * java -jar embeddings-bench/target/benchmarks.jar LlmTableBenchmark -f 1
 * }</pre>
 */
@Fork(value = 1, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector", "-Xmx4g"})
public class LlmTableBenchmark {
  static final int ROWS = 151_936;
  static final int DIM = 1_536;
  /** 3.5 GB in all: the dummy tensor's rows fill the rest. */
  static final long FILE_BYTES = 3_554_176_000L;
  static final String TOKENIZER = "/work/shared/data/tokenizers/qwen3/tokenizer.json.gz";

  /** The model folder. */
  @State(Scope.Benchmark)
  public static class Model {
    /** An existing folder written by {@link LlmTableBenchmark#main}, or empty for a temporary one. */
    @Param("")
    public String dir;

    Path folder;
    boolean owned;
    TokenEmbeddings open;
    float[] query;

    /** Writes the folder (unless given) and opens it once for the query benchmark. */
    @Setup(Level.Trial)
    public void setup() throws IOException {
      owned = dir.isEmpty();
      folder = owned ? Files.createTempDirectory(Path.of("/tmp"), "llm-bench-") : Path.of(dir);
      if (owned) {
        write(folder);
      }
      open = TokenEmbeddings.open(folder);
      query = open.vector(open.vocabulary().id("Ġking"));
    }

    /** Closes and deletes what setup made. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
      open.close();
      if (owned) {
        try (Stream<Path> s = Files.walk(folder)) {
          for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
            Files.delete(p);
          }
        }
      }
    }
  }

  /**
   * Opens the folder (header, tokenizer vocabulary, the 467 MB table) and asks for the 10 nearest tokens of
   * {@code Ġking}: the tokenizer's native code is not needed for that and is not loaded.
   */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 1)
  @Measurement(iterations = 5)
  public List<Neighbor> openAndFirstQuery(Model m) throws IOException {
    try (TokenEmbeddings e = TokenEmbeddings.open(m.folder)) {
      return e.nearest("Ġking", 10);
    }
  }

  /** Ten nearest tokens of a vector (cosine over the 151,665 searchable bfloat16 rows, one thread). */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 2, time = 2)
  @Measurement(iterations = 3, time = 3)
  public List<Neighbor> nearestToken(Model m) {
    return m.open.nearest(m.query, 10);
  }

  /** Writes the model folder: {@code java -cp benchmarks.jar io.github.embeddings4j.bench.LlmTableBenchmark DIR}. */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir);
    write(dir);
    System.out.println("wrote " + dir + ": model.safetensors " + Files.size(dir.resolve("model.safetensors"))
        + " bytes");
  }

  static void write(Path dir) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(Path.of(TOKENIZER)))) {
      Files.copy(in, dir.resolve("tokenizer.json"));
    }
    Files.writeString(dir.resolve("config.json"), "{\"architectures\":[\"Qwen2ForCausalLM\"],\"model_type\":\"qwen2\","
        + "\"hidden_size\":1536,\"vocab_size\":151936,\"torch_dtype\":\"bfloat16\"}");
    long table = (long) ROWS * DIM * 2;
    long rowBytes = DIM * 2L;
    String header0 = header(table, 0);
    long dummyRows = (FILE_BYTES - 8 - header0.length() - 8 - table) / rowBytes;
    String header = header(table, dummyRows);
    byte[] h = header.getBytes(StandardCharsets.US_ASCII);
    try (FileChannel ch = FileChannel.open(dir.resolve("model.safetensors"), StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, h.length), 0);
      ch.write(ByteBuffer.wrap(h), 8);
      SplittableRandom rnd = new SplittableRandom(42);
      ByteBuffer buf = ByteBuffer.allocate(1024 * DIM * 2).order(ByteOrder.LITTLE_ENDIAN);
      long pos = 8 + h.length;
      for (int r = 0; r < ROWS; r += 1024) {
        buf.clear();
        int n = Math.min(1024, ROWS - r);
        for (int i = 0; i < n * DIM; i++) {
          buf.putShort(Half.floatToBf16((float) (rnd.nextGaussian() * 0.02)));
        }
        buf.flip();
        while (buf.hasRemaining()) {
          pos += ch.write(buf, pos);
        }
      }
      // The dummy layers stay a hole: only the last byte is written, to give the file its size.
      long end = pos + dummyRows * rowBytes;
      ch.write(ByteBuffer.wrap(new byte[1]), end - 1);
    }
  }

  private static String header(long table, long dummyRows) {
    StringBuilder s = new StringBuilder("{\"__metadata__\":{\"format\":\"pt\"},\"model.embed_tokens.weight\":"
        + "{\"dtype\":\"BF16\",\"shape\":[" + ROWS + "," + DIM + "],\"data_offsets\":[0," + table + "]},"
        + "\"model.layers.dummy.weight\":{\"dtype\":\"BF16\",\"shape\":[" + dummyRows + "," + DIM
        + "],\"data_offsets\":[" + table + "," + (table + dummyRows * DIM * 2) + "]}}");
    while (s.length() % 8 != 0) {
      s.append(' ');
    }
    return s.toString();
  }
}
