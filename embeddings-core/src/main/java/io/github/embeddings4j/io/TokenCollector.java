package io.github.embeddings4j.io;

import io.github.embeddings4j.Vocabulary;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers the tokens of a file in order: strict UTF-8 decoding (malformed bytes are an error, never a
 * replacement character) and duplicate detection while reading, so the error can name where the duplicate is.
 */
final class TokenCollector {
  /** Initial capacity cap: a header's claim sizes nothing before the tokens are actually read. */
  private static final int MAX_INITIAL_CAPACITY = 1 << 16;

  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final List<String> tokens;
  private final Map<String, Integer> ids;

  TokenCollector(long expected) {
    int capacity = (int) Math.max(16, Math.min(expected, MAX_INITIAL_CAPACITY));
    tokens = new ArrayList<>(capacity);
    ids = new HashMap<>(capacity * 4 / 3 + 1);
  }

  /**
   * Decodes UTF-8 bytes strictly.
   *
   * @throws CharacterCodingException if the bytes are not valid UTF-8
   */
  String decode(byte[] bytes, int off, int len) throws CharacterCodingException {
    boolean ascii = true;
    for (int i = off; i < off + len && ascii; i++) {
      ascii = bytes[i] >= 0;
    }
    if (ascii) {
      return new String(bytes, off, len, StandardCharsets.ISO_8859_1);
    }
    return decoder.decode(ByteBuffer.wrap(bytes, off, len)).toString();
  }

  /**
   * Adds the next token.
   *
   * @return -1, or the index of an earlier identical token (the token is then not added)
   */
  int add(String token) {
    Integer previous = ids.putIfAbsent(token, tokens.size());
    if (previous != null) {
      return previous;
    }
    tokens.add(token);
    return -1;
  }

  /** Returns how many tokens were added. */
  int size() {
    return tokens.size();
  }

  /** Returns the vocabulary of the tokens added, with counts or without ({@code null}). */
  Vocabulary vocabulary(long[] counts) {
    return counts == null ? Vocabulary.of(tokens) : Vocabulary.of(tokens, counts);
  }

  /**
   * Encodes a token as UTF-8 strictly.
   *
   * @throws CharacterCodingException if it holds an unpaired surrogate (which would otherwise become '?')
   */
  static byte[] encode(String token) throws CharacterCodingException {
    ByteBuffer bytes = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(token));
    byte[] out = new byte[bytes.remaining()];
    bytes.get(out);
    return out;
  }

  /** Describes a duplicate for an error message. */
  static String duplicate(String token, int previous) {
    return "duplicate word \"" + token + "\" (first seen as word " + (previous + 1) + ")";
  }
}
