package io.github.embeddings4j.tfidf;

import io.github.embeddings4j.DType;
import io.github.embeddings4j.Embedding;
import io.github.embeddings4j.Tokenizer;
import io.github.embeddings4j.VectorTable;
import io.github.embeddings4j.Vocabulary;
import io.github.embeddings4j.WordVectors;
import io.github.embeddings4j.tfidf.TfIdfConfig.Normalization;
import io.github.embeddings4j.tfidf.TfIdfConfig.TermFrequency;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TF-IDF model fitted to a collection of documents: the vocabulary, each term's document frequency and idf,
 * the weighted document-term matrix of the collection, and a transform for new documents.
 *
 * <p>The weight of term t in document d is {@code tf(t, d) * idf(t)}, then each document vector is normalized
 * (see {@link TfIdfConfig}). All arithmetic is float64, and the matrices hold float64 values, as scikit-learn's
 * {@code TfidfVectorizer} (its default dtype); {@link #terms()} stores float32 vectors, as every
 * {@link Embedding}.
 *
 * <p><b>Term ids</b> are deterministic: the vocabulary is sorted by Unicode code point (Python's string order,
 * so the columns are scikit-learn's {@code get_feature_names_out()} order), whatever the order of the documents
 * or of the threads that tokenize them.
 *
 * <p><b>Edge cases.</b> An empty document (or one whose every token is filtered out) is a row of zeros and still
 * counts in N. A single document is allowed; note that with the article's idf {@code ln(N / df)} every term of a
 * one-document collection has idf 0, so every weight is 0. A collection with no document, or where no term is
 * left (nothing tokenized at all, or every term outside {@code minDf}/{@code maxDf}), is an
 * {@link IllegalArgumentException} saying which.
 *
 * <pre>{@code
 * TfIdf model = TfIdf.fit(TfIdf.chunks(text, 10), TfIdfConfig.article());
 * Embedding terms = model.terms();            // every term as a 10-dimensional vector
 * SparseVector v = model.transform("to be or not to be");
 * }</pre>
 *
 * <p>Instances are immutable and safe for use by many threads.
 */
public final class TfIdf {
  private static final Logger LOG = LoggerFactory.getLogger(TfIdf.class);

  private final TfIdfConfig config;
  private final Vocabulary vocabulary;
  private final int[] documentFrequency;
  private final double[] idf;
  private final SparseMatrix documentTerms;

  private TfIdf(TfIdfConfig config, Vocabulary vocabulary, int[] documentFrequency, double[] idf,
      SparseMatrix documentTerms) {
    this.config = config;
    this.vocabulary = vocabulary;
    this.documentFrequency = documentFrequency;
    this.idf = idf;
    this.documentTerms = documentTerms;
  }

  /** A document's distinct terms with their counts, and its length in tokens. */
  private record Counted(String[] terms, int[] counts, int length) {}

  /**
   * Fits a model to documents: tokenizes them (in parallel), selects the vocabulary, computes the idf and the
   * weighted document-term matrix.
   *
   * @param documents the collection, at least one document (may be empty strings)
   * @param config how to weight
   * @return the fitted model
   * @throws IllegalArgumentException if there is no document, no term at all, or every term is outside the
   *     document-frequency bounds (the message gives the counts and bounds), or if {@code maxDf} is below
   *     {@code minDf} for this collection
   * @throws NullPointerException if a document is null
   */
  public static TfIdf fit(List<String> documents, TfIdfConfig config) {
    Objects.requireNonNull(config, "config");
    int n = documents.size();
    if (n == 0) {
      throw new IllegalArgumentException("no documents to fit TF-IDF to");
    }
    Counted[] counted = count(documents, config);

    Map<String, Integer> provisional = new HashMap<>();
    List<String> names = new ArrayList<>();
    int[] df = new int[1024];
    long[] total = new long[1024];
    int[][] docIds = new int[n][];
    for (int d = 0; d < n; d++) {
      Counted c = counted[d];
      int[] ids = new int[c.terms.length];
      for (int i = 0; i < ids.length; i++) {
        Integer id = provisional.putIfAbsent(c.terms[i], names.size());
        if (id == null) {
          id = names.size();
          names.add(c.terms[i]);
          if (id == df.length) {
            df = Arrays.copyOf(df, 2 * id);
            total = Arrays.copyOf(total, 2 * id);
          }
        }
        ids[i] = id;
        df[id]++;
        total[id] += c.counts[i];
      }
      docIds[d] = ids;
    }
    if (names.isEmpty()) {
      throw new IllegalArgumentException("no terms: all " + n + " documents are empty after tokenization");
    }

    int[] finalIds = selectVocabulary(names, df, total, n, config);
    int v = 0;
    for (int id : finalIds) {
      v = Math.max(v, id + 1);
    }
    String[] terms = new String[v];
    int[] termDf = new int[v];
    long[] termTotal = new long[v];
    for (int p = 0; p < finalIds.length; p++) {
      if (finalIds[p] >= 0) {
        terms[finalIds[p]] = names.get(p);
        termDf[finalIds[p]] = df[p];
        termTotal[finalIds[p]] = total[p];
      }
    }
    double[] idf = new double[v];
    for (int t = 0; t < v; t++) {
      idf[t] = idf(config.idf(), n, termDf[t]);
    }
    for (int d = 0; d < n; d++) {
      int[] ids = docIds[d];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = finalIds[ids[i]];
      }
    }
    SparseMatrix matrix = weigh(n, v, i -> docIds[i], i -> counted[i].counts, i -> counted[i].length, idf, config);
    LOG.debug("TF-IDF fitted: {} documents, {} terms ({} before filtering), {} nonzeros", n, v, names.size(),
        matrix.nonZeros());
    return new TfIdf(config, Vocabulary.of(Arrays.asList(terms), termTotal), termDf, idf, matrix);
  }

  private static Counted[] count(List<String> documents, TfIdfConfig config) {
    Counted[] out = new Counted[documents.size()];
    IntStream.range(0, out.length).parallel().forEach(d -> out[d] = count(documents.get(d), config));
    return out;
  }

  private static Counted count(String document, TfIdfConfig config) {
    Objects.requireNonNull(document, "document");
    String text = config.lowercase() ? document.toLowerCase(Locale.ROOT) : document;
    List<String> tokens = config.tokenizer().tokenize(text);
    Map<String, int[]> counts = new HashMap<>(Math.max(16, tokens.size() / 2));
    for (String token : tokens) {
      int[] c = counts.get(token);
      if (c == null) {
        counts.put(token, new int[] {1});
      } else {
        c[0]++;
      }
    }
    String[] terms = new String[counts.size()];
    int[] freq = new int[counts.size()];
    int i = 0;
    for (Map.Entry<String, int[]> e : counts.entrySet()) {
      terms[i] = e.getKey();
      freq[i++] = e.getValue()[0];
    }
    return new Counted(terms, freq, tokens.size());
  }

  /** Returns the final id of every provisional term, -1 for those dropped; final ids follow code-point order. */
  private static int[] selectVocabulary(List<String> names, int[] df, long[] total, int n, TfIdfConfig config) {
    double maxDocs = config.maxDf().documents(n);
    double minDocs = config.minDf().documents(n);
    if (maxDocs < minDocs) {
      throw new IllegalArgumentException("maxDf " + config.maxDf() + " (" + maxDocs + " documents) is below minDf "
          + config.minDf() + " (" + minDocs + " documents) for " + n + " documents");
    }
    Integer[] order = new Integer[names.size()];
    for (int p = 0; p < order.length; p++) {
      order[p] = p;
    }
    Arrays.sort(order, (a, b) -> compareCodePoints(names.get(a), names.get(b)));
    List<Integer> kept = new ArrayList<>();
    for (int p : order) {
      if (df[p] >= minDocs && df[p] <= maxDocs) {
        kept.add(p);
      }
    }
    if (kept.isEmpty()) {
      throw new IllegalArgumentException("no terms remain: all " + names.size() + " terms of the " + n
          + " documents are outside minDf " + config.minDf() + " / maxDf " + config.maxDf()
          + "; lower minDf or raise maxDf");
    }
    if (kept.size() > config.maxFeatures()) {
      // The most frequent in the whole collection; a stable sort keeps the alphabetical order among ties.
      List<Integer> byFrequency = new ArrayList<>(kept);
      byFrequency.sort((a, b) -> Long.compare(total[b], total[a]));
      List<Integer> top = byFrequency.subList(0, config.maxFeatures());
      top.sort((a, b) -> compareCodePoints(names.get(a), names.get(b)));
      kept = top;
    }
    int[] finalIds = new int[names.size()];
    Arrays.fill(finalIds, -1);
    for (int i = 0; i < kept.size(); i++) {
      finalIds[kept.get(i)] = i;
    }
    return finalIds;
  }

  /** Python's string order: by code point (String.compareTo orders UTF-16 units, not the same past U+FFFF). */
  static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }

  private static double idf(TfIdfConfig.InverseDocumentFrequency variant, int n, int df) {
    switch (variant) {
      case LN:
        return Math.log((double) n / df);
      case LN_PLUS_ONE:
        return Math.log((double) n / df) + 1;
      case SMOOTH_LN_PLUS_ONE:
        return Math.log((1.0 + n) / (1.0 + df)) + 1;
      default:
        throw new AssertionError(variant);
    }
  }

  private interface IntArrays {
    int[] get(int document);
  }

  private interface Lengths {
    int get(int document);
  }

  /** Builds the weighted CSR matrix from each document's term ids (-1: not in the vocabulary) and counts. */
  private static SparseMatrix weigh(int n, int v, IntArrays ids, IntArrays counts, Lengths lengths, double[] idf,
      TfIdfConfig config) {
    int[][] rowIndices = new int[n][];
    double[][] rowValues = new double[n][];
    IntStream.range(0, n).parallel().forEach(d -> {
      int[] termIds = ids.get(d);
      int[] termCounts = counts.get(d);
      long[] packed = new long[termIds.length];
      int m = 0;
      for (int i = 0; i < termIds.length; i++) {
        if (termIds[i] >= 0) {
          packed[m++] = ((long) termIds[i] << 32) | termCounts[i];
        }
      }
      Arrays.sort(packed, 0, m);
      int[] index = new int[m];
      double[] value = new double[m];
      int length = lengths.get(d);
      for (int i = 0; i < m; i++) {
        int t = (int) (packed[i] >>> 32);
        int count = (int) packed[i];
        index[i] = t;
        value[i] = tf(config.tf(), count, length) * idf[t];
      }
      normalize(config.norm(), value);
      rowIndices[d] = index;
      rowValues[d] = value;
    });
    int[] indptr = new int[n + 1];
    for (int d = 0; d < n; d++) {
      indptr[d + 1] = indptr[d] + rowIndices[d].length;
    }
    int[] indices = new int[indptr[n]];
    double[] values = new double[indptr[n]];
    for (int d = 0; d < n; d++) {
      System.arraycopy(rowIndices[d], 0, indices, indptr[d], rowIndices[d].length);
      System.arraycopy(rowValues[d], 0, values, indptr[d], rowValues[d].length);
    }
    return new SparseMatrix(n, v, indptr, indices, values, false);
  }

  private static double tf(TermFrequency variant, int count, int length) {
    switch (variant) {
      case RAW:
        return count;
      case LENGTH_NORMALIZED:
        return (double) count / length;
      case SUBLINEAR:
        return 1 + Math.log(count);
      default:
        throw new AssertionError(variant);
    }
  }

  private static void normalize(Normalization norm, double[] values) {
    double s = 0;
    if (norm == Normalization.L2) {
      for (double x : values) {
        s += x * x;
      }
      s = Math.sqrt(s);
    } else if (norm == Normalization.L1) {
      for (double x : values) {
        s += Math.abs(x);
      }
    } else {
      return;
    }
    if (s > 0) {
      for (int i = 0; i < values.length; i++) {
        values[i] /= s;
      }
    }
  }

  /**
   * Weighs a new document with the fitted vocabulary and idf; terms outside the vocabulary are ignored (but
   * count in the document's length for {@link TermFrequency#LENGTH_NORMALIZED}).
   *
   * @param document any text
   * @return its vector, of length {@code vocabulary().size()}
   */
  public SparseVector transform(String document) {
    return transform(List.of(document)).row(0);
  }

  /**
   * Weighs new documents with the fitted vocabulary and idf (in parallel).
   *
   * @param documents any texts
   * @return one row per document, {@code vocabulary().size()} columns
   * @throws NullPointerException if a document is null
   */
  public SparseMatrix transform(List<String> documents) {
    Counted[] counted = count(documents, config);
    int[][] ids = new int[counted.length][];
    for (int d = 0; d < counted.length; d++) {
      String[] terms = counted[d].terms;
      ids[d] = new int[terms.length];
      for (int i = 0; i < terms.length; i++) {
        ids[d][i] = vocabulary.idOrMinusOne(terms[i]);
      }
    }
    return weigh(counted.length, vocabulary.size(), d -> ids[d], d -> counted[d].counts, d -> counted[d].length,
        idf, config);
  }

  /**
   * Returns each term as a vector of its weights across the fitted documents: the columns of
   * {@link #documentTerms()} as float32 rows, term id i in row i (the article's "10-dimensional embedding" for
   * a text cut into 10 chunks). Its {@link Embedding#embed(String)} tokenizes as this model does.
   *
   * @return an embedding of dimension {@code documentTerms().rows()}
   */
  public Embedding terms() {
    SparseMatrix t = documentTerms.transpose();
    VectorTable.Builder b = VectorTable.builder(DType.F32, t.rows(), t.columns());
    float[] row = new float[t.columns()];
    int[] indptr = t.indptrView();
    int[] indices = t.indicesView();
    double[] values = t.valuesView();
    for (int term = 0; term < t.rows(); term++) {
      Arrays.fill(row, 0f);
      for (int p = indptr[term]; p < indptr[term + 1]; p++) {
        row[indices[p]] = (float) values[p];
      }
      b.set(term, row);
    }
    Tokenizer tokenizer = config.tokenizer();
    Tokenizer own = config.lowercase() ? text -> tokenizer.tokenize(text.toLowerCase(Locale.ROOT)) : tokenizer;
    return new WordVectors(vocabulary, b.build(), own);
  }

  /**
   * Cuts a text into {@code n} chunks of about equal length in characters, for fitting TF-IDF to parts of one
   * long text. Chunk boundaries: the i-th cut is aimed at character {@code round(i * length / n)} and moved
   * forward to the next whitespace character, so no word is split; the whitespace starts the next chunk. The
   * chunks, concatenated, are the text. Always returns n chunks; some are empty when the text is short or has
   * long runs without whitespace.
   *
   * @param text any text
   * @param n how many chunks, at least 1
   * @return the n chunks in text order
   * @throws IllegalArgumentException if {@code n < 1}
   */
  public static List<String> chunks(String text, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("chunk count must be >= 1, got " + n);
    }
    List<String> out = new ArrayList<>(n);
    int length = text.length();
    int start = 0;
    for (int i = 1; i <= n; i++) {
      int end = i == n ? length : Math.max(start, (int) Math.round((double) i * length / n));
      while (end < length && !Character.isWhitespace(text.charAt(end))) {
        end++;
      }
      out.add(text.substring(start, end));
      start = end;
    }
    return out;
  }

  /**
   * Returns the configuration it was fitted with.
   *
   * @return the configuration
   */
  public TfIdfConfig config() {
    return config;
  }

  /**
   * Returns the terms, id = column; sorted by code point, with their counts in the whole collection.
   *
   * @return the vocabulary
   */
  public Vocabulary vocabulary() {
    return vocabulary;
  }

  /**
   * Returns the idf of every term, by term id (scikit-learn's {@code idf_}).
   *
   * @return a copy
   */
  public double[] idf() {
    return idf.clone();
  }

  /**
   * Returns the idf of a term.
   *
   * @param term a term of the vocabulary
   * @return its idf
   * @throws io.github.embeddings4j.UnknownTokenException if the term is not in the vocabulary
   */
  public double idf(String term) {
    return idf[vocabulary.id(term)];
  }

  /**
   * Returns the number of fitted documents that contain each term, by term id.
   *
   * @return a copy
   */
  public int[] documentFrequency() {
    return documentFrequency.clone();
  }

  /**
   * Returns the number of documents fitted.
   *
   * @return N
   */
  public int documents() {
    return documentTerms.rows();
  }

  /**
   * Returns the weighted document-term matrix of the fitted documents (scikit-learn's {@code fit_transform}):
   * one row per document, one column per term id.
   *
   * @return the matrix
   */
  public SparseMatrix documentTerms() {
    return documentTerms;
  }

  @Override
  public String toString() {
    return "TfIdf[documents=" + documentTerms.rows() + ", terms=" + vocabulary.size() + ", " + config.tf() + ", "
        + config.idf() + ", " + config.norm() + "]";
  }
}
