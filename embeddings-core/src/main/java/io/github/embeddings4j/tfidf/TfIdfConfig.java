package io.github.embeddings4j.tfidf;

import io.github.embeddings4j.Tokenizer;
import java.util.Objects;

/**
 * How {@link TfIdf#fit} weights terms: tokenization, which terms make the vocabulary, and the tf, idf and
 * normalization formulas. Immutable; validated on construction; start from a named factory and change fields
 * with the {@code with...} methods.
 *
 * <pre>{@code
 * TfIdfConfig article = TfIdfConfig.article();                 // tf = count / length, idf = ln(N / df), no norm
 * TfIdfConfig sklearn = TfIdfConfig.sklearnDefaults()           // TfidfVectorizer()
 *     .withIdf(InverseDocumentFrequency.LN_PLUS_ONE)             //   smooth_idf=False
 *     .withTf(TermFrequency.SUBLINEAR);                          //   sublinear_tf=True
 * }</pre>
 *
 * @param tokenizer cuts a (lowercased, when {@code lowercase}) document into terms
 * @param lowercase whether each document is lowercased ({@link String#toLowerCase(java.util.Locale)} with the
 *     root locale) before tokenization, like scikit-learn's {@code lowercase=True}
 * @param minDf terms in fewer documents are dropped (scikit-learn's {@code min_df})
 * @param maxDf terms in more documents are dropped (scikit-learn's {@code max_df})
 * @param maxFeatures keep at most this many terms, the most frequent in the whole collection (ties: the
 *     alphabetically first, where scikit-learn leaves the order of ties unspecified), after {@code minDf} and
 *     {@code maxDf}; {@link #ALL_FEATURES} keeps every term
 * @param tf the term-frequency formula
 * @param idf the inverse-document-frequency formula
 * @param norm how each document vector is normalized, last
 */
public record TfIdfConfig(Tokenizer tokenizer, boolean lowercase, DocumentFrequency minDf, DocumentFrequency maxDf,
    int maxFeatures, TermFrequency tf, InverseDocumentFrequency idf, Normalization norm) {

  /** {@code maxFeatures} that keeps every term. */
  public static final int ALL_FEATURES = Integer.MAX_VALUE;

  /** The term-frequency part of a weight, from the count of a term in a document. */
  public enum TermFrequency {
    /** The count itself (scikit-learn's default). */
    RAW,
    /**
     * The count divided by the document's length in tokens, every token of the document counted, including
     * those outside the vocabulary (the article's tf: 1 occurrence in a 20-word document is 0.05); 0 in an empty
     * document.
     */
    LENGTH_NORMALIZED,
    /** {@code 1 + ln(count)} (scikit-learn's {@code sublinear_tf=True}). */
    SUBLINEAR
  }

  /** The inverse-document-frequency part of a weight, from N documents of which df contain the term. */
  public enum InverseDocumentFrequency {
    /** {@code ln(N / df)}, the article's idf: 0 for a term in every document. */
    LN,
    /** {@code ln(N / df) + 1} (scikit-learn's {@code smooth_idf=False}). */
    LN_PLUS_ONE,
    /**
     * {@code ln((1 + N) / (1 + df)) + 1}, as if one more document held every term once (scikit-learn's default
     * {@code smooth_idf=True}).
     */
    SMOOTH_LN_PLUS_ONE
  }

  /** How each document vector is scaled after weighting. */
  public enum Normalization {
    /** To Euclidean length 1 (scikit-learn's default); an all-zero vector stays zero. */
    L2,
    /** To absolute sum 1; an all-zero vector stays zero. */
    L1,
    /** Not scaled. */
    NONE
  }

  /**
   * A document-frequency bound, as scikit-learn's {@code min_df}/{@code max_df}: either a number of documents or
   * a proportion of the collection (then the bound is {@code proportion * N} documents).
   *
   * @param value the count (a whole number at least 0) or the proportion (in [0, 1])
   * @param proportion whether {@code value} is a proportion
   */
  public record DocumentFrequency(double value, boolean proportion) {
    /**
     * Checks the value.
     *
     * @param value the count of documents (a whole number, at least 0) or, when {@code proportion}, the share of
     *     the collection (in [0, 1])
     * @param proportion whether {@code value} is a share of the collection rather than a count of documents
     * @throws IllegalArgumentException if a proportion is outside [0, 1] or a count is negative or fractional
     */
    public DocumentFrequency {
      if (proportion ? !(value >= 0 && value <= 1) : !(value >= 0 && value == Math.rint(value))) {
        throw new IllegalArgumentException((proportion ? "document-frequency proportion must be in [0, 1], got "
            : "document-frequency count must be a whole number >= 0, got ") + value);
      }
    }

    /**
     * A bound of a number of documents.
     *
     * @param documents at least 0
     * @return the bound
     * @throws IllegalArgumentException if negative
     */
    public static DocumentFrequency count(int documents) {
      return new DocumentFrequency(documents, false);
    }

    /**
     * A bound of a proportion of the documents.
     *
     * @param share in [0, 1]
     * @return the bound
     * @throws IllegalArgumentException if outside [0, 1]
     */
    public static DocumentFrequency proportion(double share) {
      return new DocumentFrequency(share, true);
    }

    /**
     * Returns the bound in documents for a collection, as scikit-learn computes it ({@code proportion * N},
     * not rounded).
     *
     * @param documents the collection size N
     * @return the number of documents
     */
    public double documents(int documents) {
      return proportion ? value * documents : value;
    }

    @Override
    public String toString() {
      return proportion ? Double.toString(value) : Long.toString((long) value);
    }
  }

  /**
   * Checks the fields.
   *
   * @param tokenizer cuts a (lowercased, when {@code lowercase}) document into terms
   * @param lowercase whether each document is lowercased with the root locale before tokenization
   * @param minDf terms in fewer documents are dropped (scikit-learn's {@code min_df})
   * @param maxDf terms in more documents are dropped (scikit-learn's {@code max_df})
   * @param maxFeatures keep at most this many terms, the most frequent in the whole collection, at least 1;
   *     {@link #ALL_FEATURES} keeps every term
   * @param tf the term-frequency formula
   * @param idf the inverse-document-frequency formula
   * @param norm how each document vector is normalized, after weighting
   * @throws NullPointerException if a field is null, naming it
   * @throws IllegalArgumentException if {@code maxFeatures < 1}
   */
  public TfIdfConfig {
    Objects.requireNonNull(tokenizer, "tokenizer");
    Objects.requireNonNull(minDf, "minDf");
    Objects.requireNonNull(maxDf, "maxDf");
    Objects.requireNonNull(tf, "tf");
    Objects.requireNonNull(idf, "idf");
    Objects.requireNonNull(norm, "norm");
    if (maxFeatures < 1) {
      throw new IllegalArgumentException("maxFeatures must be >= 1, got " + maxFeatures);
    }
  }

  /**
   * The article's TF-IDF: lowercase Unicode letters and digits ({@link Tokenizer#LETTERS_AND_DIGITS}), every
   * term kept, tf = count ÷ document length, idf = ln(N / df), no normalization.
   *
   * @return the configuration
   */
  public static TfIdfConfig article() {
    return new TfIdfConfig(Tokenizer.LETTERS_AND_DIGITS, true, DocumentFrequency.count(1),
        DocumentFrequency.proportion(1.0), ALL_FEATURES, TermFrequency.LENGTH_NORMALIZED,
        InverseDocumentFrequency.LN, Normalization.NONE);
  }

  /**
   * scikit-learn's {@code TfidfVectorizer()} defaults: lowercase, {@link Tokenizers#sklearnDefault()}, min_df 1,
   * max_df 1.0, every term, raw counts, smooth idf, L2 rows.
   *
   * @return the configuration
   */
  public static TfIdfConfig sklearnDefaults() {
    return new TfIdfConfig(Tokenizers.sklearnDefault(), true, DocumentFrequency.count(1),
        DocumentFrequency.proportion(1.0), ALL_FEATURES, TermFrequency.RAW,
        InverseDocumentFrequency.SMOOTH_LN_PLUS_ONE, Normalization.L2);
  }

  /**
   * Returns a copy with another tokenizer.
   *
   * @param tokenizer the tokenizer
   * @return the new configuration
   */
  public TfIdfConfig withTokenizer(Tokenizer tokenizer) {
    return new TfIdfConfig(tokenizer, lowercase, minDf, maxDf, maxFeatures, tf, idf, norm);
  }

  /**
   * Returns a copy that lowercases documents or not.
   *
   * @param lowercase whether to lowercase before tokenizing
   * @return the new configuration
   */
  public TfIdfConfig withLowercase(boolean lowercase) {
    return new TfIdfConfig(tokenizer, lowercase, minDf, maxDf, maxFeatures, tf, idf, norm);
  }

  /**
   * Returns a copy with other document-frequency bounds.
   *
   * @param minDf the lower bound
   * @param maxDf the upper bound
   * @return the new configuration
   */
  public TfIdfConfig withDocumentFrequency(DocumentFrequency minDf, DocumentFrequency maxDf) {
    return new TfIdfConfig(tokenizer, lowercase, minDf, maxDf, maxFeatures, tf, idf, norm);
  }

  /**
   * Returns a copy keeping at most this many terms.
   *
   * @param maxFeatures at least 1, or {@link #ALL_FEATURES}
   * @return the new configuration
   * @throws IllegalArgumentException if below 1
   */
  public TfIdfConfig withMaxFeatures(int maxFeatures) {
    return new TfIdfConfig(tokenizer, lowercase, minDf, maxDf, maxFeatures, tf, idf, norm);
  }

  /**
   * Returns a copy with another tf formula.
   *
   * @param tf the formula
   * @return the new configuration
   */
  public TfIdfConfig withTf(TermFrequency tf) {
    return new TfIdfConfig(tokenizer, lowercase, minDf, maxDf, maxFeatures, tf, idf, norm);
  }

  /**
   * Returns a copy with another idf formula.
   *
   * @param idf the formula
   * @return the new configuration
   */
  public TfIdfConfig withIdf(InverseDocumentFrequency idf) {
    return new TfIdfConfig(tokenizer, lowercase, minDf, maxDf, maxFeatures, tf, idf, norm);
  }

  /**
   * Returns a copy with another normalization.
   *
   * @param norm the normalization
   * @return the new configuration
   */
  public TfIdfConfig withNorm(Normalization norm) {
    return new TfIdfConfig(tokenizer, lowercase, minDf, maxDf, maxFeatures, tf, idf, norm);
  }
}
