package io.github.embeddings4j.llm.format;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.embeddings4j.EmbeddingFormatException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads the JSON files of a model ({@code config.json}, {@code tokenizer.json}, {@code
 * model.safetensors.index.json}, safetensors headers) so that every JSON error is an
 * {@link EmbeddingFormatException} naming the file and the position Jackson stopped at, as {@code "line 3,
 * column 17 (byte 41)"} (a parser that decodes characters first counts {@code "char 41"}): never a raw Jackson exception, never a message without a place.
 *
 * <pre>{@code
 * JsonNode root = JsonErrors.readTree(Path.of("config.json"));
 * }</pre>
 */
public final class JsonErrors {
  private JsonErrors() {}

  /**
   * Parses a whole JSON file (duplicate keys rejected).
   *
   * @param file the file
   * @return its root, or {@code null} for an empty file
   * @throws EmbeddingFormatException if it is not valid JSON (the message names file, line, column and byte)
   * @throws IOException if it cannot be read
   */
  public static JsonNode readTree(Path file) throws IOException {
    try {
      return SafetensorsFile.JSON.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw formatError(file, null, e, 0);
    }
  }

  /**
   * Parses JSON held in memory, that starts at byte {@code firstByte} of {@code file}.
   *
   * @param file the file the bytes came from, for the message
   * @param part the part of the file that is JSON (e.g. {@code "header"}), or {@code null} for the whole file
   * @param json the bytes
   * @param firstByte the file offset of {@code json[0]}, added to the byte position of an error
   * @return the root, or {@code null} when there is none
   * @throws EmbeddingFormatException if the bytes are not valid JSON
   */
  public static JsonNode readTree(Path file, String part, byte[] json, long firstByte) throws EmbeddingFormatException {
    try {
      return SafetensorsFile.JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw formatError(file, part, e, firstByte);
    } catch (IOException e) {
      throw new EmbeddingFormatException(file, "byte " + firstByte, "not readable as JSON: " + e.getMessage(), e);
    }
  }

  /**
   * Turns a Jackson error into a format error naming where in the file it happened.
   *
   * @param file the file being parsed
   * @param part the part of the file that is JSON (e.g. {@code "header"}), or {@code null} for the whole file
   * @param e Jackson's error
   * @param firstByte the file offset the parsed bytes started at
   * @return the exception to throw
   */
  public static EmbeddingFormatException formatError(Path file, String part, JsonProcessingException e,
      long firstByte) {
    String at = position(e.getLocation(), firstByte);
    return new EmbeddingFormatException(file, part == null ? at : part + ", " + at, "not valid JSON: "
        + e.getOriginalMessage(), e);
  }

  /**
   * Describes a parser position: line and column, and the byte offset in the file when the parser counted bytes.
   *
   * @param at Jackson's location, or {@code null}
   * @param firstByte the file offset the parsed bytes started at
   * @return e.g. {@code "line 3, column 17 (byte 41)"}, or {@code "unknown position"}
   */
  public static String position(JsonLocation at, long firstByte) {
    if (at == null) {
      return "unknown position";
    }
    String s = "line " + at.getLineNr() + ", column " + at.getColumnNr();
    long b = at.getByteOffset() >= 0 ? at.getByteOffset() : at.getCharOffset();
    return b >= 0 ? s + " (" + (at.getByteOffset() >= 0 ? "byte " : "char ") + (firstByte + b) + ")" : s;
  }
}
