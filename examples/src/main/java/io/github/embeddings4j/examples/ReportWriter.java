package io.github.embeddings4j.examples;

import io.github.embeddings4j.Embedding;
import io.github.embeddings4j.examples.report.GraphFiles;
import io.github.embeddings4j.examples.report.GraphPlot;
import io.github.embeddings4j.examples.report.HtmlReport;
import io.github.embeddings4j.examples.report.ScatterPlot;
import io.github.embeddings4j.examples.report.StaticPictures;
import io.github.embeddings4j.io.ProjectorTsv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the examples' results into a folder: {@code report.html} (every section, interactive plots and graphs),
 * each scatter plot and graph as PNG and SVG, each graph as GraphML and DOT, and the Embedding Projector TSV
 * files in {@code projector/NAME/}.
 */
public final class ReportWriter {
  private static final int WIDTH = 1200;
  private static final int HEIGHT = 900;

  private ReportWriter() {}

  /**
   * Writes the report and the pictures.
   *
   * @param title the report's title
   * @param sections the results, in order
   * @param out the folder (created if missing)
   * @return the files written
   * @throws IOException if a file cannot be written
   */
  public static List<Path> write(String title, List<Section> sections, Path out) throws IOException {
    Files.createDirectories(out);
    List<Path> written = new ArrayList<>();
    HtmlReport report = new HtmlReport(title);
    for (Section s : sections) {
      report.section(s.title(), String.join("\n", s.text()));
      for (Section.Table t : s.tables()) {
        report.table(t.caption(), t.header(), t.rows());
      }
      for (int i = 0; i < s.scatters().size(); i++) {
        ScatterPlot plot = s.scatters().get(i);
        report.scatter(plot);
        String stem = stem(s, i, s.scatters().size());
        Path png = out.resolve(stem + ".png");
        StaticPictures.png(plot, png, WIDTH, HEIGHT);
        Path svg = out.resolve(stem + ".svg");
        StaticPictures.svg(plot, svg, WIDTH, HEIGHT);
        written.addAll(List.of(png, svg));
      }
      for (int i = 0; i < s.graphs().size(); i++) {
        GraphPlot graph = s.graphs().get(i);
        report.graph(graph);
        String stem = stem(s, i, s.graphs().size());
        Path png = out.resolve(stem + ".png");
        StaticPictures.png(graph, png, WIDTH, HEIGHT);
        Path svg = out.resolve(stem + ".svg");
        StaticPictures.svg(graph, svg, WIDTH, HEIGHT);
        Path graphMl = out.resolve(stem + ".graphml");
        GraphFiles.graphMl(graph, graphMl);
        Path dot = out.resolve(stem + ".dot");
        GraphFiles.dot(graph, dot);
        written.addAll(List.of(png, svg, graphMl, dot));
      }
      for (Map.Entry<String, Embedding> e : new TreeMap<>(s.projector()).entrySet()) {
        Path folder = out.resolve("projector").resolve(e.getKey());
        ProjectorTsv.write(e.getValue(), folder);
        written.add(folder.resolve(ProjectorTsv.VECTORS_FILE));
        written.add(folder.resolve(ProjectorTsv.METADATA_FILE));
      }
    }
    Path html = out.resolve("report.html");
    report.write(html);
    written.add(html);
    return written;
  }

  private static String stem(Section s, int index, int count) {
    return count == 1 ? s.name() : s.name() + "-" + (index + 1);
  }
}
