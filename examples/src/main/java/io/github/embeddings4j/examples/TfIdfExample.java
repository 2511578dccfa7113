package io.github.embeddings4j.examples;

import io.github.embeddings4j.Embedding;
import io.github.embeddings4j.examples.report.ScatterPlot;
import io.github.embeddings4j.projection.Pca;
import io.github.embeddings4j.tfidf.SparseVector;
import io.github.embeddings4j.tfidf.TfIdf;
import io.github.embeddings4j.tfidf.TfIdfConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * TF-IDF term vectors: a text cut into 10 chunks, each term a 10-dimensional vector of its TF-IDF weight in each
 * chunk (tf = count ÷ chunk length, idf = ln(10 ÷ chunks with the term)). The plot shows the terms that weigh
 * most in each chunk, scaled to unit length and projected to 2-D by PCA, coloured by that chunk: words of one
 * part of the text sit together.
 */
public final class TfIdfExample {
  /** How many chunks the text is cut into, the dimension of the term vectors. */
  public static final int CHUNKS = 10;
  private static final int TERMS_PER_CHUNK = 6;

  private TfIdfExample() {}

  /**
   * Runs the example on the WordNet glosses and prints it.
   *
   * @param args ignored
   * @throws IOException if the glosses cannot be read
   */
  public static void main(String[] args) throws IOException {
    compute(DefaultData.wordNetGlosses(Progress.forConsole())).toLines().forEach(System.out::println);
  }

  /**
   * Fits TF-IDF to the text cut into {@value #CHUNKS} chunks and projects the top terms of each chunk to 2-D.
   *
   * @param lines the text, line by line
   * @return the result
   */
  public static Section compute(List<String> lines) {
    List<String> chunks = TfIdf.chunks(String.join("\n", lines), CHUNKS);
    TfIdf model = TfIdf.fit(chunks, TfIdfConfig.article());
    Embedding terms = model.terms();

    // The terms that weigh most in each chunk: the ones that tell that chunk from the others.
    Map<String, String> chunkOfTerm = new LinkedHashMap<>();
    List<List<String>> rows = new ArrayList<>();
    for (int c = 0; c < CHUNKS; c++) {
      SparseVector weights = model.documentTerms().row(c);
      List<Integer> top = IntStream.range(0, weights.nonZeros()).boxed()
          .sorted(Comparator.comparingDouble((Integer p) -> -weights.values()[p]))
          .limit(TERMS_PER_CHUNK).map(p -> weights.indices()[p]).toList();
      List<String> words = new ArrayList<>();
      for (int id : top) {
        String term = terms.vocabulary().token(id);
        chunkOfTerm.putIfAbsent(term, "chunk " + (c + 1));
        words.add(term);
      }
      rows.add(List.of(Integer.toString(c + 1), String.join(", ", words)));
    }
    List<String> shown = List.copyOf(chunkOfTerm.keySet());
    // Each vector scaled to length 1: a point shows which chunks a term belongs to, not how heavy it is (a few
    // heavy terms would otherwise push all others into one corner).
    float[][] unit = new float[shown.size()][];
    for (int i = 0; i < unit.length; i++) {
      unit[i] = unitLength(terms.vector(shown.get(i)));
    }
    Pca pca = Pca.fit(unit, 2);
    double[][] xy = pca.project(unit);
    ScatterPlot plot = new ScatterPlot("TF-IDF term vectors (" + CHUNKS + " chunks), PCA 2-D", shown, xy,
        List.copyOf(chunkOfTerm.values()));

    double[] ratio = pca.explainedVarianceRatio();
    List<String> text = List.of(
        String.format(Locale.ROOT, "%,d lines cut into %d chunks; %,d terms, each a %d-dimensional vector.",
            lines.size(), CHUNKS, terms.vocabulary().size(), terms.dimension()),
        String.format(Locale.ROOT, "PCA of the %d terms shown (unit length) keeps %.1f%% + %.1f%% of their "
            + "variance in 2-D.", shown.size(), 100 * ratio[0], 100 * ratio[1]));
    Map<String, Embedding> projector = Map.of("tfidf-terms", terms);
    return new Section("tfidf", "TF-IDF term vectors", text,
        List.of(new Section.Table("Top terms per chunk", List.of("chunk", "terms"), rows)), List.of(plot),
        List.of(), projector);
  }

  private static float[] unitLength(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += (double) x * x;
    }
    float[] out = v.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) (out[i] / Math.sqrt(norm));
    }
    return out;
  }
}
