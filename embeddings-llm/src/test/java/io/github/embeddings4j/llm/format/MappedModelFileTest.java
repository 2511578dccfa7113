package io.github.embeddings4j.llm.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lifecycle {@link GgufFile} and {@link OnnxInitializers} share through {@link MappedModelFile}: the name, the
 * file and what it holds in {@code toString}, {@code isClosed}, an idempotent {@code close}, and reads after it
 * refused naming the format and the file.
 */
class MappedModelFileTest {
  @TempDir
  Path dir;

  private static void check(MappedModelFile f, String format, String summary, Path path) throws IOException {
    assertEquals(f.getClass().getSimpleName() + "[" + path + ", " + summary + "]", f.toString());
    assertFalse(f.isClosed());
    f.close();
    f.close();
    assertTrue(f.isClosed());
    IllegalStateException e = assertThrows(IllegalStateException.class, f::checkOpen);
    assertEquals(format + " file is closed: " + path, e.getMessage());
  }

  @Test
  void ggufAndOnnxShareOneLifecycle() throws IOException {
    Path gguf = Files.write(dir.resolve("m.gguf"), new GgufTestWriter().kvStrings(GgufFile.TOKENS_KEY,
        Fixtures.tinyWords(4)).tensor("token_embd.weight", GgufFile.TYPE_F32, new long[] {3, 4},
        GgufTestWriter.f32(TestTables.random(4, 3, 1))).build());
    Path onnx = Files.write(dir.resolve("m.onnx"), OnnxTestWriter.model(OnnxTestWriter.graph(OnnxTestWriter.tensor(
        "embeddings.word_embeddings.weight", OnnxInitializers.FLOAT, new long[] {4, 3}, new byte[48], true))));
    GgufFile g = GgufFile.open(gguf);
    check(g, "GGUF", "v3, 1 tensors", gguf);
    assertThrows(IllegalStateException.class, () -> g.readTable("token_embd.weight"));
    OnnxInitializers o = OnnxInitializers.open(onnx);
    check(o, "ONNX", "1 initializers", onnx);
    assertThrows(IllegalStateException.class, () -> o.readTable("embeddings.word_embeddings.weight"));
  }
}
