package io.github.embeddings4j.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.embeddings4j.EmbeddingFormatException;
import io.github.embeddings4j.llm.format.Checkpoint;
import io.github.embeddings4j.llm.format.Fixtures;
import io.github.embeddings4j.llm.format.SafetensorsFile;
import io.github.embeddings4j.llm.tokenizer.HfTokenizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: every JSON error of a model folder is an {@link EmbeddingFormatException} naming the file and the
 * position (line, column, byte), never a raw Jackson exception or a message without a place.
 */
class JsonPositionsTest {
  @TempDir Path dir;

  /** Two lines; the second holds a stray comma at column 13 (1-based), byte 9 + 12 = 21 (0-based). */
  private static final String BROKEN = "{\"a\": 1,\n \"b\": [1, 2,, 3]}";

  private static void assertNamesPosition(EmbeddingFormatException e, Path file, String position) {
    assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains(position), "\"" + position + "\" not in: " + e.getMessage());
    assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
  }

  @Test
  void aMalformedShardIndexIsAFormatErrorWithItsPosition() throws IOException {
    // Was: a raw JsonParseException without the path escaped from Checkpoint.in and TokenEmbeddings.open.
    Path d = Files.createDirectories(dir.resolve("sharded"));
    Path index = Files.writeString(d.resolve(Checkpoint.INDEX), BROKEN);
    Files.writeString(d.resolve("tokenizer.json"), Fixtures.tinyTokenizer(16));
    assertNamesPosition(assertThrows(EmbeddingFormatException.class, () -> Checkpoint.in(d)), index,
        "line 2, column 13 (byte 21)");
    assertNamesPosition(assertThrows(EmbeddingFormatException.class, () -> TokenEmbeddings.open(d)), index,
        "line 2, column 13 (byte 21)");
  }

  @Test
  void aMalformedConfigNamesLineColumnAndByte() throws IOException {
    Path config = Files.writeString(dir.resolve("config.json"), BROKEN);
    assertNamesPosition(assertThrows(EmbeddingFormatException.class, () -> ModelConfig.read(config)), config,
        "line 2, column 13 (byte 21)");
  }

  @Test
  void aMalformedTokenizerNamesLineColumnAndChar() throws IOException {
    // The vocabulary's parser reads characters (its field names are not canonicalized), so it counts chars.
    Path tok = Files.writeString(dir.resolve("tokenizer.json"), "{\"model\": {\"vocab\": {\"a\": 0,\n\"b\" 1}}}");
    assertNamesPosition(assertThrows(EmbeddingFormatException.class, () -> HfTokenizer.open(tok)), tok,
        "line 2, column 5 (char 33)");
  }

  @Test
  void aMalformedSafetensorsHeaderNamesTheByteInTheFile() throws IOException {
    Path f = dir.resolve("bad.safetensors");
    Fixtures.writeRaw(f, "{\"t\": {\"dtype\": \"F32\",, \"shape\": [1]}}", new byte[4]);
    EmbeddingFormatException e = assertThrows(EmbeddingFormatException.class, () -> SafetensorsFile.open(f));
    // The header starts after the 8-byte length: the stray comma at header index 22 is file byte 30.
    assertNamesPosition(e, f, "header, line 1, column 23 (byte 30)");
    assertEquals(f, e.file());
  }

  @Test
  void invalidUtf8IsAFormatErrorWithItsByte() throws IOException {
    byte[] bytes = "{\"model_type\": \"bert\u00e9\"}".getBytes(StandardCharsets.UTF_8);
    bytes[20] = (byte) 0xFF;
    Path config = Files.write(dir.resolve("config-utf8.json"), bytes);
    EmbeddingFormatException e = assertThrows(EmbeddingFormatException.class, () -> ModelConfig.read(config));
    assertTrue(e.getMessage().contains("line 1, column") && e.getMessage().contains("(byte "), e.getMessage());
  }
}
