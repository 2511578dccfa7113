package io.github.embeddings4j.eval;

import io.github.embeddings4j.Analogies;
import io.github.embeddings4j.Embedding;
import io.github.embeddings4j.EmbeddingFormatException;
import io.github.embeddings4j.Neighbor;
import io.github.embeddings4j.Vocabulary;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Analogy accuracy on the Google {@code questions-words.txt} format, reproducing gensim 4's
 * {@code KeyedVectors.evaluate_word_analogies(analogies, restrict_vocab, case_insensitive, dummy4unknown)}.
 *
 * <p>The file has {@code : name} lines starting sections and question lines {@code a b c d} meaning "a is to b as
 * c is to d". The evaluated vocabulary is the first {@code restrictVocab} words (the most frequent, for
 * frequency-ordered vectors), upper-cased when case-insensitive, the first of several case variants winning. A
 * question with a word outside it is skipped and counted ({@link AnalogyResult#oov()}), or with
 * {@code dummy4unknown} scored as incorrect. The others are answered by 3CosAdd
 * ({@link Analogies#mostSimilar(Embedding, List, List, int, int) b + c - a}) over the same rows: the answer is the
 * first of the 5 best words that is not (in its evaluated case) one of a, b, c; it is correct when it equals d.
 *
 * <p>Blank lines are skipped. Unlike gensim, which logs and skips them, malformed lines (a question that is not
 * four words, a question before the first section) are errors naming the file and line. Questions are answered in
 * parallel on all cores; the result does not depend on the order.
 *
 * <pre>{@code
 * AnalogyResult r = AnalogyEvaluation.gensimDefaults().withRestrictVocab(30_000)
 *     .evaluate(wordVectors, Path.of("questions-words.txt"));
 * System.out.printf("%.4f (%d of %d questions skipped)%n", r.accuracy(), r.oov(), r.questions());
 * r.sections().forEach(s -> System.out.println(s.name() + " " + s.correct() + "/" + s.questions()));
 * }</pre>
 *
 * @param restrictVocab how many rows, from the first, form the evaluated vocabulary and the candidate answers
 * @param caseInsensitive whether words are compared in upper case
 * @param dummy4unknown whether questions with unknown words count as incorrect instead of being skipped
 */
public record AnalogyEvaluation(int restrictVocab, boolean caseInsensitive, boolean dummy4unknown) {
  private static final Logger LOG = LoggerFactory.getLogger(AnalogyEvaluation.class);

  /** gensim's default {@code restrict_vocab}. */
  public static final int DEFAULT_RESTRICT_VOCAB = 300_000;

  /** How many candidates gensim's evaluation asks {@code most_similar} for. */
  private static final int CANDIDATES = 5;

  /**
   * Checks the settings.
   *
   * @param restrictVocab how many rows, from the first, form the evaluated vocabulary, at least 1
   * @param caseInsensitive whether words are compared in upper case
   * @param dummy4unknown whether questions with unknown words count as incorrect
   * @throws IllegalArgumentException if {@code restrictVocab < 1}
   */
  public AnalogyEvaluation {
    if (restrictVocab < 1) {
      throw new IllegalArgumentException("restrictVocab must be >= 1: " + restrictVocab);
    }
  }

  /**
   * Returns gensim's defaults: {@code restrict_vocab=300000, case_insensitive=True, dummy4unknown=False}.
   *
   * <pre>{@code
   * AnalogyResult r = AnalogyEvaluation.gensimDefaults().evaluate(wordVectors, Path.of("questions-words.txt"));
   * }</pre>
   *
   * @return the evaluation
   */
  public static AnalogyEvaluation gensimDefaults() {
    return new AnalogyEvaluation(DEFAULT_RESTRICT_VOCAB, true, false);
  }

  /**
   * Returns a copy with another vocabulary limit.
   *
   * @param n how many rows, from the first, to evaluate
   * @return the evaluation
   * @throws IllegalArgumentException if {@code n < 1}
   */
  public AnalogyEvaluation withRestrictVocab(int n) {
    return new AnalogyEvaluation(n, caseInsensitive, dummy4unknown);
  }

  /**
   * Returns a copy that compares words in upper case, or as they are.
   *
   * @param value whether to ignore case
   * @return the evaluation
   */
  public AnalogyEvaluation withCaseInsensitive(boolean value) {
    return new AnalogyEvaluation(restrictVocab, value, dummy4unknown);
  }

  /**
   * Returns a copy that scores questions with unknown words as incorrect, or skips them.
   *
   * @param value whether to score them as incorrect
   * @return the evaluation
   */
  public AnalogyEvaluation withDummy4unknown(boolean value) {
    return new AnalogyEvaluation(restrictVocab, caseInsensitive, value);
  }

  /**
   * Evaluates vectors on an analogy file (UTF-8).
   *
   * <pre>{@code
   * double acc = AnalogyEvaluation.gensimDefaults().evaluate(wv, Path.of("questions-words.txt")).accuracy();
   * }</pre>
   *
   * @param embedding the vectors, in frequency order for {@code restrictVocab} to mean "the most frequent"
   * @param questions the question file
   * @return the per-section and overall scores
   * @throws EmbeddingFormatException if a line is malformed or not UTF-8 (naming the file and line)
   * @throws IOException if the file cannot be read
   */
  public AnalogyResult evaluate(Embedding embedding, Path questions) throws IOException {
    Parser parser = new Parser(new EvalVocabulary(embedding, restrictVocab, caseInsensitive), questions);
    EvalFiles.readLines(questions, parser::line);
    return parser.finish(embedding);
  }

  /**
   * Evaluates vectors on analogy questions read from a reader (not closed); messages name no file.
   *
   * @param embedding the vectors, in frequency order for {@code restrictVocab} to mean "the most frequent"
   * @param questions the questions, in the {@code questions-words.txt} format
   * @return the per-section and overall scores
   * @throws EmbeddingFormatException if a line is malformed (naming the line)
   * @throws IOException if reading fails
   */
  public AnalogyResult evaluate(Embedding embedding, Reader questions) throws IOException {
    Parser parser = new Parser(new EvalVocabulary(embedding, restrictVocab, caseInsensitive), null);
    EvalFiles.readLines(questions, null, parser::line);
    return parser.finish(embedding);
  }

  /** A question whose four words are in the evaluated vocabulary: rows of a, b, c and the keys of all four. */
  private record Question(int section, int a, int b, int c, List<String> keys) {}

  /** Collects sections and questions line by line, then answers the questions. */
  private final class Parser {
    private final EvalVocabulary vocabulary;
    private final Path file;
    private final List<String> names = new ArrayList<>();
    private final List<int[]> counts = new ArrayList<>();
    private final List<Question> answerable = new ArrayList<>();
    private int questions;
    private int oov;

    Parser(EvalVocabulary vocabulary, Path file) {
      this.vocabulary = vocabulary;
      this.file = file;
    }

    void line(String line, int number) throws EmbeddingFormatException {
      if (line.startsWith(": ")) {
        names.add(EvalFiles.strip(stripLeading(line, ": ")));
        counts.add(new int[2]);
        return;
      }
      List<String> words = EvalFiles.words(line);
      if (words.isEmpty()) {
        return;
      }
      if (names.isEmpty()) {
        throw EvalFiles.badLine(file, number, "question before the first \": section\" line", line);
      }
      if (words.size() != 4) {
        throw EvalFiles.badLine(file, number, "expected 4 words, found " + words.size(), line);
      }
      questions++;
      String[] keys = new String[4];
      int[] ids = new int[4];
      boolean known = true;
      for (int i = 0; i < 4; i++) {
        keys[i] = vocabulary.key(words.get(i));
        ids[i] = vocabulary.id(keys[i]);
        known &= ids[i] >= 0;
      }
      int section = names.size() - 1;
      if (!known) {
        oov++;
        if (dummy4unknown) {
          counts.get(section)[1]++;
        }
        return;
      }
      answerable.add(new Question(section, ids[0], ids[1], ids[2], List.of(keys)));
    }

    AnalogyResult finish(Embedding embedding) {
      boolean[] correct = new boolean[answerable.size()];
      IntStream.range(0, correct.length).parallel()
          .forEach(i -> correct[i] = answer(embedding, answerable.get(i)));
      for (int i = 0; i < correct.length; i++) {
        counts.get(answerable.get(i).section())[correct[i] ? 0 : 1]++;
      }
      List<AnalogySection> sections = new ArrayList<>(names.size());
      int totalCorrect = 0;
      int totalIncorrect = 0;
      for (int s = 0; s < names.size(); s++) {
        AnalogySection section = new AnalogySection(names.get(s), counts.get(s)[0], counts.get(s)[1]);
        LOG.debug("{}: {}/{}", section.name(), section.correct(), section.questions());
        sections.add(section);
        totalCorrect += section.correct();
        totalIncorrect += section.incorrect();
      }
      AnalogyResult result = new AnalogyResult(sections,
          new AnalogySection(AnalogyResult.TOTAL_NAME, totalCorrect, totalIncorrect), questions, oov);
      LOG.info("analogies{}: accuracy {} ({}/{}), {} of {} questions had unknown words ({}%)",
          file == null ? "" : " " + file, String.format("%.4f", result.accuracy()), totalCorrect,
          totalCorrect + totalIncorrect, oov, questions, String.format("%.1f", result.oovRatio()));
      return result;
    }

    /** gensim's loop over the candidates: the first one not among the question words is the answer. */
    private boolean answer(Embedding embedding, Question q) {
      Vocabulary v = embedding.vocabulary();
      List<Neighbor> candidates = Analogies.mostSimilar(embedding, List.of(v.token(q.b()), v.token(q.c())),
          List.of(v.token(q.a())), CANDIDATES, vocabulary.rows());
      List<String> ignore = q.keys().subList(0, 3);
      String predicted = null;
      for (Neighbor n : candidates) {
        predicted = vocabulary.key(n.token());
        if (vocabulary.id(predicted) >= 0 && !ignore.contains(predicted)) {
          break;
        }
      }
      return Objects.equals(predicted, q.keys().get(3));
    }
  }

  /** Python's {@code str.lstrip(chars)}: drops every leading character that is in {@code chars}. */
  private static String stripLeading(String s, String chars) {
    int i = 0;
    while (i < s.length() && chars.indexOf(s.charAt(i)) >= 0) {
      i++;
    }
    return s.substring(i);
  }
}
