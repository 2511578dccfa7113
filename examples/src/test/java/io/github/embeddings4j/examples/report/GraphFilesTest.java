package io.github.embeddings4j.examples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.Pseudograph;
import org.jgrapht.nio.BaseEventDrivenImporter;
import org.jgrapht.nio.GraphImporter;
import org.jgrapht.nio.dot.DOTImporter;
import org.jgrapht.nio.graphml.GraphMLImporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GraphML and DOT files read back with JGraphT's importers give the same graph, labels and similarities. */
class GraphFilesTest {

  @TempDir Path dir;

  private final GraphPlot graph = withLoopAndRepeat(ReportFixtures.graph("20 × 20 " + ReportFixtures.NASTY, 20, 20, 5));

  @Test
  void graphMlRoundTrip() throws Exception {
    Path file = dir.resolve("g.graphml");
    GraphFiles.graphMl(graph, file);
    String xml = Files.readString(file, StandardCharsets.UTF_8);
    assertTrue(xml.contains("attr.name=\"label\""), "label key declared");
    assertTrue(xml.contains("attr.name=\"similarity\" attr.type=\"double\""), "similarity key declared");
    GraphMLImporter<String, DefaultEdge> importer = new GraphMLImporter<>();
    importer.setSchemaValidation(true);
    importer.setVertexFactory(id -> id);
    assertSame(graph, read(file, importer, "similarity"));
  }

  @Test
  void dotRoundTrip() throws Exception {
    Path file = dir.resolve("g.dot");
    GraphFiles.dot(graph, file);
    String dot = Files.readString(file, StandardCharsets.UTF_8);
    assertTrue(dot.startsWith("strict graph G {") || dot.startsWith("graph G {"), dot.substring(0, 40));
    DOTImporter<String, DefaultEdge> importer = new DOTImporter<>();
    importer.setVertexFactory(id -> id);
    Map<String, String> graphAttributes = new HashMap<>();
    importer.addGraphAttributeConsumer((k, a) -> graphAttributes.put(k, a.getValue()));
    assertSame(graph, read(file, importer, "similarity"));
    assertEquals(graph.title(), graphAttributes.get("label"), "the title");
  }

  /** What an importer read: labels by node id, and each edge as "id1 id2 similarity", ends sorted. */
  private record Read(Map<String, String> labels, Map<String, String> seeds, List<String> edges) {}

  private static <I extends BaseEventDrivenImporter<String, DefaultEdge> & GraphImporter<String, DefaultEdge>>
      Read read(Path file, I importer, String similarityKey) throws Exception {
    Map<String, String> labels = new HashMap<>();
    Map<String, String> seeds = new HashMap<>();
    Map<DefaultEdge, String> similarity = new HashMap<>();
    importer.addVertexAttributeConsumer(
        (p, a) -> {
          if (a == null) {
            throw new AssertionError("attribute " + p.getSecond() + " of " + p.getFirst() + " has no value");
          } else if (p.getSecond().equals("label")) {
            labels.put(p.getFirst(), a.getValue());
          } else if (p.getSecond().equals("seed")) {
            seeds.put(p.getFirst(), a.getValue());
          }
        });
    importer.addEdgeAttributeConsumer(
        (p, a) -> {
          if (p.getSecond().equals(similarityKey)) {
            similarity.put(p.getFirst(), a.getValue());
          }
        });
    Graph<String, DefaultEdge> g = new Pseudograph<>(null, DefaultEdge::new, false);
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      importer.importGraph(g, in);
    }
    List<String> edges = new ArrayList<>();
    for (DefaultEdge e : g.edgeSet()) {
      String a = g.getEdgeSource(e);
      String b = g.getEdgeTarget(e);
      edges.add(
          (a.compareTo(b) <= 0 ? a + " " + b : b + " " + a)
              + " " + String.format(Locale.ROOT, "%.6f", Double.parseDouble(similarity.get(e))));
    }
    edges.sort(null);
    assertEquals(g.vertexSet().size(), labels.size(), "every node has a label");
    return new Read(labels, seeds, edges);
  }

  private static void assertSame(GraphPlot expected, Read actual) {
    assertEquals(expected.nodes().size(), actual.labels().size(), "nodes");
    for (int i = 0; i < expected.nodes().size(); i++) {
      assertEquals(expected.nodes().get(i), actual.labels().get("n" + i), "label of node " + i);
      assertEquals(String.valueOf(expected.seeds().contains(i)), actual.seeds().get("n" + i), "seed flag of " + i);
    }
    List<String> edges = new ArrayList<>();
    for (GraphPlot.Edge e : expected.edges()) {
      String a = "n" + e.source();
      String b = "n" + e.target();
      edges.add(
          (a.compareTo(b) <= 0 ? a + " " + b : b + " " + a)
              + " " + String.format(Locale.ROOT, "%.6f", e.similarity()));
    }
    edges.sort(null);
    assertEquals(edges, actual.edges());
  }

  /** The fixture plus a self-loop and a repeated edge, which the files must keep. */
  private static GraphPlot withLoopAndRepeat(GraphPlot g) {
    List<GraphPlot.Edge> edges = new ArrayList<>(g.edges());
    edges.add(new GraphPlot.Edge(3, 3, 1.0));
    edges.add(new GraphPlot.Edge(g.edges().get(0).target(), g.edges().get(0).source(), 0.123456));
    return new GraphPlot(g.title(), g.nodes(), edges, Set.copyOf(g.seeds()));
  }
}
