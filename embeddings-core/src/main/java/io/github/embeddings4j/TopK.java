package io.github.embeddings4j;

import java.util.Arrays;

/**
 * The result of an exact top-k search over a {@link VectorTable}: row ids and scores, sorted by descending score,
 * ties by ascending id. Holds at most k entries (fewer when the table has fewer eligible rows).
 *
 * <p>A value: immutable (the arrays are copied in and out; {@link #id} and {@link #score} read one entry without
 * a copy), equal to another {@code TopK} with the same ids and scores ({@link Float#compare} equality, as {@link
 * Arrays#equals(float[], float[])}).
 *
 * @param ids the rows found
 * @param scores their scores, same order
 */
public record TopK(int[] ids, float[] scores) {
  /**
   * Checks the two arrays have one entry each, and copies them.
   *
   * @param ids the row ids found, in order of descending score, ties by ascending id
   * @param scores the score of each row in {@code ids}, same order and length
   * @throws IllegalArgumentException if the lengths differ
   * @throws NullPointerException if an array is null
   */
  public TopK {
    if (ids.length != scores.length) {
      throw new IllegalArgumentException("ids and scores differ in length: " + ids.length + " != " + scores.length);
    }
    ids = ids.clone();
    scores = scores.clone();
  }

  /**
   * Returns the rows found.
   *
   * @return a copy of the ids, best first
   */
  @Override
  public int[] ids() {
    return ids.clone();
  }

  /**
   * Returns the scores.
   *
   * @return a copy of the scores, best first
   */
  @Override
  public float[] scores() {
    return scores.clone();
  }

  /**
   * Returns the number of results.
   *
   * @return the number of results
   */
  public int size() {
    return ids.length;
  }

  /**
   * Returns one result's row.
   *
   * @param rank 0 for the best
   * @return the row id at that rank
   * @throws IndexOutOfBoundsException if {@code rank} is not in {@code [0, size())}
   */
  public int id(int rank) {
    return ids[rank];
  }

  /**
   * Returns one result's score.
   *
   * @param rank 0 for the best
   * @return the score at that rank
   * @throws IndexOutOfBoundsException if {@code rank} is not in {@code [0, size())}
   */
  public float score(int rank) {
    return scores[rank];
  }

  /**
   * Tells whether another object is a {@code TopK} with the same ids and scores in the same order.
   *
   * @param o the other object
   * @return whether the two are equal
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof TopK other && Arrays.equals(ids, other.ids) && Arrays.equals(scores, other.scores);
  }

  /**
   * Returns a hash of the ids and scores.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(ids) + Arrays.hashCode(scores);
  }

  /**
   * Returns the ids and scores.
   *
   * @return a text such as {@code TopK[ids=[3, 1], scores=[0.9, 0.5]]}
   */
  @Override
  public String toString() {
    return "TopK[ids=" + Arrays.toString(ids) + ", scores=" + Arrays.toString(scores) + "]";
  }
}
