package io.github.embeddings4j.examples;

import io.github.embeddings4j.Embedding;
import io.github.embeddings4j.examples.report.GraphPlot;
import io.github.embeddings4j.graph.EmbeddingGraph;
import io.github.embeddings4j.llm.TokenEmbeddings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Embedding graphs of a language model's token table: each token of a sentence with its 20 nearest tokens, an
 * edge to each; and the same for "list" and its variants (lists, listed, listing...), whose neighbourhoods
 * overlap.
 */
public final class EmbeddingGraphExample {
  /** The sentence of the article. */
  public static final String SENTENCE = "AI agents will be the most hot topic of artificial intelligence in 2025.";
  /** Neighbours per token. */
  public static final int K = 20;
  /** "list" and its variants, with the word-start or word-piece marks of common tokenizers. */
  private static final Pattern LIST_VARIANT = Pattern.compile("(##|Ġ|▁)?[Ll]ist(s|ed|ing|ings)?");

  private EmbeddingGraphExample() {}

  /**
   * Opens all-MiniLM-L6-v2 from the class path and prints the two graphs' sizes and edges.
   *
   * @param args ignored
   * @throws IOException if the model cannot be read
   */
  public static void main(String[] args) throws IOException {
    Path dir = Files.createTempDirectory("minilm");
    try (TokenEmbeddings model = DefaultData.openModel(null, dir, Progress.forConsole())) {
      compute(model).toLines().forEach(System.out::println);
    }
  }

  /**
   * Builds the graph of the sentence's tokens and the graph of "list" and its variants.
   *
   * @param model the model's token table
   * @return the result
   */
  public static Section compute(Embedding model) {
    List<String> sentenceTokens = model.embed(SENTENCE).tokens();
    EmbeddingGraph sentence = EmbeddingGraph.of(model, sentenceTokens, K);
    List<String> variants = new ArrayList<>();
    for (String token : model.vocabulary().tokens().subList(0, model.searchableRows())) {
      if (LIST_VARIANT.matcher(token).matches()) {
        variants.add(token);
      }
    }
    List<String> text = new ArrayList<>();
    List<GraphPlot> plots = new ArrayList<>();
    text.add("\"" + SENTENCE + "\" -> " + sentenceTokens);
    text.add(describe(sentence));
    plots.add(toPlot("Embedding graph: " + SENTENCE, sentence));
    if (variants.isEmpty()) {
      text.add("No token of the vocabulary is \"list\" or a variant of it.");
    } else {
      EmbeddingGraph list = EmbeddingGraph.of(model, variants, K);
      text.add("\"list\" and its variants: " + variants);
      text.add(describe(list));
      plots.add(toPlot("Embedding graph: list and its variants", list));
    }
    return new Section("graph", "Embedding graphs", text, List.of(), List.of(), plots, Map.of());
  }

  private static String describe(EmbeddingGraph g) {
    return String.format(Locale.ROOT, "%d seed tokens with %d neighbours each: %d nodes, %d edges.",
        g.seeds().size(), g.k(), g.nodes().size(), g.edges().size());
  }

  /**
   * Turns a graph into the picture's data: node labels, edges with similarities, seed nodes.
   *
   * @param title the picture's title
   * @param g the graph
   * @return the plot
   */
  public static GraphPlot toPlot(String title, EmbeddingGraph g) {
    List<String> labels = g.nodes().stream().map(EmbeddingGraph.Node::token).toList();
    List<GraphPlot.Edge> edges = g.edges().stream()
        .map(e -> new GraphPlot.Edge(e.source(), e.target(), e.similarity())).toList();
    Set<Integer> seeds = new HashSet<>();
    for (int i = 0; i < g.nodes().size(); i++) {
      if (g.nodes().get(i).seed()) {
        seeds.add(i);
      }
    }
    return new GraphPlot(title, labels, edges, seeds);
  }
}
