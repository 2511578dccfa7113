package io.github.embeddings4j.llm.format;

import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * A GGUF metadata array of strings kept as its UTF-8 bytes and one offset per string, each string decoded when it
 * is read. A {@code String} object per element costs about 48 bytes for a string that takes 9 in the file, so a
 * file of millions of short strings (a vocabulary or merges list, or a hostile one) needed 7 times its size in
 * heap; this needs at most 1.5 times. Unmodifiable; {@link #get(int)} returns a new string each time.
 */
final class GgufStrings extends AbstractList<String> implements RandomAccess {
  private final byte[] bytes;
  private final int[] ends;

  /**
   * Wraps the bytes and the end offset of each string (string {@code i} is {@code [ends[i-1], ends[i])}).
   *
   * @param bytes the strings' UTF-8 bytes, one after the other
   * @param ends each string's end offset in {@code bytes}
   */
  GgufStrings(byte[] bytes, int[] ends) {
    this.bytes = bytes;
    this.ends = ends;
  }

  @Override
  public String get(int index) {
    int start = index == 0 ? 0 : ends[index - 1];
    return new String(bytes, start, ends[index] - start, StandardCharsets.UTF_8);
  }

  @Override
  public int size() {
    return ends.length;
  }
}
