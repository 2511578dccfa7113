package io.github.embeddings4j.llm.tokenizer;

import java.util.Arrays;

/**
 * A character trie over a vocabulary's tokens, for longest-match tokenization: walking it from a position of a
 * text finds the longest token starting there in as many steps as the match is long, instead of looking up every
 * candidate substring (which made {@link GreedyVocabTokenizer} cubic in the length of its longest token).
 *
 * <p>Nodes are ints (0 is the root); the edges live in one open-addressing table keyed by (node, character), 12
 * bytes a slot filled to at most 3/4, so 16 to 32 bytes an edge (about 12 MB for a vocabulary of 150,000
 * byte-level tokens), not a map per node. Tokens longer than
 * {@link #MAX_TOKEN_CHARS} are not inserted: they stay in the vocabulary but are never cut out of a text, which
 * bounds every walk (and the trie's size) whatever one hostile token's length.
 */
final class VocabTrie {
  /** The longest token the trie holds, in chars (real vocabularies' longest tokens are a few hundred). */
  static final int MAX_TOKEN_CHARS = 1024;

  private long[] keys;
  private int[] children;
  private int edges;
  /** Whether a node ends a token, by node id. */
  private boolean[] terminal = new boolean[16];
  private int nodes = 1;

  VocabTrie(Iterable<String> tokens) {
    int capacity = 1024;
    keys = new long[capacity];
    Arrays.fill(keys, -1);
    children = new int[capacity];
    for (String t : tokens) {
      if (t.isEmpty() || t.length() > MAX_TOKEN_CHARS) {
        continue;
      }
      int node = 0;
      for (int i = 0; i < t.length(); i++) {
        int child = child(node, t.charAt(i));
        if (child < 0) {
          child = add(node, t.charAt(i));
        }
        node = child;
      }
      terminal[node] = true;
    }
  }

  /**
   * Returns the child of {@code node} along {@code c}.
   *
   * @param node a node id
   * @param c the next character
   * @return the child's id, or -1 when no token continues with {@code c}
   */
  int child(int node, char c) {
    long key = key(node, c);
    int mask = keys.length - 1;
    for (int i = slot(key, mask);; i = (i + 1) & mask) {
      if (keys[i] == key) {
        return children[i];
      }
      if (keys[i] == -1) {
        return -1;
      }
    }
  }

  /**
   * Tells whether the path to {@code node} spells a token.
   *
   * @param node a node id
   * @return whether it ends a token
   */
  boolean isToken(int node) {
    return terminal[node];
  }

  private int add(int node, char c) {
    if ((edges + 1) * 4L > keys.length * 3L) {
      grow();
    }
    int id = nodes++;
    if (id == terminal.length) {
      terminal = Arrays.copyOf(terminal, id * 2);
    }
    put(key(node, c), id);
    return id;
  }

  private void put(long key, int child) {
    int mask = keys.length - 1;
    int i = slot(key, mask);
    while (keys[i] != -1) {
      i = (i + 1) & mask;
    }
    keys[i] = key;
    children[i] = child;
    edges++;
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldChildren = children;
    keys = new long[oldKeys.length * 2];
    Arrays.fill(keys, -1);
    children = new int[keys.length];
    edges = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != -1) {
        put(oldKeys[i], oldChildren[i]);
      }
    }
  }

  private static long key(int node, char c) {
    return (long) node << 16 | c;
  }

  private static int slot(long key, int mask) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h >>> 32) & mask;
  }
}
