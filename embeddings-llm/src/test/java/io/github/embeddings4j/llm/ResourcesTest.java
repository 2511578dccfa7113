package io.github.embeddings4j.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.embeddings4j.DType;
import io.github.embeddings4j.Similarity;
import io.github.embeddings4j.Tokenizer;
import io.github.embeddings4j.VectorTable;
import io.github.embeddings4j.llm.format.Fixtures;
import io.github.embeddings4j.llm.format.GgufFile;
import io.github.embeddings4j.llm.format.GgufTestWriter;
import io.github.embeddings4j.llm.format.OnnxInitializers;
import io.github.embeddings4j.llm.format.OnnxTestWriter;
import io.github.embeddings4j.llm.format.SafetensorsFile;
import io.github.embeddings4j.llm.format.TestTables;
import io.github.embeddings4j.llm.tokenizer.HfTokenizer;
import io.github.embeddings4j.testutil.ProcessResources;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every type that holds a file, a mapping or a native handle is {@link AutoCloseable}; {@code close()} is
 * idempotent; after it, every public method that would touch the file or the native tokenizer throws {@link
 * IllegalStateException}, while the few that answer from what was parsed at open (names, shapes, metadata)
 * keep answering. Opening and closing models 1,000 times leaves no file descriptor, mapping, direct buffer,
 * thread or native memory behind.
 */
class ResourcesTest {
  /** Methods that answer from memory after close, per type; every other public method must throw. */
  private static final Map<Class<?>, Set<String>> KEEP_ANSWERING = Map.of(
      SafetensorsFile.class, Set.of("file", "tensors", "tensor", "metadata", "dataStart"),
      GgufFile.class, Set.of("version", "metadata", "metadataType", "tensors", "tensor", "alignment", "dataOffset",
          "tokens", "tokenTypes"),
      OnnxInitializers.class, Set.of("initializers", "initializer", "wordEmbeddings"),
      HfTokenizer.class, Set.of("file", "vocabulary", "isToken", "readable"),
      TokenEmbeddings.class, Set.of("searchableRows", "isCandidate", "readable", "hasPositions", "family",
          "tokenTableName"));
  private static final Set<String> LIFECYCLE = Set.of("close", "isClosed", "toString", "hashCode", "equals",
      "getClass", "notify", "notifyAll", "wait");

  private static final int TOKENS = 3000;
  private static final int WARM_UP = 50;
  private static final int CYCLES = 1000;
  /** Counts may differ by a couple (a JIT compiler thread, a descriptor of the class loader) without a leak. */
  private static final int SLACK = 2;
  /**
   * Resident memory outside the heap may move by a few MB (JIT code, metaspace, malloc arenas); a leaked native
   * tokenizer per cycle would add tens of MB over 1,000 cycles (measured with close() removed: see the docs).
   */
  private static final long MAX_NATIVE_GROWTH = 24L << 20;

  @TempDir
  Path dir;

  private Path model;
  private Path gguf;
  private Path onnx;

  private void writeFiles() throws IOException {
    model = dir.resolve("model");
    // A tokenizer of 3,000 words, so that a native tokenizer leaked per cycle would show in resident memory.
    Fixtures.tinyModel(model, "bert", TOKENS, TOKENS, Fixtures.map(
        "bert.embeddings.position_embeddings.weight", Fixtures.raw("F16", Fixtures.values(16, 8, 2)),
        "bert.embeddings.word_embeddings.weight", Fixtures.raw("F32", Fixtures.values(TOKENS, 8, 1))));
    gguf = Files.write(dir.resolve("m.gguf"), new GgufTestWriter().kvStrings(GgufFile.TOKENS_KEY,
        Fixtures.tinyWords(4)).tensor("token_embd.weight", GgufFile.TYPE_F32, new long[] {3, 4},
        GgufTestWriter.f32(TestTables.random(4, 3, 1))).build());
    onnx = Files.write(dir.resolve("m.onnx"), OnnxTestWriter.model(OnnxTestWriter.graph(OnnxTestWriter.tensor(
        "embeddings.word_embeddings.weight", OnnxInitializers.FLOAT, new long[] {4, 3}, new byte[48], true))));
  }

  @Test
  void closeIsIdempotentAndEveryOtherMethodThrowsAfterIt() throws Exception {
    writeFiles();
    Path st = model.resolve("model.safetensors");
    checkClosed(SafetensorsFile.open(st), "bert.embeddings.word_embeddings.weight");
    checkClosed(GgufFile.open(gguf), "token_embd.weight");
    checkClosed(OnnxInitializers.open(onnx), "embeddings.word_embeddings.weight");
    HfTokenizer tokenizer = HfTokenizer.open(model.resolve("tokenizer.json"));
    tokenizer.encode("the bank");
    checkClosed(tokenizer, "the");
    TokenEmbeddings e = TokenEmbeddings.open(model);
    e.embed("the bank");
    checkClosed(e, "the");
    // Closing an embedding closes the tokenizer it took over.
    TokenEmbeddings other = TokenEmbeddings.open(model);
    HfTokenizer owned = other.tokenizer().orElseThrow();
    other.close();
    checkThrows(() -> owned.encode("the"));
  }

  /** Closes twice, then calls every public method with plausible arguments. */
  private void checkClosed(AutoCloseable resource, String name) throws Exception {
    resource.close();
    resource.close();
    Set<String> kept = KEEP_ANSWERING.get(resource.getClass());
    Set<String> threw = new TreeSet<>();
    Set<String> answered = new TreeSet<>();
    for (Method m : resource.getClass().getMethods()) {
      if (Modifier.isStatic(m.getModifiers()) || LIFECYCLE.contains(m.getName())) {
        continue;
      }
      Object[] args = new Object[m.getParameterCount()];
      for (int i = 0; i < args.length; i++) {
        args[i] = argument(m.getParameterTypes()[i], name);
      }
      String signature = m.getName() + List.of(m.getParameterTypes()).stream().map(Class::getSimpleName).toList();
      try {
        m.invoke(resource, args);
        answered.add(signature);
        assertTrue(kept.contains(m.getName()), resource.getClass().getSimpleName() + "." + signature
            + " answered after close");
      } catch (InvocationTargetException ex) {
        Throwable cause = ex.getCause();
        if (!(cause instanceof IllegalStateException)) {
          fail(resource.getClass().getSimpleName() + "." + signature + " threw " + cause + " after close", cause);
        }
        threw.add(signature);
        assertTrue(!kept.contains(m.getName()), () -> signature + " threw after close: " + cause);
      }
    }
    assertTrue(!threw.isEmpty(), resource + ": no method threw");
    System.out.printf("ResourcesTest: %s after close: %d methods throw IllegalStateException %s; %d answer %s%n",
        resource.getClass().getSimpleName(), threw.size(), threw, answered.size(), answered);
  }

  /** One open-use-close cycle of every closeable type; the tokenizer is loaded natively by the first encode. */
  private void cycle() throws Exception {
    Object nativeTokenizer;
    try (TokenEmbeddings e = TokenEmbeddings.open(model)) {
      e.embed("the bank is near the river");
      e.nearestToText("king", 3);
      nativeTokenizer = nativeTokenizer(e.tokenizer().orElseThrow());
    }
    // DJL frees a tokenizer it finds unreachable in a finalizer, so resident memory alone would not show a
    // missing close(): the handle itself must be released by it.
    assertEquals(true, nativeTokenizer.getClass().getMethod("isReleased").invoke(nativeTokenizer),
        "the native tokenizer outlived close()");
    try (SafetensorsFile st = SafetensorsFile.open(model.resolve("model.safetensors"))) {
      st.readTable("bert.embeddings.word_embeddings.weight");
    }
    try (GgufFile g = GgufFile.open(gguf)) {
      g.tokenEmbeddings();
    }
    try (OnnxInitializers o = OnnxInitializers.open(onnx)) {
      o.readTable("embeddings.word_embeddings.weight");
    }
  }

  @Test
  @EnabledOnOs(value = OS.LINUX, disabledReason = "counts /proc/self/fd and reads VmRSS from /proc/self/status")
  void openingAndClosingAThousandTimesLeavesNothingBehind() throws Exception {
    writeFiles();
    for (int i = 0; i < WARM_UP; i++) {
      cycle();
    }
    ProcessResources before = ProcessResources.afterGc();
    for (int i = 0; i < CYCLES; i++) {
      cycle();
    }
    ProcessResources after = ProcessResources.afterGc();
    // Mappings are released by the garbage collector's cleaners: give them a bounded time.
    for (int i = 0; i < 20 && after.mappedBuffers() > before.mappedBuffers() + SLACK; i++) {
      after = ProcessResources.afterGc();
    }
    System.out.println("ResourcesTest: " + CYCLES + " cycles: before " + before + ", after " + after);
    assertTrue(after.fileDescriptors() <= before.fileDescriptors() + SLACK, "file descriptors " + before + " -> "
        + after);
    assertTrue(after.mappedBuffers() <= before.mappedBuffers() + SLACK, "mappings " + before + " -> " + after);
    assertTrue(after.directBuffers() <= before.directBuffers() + SLACK, "direct buffers " + before + " -> " + after);
    assertTrue(after.threads() <= before.threads() + SLACK, "threads " + before + " -> " + after);
    long nativeGrowth = after.nonHeapResidentBytes() - before.nonHeapResidentBytes();
    assertTrue(nativeGrowth < MAX_NATIVE_GROWTH, "resident memory outside the heap grew by " + nativeGrowth
        + " bytes: " + before + " -> " + after);
  }

  /** The DJL tokenizer inside (loaded natively by the first encode). */
  private static Object nativeTokenizer(HfTokenizer tokenizer) throws ReflectiveOperationException {
    Field djl = HfTokenizer.class.getDeclaredField("djl");
    djl.setAccessible(true);
    Object t = djl.get(tokenizer);
    assertTrue(t != null, "the native tokenizer is not loaded");
    return t;
  }

  private Object argument(Class<?> type, String name) {
    if (type == String.class) {
      return name;
    } else if (type == int.class) {
      return 1;
    } else if (type == long.class) {
      return 1L;
    } else if (type == boolean.class) {
      return false;
    } else if (type == float[].class) {
      return new float[8];
    } else if (type == float[][].class) {
      return new float[][] {new float[8]};
    } else if (type == int[].class) {
      return new int[] {1};
    } else if (type == List.class || type == Collection.class) {
      return List.of();
    } else if (type == Path.class) {
      return dir.resolve("out");
    } else if (type == DType.class) {
      return DType.F32;
    } else if (type == Similarity.class) {
      return Similarity.COSINE;
    } else if (type == Tokenizer.class) {
      return Tokenizer.WHITESPACE;
    } else if (type == VectorTable.class) {
      return VectorTable.of(new float[][] {{1, 2}});
    }
    throw new AssertionError("no argument for " + type);
  }

  private static void checkThrows(Runnable r) {
    try {
      r.run();
      fail("no IllegalStateException");
    } catch (IllegalStateException expected) {
      // The closed resource refused.
    }
  }
}
