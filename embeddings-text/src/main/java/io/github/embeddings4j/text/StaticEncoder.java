package io.github.embeddings4j.text;

import io.github.embeddings4j.Embedding;
import io.github.embeddings4j.Tokenizer;
import io.github.embeddings4j.VectorTable;
import io.github.embeddings4j.Vocabulary;
import io.github.embeddings4j.WordVectors;
import io.github.embeddings4j.llm.TokenEmbeddings;
import io.github.embeddings4j.tfidf.SparseVector;
import io.github.embeddings4j.tfidf.TfIdf;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One vector per text from the rows of a static {@link Embedding} (word2vec, a vector file, an LLM token table):
 * a weighted mean of the rows of the text's tokens.
 *
 * <ul>
 *   <li>{@link #mean}: every token weighs 1.
 *   <li>{@link #tfIdf}: the text's TF-IDF weights from a fitted {@link TfIdf} (its tokenization and settings):
 *       Σ w(t)·v(t) / Σ w(t) over the text's terms.
 *   <li>{@link #sif}: Arora, Liang &amp; Ma (2017), "A simple but tough-to-beat baseline for sentence embeddings":
 *       each token weighs a / (a + p(w)), p from {@link WordFrequencies} (a word never counted weighs 1, as the
 *       authors' code), the weighted sum divided by the number of tokens; then {@link
 *       #withCommonComponentRemoved} fits the first singular vector u of the vectors of a collection (uncentred,
 *       as their TruncatedSVD) and every vector becomes v − (u·v)u.
 * </ul>
 *
 * <p>The tokenizer is the embedding's own: a {@link WordVectors}'s {@link WordVectors#tokenizer()}, a {@link
 * TokenEmbeddings}'s Hugging Face tokenizer (no special tokens); for other embeddings pass one. Tokens without a
 * row are left out and counted in {@link TextVector#skippedTokens()}.
 *
 * <p><b>Texts with no known token</b> (or, for TF-IDF, whose known terms all weigh 0) give an <em>empty</em>
 * result: a zero vector with {@link TextVector#empty()} true, never NaN. The common component leaves it zero.
 *
 * <pre>{@code
 * WordVectors w2v = model.vectors();
 * TextEncoder sif = StaticEncoder.sif(w2v, WordFrequencies.of(w2v.vocabulary()), 1e-3)
 *     .withCommonComponentRemoved(sentences);
 * float[] v = sif.encode("a man is playing a guitar").vector();
 * }</pre>
 *
 * <p>Immutable and thread-safe as long as the embedding is.
 */
public final class StaticEncoder implements TextEncoder {
  /** SIF's default a. */
  public static final double DEFAULT_SIF_A = 1e-3;

  private static final Logger LOG = LoggerFactory.getLogger(StaticEncoder.class);
  private static final int MAX_ITERATIONS = 10_000;

  /** How tokens are weighed. */
  private enum Kind { MEAN, TF_IDF, SIF }

  private final Embedding embedding;
  private final VectorTable table;
  private final Function<String, int[]> ids;
  private final Kind kind;
  private final double[] weights;
  private final TfIdf tfIdf;
  private final int[] tfIdfToEmbedding;
  private final double[] component;

  private StaticEncoder(Embedding embedding, Function<String, int[]> ids, Kind kind, double[] weights,
      TfIdf tfIdf, int[] tfIdfToEmbedding, double[] component) {
    this.embedding = embedding;
    this.table = embedding.vectors();
    this.ids = ids;
    this.kind = kind;
    this.weights = weights;
    this.tfIdf = tfIdf;
    this.tfIdfToEmbedding = tfIdfToEmbedding;
    this.component = component;
  }

  /**
   * The mean of the rows of the text's tokens, with the embedding's own tokenizer.
   *
   * @param embedding a {@link WordVectors} or a {@link TokenEmbeddings}
   * @return the encoder
   * @throws IllegalArgumentException if the embedding has no tokenizer this class knows (pass one)
   */
  public static StaticEncoder mean(Embedding embedding) {
    return new StaticEncoder(embedding, ids(embedding), Kind.MEAN, null, null, null, null);
  }

  /**
   * The mean of the rows of the text's tokens.
   *
   * @param embedding any embedding
   * @param tokenizer cuts texts into the embedding's tokens
   * @return the encoder
   */
  public static StaticEncoder mean(Embedding embedding, Tokenizer tokenizer) {
    return new StaticEncoder(embedding, ids(embedding, tokenizer), Kind.MEAN, null, null, null, null);
  }

  /**
   * The TF-IDF weighted mean: Σ w(t)·v(t) / Σ w(t) over the terms of {@code tfIdf.transform(text)} that have a
   * row in the embedding (terms outside the TF-IDF vocabulary weigh nothing). The TF-IDF model's tokenizer
   * decides the terms, so it should cut texts as the embedding does.
   *
   * @param embedding any embedding
   * @param tfIdf a fitted TF-IDF model
   * @return the encoder
   */
  public static StaticEncoder tfIdf(Embedding embedding, TfIdf tfIdf) {
    Objects.requireNonNull(embedding, "embedding");
    Objects.requireNonNull(tfIdf, "tfIdf");
    Vocabulary terms = tfIdf.vocabulary();
    Vocabulary rows = embedding.vocabulary();
    int[] map = new int[terms.size()];
    for (int i = 0; i < map.length; i++) {
      map[i] = rows.idOrMinusOne(terms.token(i));
    }
    return new StaticEncoder(embedding, null, Kind.TF_IDF, null, tfIdf, map, null);
  }

  /**
   * SIF weights a / (a + p(w)) with the embedding's own tokenizer; call {@link #withCommonComponentRemoved} to
   * complete SIF.
   *
   * @param embedding a {@link WordVectors} or a {@link TokenEmbeddings}
   * @param frequencies p(w), e.g. {@code WordFrequencies.of(w2v.vocabulary())}
   * @param a the smoothing weight, {@link #DEFAULT_SIF_A} in the paper
   * @return the encoder
   * @throws IllegalArgumentException if {@code a} is not positive and finite, or the embedding has no tokenizer
   *     this class knows
   */
  public static StaticEncoder sif(Embedding embedding, WordFrequencies frequencies, double a) {
    return weighedBySif(embedding, ids(embedding), frequencies, a);
  }

  /**
   * SIF weights a / (a + p(w)) with a given tokenizer; call {@link #withCommonComponentRemoved} to complete SIF.
   *
   * @param embedding any embedding
   * @param tokenizer cuts texts into the embedding's tokens
   * @param frequencies p(w)
   * @param a the smoothing weight, {@link #DEFAULT_SIF_A} in the paper
   * @return the encoder
   * @throws IllegalArgumentException if {@code a} is not positive and finite
   */
  public static StaticEncoder sif(Embedding embedding, Tokenizer tokenizer, WordFrequencies frequencies,
      double a) {
    return weighedBySif(embedding, ids(embedding, tokenizer), frequencies, a);
  }

  private static StaticEncoder weighedBySif(Embedding embedding, Function<String, int[]> ids,
      WordFrequencies frequencies, double a) {
    Objects.requireNonNull(frequencies, "frequencies");
    if (!(a > 0) || Double.isInfinite(a)) {
      throw new IllegalArgumentException("a must be positive and finite, got " + a);
    }
    Vocabulary v = embedding.vocabulary();
    double[] w = new double[v.size()];
    for (int id = 0; id < w.length; id++) {
      w[id] = a / (a + frequencies.probability(v.token(id)));
    }
    return new StaticEncoder(embedding, ids, Kind.SIF, w, null, null, null);
  }

  /**
   * Returns an encoder that also removes the common component of a collection: u, the first right singular
   * vector of the matrix of this encoder's vectors of the texts (uncentred), found by power iteration; every
   * vector v becomes v − (u·v)u. This is SIF's second step; it works after any weighting.
   *
   * @param collection the texts to fit u on (the texts that will be compared, or a sample of them)
   * @return the new encoder (this one is unchanged)
   * @throws IllegalArgumentException if no text of the collection has a known token
   * @throws IllegalStateException if this encoder already removes a component
   */
  public StaticEncoder withCommonComponentRemoved(List<String> collection) {
    Objects.requireNonNull(collection, "collection");
    if (component != null) {
      throw new IllegalStateException("the common component is already removed");
    }
    List<double[]> rows = new ArrayList<>(collection.size());
    for (String text : collection) {
      Pooled p = pool(Objects.requireNonNull(text, "a text of the collection is null"));
      if (p.tokens > 0) {
        rows.add(p.vector);
      }
    }
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("none of the " + collection.size() + " texts has a known token");
    }
    double[] u = firstSingularVector(rows, table.dimension());
    return new StaticEncoder(embedding, ids, kind, weights, tfIdf, tfIdfToEmbedding, u);
  }

  /**
   * Returns the common component removed from every vector, if any.
   *
   * @return a copy of u (unit length), or empty
   */
  public Optional<float[]> commonComponent() {
    if (component == null) {
      return Optional.empty();
    }
    float[] u = new float[component.length];
    for (int i = 0; i < u.length; i++) {
      u[i] = (float) component[i];
    }
    return Optional.of(u);
  }

  @Override
  public int dimension() {
    return table.dimension();
  }

  /**
   * Encodes a text.
   *
   * @param text any text
   * @return its vector; {@link TextVector#empty()} (a zero vector) when no token of it has a row
   * @throws NullPointerException if {@code text} is null
   */
  @Override
  public TextVector encode(String text) {
    Objects.requireNonNull(text, "text");
    Pooled p = pool(text);
    double[] v = p.vector;
    if (component != null && p.tokens > 0) {
      double dot = 0;
      for (int i = 0; i < v.length; i++) {
        dot += component[i] * v[i];
      }
      for (int i = 0; i < v.length; i++) {
        v[i] -= dot * component[i];
      }
    }
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) v[i];
    }
    return new TextVector(out, p.tokens, p.skipped);
  }

  @Override
  public String toString() {
    return "StaticEncoder[" + kind + (component != null ? " - common component" : "") + ", " + dimension()
        + " dimensions]";
  }

  private record Pooled(double[] vector, int tokens, int skipped) {}

  private Pooled pool(String text) {
    int d = table.dimension();
    double[] sum = new double[d];
    float[] row = new float[d];
    int used = 0;
    int skipped = 0;
    if (kind == Kind.TF_IDF) {
      SparseVector s = tfIdf.transform(text);
      double total = 0;
      for (int k = 0; k < s.indices().length; k++) {
        int id = tfIdfToEmbedding[s.indices()[k]];
        double w = s.values()[k];
        if (id < 0) {
          skipped++;
        } else if (w != 0) {
          used++;
          total += w;
          add(sum, table.row(id, row), w);
        }
      }
      if (total != 0) {
        scale(sum, 1 / total);
      } else {
        used = 0;
        java.util.Arrays.fill(sum, 0);
      }
      return new Pooled(sum, used, skipped);
    }
    for (int id : ids.apply(text)) {
      if (id < 0) {
        skipped++;
      } else {
        used++;
        add(sum, table.row(id, row), kind == Kind.SIF ? weights[id] : 1);
      }
    }
    if (used > 0) {
      scale(sum, 1.0 / used);
    }
    return new Pooled(sum, used, skipped);
  }

  private static void add(double[] sum, float[] row, double w) {
    for (int i = 0; i < sum.length; i++) {
      sum[i] += w * row[i];
    }
  }

  private static void scale(double[] v, double f) {
    for (int i = 0; i < v.length; i++) {
      v[i] *= f;
    }
  }

  /**
   * The first right singular vector of the rows (the top eigenvector of XᵀX) by power iteration from the rows'
   * sum, its largest component made positive so the result does not depend on the start.
   */
  static double[] firstSingularVector(List<double[]> rows, int dimension) {
    double[] x = new double[dimension];
    for (double[] r : rows) {
      add(x, r);
    }
    if (normalize(x) == 0) {
      java.util.Arrays.fill(x, 1 / Math.sqrt(dimension));
    }
    double[] y = new double[dimension];
    int iteration = 0;
    for (; iteration < MAX_ITERATIONS; iteration++) {
      java.util.Arrays.fill(y, 0);
      for (double[] r : rows) {
        double s = 0;
        for (int i = 0; i < dimension; i++) {
          s += r[i] * x[i];
        }
        for (int i = 0; i < dimension; i++) {
          y[i] += s * r[i];
        }
      }
      if (normalize(y) == 0) {
        break;
      }
      double change = 0;
      for (int i = 0; i < dimension; i++) {
        change = Math.max(change, Math.abs(y[i] - x[i]));
      }
      double[] t = x;
      x = y;
      y = t;
      if (change < 1e-12) {
        break;
      }
    }
    LOG.debug("common component of {} vectors: {} power iterations", rows.size(), iteration + 1);
    int largest = 0;
    for (int i = 1; i < dimension; i++) {
      if (Math.abs(x[i]) > Math.abs(x[largest])) {
        largest = i;
      }
    }
    if (x[largest] < 0) {
      scale(x, -1);
    }
    return x;
  }

  private static void add(double[] sum, double[] row) {
    for (int i = 0; i < sum.length; i++) {
      sum[i] += row[i];
    }
  }

  private static double normalize(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x * x;
    }
    double n = Math.sqrt(s);
    if (n > 0) {
      scale(v, 1 / n);
    }
    return n;
  }

  private static Function<String, int[]> ids(Embedding embedding) {
    Objects.requireNonNull(embedding, "embedding");
    if (embedding instanceof WordVectors w) {
      return ids(embedding, w.tokenizer());
    }
    if (embedding instanceof TokenEmbeddings t) {
      int rows = t.vocabulary().size();
      return text -> {
        int[] ids = t.encode(text).ids();
        for (int i = 0; i < ids.length; i++) {
          if (ids[i] >= rows) {
            ids[i] = -1;
          }
        }
        return ids;
      };
    }
    throw new IllegalArgumentException("no tokenizer is known for a " + embedding.getClass().getName()
        + ": pass one");
  }

  private static Function<String, int[]> ids(Embedding embedding, Tokenizer tokenizer) {
    Objects.requireNonNull(embedding, "embedding");
    Objects.requireNonNull(tokenizer, "tokenizer");
    Vocabulary v = embedding.vocabulary();
    return text -> {
      List<String> tokens = tokenizer.tokenize(text);
      int[] out = new int[tokens.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = v.idOrMinusOne(tokens.get(i));
      }
      return out;
    };
  }
}
