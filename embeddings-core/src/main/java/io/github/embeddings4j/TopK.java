package io.github.embeddings4j;

/**
 * The result of an exact top-k search over a {@link VectorTable}: row ids and scores, sorted by descending score,
 * ties by ascending id. Holds at most k entries (fewer when the table has fewer eligible rows).
 *
 * @param ids the rows found
 * @param scores their scores, same order
 */
public record TopK(int[] ids, float[] scores) {
  /**
   * Checks the two arrays have one entry each.
   *
   * @throws IllegalArgumentException if the lengths differ
   */
  public TopK {
    if (ids.length != scores.length) {
      throw new IllegalArgumentException("ids and scores differ in length: " + ids.length + " != " + scores.length);
    }
  }

  /**
   * Returns the number of results.
   *
   * @return the number of results
   */
  public int size() {
    return ids.length;
  }
}
