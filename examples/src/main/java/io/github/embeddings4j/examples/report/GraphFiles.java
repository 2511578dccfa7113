package io.github.embeddings4j.examples.report;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.WeightedPseudograph;
import org.jgrapht.nio.Attribute;
import org.jgrapht.nio.AttributeType;
import org.jgrapht.nio.DefaultAttribute;
import org.jgrapht.nio.dot.DOTExporter;
import org.jgrapht.nio.graphml.GraphMLExporter;
import org.jgrapht.nio.graphml.GraphMLExporter.AttributeCategory;

/**
 * Embedding graphs as GraphML and Graphviz DOT files (JGraphT's exporters), with labels and similarities.
 *
 * <p>Node {@code i} of the {@link GraphPlot} gets the id {@code n<i>} in both formats. GraphML: node attributes
 * {@code label} (string) and {@code seed} (boolean), edge attribute {@code similarity} (double); the graph is
 * undirected. DOT: an undirected {@code graph} whose nodes carry {@code label}, seeds also {@code shape=box} and
 * {@code style=bold}, and whose edges carry {@code similarity} and a {@code label} with it to four decimals.
 * Backslashes in DOT labels are doubled (Graphviz reads labels as escStrings). Every edge of the plot is kept,
 * repeated ones and self-loops included. Files are written atomically.
 *
 * <pre>{@code
 * GraphFiles.graphMl(graph, Path.of("target/king.graphml"));
 * GraphFiles.dot(graph, Path.of("target/king.dot"));   // dot -Tsvg king.dot > king.svg
 * }</pre>
 */
public final class GraphFiles {

  private GraphFiles() {}

  /**
   * Writes the graph as GraphML, node attribute {@code label}, edge attribute {@code similarity}.
   *
   * @param graph the graph
   * @param file the GraphML file, written atomically
   * @throws IOException if the file cannot be written
   */
  public static void graphMl(GraphPlot graph, Path file) throws IOException {
    GraphMLExporter<Integer, DefaultWeightedEdge> exporter = new GraphMLExporter<>(GraphFiles::id);
    exporter.registerAttribute("label", AttributeCategory.NODE, AttributeType.STRING);
    exporter.registerAttribute("seed", AttributeCategory.NODE, AttributeType.BOOLEAN);
    exporter.registerAttribute("similarity", AttributeCategory.EDGE, AttributeType.DOUBLE);
    export(
        graph,
        file,
        UnaryOperator.identity(),
        exporter::setVertexAttributeProvider,
        exporter::setEdgeAttributeProvider,
        exporter::exportGraph);
  }

  /**
   * Writes the graph as an undirected Graphviz DOT graph with node labels.
   *
   * @param graph the graph
   * @param file the DOT file, written atomically
   * @throws IOException if the file cannot be written
   */
  public static void dot(GraphPlot graph, Path file) throws IOException {
    DOTExporter<Integer, DefaultWeightedEdge> exporter = new DOTExporter<>(GraphFiles::id);
    // The exporter writes graph attributes as they are, without quotes: quote and escape the title here.
    String title = "\"" + escString(graph.title()).replace("\"", "\\\"") + "\"";
    exporter.setGraphAttributeProvider(() -> Map.of("label", DefaultAttribute.createAttribute(title)));
    export(
        graph,
        file,
        GraphFiles::escString,
        exporter::setVertexAttributeProvider,
        exporter::setEdgeAttributeProvider,
        exporter::exportGraph);
  }

  private interface Setter<T> {
    void set(Function<T, Map<String, Attribute>> provider);
  }

  private interface Exporter {
    void export(Graph<Integer, DefaultWeightedEdge> graph, Writer out);
  }

  private static void export(
      GraphPlot plot,
      Path file,
      UnaryOperator<String> text,
      Setter<Integer> vertexAttributes,
      Setter<DefaultWeightedEdge> edgeAttributes,
      Exporter exporter)
      throws IOException {
    Graph<Integer, DefaultWeightedEdge> graph = new WeightedPseudograph<>(DefaultWeightedEdge.class);
    for (int i = 0; i < plot.nodes().size(); i++) {
      graph.addVertex(i);
    }
    for (GraphPlot.Edge e : plot.edges()) {
      graph.setEdgeWeight(graph.addEdge(e.source(), e.target()), e.similarity());
    }
    vertexAttributes.set(
        v -> {
          Map<String, Attribute> a = new LinkedHashMap<>();
          a.put("label", DefaultAttribute.createAttribute(text.apply(plot.nodes().get(v))));
          boolean seed = plot.seeds().contains(v);
          a.put("seed", DefaultAttribute.createAttribute(seed));
          if (seed) {
            a.put("shape", DefaultAttribute.createAttribute("box"));
            a.put("style", DefaultAttribute.createAttribute("bold"));
          }
          return a;
        });
    edgeAttributes.set(
        e -> {
          double similarity = graph.getEdgeWeight(e);
          Map<String, Attribute> a = new LinkedHashMap<>();
          a.put("similarity", DefaultAttribute.createAttribute(similarity));
          a.put("label", DefaultAttribute.createAttribute(String.format(Locale.ROOT, "%.4f", similarity)));
          return a;
        });
    AtomicWrite.write(
        file,
        out -> {
          Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
          exporter.export(graph, w);
          w.flush();
        });
  }

  /**
   * Graphviz reads a label as an escString, where a backslash starts an escape ({@code \n}, {@code \N}...), and
   * JGraphT's exporter escapes only the double quote: doubling every backslash keeps a token such as {@code a\b}
   * as typed, in Graphviz and in JGraphT's importer alike.
   */
  private static String escString(String text) {
    return text.replace("\\", "\\\\");
  }

  private static String id(int vertex) {
    return "n" + vertex;
  }
}
