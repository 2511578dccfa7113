package io.github.embeddings4j.text;

import io.github.embeddings4j.EmbeddingFormatException;
import io.github.embeddings4j.eval.Correlation;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The STS Benchmark (Cer et al. 2017): sentence pairs with a gold similarity from 0 to 5, scored as
 * SentEval and sentence-transformers report it: Spearman's ρ × 100 between the cosine of the two sentences'
 * vectors and the gold scores.
 *
 * <p><b>Files.</b> {@code sts-train.csv}, {@code sts-dev.csv}, {@code sts-test.csv}: UTF-8, one pair a line,
 * tab-separated: genre, file, year, id, score, sentence 1, sentence 2. Some lines carry two more columns (the
 * sources of the sentences), which are ignored. Quotes are ordinary characters (the files are not CSV-quoted:
 * {@code "u2"} is part of a sentence), as sentence-transformers reads them with {@code QUOTE_NONE}.
 *
 * <pre>{@code
 * List<StsBenchmark.Pair> dev = StsBenchmark.read(Path.of("stsbenchmark/sts-dev.csv"));
 * StsBenchmark.Result r = StsBenchmark.evaluate(encoder, dev);
 * r.spearman();   // 100 * rho
 * }</pre>
 */
public final class StsBenchmark {
  private StsBenchmark() {}

  /**
   * One pair.
   *
   * @param genre e.g. {@code main-captions}
   * @param file the source dataset, e.g. {@code MSRvid}
   * @param year e.g. {@code 2012test}
   * @param id the pair's id in its source
   * @param score the gold similarity, 0 to 5
   * @param sentence1 the first sentence
   * @param sentence2 the second sentence
   */
  public record Pair(String genre, String file, String year, String id, double score, String sentence1,
      String sentence2) {
    /**
     * Checks the fields.
     *
     * @param genre the pair's genre, e.g. {@code main-captions}
     * @param file the source dataset, e.g. {@code MSRvid}
     * @param year the source's year and split, e.g. {@code 2012test}
     * @param id the pair's id in its source
     * @param score the gold similarity, in [0, 5]
     * @param sentence1 the first sentence
     * @param sentence2 the second sentence
     * @throws NullPointerException if a field is null
     * @throws IllegalArgumentException if the score is outside [0, 5]
     */
    public Pair {
      Objects.requireNonNull(genre, "genre");
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(year, "year");
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(sentence1, "sentence1");
      Objects.requireNonNull(sentence2, "sentence2");
      if (!(score >= 0 && score <= 5)) {
        throw new IllegalArgumentException("score must be in [0, 5], got " + score);
      }
    }
  }

  /**
   * The score of an encoder on some pairs.
   *
   * @param pairs the number of pairs
   * @param spearman Spearman's ρ × 100 of cosine against the gold scores
   * @param pearson Pearson's r × 100
   * @param emptyPairs pairs where a sentence got an empty vector (no known token): their cosine counts as 0
   */
  public record Result(int pairs, double spearman, double pearson, int emptyPairs) {}

  /**
   * Reads one split.
   *
   * @param file {@code sts-dev.csv} or another split
   * @return the pairs in file order
   * @throws EmbeddingFormatException if a line has fewer than 7 columns, a score is not a number in [0, 5], or
   *     the file is not UTF-8, naming the file and line
   * @throws IOException if it cannot be read
   */
  public static List<Pair> read(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    List<Pair> pairs = new ArrayList<>();
    int line = 0;
    try (BufferedReader in = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file),
        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)))) {
      for (String s; (s = in.readLine()) != null; ) {
        line++;
        String[] c = s.split("\t", -1);
        if (c.length < 7) {
          throw new EmbeddingFormatException(file, "line " + line, "expected 7 tab-separated columns (genre, file, "
              + "year, id, score, sentence1, sentence2), found " + c.length);
        }
        double score;
        try {
          score = Double.parseDouble(c[4].trim());
        } catch (NumberFormatException e) {
          throw new EmbeddingFormatException(file, "line " + line + ", column score",
              "not a number: \"" + c[4] + "\"", e);
        }
        if (!(score >= 0 && score <= 5)) {
          throw new EmbeddingFormatException(file, "line " + line + ", column score",
              "must be in [0, 5], got " + c[4]);
        }
        pairs.add(new Pair(c[0], c[1], c[2], c[3], score, c[5], c[6]));
      }
    } catch (CharacterCodingException e) {
      throw new EmbeddingFormatException(file, "line " + (line + 1), "is not UTF-8", e);
    }
    return pairs;
  }

  /**
   * Scores an encoder: every distinct sentence encoded once (in one {@link TextEncoder#encodeAll} call), the
   * cosine of each pair against its gold score.
   *
   * @param encoder the encoder
   * @param pairs the pairs (at least 2)
   * @return Spearman and Pearson × 100
   * @throws IllegalArgumentException if there are fewer than 2 pairs
   */
  public static Result evaluate(TextEncoder encoder, List<Pair> pairs) {
    Objects.requireNonNull(encoder, "encoder");
    Objects.requireNonNull(pairs, "pairs");
    if (pairs.size() < 2) {
      throw new IllegalArgumentException("need at least 2 pairs, got " + pairs.size());
    }
    Map<String, Integer> index = new LinkedHashMap<>();
    for (Pair p : pairs) {
      index.putIfAbsent(p.sentence1(), index.size());
      index.putIfAbsent(p.sentence2(), index.size());
    }
    List<TextVector> vectors = encoder.encodeAll(new ArrayList<>(index.keySet()));
    double[] cosines = new double[pairs.size()];
    double[] gold = new double[pairs.size()];
    int empty = 0;
    for (int i = 0; i < cosines.length; i++) {
      Pair p = pairs.get(i);
      TextVector a = vectors.get(index.get(p.sentence1()));
      TextVector b = vectors.get(index.get(p.sentence2()));
      if (a.empty() || b.empty()) {
        empty++;
      }
      cosines[i] = TextVector.cosine(a.vector(), b.vector());
      gold[i] = p.score();
    }
    return new Result(pairs.size(), 100 * Correlation.spearman(cosines, gold),
        100 * Correlation.pearson(cosines, gold), empty);
  }
}
