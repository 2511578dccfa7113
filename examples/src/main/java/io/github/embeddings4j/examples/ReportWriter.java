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
      // One numbered stem per picture of the section (a single picture keeps the bare name).
      int pictures = s.scatters().size() + s.graphs().size();
      int i = 0;
      for (ScatterPlot plot : s.scatters()) {
        report.scatter(plot);
        String stem = stem(s, i++, pictures);
        written.add(write(out, stem + ".png", f -> StaticPictures.png(plot, f, WIDTH, HEIGHT)));
        written.add(write(out, stem + ".svg", f -> StaticPictures.svg(plot, f, WIDTH, HEIGHT)));
      }
      for (GraphPlot graph : s.graphs()) {
        report.graph(graph);
        String stem = stem(s, i++, pictures);
        written.add(write(out, stem + ".png", f -> StaticPictures.png(graph, f, WIDTH, HEIGHT)));
        written.add(write(out, stem + ".svg", f -> StaticPictures.svg(graph, f, WIDTH, HEIGHT)));
        written.add(write(out, stem + ".graphml", f -> GraphFiles.graphMl(graph, f)));
        written.add(write(out, stem + ".dot", f -> GraphFiles.dot(graph, f)));
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

  /** Writes one file. */
  @FunctionalInterface
  private interface FileWriter {
    void write(Path file) throws IOException;
  }

  private static Path write(Path out, String name, FileWriter writer) throws IOException {
    Path file = out.resolve(name);
    writer.write(file);
    return file;
  }

  private static String stem(Section s, int index, int count) {
    return count == 1 ? s.name() : s.name() + "-" + (index + 1);
  }
}
