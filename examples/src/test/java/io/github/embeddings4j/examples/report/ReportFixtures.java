package io.github.embeddings4j.examples.report;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Realistic plots for the tests: seeded random clusters and a seeds × neighbours graph, with awkward labels. */
final class ReportFixtures {

  /** A label that would break a page that does not escape: it closes the script and opens markup. */
  static final String NASTY = "</script><b>\"x\"";

  private static final String[] ODD = {
    NASTY, "O'Brien & sons", "naïve", "東京", "emoji 🙂", "<!--", "a\\b", "tab\there", "${x}", "&amp;", "end\\",
    "back\\\"slash"
  };

  private ReportFixtures() {}

  /** {@code n} points in {@code groups} Gaussian clusters, labels mixing plain words and {@link #ODD} ones. */
  static ScatterPlot scatter(String title, int n, int dims, int groups, long seed) {
    Random rnd = new Random(seed);
    List<String> labels = new ArrayList<>();
    List<String> groupNames = new ArrayList<>();
    double[][] points = new double[n][dims];
    for (int i = 0; i < n; i++) {
      labels.add(i < ODD.length ? ODD[i] : "word" + i);
      int g = i % Math.max(1, groups);
      if (groups > 0) {
        groupNames.add(g == 0 ? "group <0> & \"zero\"" : "group " + g);
      }
      for (int d = 0; d < dims; d++) {
        points[i][d] = 3.0 * ((g + d) % 3) + rnd.nextGaussian();
      }
    }
    return new ScatterPlot(title, labels, points, groupNames);
  }

  /**
   * A graph of {@code seeds} seed words each joined to {@code neighbours} neighbours; neighbours are shared between
   * seeds now and then, as real nearest-neighbour graphs share them.
   */
  static GraphPlot graph(String title, int seeds, int neighbours, long seed) {
    Random rnd = new Random(seed);
    List<String> nodes = new ArrayList<>();
    List<GraphPlot.Edge> edges = new ArrayList<>();
    Set<Integer> seedIds = new HashSet<>();
    for (int s = 0; s < seeds; s++) {
      nodes.add(s < ODD.length ? ODD[s] : "seed" + s);
      seedIds.add(s);
    }
    for (int s = 0; s < seeds; s++) {
      for (int k = 0; k < neighbours; k++) {
        int target;
        if (nodes.size() > seeds && rnd.nextInt(10) == 0) {
          target = seeds + rnd.nextInt(nodes.size() - seeds);
        } else {
          target = nodes.size();
          nodes.add("n" + s + "_" + k + (k == 0 ? " <i>" : ""));
        }
        edges.add(new GraphPlot.Edge(s, target, 0.9 - 0.02 * k));
      }
    }
    return new GraphPlot(title, nodes, edges, seedIds);
  }

  /** Adds a text section and a table with awkward labels. */
  static HtmlReport sections(HtmlReport report) {
    return report
        .section("About " + NASTY, "First paragraph with <tags> & ampersands.\n\nSecond paragraph: 東京 🙂")
        .table(
            "Neighbours of " + NASTY,
            List.of("rank", "token", "similarity"),
            List.of(List.of("1", NASTY, "0.91"), List.of("2", "O'Brien & sons", "0.87")));
  }

  /** How often {@code needle} occurs in {@code text}, without overlaps. */
  static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
      n++;
    }
    return n;
  }
}
