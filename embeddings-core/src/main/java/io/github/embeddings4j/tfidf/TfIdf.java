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
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
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
  /** The vocabulary again, for lookups by span: built on the first transform, read-only after. */
  private volatile TermTable table;

  private TfIdf(TfIdfConfig config, Vocabulary vocabulary, int[] documentFrequency, double[] idf,
      SparseMatrix documentTerms) {
    this.config = config;
    this.vocabulary = vocabulary;
    this.documentFrequency = documentFrequency;
    this.idf = idf;
    this.documentTerms = documentTerms;
  }

  private TermTable table() {
    TermTable t = table;
    if (t == null) {
      synchronized (this) {
        t = table;
        if (t == null) {
          t = new TermTable();
          for (String term : vocabulary.tokens()) {
            t.id(term, true);
          }
          table = t;
        }
      }
    }
    return t;
  }

  /** Each document's distinct term ids (-1 for none) with their counts, and its length in tokens. */
  private record Counted(int[][] ids, int[][] counts, int[] lengths) {}

  /**
   * Fits a model to documents: tokenizes and counts them, selects the vocabulary, computes the idf and the
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
    TermTable provisional = new TermTable();
    Counted counted = count(documents, config, provisional, true);
    int distinct = provisional.size();
    if (distinct == 0) {
      throw new IllegalArgumentException("no terms: all " + n + " documents are empty after tokenization");
    }
    int[] df = new int[distinct];
    long[] total = new long[distinct];
    for (int d = 0; d < n; d++) {
      int[] ids = counted.ids[d];
      int[] counts = counted.counts[d];
      for (int i = 0; i < ids.length; i++) {
        df[ids[i]]++;
        total[ids[i]] += counts[i];
      }
    }
    int[] finalIds = selectVocabulary(provisional, df, total, n, config);
    int v = 0;
    for (int id : finalIds) {
      v = Math.max(v, id + 1);
    }
    String[] terms = new String[v];
    int[] termDf = new int[v];
    long[] termTotal = new long[v];
    for (int p = 0; p < finalIds.length; p++) {
      if (finalIds[p] >= 0) {
        terms[finalIds[p]] = provisional.term(p);
        termDf[finalIds[p]] = df[p];
        termTotal[finalIds[p]] = total[p];
      }
    }
    double[] idf = new double[v];
    for (int t = 0; t < v; t++) {
      idf[t] = idf(config.idf(), n, termDf[t]);
    }
    for (int[] ids : counted.ids) {
      for (int i = 0; i < ids.length; i++) {
        ids[i] = finalIds[ids[i]];
      }
    }
    SparseMatrix matrix = weigh(counted, v, idf, config);
    LOG.debug("TF-IDF fitted: {} documents, {} terms ({} before filtering), {} nonzeros", n, v, distinct,
        matrix.nonZeros());
    return new TfIdf(config, Vocabulary.of(Arrays.asList(terms), termTotal), termDf, idf, matrix);
  }

  /**
   * Tokenizes and counts documents against a term table (inserting new terms, or mapping them to -1 when
   * {@code insert} is false). The collection is cut into one contiguous part per processor, counted in parallel;
   * when inserting, each part fills its own table and the parts' terms are then merged into {@code table}. The
   * built-in tokenizers are scanned as spans, without a substring per token.
   */
  private static Counted count(List<String> documents, TfIdfConfig config, TermTable table, boolean insert) {
    int n = documents.size();
    Counted out = new Counted(new int[n][], new int[n][], new int[n]);
    int parts = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), n / 32));
    TermTable[] tables = new TermTable[parts];
    IntStream.range(0, parts).parallel().forEach(p -> {
      TermTable local = insert ? new TermTable() : table;
      tables[p] = local;
      countRange(documents, (int) ((long) n * p / parts), (int) ((long) n * (p + 1) / parts), config, local,
          insert, out);
    });
    if (insert) {
      for (int p = 0; p < parts; p++) {
        int[] global = new int[tables[p].size()];
        for (int id = 0; id < global.length; id++) {
          global[id] = table.id(tables[p].term(id), true);
        }
        for (int d = (int) ((long) n * p / parts); d < (int) ((long) n * (p + 1) / parts); d++) {
          int[] ids = out.ids[d];
          for (int i = 0; i < ids.length; i++) {
            ids[i] = global[ids[i]];
          }
        }
      }
    }
    return out;
  }

  private static void countRange(List<String> documents, int from, int to, TfIdfConfig config, TermTable table,
      boolean insert, Counted out) {
    Spans spans = Spans.of(config.tokenizer(), config.lowercase());
    DocumentCounter counter = new DocumentCounter(table, insert);
    for (int d = from; d < to; d++) {
      counter.start();
      int index = d;
      String text = prepare(Objects.requireNonNull(documents.get(d), () -> "document " + index + " is null"),
          config);
      if (spans != null) {
        spans.scan(text, counter);
      } else {
        for (String token : config.tokenizer().tokenize(text)) {
          counter.add(table.id(token, insert));
        }
      }
      out.ids[d] = counter.ids();
      out.counts[d] = counter.counts();
      out.lengths[d] = counter.length;
    }
  }

  private static String prepare(String document, TfIdfConfig config) {
    return config.lowercase() ? document.toLowerCase(Locale.ROOT) : document;
  }

  /** Counts the terms of one document at a time: a count per term id, reset through the list of ids touched. */
  private static final class DocumentCounter implements Spans.Sink {
    private final TermTable table;
    private final boolean insert;
    private int[] count = new int[1024];
    private int[] touched = new int[256];
    private int distinct;
    private int length;

    DocumentCounter(TermTable table, boolean insert) {
      this.table = table;
      this.insert = insert;
    }

    void start() {
      for (int i = 0; i < distinct; i++) {
        count[touched[i]] = 0;
      }
      distinct = 0;
      length = 0;
    }

    @Override
    public void accept(String text, int start, int end, int hash) {
      add(table.id(text, start, end, hash, insert));
    }

    void add(int id) {
      length++;
      if (id < 0) {
        return;
      }
      if (id >= count.length) {
        count = Arrays.copyOf(count, Math.max(2 * count.length, id + 1));
      }
      if (count[id]++ == 0) {
        if (distinct == touched.length) {
          touched = Arrays.copyOf(touched, 2 * distinct);
        }
        touched[distinct++] = id;
      }
    }

    int[] ids() {
      return Arrays.copyOf(touched, distinct);
    }

    int[] counts() {
      int[] out = new int[distinct];
      for (int i = 0; i < distinct; i++) {
        out[i] = count[touched[i]];
      }
      return out;
    }
  }

  /** Returns the final id of every provisional term, -1 for those dropped; final ids follow code-point order. */
  private static int[] selectVocabulary(TermTable terms, int[] df, long[] total, int n, TfIdfConfig config) {
    double maxDocs = config.maxDf().documents(n);
    double minDocs = config.minDf().documents(n);
    if (maxDocs < minDocs) {
      throw new IllegalArgumentException("maxDf " + config.maxDf() + " (" + maxDocs + " documents) is below minDf "
          + config.minDf() + " (" + minDocs + " documents) for " + n + " documents");
    }
    String[] kept = new String[terms.size()];
    int k = 0;
    boolean supplementary = false;
    for (int p = 0; p < terms.size(); p++) {
      if (df[p] >= minDocs && df[p] <= maxDocs) {
        String term = terms.term(p);
        kept[k++] = term;
        supplementary |= hasSurrogate(term);
      }
    }
    if (k == 0) {
      throw new IllegalArgumentException("no terms remain: all " + terms.size() + " terms of the " + n
          + " documents are outside minDf " + config.minDf() + " / maxDf " + config.maxDf()
          + "; lower minDf or raise maxDf");
    }
    kept = Arrays.copyOf(kept, k);
    // String.compareTo orders UTF-16 units, which is code-point order unless a term is past U+FFFF.
    Comparator<String> order = supplementary ? TfIdf::compareCodePoints : Comparator.naturalOrder();
    Arrays.sort(kept, order);
    if (k > config.maxFeatures()) {
      // The most frequent in the whole collection; a stable sort keeps the alphabetical order among ties.
      Integer[] byFrequency = new Integer[k];
      for (int i = 0; i < k; i++) {
        byFrequency[i] = terms.id(kept[i], false);
      }
      Arrays.sort(byFrequency, (a, b) -> Long.compare(total[b], total[a]));
      String[] top = new String[config.maxFeatures()];
      for (int i = 0; i < top.length; i++) {
        top[i] = terms.term(byFrequency[i]);
      }
      Arrays.sort(top, order);
      kept = top;
    }
    int[] finalIds = new int[terms.size()];
    Arrays.fill(finalIds, -1);
    for (int i = 0; i < kept.length; i++) {
      finalIds[terms.id(kept[i], false)] = i;
    }
    return finalIds;
  }

  private static boolean hasSurrogate(String term) {
    for (int i = 0; i < term.length(); i++) {
      if (Character.isSurrogate(term.charAt(i))) {
        return true;
      }
    }
    return false;
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

  /**
   * Builds the weighted CSR matrix from each document's term ids (-1: not in the vocabulary) and counts. Rows
   * are filled in counting order, then put in column order by transposing twice (linear, no per-row sort), then
   * normalized, so the sums run in column order whatever the number of parts counted in parallel.
   */
  private static SparseMatrix weigh(Counted counted, int v, double[] idf, TfIdfConfig config) {
    int n = counted.lengths.length;
    int[] indptr = new int[n + 1];
    for (int d = 0; d < n; d++) {
      int kept = 0;
      for (int id : counted.ids[d]) {
        kept += id >= 0 ? 1 : 0;
      }
      indptr[d + 1] = indptr[d] + kept;
    }
    int[] indices = new int[indptr[n]];
    double[] values = new double[indptr[n]];
    TermFrequency tf = config.tf();
    for (int d = 0; d < n; d++) {
      int[] ids = counted.ids[d];
      int[] counts = counted.counts[d];
      int length = counted.lengths[d];
      int at = indptr[d];
      for (int i = 0; i < ids.length; i++) {
        int t = ids[i];
        if (t >= 0) {
          indices[at] = t;
          values[at++] = tf(tf, counts[i], length) * idf[t];
        }
      }
    }
    SparseMatrix sorted = new SparseMatrix(n, v, indptr, indices, values, false).transpose().transpose();
    int[] rowStart = sorted.indptrView();
    double[] sortedValues = sorted.valuesView();
    for (int d = 0; d < n; d++) {
      normalize(config.norm(), sortedValues, rowStart[d], rowStart[d + 1]);
    }
    return sorted;
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

  private static void normalize(Normalization norm, double[] values, int from, int to) {
    double s = 0;
    if (norm == Normalization.L2) {
      for (int i = from; i < to; i++) {
        s += values[i] * values[i];
      }
      s = Math.sqrt(s);
    } else if (norm == Normalization.L1) {
      for (int i = from; i < to; i++) {
        s += Math.abs(values[i]);
      }
    } else {
      return;
    }
    if (s > 0) {
      for (int i = from; i < to; i++) {
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
   * Weighs new documents with the fitted vocabulary and idf; terms outside the vocabulary are ignored.
   *
   * @param documents any texts
   * @return one row per document, {@code vocabulary().size()} columns
   * @throws NullPointerException if a document is null
   */
  public SparseMatrix transform(List<String> documents) {
    return weigh(count(documents, config, table(), false), vocabulary.size(), idf, config);
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
