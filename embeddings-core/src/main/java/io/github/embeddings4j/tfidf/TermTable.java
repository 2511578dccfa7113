package io.github.embeddings4j.tfidf;

import java.util.Arrays;

/**
 * Term → id, open addressing, looked up either by a {@code String} or by a span of a text without making a
 * substring: the hash is {@link String#hashCode()}'s, computed by the caller while it scans the span. Ids are
 * dense, in insertion order. Not thread-safe.
 */
final class TermTable {
  private int[] slots = new int[1 << 12];
  private String[] terms = new String[1 << 10];
  private int[] hashes = new int[1 << 10];
  private int size;

  /** Returns the number of terms. */
  int size() {
    return size;
  }

  /** Returns the term of an id. */
  String term(int id) {
    return terms[id];
  }

  /**
   * Returns the id of {@code text[start, end)}, inserting it when absent and {@code insert}, else -1.
   *
   * @param hash {@code text.substring(start, end).hashCode()}
   */
  int id(String text, int start, int end, int hash, boolean insert) {
    int mask = slots.length - 1;
    int len = end - start;
    for (int s = mix(hash) & mask; ; s = (s + 1) & mask) {
      int slot = slots[s];
      if (slot == 0) {
        return insert ? insert(s, text.substring(start, end), hash) : -1;
      }
      String t = terms[slot - 1];
      if (hashes[slot - 1] == hash && t.length() == len && t.regionMatches(0, text, start, len)) {
        return slot - 1;
      }
    }
  }

  /** Returns the id of a term, inserting it when absent and {@code insert}, else -1. */
  int id(String term, boolean insert) {
    return id(term, 0, term.length(), term.hashCode(), insert);
  }

  private int insert(int s, String term, int hash) {
    if (size == terms.length) {
      terms = Arrays.copyOf(terms, 2 * size);
      hashes = Arrays.copyOf(hashes, 2 * size);
    }
    terms[size] = term;
    hashes[size] = hash;
    slots[s] = ++size;
    if (2 * size > slots.length) {
      rehash();
    }
    return size - 1;
  }

  private void rehash() {
    int[] bigger = new int[2 * slots.length];
    int mask = bigger.length - 1;
    for (int id = 0; id < size; id++) {
      int s = mix(hashes[id]) & mask;
      while (bigger[s] != 0) {
        s = (s + 1) & mask;
      }
      bigger[s] = id + 1;
    }
    slots = bigger;
  }

  private static int mix(int h) {
    // String hashes of short words cluster; spread them before masking (the murmur3 finalizer's first steps).
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    return h ^ (h >>> 13);
  }
}
