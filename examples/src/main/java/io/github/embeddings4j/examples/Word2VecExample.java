package io.github.embeddings4j.examples;

import io.github.embeddings4j.Analogies;
import io.github.embeddings4j.Embedding;
import io.github.embeddings4j.Neighbor;
import io.github.embeddings4j.Tokenizer;
import io.github.embeddings4j.WordVectors;
import io.github.embeddings4j.examples.report.ScatterPlot;
import io.github.embeddings4j.projection.Pca;
import io.github.embeddings4j.word2vec.Corpus;
import io.github.embeddings4j.word2vec.Word2VecConfig;
import io.github.embeddings4j.word2vec.Word2VecModel;
import io.github.embeddings4j.word2vec.Word2VecTrainer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * word2vec trained on the corpus (skip-gram, 100 dimensions, window 5, 5 negatives): the words most similar to
 * "king", a few analogies (king − man + woman...), and a 3-D PCA of king's neighbours with "software",
 * "internet" and "web", which land apart from them.
 */
public final class Word2VecExample {
  /** The analogies asked, as a − b + c: "b is to a as c is to ?". */
  public static final List<List<String>> ANALOGIES = List.of(
      List.of("king", "man", "woman"),
      List.of("husband", "man", "woman"),
      List.of("father", "man", "woman"),
      List.of("london", "england", "france"),
      List.of("paris", "france", "italy"));
  private static final List<String> TECH = List.of("software", "internet", "web");

  private Word2VecExample() {}

  /**
   * Trains on the WordNet glosses and prints the results.
   *
   * @param args ignored
   * @throws IOException if the glosses cannot be read
   */
  public static void main(String[] args) throws IOException {
    List<String> lines = DefaultData.wordNetGlosses(Progress.forConsole());
    Word2VecConfig config = Word2VecConfig.skipGram().withEpochs(10)
        .withThreads(Runtime.getRuntime().availableProcessors());
    WordVectors vectors = train(lines, config, Progress.forConsole());
    compute(vectors).toLines().forEach(System.out::println);
  }

  /**
   * Trains word vectors on lines of text, each line a sentence of lowercase letters and digits, showing a
   * progress bar.
   *
   * @param lines the text
   * @param config the training settings
   * @param progress shows the training
   * @return the word vectors
   * @throws IOException never for text held in memory (the trainer's contract for files)
   */
  public static WordVectors train(List<String> lines, Word2VecConfig config, Progress progress) throws IOException {
    List<List<String>> sentences = new ArrayList<>(lines.size());
    for (String line : lines) {
      sentences.add(Tokenizer.LETTERS_AND_DIGITS.tokenize(line));
    }
    try (Progress.Bar bar = progress.start("training word2vec", 100, Progress.Unit.STEPS)) {
      Word2VecModel model = Word2VecTrainer.train(Corpus.of(sentences),
          config.withProgressInterval(Duration.ofMillis(250)), p -> {
            bar.stepTo(Math.round(p.fraction() * 100));
            bar.message(String.format(Locale.ROOT, "%,.0f words/s, loss %.3f", p.wordsPerSecond(), p.loss()));
            return true;
          });
      return model.vectors();
    }
  }

  /**
   * Asks the trained vectors for king's neighbours and the analogies, and projects king's neighbours and the
   * three technical words to 3-D.
   *
   * @param vectors trained word vectors
   * @return the result
   */
  public static Section compute(WordVectors vectors) {
    List<String> text = new ArrayList<>();
    text.add(String.format(Locale.ROOT, "%,d words of %d dimensions.", vectors.vocabulary().size(),
        vectors.dimension()));
    List<List<String>> nearRows = new ArrayList<>();
    List<String> words = new ArrayList<>();
    List<String> groups = new ArrayList<>();
    if (vectors.contains("king")) {
      words.add("king");
      groups.add("king");
      for (Neighbor n : vectors.nearest("king", 10)) {
        nearRows.add(List.of(n.token(), String.format(Locale.ROOT, "%.3f", n.score())));
        words.add(n.token());
        groups.add("king's neighbours");
      }
    } else {
      text.add("\"king\" is not in the vocabulary.");
    }
    for (String w : TECH) {
      if (vectors.contains(w) && !words.contains(w)) {
        words.add(w);
        groups.add("software, internet, web");
      }
    }

    List<List<String>> analogyRows = new ArrayList<>();
    for (List<String> a : ANALOGIES) {
      String question = a.get(0) + " - " + a.get(1) + " + " + a.get(2);
      if (a.stream().allMatch(vectors::contains)) {
        List<Neighbor> best = Analogies.mostSimilar(vectors, List.of(a.get(0), a.get(2)), List.of(a.get(1)), 3);
        analogyRows.add(List.of(question, best.stream()
            .map(n -> String.format(Locale.ROOT, "%s (%.3f)", n.token(), n.score()))
            .collect(Collectors.joining(", "))));
      } else {
        analogyRows.add(List.of(question, "(a word is not in the vocabulary)"));
      }
    }

    List<ScatterPlot> plots = new ArrayList<>();
    if (words.size() >= 3) {
      Pca pca = Pca.fit(vectors, words, 3);
      plots.add(new ScatterPlot("word2vec: king's neighbours and software, internet, web (PCA 3-D)", words,
          pca.project(vectors, words), groups));
    }
    Map<String, Embedding> projector = Map.of("word2vec", vectors.limit(10_000));
    return new Section("word2vec", "word2vec trained on the corpus", text, List.of(
        new Section.Table("Most similar to king", List.of("word", "cosine"), nearRows),
        new Section.Table("Analogies (3CosAdd, top 3)", List.of("a - b + c", "answers"), analogyRows)),
        plots, List.of(), projector);
  }
}
