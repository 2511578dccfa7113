package io.github.embeddings4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Word analogies ("a is to b as c is to ?") and other sums of word vectors, scored like gensim's
 * {@code KeyedVectors}.
 *
 * <p>{@code mostSimilar} is 3CosAdd, gensim's {@code most_similar(positive, negative, topn, restrict_vocab)}: each
 * input word's vector is unit-normalized and weighted +1 (positive) or -1 (negative), the weighted mean is
 * unit-normalized, and the rows with the highest cosine to it are returned, the input words excluded.
 * {@code mostSimilarCosMul} is 3CosMul (Levy and Goldberg 2014, equation 4), gensim's
 * {@code most_similar_cosmul}: each row's cosine to each input word is shifted to [0, 1] by {@code (1 + cos) / 2}
 * and the score is the product over the positive words divided by (the product over the negative words + 1e-6).
 *
 * <p>Arithmetic is float32 in gensim's order (normalize each input, sum, divide by the total weight, normalize),
 * so scores agree with gensim's to about 1e-6. Results are sorted by descending score, ties by ascending id. Only
 * the first {@link Embedding#searchableRows()} rows are candidates, or the first {@code restrictVocab} of them
 * (the most frequent words, for frequency-ordered vocabularies); input words may lie outside that range.
 *
 * <pre>{@code
 * List<Neighbor> queen = Analogies.mostSimilar(wv, List.of("king", "woman"), List.of("man"), 5);
 * List<Neighbor> mul = Analogies.mostSimilarCosMul(wv, List.of("king", "woman"), List.of("man"), 5);
 * }</pre>
 *
 * <p>Thread-safe: the methods share no state.
 */
public final class Analogies {
  /** Added to the negative product in 3CosMul so that it never divides by zero (gensim's value). */
  private static final float COSMUL_EPSILON = 0.000001f;

  private Analogies() {}

  /**
   * 3CosAdd over all searchable rows: the words nearest to the mean of the positive words minus the negative ones.
   *
   * <pre>{@code
   * Analogies.mostSimilar(wv, List.of("king", "woman"), List.of("man"), 1); // [Neighbor[..., token=queen, ...]]
   * }</pre>
   *
   * @param embedding the vectors
   * @param positive words weighted +1
   * @param negative words weighted -1
   * @param topn how many results, at least 1
   * @return up to {@code topn} neighbours by cosine, best first, none of them an input word
   * @throws UnknownTokenException if an input word is not in the vocabulary (naming it)
   * @throws IllegalArgumentException if there is no input word or {@code topn < 1}
   * @throws NullPointerException if the embedding, a list or array, or one of its words or vectors is null
   */
  public static List<Neighbor> mostSimilar(Embedding embedding, List<String> positive, List<String> negative,
      int topn) {
    return mostSimilar(embedding, positive, negative, topn, embedding.searchableRows());
  }

  /**
   * 3CosAdd over the first {@code restrictVocab} rows, as gensim's {@code most_similar(positive, negative, topn,
   * restrict_vocab)}.
   *
   * <pre>{@code
   * // among the 30,000 most frequent words of a frequency-ordered file
   * Analogies.mostSimilar(wv, List.of("paris", "italy"), List.of("france"), 5, 30_000); // rome, ...
   * }</pre>
   *
   * @param embedding the vectors
   * @param positive words weighted +1
   * @param negative words weighted -1
   * @param topn how many results, at least 1
   * @param restrictVocab only rows below it are candidates, at least 1 (larger than the vocabulary means all)
   * @return up to {@code topn} neighbours by cosine, best first, none of them an input word
   * @throws UnknownTokenException if an input word is not in the vocabulary (naming it)
   * @throws IllegalArgumentException if there is no input word, {@code topn < 1} or {@code restrictVocab < 1}
   * @throws NullPointerException if the embedding, a list or array, or one of its words or vectors is null
   */
  public static List<Neighbor> mostSimilar(Embedding embedding, List<String> positive, List<String> negative,
      int topn, int restrictVocab) {
    int[] pos = ids(embedding, positive, "positive");
    int[] neg = ids(embedding, negative, "negative");
    checkArguments(pos.length + neg.length, topn, restrictVocab);
    float[] mean = new float[embedding.dimension()];
    for (int id : pos) {
      addUnitRow(embedding.vectors(), id, 1f, mean);
    }
    for (int id : neg) {
      addUnitRow(embedding.vectors(), id, -1f, mean);
    }
    return nearestToMean(embedding, mean, pos.length + neg.length, topn, restrictVocab, concat(pos, neg));
  }

  /**
   * 3CosAdd with raw vectors instead of words, over the first {@code restrictVocab} rows. As in gensim, the
   * vectors enter the mean as given, not normalized: pass unit vectors to weigh them like words. Nothing is
   * excluded from the results.
   *
   * <pre>{@code
   * float[] q = wv.vector("king");
   * Analogies.mostSimilar(wv, new float[][] {q}, new float[0][], 10, wv.vocabulary().size()); // king first
   * }</pre>
   *
   * @param embedding the vectors
   * @param positive vectors weighted +1, of the embedding's dimension
   * @param negative vectors weighted -1, of the embedding's dimension
   * @param topn how many results, at least 1
   * @param restrictVocab only rows below it are candidates, at least 1 (larger than the vocabulary means all)
   * @return up to {@code topn} neighbours by cosine, best first
   * @throws IllegalArgumentException if there is no vector, a dimension differs, {@code topn < 1} or
   *     {@code restrictVocab < 1}
   * @throws NullPointerException if the embedding, a list or array, or one of its words or vectors is null
   */
  public static List<Neighbor> mostSimilar(Embedding embedding, float[][] positive, float[][] negative, int topn,
      int restrictVocab) {
    Objects.requireNonNull(embedding, "embedding");
    Objects.requireNonNull(positive, "positive");
    Objects.requireNonNull(negative, "negative");
    checkArguments(positive.length + negative.length, topn, restrictVocab);
    float[] mean = new float[embedding.dimension()];
    for (float[] v : positive) {
      addScaled(checkDimension(embedding, v), 1f, mean);
    }
    for (float[] v : negative) {
      addScaled(checkDimension(embedding, v), -1f, mean);
    }
    return nearestToMean(embedding, mean, positive.length + negative.length, topn, restrictVocab, new int[0]);
  }

  /**
   * 3CosMul over all searchable rows, as gensim's {@code most_similar_cosmul(positive, negative, topn)}.
   *
   * <pre>{@code
   * Analogies.mostSimilarCosMul(wv, List.of("king", "woman"), List.of("man"), 1); // [Neighbor[..., token=queen, ...]]
   * }</pre>
   *
   * @param embedding the vectors
   * @param positive words in the numerator, at least one
   * @param negative words in the denominator
   * @param topn how many results, at least 1
   * @return up to {@code topn} neighbours by 3CosMul score (not a cosine: it can exceed 1), best first, none of
   *     them an input word
   * @throws UnknownTokenException if an input word is not in the vocabulary (naming it)
   * @throws IllegalArgumentException if there is no positive word or {@code topn < 1}
   * @throws NullPointerException if the embedding, a list or array, or one of its words or vectors is null
   */
  public static List<Neighbor> mostSimilarCosMul(Embedding embedding, List<String> positive, List<String> negative,
      int topn) {
    return mostSimilarCosMul(embedding, positive, negative, topn, embedding.searchableRows());
  }

  /**
   * 3CosMul over the first {@code restrictVocab} rows. gensim 4.2's {@code most_similar_cosmul} takes a
   * {@code restrict_vocab} argument but ignores it and scores all rows; here it restricts the candidates, so the
   * results equal gensim's when {@code restrictVocab} covers the vocabulary.
   *
   * <pre>{@code
   * Analogies.mostSimilarCosMul(wv, List.of("paris", "italy"), List.of("france"), 5, 30_000);
   * }</pre>
   *
   * @param embedding the vectors
   * @param positive words in the numerator, at least one
   * @param negative words in the denominator
   * @param topn how many results, at least 1
   * @param restrictVocab only rows below it are candidates, at least 1 (larger than the vocabulary means all)
   * @return up to {@code topn} neighbours by 3CosMul score, best first, none of them an input word
   * @throws UnknownTokenException if an input word is not in the vocabulary (naming it)
   * @throws IllegalArgumentException if there is no positive word, {@code topn < 1} or {@code restrictVocab < 1}
   * @throws NullPointerException if the embedding, a list or array, or one of its words or vectors is null
   */
  public static List<Neighbor> mostSimilarCosMul(Embedding embedding, List<String> positive,
      List<String> negative, int topn, int restrictVocab) {
    int[] pos = ids(embedding, positive, "positive");
    int[] neg = ids(embedding, negative, "negative");
    float[][] posUnit = new float[pos.length][];
    float[][] negUnit = new float[neg.length][];
    for (int i = 0; i < pos.length; i++) {
      posUnit[i] = addUnitRow(embedding.vectors(), pos[i], 1f, new float[embedding.dimension()]);
    }
    for (int i = 0; i < neg.length; i++) {
      negUnit[i] = addUnitRow(embedding.vectors(), neg[i], 1f, new float[embedding.dimension()]);
    }
    return cosMul(embedding, posUnit, negUnit, topn, restrictVocab, concat(pos, neg));
  }

  /**
   * 3CosMul with raw vectors instead of words, over the first {@code restrictVocab} rows. As in gensim, the
   * vectors are used as given: the "cosine" to a row is its dot product divided by the row's norm, a cosine only
   * for unit vectors. Nothing is excluded from the results.
   *
   * <pre>{@code
   * float[] u = unit(wv.vector("king"));
   * Analogies.mostSimilarCosMul(wv, new float[][] {u}, new float[0][], 10, wv.vocabulary().size());
   * }</pre>
   *
   * @param embedding the vectors
   * @param positive vectors in the numerator, at least one, of the embedding's dimension
   * @param negative vectors in the denominator, of the embedding's dimension
   * @param topn how many results, at least 1
   * @param restrictVocab only rows below it are candidates, at least 1 (larger than the vocabulary means all)
   * @return up to {@code topn} neighbours by 3CosMul score, best first
   * @throws IllegalArgumentException if there is no positive vector, a dimension differs, {@code topn < 1} or
   *     {@code restrictVocab < 1}
   * @throws NullPointerException if the embedding, a list or array, or one of its words or vectors is null
   */
  public static List<Neighbor> mostSimilarCosMul(Embedding embedding, float[][] positive, float[][] negative,
      int topn, int restrictVocab) {
    Objects.requireNonNull(embedding, "embedding");
    Objects.requireNonNull(positive, "positive");
    Objects.requireNonNull(negative, "negative");
    for (float[] v : positive) {
      checkDimension(embedding, v);
    }
    for (float[] v : negative) {
      checkDimension(embedding, v);
    }
    return cosMul(embedding, positive, negative, topn, restrictVocab, new int[0]);
  }

  private static List<Neighbor> nearestToMean(Embedding embedding, float[] sum, int inputs, int topn,
      int restrictVocab, int[] exclude) {
    // gensim divides by the total weight before normalizing; the division changes nothing but float rounding,
    // kept so that near-ties break the same way.
    float total = inputs;
    for (int i = 0; i < sum.length; i++) {
      sum[i] /= total;
    }
    float[] query = unit(sum);
    int rows = Math.min(restrictVocab, embedding.searchableRows());
    TopK top = NearestNeighbors.search(embedding.vectors(), query, topn, Similarity.COSINE, rows,
        exclude.length == 0 ? null : id -> contains(exclude, id));
    return neighbors(top, embedding.vocabulary());
  }

  private static List<Neighbor> cosMul(Embedding embedding, float[][] positive, float[][] negative, int topn,
      int restrictVocab, int[] exclude) {
    if (positive.length == 0) {
      throw new IllegalArgumentException("3CosMul needs at least one positive word or vector");
    }
    checkArguments(positive.length, topn, restrictVocab);
    VectorTable table = embedding.vectors();
    int rows = Math.min(restrictVocab, embedding.searchableRows());
    float[] scores = new float[rows];
    for (int r = 0; r < rows; r++) {
      float norm = table.norm(r);
      float num = 1f;
      for (float[] p : positive) {
        num *= shiftedCosine(table.dot(p, r), norm);
      }
      float den = 1f;
      for (float[] n : negative) {
        den *= shiftedCosine(table.dot(n, r), norm);
      }
      scores[r] = num / (den + COSMUL_EPSILON);
    }
    return neighbors(best(scores, topn, exclude), embedding.vocabulary());
  }

  /** (1 + cos) / 2, with a zero row at cosine 0 (gensim would produce NaN there). */
  private static float shiftedCosine(float dot, float rowNorm) {
    float cos = rowNorm == 0f ? 0f : dot / rowNorm;
    return (1f + cos) / 2f;
  }

  /** The topn highest scores not excluded, ties by ascending id. */
  private static TopK best(float[] scores, int topn, int[] exclude) {
    int[] ids = new int[Math.min(topn, scores.length)];
    int size = 0;
    for (int r = 0; r < scores.length && ids.length > 0; r++) {
      if (size == ids.length && scores[r] <= scores[ids[size - 1]] || contains(exclude, r)) {
        continue;
      }
      // Insertion into a short sorted array: topn is small, and rows arrive in id order, so a strictly higher
      // score is the only way past an equal one.
      int i = size < ids.length ? size++ : size - 1;
      while (i > 0 && scores[r] > scores[ids[i - 1]]) {
        ids[i] = ids[i - 1];
        i--;
      }
      ids[i] = r;
    }
    int[] found = Arrays.copyOf(ids, size);
    float[] foundScores = new float[size];
    for (int i = 0; i < size; i++) {
      foundScores[i] = scores[found[i]];
    }
    return new TopK(found, foundScores);
  }

  private static List<Neighbor> neighbors(TopK top, Vocabulary vocabulary) {
    List<Neighbor> out = new ArrayList<>(top.size());
    for (int i = 0; i < top.size(); i++) {
      out.add(new Neighbor(top.id(i), vocabulary.token(top.id(i)), top.score(i)));
    }
    return out;
  }

  private static int[] ids(Embedding embedding, List<String> words, String name) {
    Objects.requireNonNull(embedding, "embedding");
    Objects.requireNonNull(words, name);
    Vocabulary vocabulary = embedding.vocabulary();
    int[] ids = new int[words.size()];
    for (int i = 0; i < ids.length; i++) {
      int index = i;
      ids[i] = vocabulary.id(Objects.requireNonNull(words.get(i), () -> name + "[" + index + "]"));
    }
    return ids;
  }

  private static void checkArguments(int inputs, int topn, int restrictVocab) {
    if (inputs == 0) {
      throw new IllegalArgumentException("no input: give at least one positive or negative word or vector");
    }
    if (topn < 1) {
      throw new IllegalArgumentException("topn must be >= 1: " + topn);
    }
    if (restrictVocab < 1) {
      throw new IllegalArgumentException("restrictVocab must be >= 1: " + restrictVocab);
    }
  }

  private static float[] checkDimension(Embedding embedding, float[] v) {
    Objects.requireNonNull(v, "vector");
    if (v.length != embedding.dimension()) {
      throw new IllegalArgumentException("vector dimensions differ: " + v.length + " != " + embedding.dimension());
    }
    return v;
  }

  /** Adds {@code weight * row / |row|} to {@code into}, dividing as gensim's {@code get_vector(norm=True)}. */
  private static float[] addUnitRow(VectorTable table, int id, float weight, float[] into) {
    float[] row = table.row(id);
    float norm = table.norm(id);
    for (int i = 0; i < row.length; i++) {
      into[i] += weight * (row[i] / norm);
    }
    return into;
  }

  private static void addScaled(float[] v, float weight, float[] into) {
    for (int i = 0; i < v.length; i++) {
      into[i] += weight * v[i];
    }
  }

  /**
   * Returns {@code v} scaled to unit length, multiplying by the reciprocal of the norm as gensim's
   * {@code matutils.unitvec}; a zero vector is returned unchanged.
   */
  static float[] unit(float[] v) {
    double sq = 0;
    for (float x : v) {
      sq += (double) x * x;
    }
    float norm = (float) Math.sqrt(sq);
    if (norm == 0f) {
      return v;
    }
    float inverse = 1f / norm;
    float[] out = Arrays.copyOf(v, v.length);
    for (int i = 0; i < out.length; i++) {
      out[i] *= inverse;
    }
    return out;
  }

  private static int[] concat(int[] a, int[] b) {
    int[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static boolean contains(int[] ids, int id) {
    return IntStream.of(ids).anyMatch(i -> i == id);
  }
}
