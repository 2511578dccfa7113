package io.github.embeddings4j.llm.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.embeddings4j.internal.util.AtomicFiles;
import io.github.embeddings4j.testutil.ChildClassPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 18: opening a file needs heap in proportion to its size, at most {@code k × size + 32 MB}. Each case
 * writes a hostile file of 17-20 MB (many tiny entries, or long strings) and opens it in a child JVM whose
 * {@code -Xmx} is that bound: the child must open it (exit 0), not run out of memory (exit 3). Before the fix
 * these files needed 6-13 times their size: the GGUF of 1 M entries (19.9 MB) over 128 MB, the GGUF of 2 M
 * strings (18 MB) over 96 MB, the safetensors header of one 19.5 MB string over 96 MB, the {@code tokenizer.json}
 * of 1 M entries (16.8 MB) over 192 MB; after it, 32, 32, 36 and 160 MB.
 *
 * <p>{@code k} is 2 for GGUF and safetensors, and 9 for {@code tokenizer.json}: a vocabulary of short tokens
 * costs about 110 bytes a token in the {@link io.github.embeddings4j.Vocabulary} it becomes (its string and hash
 * map entry) for 17 bytes in the file, which is the floor there.
 */
class HeapRatioTest {
  private static final long BASE = 32L << 20;

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "GGUF_METADATA, 1000000, 2, 4096",
      "GGUF_STRINGS, 2000000, 2, 1",
      "SAFETENSORS_METADATA, 300, 2, 255",
      "SAFETENSORS_LONG_STRING, 19000, 2, 0",
      "TOKENIZER, 1000000, 9, 1000000"})
  void opensInHeapProportionalToTheFile(HeapProbe.Kind kind, int n, int k, String printed) throws Exception {
    Path file = dir.resolve("hostile." + kind.name().toLowerCase(java.util.Locale.ROOT));
    HeapProbe.write(kind, file, n);
    long size = Files.size(file);
    assertTrue(size > 16_000_000 && size < 21_000_000, "file of " + size + " bytes");
    long xmx = k * size + BASE;
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx" + (xmx >> 20) + "m", "-cp",
        ChildClassPath.of(HeapProbe.class, GgufFile.class, AtomicFiles.class, org.slf4j.LoggerFactory.class),
        HeapProbe.class.getName(), kind.name(), file.toString());
    pb.redirectErrorStream(true);
    Path out = dir.resolve("child.out");
    pb.redirectOutput(out.toFile());
    Process child = pb.start();
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child still running");
    String output = Files.readString(out, StandardCharsets.UTF_8);
    assertEquals(0, child.exitValue(), kind + " of " + size + " bytes in -Xmx" + (xmx >> 20) + "m (exit 3 is"
        + " OutOfMemoryError): " + output);
    assertTrue(output.strip().endsWith(printed), output);
  }
}
