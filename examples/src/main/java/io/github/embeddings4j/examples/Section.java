package io.github.embeddings4j.examples;

import io.github.embeddings4j.Embedding;
import io.github.embeddings4j.examples.report.GraphPlot;
import io.github.embeddings4j.examples.report.ScatterPlot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * What one example computed, ready to print and to draw: its text, tables, plots, graphs and the vectors to
 * export for the Embedding Projector. Computing it touches no file; {@link ReportWriter} writes it.
 *
 * @param name a short file-name stem ({@code tfidf}, {@code word2vec}...)
 * @param title the heading
 * @param text lines of plain text, printed to the terminal and shown in the report
 * @param tables tables of results
 * @param scatters scatter plots
 * @param graphs embedding graphs
 * @param projector vectors to export as Embedding Projector TSV files, by folder name
 */
public record Section(String name, String title, List<String> text, List<Table> tables, List<ScatterPlot> scatters,
    List<GraphPlot> graphs, Map<String, Embedding> projector) {

  /** Copies the lists. */
  public Section {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(title, "title");
    text = List.copyOf(text);
    tables = List.copyOf(tables);
    scatters = List.copyOf(scatters);
    graphs = List.copyOf(graphs);
    projector = Map.copyOf(projector);
  }

  /**
   * A table of text cells.
   *
   * @param caption what it shows
   * @param header the column names
   * @param rows the rows, each as long as the header
   */
  public record Table(String caption, List<String> header, List<List<String>> rows) {
    /** Copies the lists and checks the row lengths. */
    public Table {
      header = List.copyOf(header);
      rows = rows.stream().map(List::copyOf).toList();
      for (List<String> row : rows) {
        if (row.size() != header.size()) {
          throw new IllegalArgumentException("row " + row + " has " + row.size() + " cells for " + header.size()
              + " columns");
        }
      }
    }
  }

  /**
   * Returns the section as terminal text: the title, the text lines and the tables in aligned columns.
   *
   * @return the lines to print
   */
  public List<String> toLines() {
    List<String> out = new ArrayList<>();
    out.add("== " + title + " ==");
    out.addAll(text);
    for (Table t : tables) {
      out.add("");
      out.add(t.caption() + ":");
      List<List<String>> all = Stream.concat(Stream.of(t.header()), t.rows().stream()).toList();
      int[] width = new int[t.header().size()];
      for (List<String> row : all) {
        for (int c = 0; c < width.length; c++) {
          width[c] = Math.max(width[c], row.get(c).length());
        }
      }
      for (List<String> row : all) {
        StringBuilder line = new StringBuilder(" ");
        for (int c = 0; c < width.length; c++) {
          line.append(' ').append(row.get(c)).append(" ".repeat(width[c] - row.get(c).length()));
        }
        out.add(line.toString().stripTrailing());
      }
    }
    out.add("");
    return out;
  }
}
