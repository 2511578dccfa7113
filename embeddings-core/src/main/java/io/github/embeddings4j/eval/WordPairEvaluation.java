package io.github.embeddings4j.eval;

import io.github.embeddings4j.Embedding;
import io.github.embeddings4j.EmbeddingFormatException;
import io.github.embeddings4j.Similarity;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Correlation of cosine similarities with human similarity scores on word-pair sets (WordSim-353, SimLex-999,
 * ...), reproducing gensim 4's {@code KeyedVectors.evaluate_word_pairs(pairs, delimiter, restrict_vocab,
 * case_insensitive, dummy4unknown)}.
 *
 * <p>Each line is {@code word1 DELIMITER word2 DELIMITER score}; lines starting with {@code #} and blank lines are
 * skipped. The words are taken as they are between delimiters (not trimmed, as in gensim), upper-cased when
 * case-insensitive, and looked up among the first {@code restrictVocab} rows, the first of several case variants
 * winning. A pair with a word outside them is skipped and counted, or with {@code dummy4unknown} given the
 * similarity 0. The result holds Pearson's r and Spearman's rho (average ranks for ties, as scipy) between the
 * human scores and the cosines, and the share of pairs with unknown words.
 *
 * <p>Unlike gensim, which logs and skips them, malformed lines (not three fields, a score that is not a finite
 * number) are errors naming the file and line.
 *
 * <pre>{@code
 * WordPairResult ws = WordPairEvaluation.gensimDefaults().evaluate(wordVectors, Path.of("wordsim353.tsv"));
 * System.out.printf("spearman %.3f, %.1f%% pairs unknown%n", ws.spearman(), ws.oovRatio());
 * }</pre>
 *
 * @param delimiter what separates the three fields, not empty
 * @param restrictVocab how many rows, from the first, form the evaluated vocabulary
 * @param caseInsensitive whether words are compared in upper case
 * @param dummy4unknown whether pairs with unknown words enter the correlations with similarity 0
 */
public record WordPairEvaluation(String delimiter, int restrictVocab, boolean caseInsensitive,
    boolean dummy4unknown) {
  private static final Logger LOG = LoggerFactory.getLogger(WordPairEvaluation.class);

  /** gensim's default {@code restrict_vocab}. */
  public static final int DEFAULT_RESTRICT_VOCAB = 300_000;

  /** A decimal number as Python's {@code float()} reads it (no Java suffixes such as {@code 1f}, no hex). */
  private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  /**
   * Checks the settings.
   *
   * @param delimiter what separates the three fields, not empty
   * @param restrictVocab how many rows, from the first, form the evaluated vocabulary, at least 1
   * @param caseInsensitive whether words are compared in upper case
   * @param dummy4unknown whether pairs with unknown words enter with similarity 0
   * @throws IllegalArgumentException if the delimiter is empty or {@code restrictVocab < 1}
   * @throws NullPointerException if the delimiter is null
   */
  public WordPairEvaluation {
    Objects.requireNonNull(delimiter, "delimiter");
    if (delimiter.isEmpty()) {
      throw new IllegalArgumentException("delimiter must not be empty");
    }
    if (restrictVocab < 1) {
      throw new IllegalArgumentException("restrictVocab must be >= 1: " + restrictVocab);
    }
  }

  /**
   * Returns gensim's defaults: {@code delimiter='\t', restrict_vocab=300000, case_insensitive=True,
   * dummy4unknown=False}.
   *
   * <pre>{@code
   * WordPairResult r = WordPairEvaluation.gensimDefaults().evaluate(wordVectors, Path.of("simlex999.txt"));
   * }</pre>
   *
   * @return the evaluation
   */
  public static WordPairEvaluation gensimDefaults() {
    return new WordPairEvaluation("\t", DEFAULT_RESTRICT_VOCAB, true, false);
  }

  /**
   * Returns a copy with another field delimiter.
   *
   * @param value the delimiter, not empty
   * @return the evaluation
   * @throws IllegalArgumentException if the delimiter is empty
   */
  public WordPairEvaluation withDelimiter(String value) {
    return new WordPairEvaluation(value, restrictVocab, caseInsensitive, dummy4unknown);
  }

  /**
   * Returns a copy with another vocabulary limit.
   *
   * @param n how many rows, from the first, to evaluate
   * @return the evaluation
   * @throws IllegalArgumentException if {@code n < 1}
   */
  public WordPairEvaluation withRestrictVocab(int n) {
    return new WordPairEvaluation(delimiter, n, caseInsensitive, dummy4unknown);
  }

  /**
   * Returns a copy that compares words in upper case, or as they are.
   *
   * @param value whether to ignore case
   * @return the evaluation
   */
  public WordPairEvaluation withCaseInsensitive(boolean value) {
    return new WordPairEvaluation(delimiter, restrictVocab, value, dummy4unknown);
  }

  /**
   * Returns a copy that gives pairs with unknown words the similarity 0, or skips them.
   *
   * @param value whether to keep them with similarity 0
   * @return the evaluation
   */
  public WordPairEvaluation withDummy4unknown(boolean value) {
    return new WordPairEvaluation(delimiter, restrictVocab, caseInsensitive, value);
  }

  /**
   * Evaluates vectors on a word-pair file (UTF-8).
   *
   * <pre>{@code
   * double rho = WordPairEvaluation.gensimDefaults().evaluate(wv, Path.of("wordsim353.tsv")).spearman();
   * }</pre>
   *
   * @param embedding the vectors
   * @param pairs the word-pair file
   * @return the correlations and the unknown-pair ratio
   * @throws EmbeddingFormatException if a line is malformed or not UTF-8 (naming the file and line)
   * @throws IOException if the file cannot be read
   */
  public WordPairResult evaluate(Embedding embedding, Path pairs) throws IOException {
    Collector collector = new Collector(embedding, pairs);
    EvalFiles.readLines(pairs, collector::line);
    return collector.finish();
  }

  /**
   * Evaluates vectors on word pairs read from a reader (not closed); messages name no file.
   *
   * @param embedding the vectors
   * @param pairs the word pairs, one {@code word1 DELIMITER word2 DELIMITER score} a line
   * @return the correlations and the unknown-pair ratio
   * @throws EmbeddingFormatException if a line is malformed (naming the line)
   * @throws IOException if reading fails
   */
  public WordPairResult evaluate(Embedding embedding, Reader pairs) throws IOException {
    Collector collector = new Collector(embedding, null);
    EvalFiles.readLines(pairs, null, collector::line);
    return collector.finish();
  }

  /** Reads pairs line by line into the two score lists. */
  private final class Collector {
    private final Embedding embedding;
    private final EvalVocabulary vocabulary;
    private final Path file;
    private double[] gold = new double[64];
    private double[] model = new double[64];
    private int pairs;
    private int oov;

    Collector(Embedding embedding, Path file) {
      this.embedding = embedding;
      this.vocabulary = new EvalVocabulary(embedding, restrictVocab, caseInsensitive);
      this.file = file;
    }

    void line(String line, int number) throws EmbeddingFormatException {
      if (line.startsWith("#") || EvalFiles.strip(line).isEmpty()) {
        return;
      }
      List<String> fields = EvalFiles.fields(line, delimiter);
      if (fields.size() != 3) {
        throw EvalFiles.badLine(file, number, "expected 3 fields separated by "
            + ("\t".equals(delimiter) ? "TAB" : "\"" + delimiter + "\"") + ", found " + fields.size(), line);
      }
      double score = parseScore(fields.get(2), number, line);
      int a = vocabulary.id(vocabulary.key(fields.get(0)));
      int b = vocabulary.id(vocabulary.key(fields.get(1)));
      if (a < 0 || b < 0) {
        oov++;
        if (dummy4unknown) {
          add(score, 0.0);
        }
        return;
      }
      add(score, Similarity.COSINE.compare(embedding.vector(a), embedding.vector(b)));
    }

    private double parseScore(String field, int number, String line) throws EmbeddingFormatException {
      String s = EvalFiles.strip(field);
      if (NUMBER.matcher(s).matches()) {
        double v = Double.parseDouble(s);
        if (Double.isFinite(v)) {
          return v;
        }
      }
      throw EvalFiles.badLine(file, number, "score is not a finite number: \"" + s + "\"", line);
    }

    private void add(double goldScore, double modelScore) {
      if (pairs == gold.length) {
        gold = Arrays.copyOf(gold, pairs * 2);
        model = Arrays.copyOf(model, pairs * 2);
      }
      gold[pairs] = goldScore;
      model[pairs] = modelScore;
      pairs++;
    }

    WordPairResult finish() {
      double[] g = Arrays.copyOf(gold, pairs);
      double[] m = Arrays.copyOf(model, pairs);
      int used = pairs;
      // gensim divides by len(gold) with dummy4unknown, where the unknown pairs are already counted in
      double oovRatio = 100.0 * oov / (dummy4unknown ? used : used + oov);
      WordPairResult result = new WordPairResult(Correlation.pearson(g, m), Correlation.spearman(g, m), oovRatio,
          used, oov);
      LOG.info("word pairs{}: spearman {}, pearson {}, {} pairs, {} with unknown words ({}%)",
          file == null ? "" : " " + file, String.format("%.4f", result.spearman()),
          String.format("%.4f", result.pearson()), used, oov, String.format("%.1f", oovRatio));
      return result;
    }
  }
}
