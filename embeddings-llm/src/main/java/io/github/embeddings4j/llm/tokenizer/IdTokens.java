package io.github.embeddings4j.llm.tokenizer;

import io.github.embeddings4j.EmbeddingFormatException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;

/**
 * The (id, token) pairs of a {@code tokenizer.json} as they are read, in two growing arrays, then laid out by id.
 * A map from boxed ids to tokens, and a set of every token to find repeated ones, cost about 140 bytes per token
 * on top of the tokens themselves: with them a 36 MB file of 2 million entries did not open in a 256 MB heap.
 * Here the pairs cost 8 bytes each, and repeated tokens are found by sorting a copy of the token references (a
 * set is built only when a file does repeat a token).
 */
final class IdTokens {
  private int[] ids = new int[1024];
  private String[] tokens = new String[1024];
  private int size;

  /** Adds a pair as read. */
  void add(int id, String token) {
    if (size == ids.length) {
      int grown = (int) Math.min(Integer.MAX_VALUE - 8, size + (size >> 1) + 1L);
      ids = Arrays.copyOf(ids, grown);
      tokens = Arrays.copyOf(tokens, grown);
    }
    ids[size] = id;
    tokens[size++] = token;
  }

  /** The tokens laid out by id, and the ids without a token of their own. */
  record Layout(String[] tokens, BitSet holes) {}

  /**
   * Lays the tokens out by id: ids no token has, and the later ids of a token given several, become
   * placeholders {@code <no token ID>} and are marked as holes.
   *
   * @param file the file, for messages
   * @param maxExtraGaps how many ids beyond twice the number of tokens may be left without a token
   * @return the layout
   * @throws EmbeddingFormatException if an id is given two tokens, or the ids reach too far beyond the tokens
   */
  Layout layout(Path file, int maxExtraGaps) throws EmbeddingFormatException {
    long maxId = -1;
    for (int i = 0; i < size; i++) {
      maxId = Math.max(maxId, ids[i]);
    }
    checkGaps(file, maxId, size, maxExtraGaps);
    String[] byId = new String[(int) (maxId + 1)];
    int distinct = 0;
    for (int i = 0; i < size; i++) {
      String old = byId[ids[i]];
      if (old == null) {
        byId[ids[i]] = tokens[i];
        distinct++;
      } else if (!old.equals(tokens[i])) {
        throw new EmbeddingFormatException(file, "id " + ids[i], "given to two tokens, \"" + old + "\" and \""
            + tokens[i] + "\"");
      }
    }
    ids = null;
    tokens = null;
    checkGaps(file, maxId, distinct, maxExtraGaps);
    BitSet holes = new BitSet();
    for (int i = 0; i < byId.length; i++) {
      if (byId[i] == null) {
        holes.set(i);
      }
    }
    placeholders(byId, holes, null);
    if (repeatsAToken(byId)) {
      // Rare: a token given several ids, or a real token spelled like a placeholder. The first id keeps the
      // token; the set this needs is built only for such files.
      for (int i = holes.nextSetBit(0); i >= 0; i = holes.nextSetBit(i + 1)) {
        byId[i] = null;
      }
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < byId.length; i++) {
        if (byId[i] != null && !seen.add(byId[i])) {
          byId[i] = null;
          holes.set(i);
        }
      }
      placeholders(byId, holes, seen);
    }
    return new Layout(byId, holes);
  }

  /** Names each hole {@code <no token ID>}, wrapped in more brackets while {@code seen} already has it. */
  private static void placeholders(String[] byId, BitSet holes, Set<String> seen) {
    for (int i = holes.nextSetBit(0); i >= 0; i = holes.nextSetBit(i + 1)) {
      String p = "<no token " + i + ">";
      while (seen != null && !seen.add(p)) {
        p = "<" + p + ">";
      }
      byId[i] = p;
    }
  }

  private static void checkGaps(Path file, long maxId, int tokens, int maxExtraGaps)
      throws EmbeddingFormatException {
    if (maxId + 1 > 2L * tokens + maxExtraGaps) {
      throw new EmbeddingFormatException(file, "id " + maxId, "the ids of " + tokens + " tokens reach "
          + maxId + ": more than " + (2L * tokens + maxExtraGaps) + " ids (twice the tokens plus "
          + maxExtraGaps + ") would be table rows, most without a token");
    }
  }

  /** Tells whether a token occurs twice, by sorting a copy of the references (no per-token objects). */
  private static boolean repeatsAToken(String[] byId) {
    String[] sorted = byId.clone();
    Arrays.sort(sorted);
    for (int i = 1; i < sorted.length; i++) {
      if (sorted[i].equals(sorted[i - 1])) {
        return true;
      }
    }
    return false;
  }
}
