package io.github.embeddings4j.examples.report;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One self-contained HTML page (plotly.js inlined, so it opens offline) holding text sections, tables,
 * interactive scatter plots and embedding graphs, in the order they were added.
 *
 * <p>The page loads nothing: plotly.js comes from the {@code org.webjars.npm:plotly.js-dist} WebJar on the class
 * path and is inlined in a {@code <script>}; the plots' data is one JSON document (written with Jackson, every
 * {@code <}, {@code >}, {@code &} and non-ASCII character escaped) in a {@code <script type="application/json">};
 * headings, paragraphs and table cells are HTML-escaped, and labels shown by plotly are entity-escaped so that
 * plotly's own markup ({@code <b>}, {@code <br>}) in a token is shown as text. Scatter plots draw each group as a
 * trace with a legend entry and, when there are at most {@value #MAX_TEXT_LABELS} points, the labels next to the
 * points; every point has a hover label. Graphs are drawn with a Fruchterman-Reingold layout computed in Java
 * with a fixed seed (the same as {@link StaticPictures}; see {@code GraphLayout}), edges as line segments whose
 * midpoints show the similarity on hover, neighbour nodes small and labelled, seed nodes larger and coloured.
 *
 * <p>A page that fails to draw says so: a small script ahead of plotly.js collects uncaught errors, rejected
 * promises and {@code console.error} calls into a visible box {@code #report-errors}, and when every plot has
 * been drawn the body gets {@code data-plots-rendered="N"}.
 *
 * <pre>{@code
 * new HtmlReport("Neighbours of king")
 *     .section("Data", "12 words, 6 hand-made features.")
 *     .scatter(new ScatterPlot("PCA", labels, points, List.of()))
 *     .graph(graph)
 *     .write(Path.of("target/report.html"));
 * }</pre>
 */
public final class HtmlReport {

  /** Scatter plots with at most this many points show their labels next to the points, not only on hover. */
  public static final int MAX_TEXT_LABELS = 60;

  private static final String[] PALETTE = {
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"
  };

  private static final String STYLE =
      """
      body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 2em auto; \
      max-width: 1100px; padding: 0 1em; color: #222; }
      h1 { font-size: 1.7em; } h2 { font-size: 1.3em; margin-top: 1.6em; }
      table { border-collapse: collapse; margin: 1em 0; font-size: 0.95em; }
      caption { text-align: left; font-weight: 600; padding-bottom: 0.4em; }
      th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; }
      th { background: #f3f3f3; }
      .plot { margin: 1.5em 0; border: 1px solid #e5e5e5; }
      #report-errors { white-space: pre-wrap; background: #fee; color: #900; border: 1px solid #c00; \
      padding: 0.5em; }
      """;

  /** Collects errors before anything else runs, so a failure in plotly.js itself is caught too. */
  private static final String ERROR_CAPTURE =
      """
      (function () {
        var errors = [];
        function show() {
          var box = document.getElementById('report-errors');
          if (!box || errors.length === 0) { return; }
          box.hidden = false;
          box.textContent = 'This page failed to draw:\\n' + errors.join('\\n');
        }
        window.reportProblem = function (message) { errors.push(String(message)); show(); };
        window.addEventListener('error', function (e) {
          if (e.message) {
            reportProblem('error: ' + e.message + (e.filename ? ' (' + e.filename + ':' + e.lineno + ')' : ''));
          } else if (e.target && e.target.tagName) {
            reportProblem('failed to load a ' + e.target.tagName.toLowerCase() + ' element');
          }
        }, true);
        window.addEventListener('unhandledrejection', function (e) {
          reportProblem('unhandled rejection: ' + (e.reason && e.reason.stack ? e.reason.stack : e.reason));
        });
        var consoleError = console.error;
        console.error = function () {
          reportProblem('console.error: ' + Array.prototype.map.call(arguments, String).join(' '));
          return consoleError.apply(console, arguments);
        };
        document.addEventListener('DOMContentLoaded', show);
      })();
      """;

  private static final String RENDER =
      """
      (function () {
        var figures = JSON.parse(document.getElementById('report-figures').textContent);
        var config = { responsive: true, displaylogo: false };
        Promise.all(figures.map(function (f) {
          return Plotly.newPlot(f.id, f.data, f.layout, config).then(function () {
            document.getElementById(f.id).setAttribute('data-rendered', 'true');
          });
        })).then(function () {
          document.body.setAttribute('data-plots-rendered', String(figures.length));
        }, function (e) {
          reportProblem('a plot failed: ' + (e && e.stack ? e.stack : e));
        });
      })();
      """;

  private static final JsonMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

  private final String title;
  private final StringBuilder body = new StringBuilder();
  private final List<Map<String, Object>> figures = new ArrayList<>();
  private final List<String> extraScripts = new ArrayList<>();

  /**
   * Starts an empty report with the page's title.
   *
   * @param title the page's title and top heading (plain text)
   */
  public HtmlReport(String title) {
    this.title = Objects.requireNonNull(title, "title");
  }

  /**
   * Adds a heading and plain text (escaped); blank lines separate paragraphs.
   *
   * @param heading the section's heading
   * @param text the section's text
   * @return this report
   */
  public HtmlReport section(String heading, String text) {
    Objects.requireNonNull(text, "text");
    body.append("<h2>").append(escapeHtml(heading)).append("</h2>\n");
    for (String paragraph : text.strip().split("\\R\\s*\\R")) {
      if (!paragraph.isBlank()) {
        body.append("<p>").append(escapeHtml(paragraph.strip())).append("</p>\n");
      }
    }
    return this;
  }

  /**
   * Adds a table of plain-text cells (escaped).
   *
   * @param caption the table's caption
   * @param header the column names
   * @param rows the rows, each with as many cells as the header
   * @return this report
   * @throws IllegalArgumentException if a row's length differs from the header's
   */
  public HtmlReport table(String caption, List<String> header, List<List<String>> rows) {
    for (int r = 0; r < rows.size(); r++) {
      if (rows.get(r).size() != header.size()) {
        throw new IllegalArgumentException(
            "table \"" + caption + "\": row " + r + " has " + rows.get(r).size() + " cells for "
                + header.size() + " columns");
      }
    }
    body.append("<table>\n<caption>").append(escapeHtml(caption)).append("</caption>\n<thead><tr>");
    for (String h : header) {
      body.append("<th>").append(escapeHtml(h)).append("</th>");
    }
    body.append("</tr></thead>\n<tbody>\n");
    for (List<String> row : rows) {
      body.append("<tr>");
      for (String cell : row) {
        body.append("<td>").append(escapeHtml(cell)).append("</td>");
      }
      body.append("</tr>\n");
    }
    body.append("</tbody>\n</table>\n");
    return this;
  }

  /**
   * Adds an interactive 2-D ({@code scatter}) or 3-D ({@code scatter3d}) plot with hover labels, one trace and
   * legend entry per group.
   *
   * @param plot the points to draw
   * @return this report
   */
  public HtmlReport scatter(ScatterPlot plot) {
    boolean threeD = plot.dimensions() == 3;
    int n = plot.labels().size();
    boolean textLabels = n <= MAX_TEXT_LABELS;
    Map<String, List<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      String group = plot.groups().isEmpty() ? "" : plot.groups().get(i);
      groups.computeIfAbsent(group, g -> new ArrayList<>()).add(i);
    }
    List<Object> data = new ArrayList<>();
    int colour = 0;
    for (Map.Entry<String, List<Integer>> group : groups.entrySet()) {
      List<Integer> members = group.getValue();
      Map<String, Object> trace = new LinkedHashMap<>();
      trace.put("type", threeD ? "scatter3d" : "scatter");
      trace.put("mode", textLabels ? "markers+text" : "markers");
      trace.put("name", plotlyText(group.getKey().isEmpty() ? "points" : group.getKey()));
      trace.put("showlegend", groups.size() > 1);
      for (int d = 0; d < plot.dimensions(); d++) {
        float[] coordinates = new float[members.size()];
        for (int k = 0; k < coordinates.length; k++) {
          coordinates[k] = (float) plot.points()[members.get(k)][d];
        }
        trace.put(String.valueOf((char) ('x' + d)), coordinates);
      }
      List<String> hover = new ArrayList<>(members.size());
      List<String> text = new ArrayList<>(members.size());
      for (int i : members) {
        String label = plot.labels().get(i);
        hover.add(plotlyText(label));
        // scatter3d draws its text in WebGL, which shows markup and entities literally.
        text.add(threeD ? label : plotlyText(label));
      }
      trace.put("hovertext", hover);
      trace.put("hoverinfo", "text");
      if (textLabels) {
        trace.put("text", text);
        trace.put("textposition", "top center");
        trace.put("textfont", Map.of("size", 11));
      }
      trace.put("marker", Map.of("size", threeD ? 4 : 8, "color", PALETTE[colour++ % PALETTE.length]));
      data.add(trace);
    }
    Map<String, Object> layout = new LinkedHashMap<>();
    layout.put("title", Map.of("text", plotlyText(plot.title())));
    layout.put("hovermode", "closest");
    layout.put("height", threeD ? 640 : 560);
    layout.put("margin", Map.of("l", 50, "r", 30, "t", 60, "b", 50));
    if (threeD) {
      layout.put(
          "scene",
          Map.of(
              "xaxis", Map.of("title", Map.of("text", "x")),
              "yaxis", Map.of("title", Map.of("text", "y")),
              "zaxis", Map.of("title", Map.of("text", "z"))));
    } else {
      layout.put("xaxis", Map.of("zeroline", false));
      layout.put("yaxis", Map.of("zeroline", false));
    }
    addFigure(data, layout);
    return this;
  }

  /**
   * Adds an embedding graph drawn with a force-directed layout (Fruchterman-Reingold with gravity, fixed seed),
   * node labels and neighbour edges; seeds are drawn larger and coloured.
   *
   * @param graph the graph to draw
   * @return this report
   */
  public HtmlReport graph(GraphPlot graph) {
    double[][] xy = GraphLayout.positions(graph);
    List<Float> edgeX = new ArrayList<>();
    List<Float> edgeY = new ArrayList<>();
    float[] midX = new float[graph.edges().size()];
    float[] midY = new float[graph.edges().size()];
    List<String> edgeHover = new ArrayList<>();
    int e = 0;
    for (GraphPlot.Edge edge : graph.edges()) {
      double[] a = xy[edge.source()];
      double[] b = xy[edge.target()];
      edgeX.add((float) a[0]);
      edgeX.add((float) b[0]);
      edgeX.add(null);
      edgeY.add((float) a[1]);
      edgeY.add((float) b[1]);
      edgeY.add(null);
      midX[e] = (float) ((a[0] + b[0]) / 2);
      midY[e] = (float) ((a[1] + b[1]) / 2);
      e++;
      edgeHover.add(
          plotlyText(graph.nodes().get(edge.source()) + " — " + graph.nodes().get(edge.target()))
              + "<br>similarity " + String.format(Locale.ROOT, "%.4f", edge.similarity()));
    }
    List<Object> data = new ArrayList<>();
    Map<String, Object> lines = xyTrace("lines", "edges", edgeX, edgeY, false);
    lines.put("line", Map.of("width", 1, "color", "rgba(110,110,110,0.45)"));
    lines.put("hoverinfo", "skip");
    data.add(lines);
    Map<String, Object> midpoints = xyTrace("markers", "similarity", midX, midY, false);
    midpoints.put("hovertext", edgeHover);
    midpoints.put("hoverinfo", "text");
    midpoints.put("marker", Map.of("size", 6, "opacity", 0));
    data.add(midpoints);
    data.add(nodeTrace(graph, xy, false));
    data.add(nodeTrace(graph, xy, true));
    Map<String, Object> layout = new LinkedHashMap<>();
    layout.put("title", Map.of("text", plotlyText(graph.title())));
    layout.put("hovermode", "closest");
    // Square plotting area (scaleanchor), taller for larger graphs so that labels have room.
    layout.put("height", Math.min(1100, Math.max(600, 500 + 2 * graph.nodes().size())));
    layout.put("margin", Map.of("l", 20, "r", 20, "t", 60, "b", 20));
    layout.put("xaxis", Map.of("visible", false, "range", List.of(-0.06, 1.06)));
    layout.put(
        "yaxis", Map.of("visible", false, "range", List.of(-0.06, 1.06), "scaleanchor", "x", "scaleratio", 1));
    layout.put("legend", Map.of("orientation", "h"));
    addFigure(data, layout);
    return this;
  }

  /**
   * Writes the page atomically (a temporary file in the same directory, then a move).
   *
   * @param file the HTML file to write; missing parent directories are created
   * @throws IOException if the file cannot be written or plotly.js is not on the class path
   */
  public void write(Path file) throws IOException {
    String plotly = PlotlyJs.inlineSource();
    String figuresJson = json(figures);
    AtomicWrite.write(
        file,
        out -> {
          Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
          w.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
          w.write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
          w.write("<title>" + escapeHtml(title) + "</title>\n");
          w.write("<style>\n" + STYLE + "</style>\n");
          w.write("<script>\n" + ERROR_CAPTURE + "</script>\n");
          w.write("<!-- plotly.js " + PlotlyJs.version() + " (MIT license), inlined so the page opens offline -->\n");
          w.write("<script>\n");
          w.write(plotly);
          w.write("\n</script>\n</head>\n<body>\n");
          w.write("<div id=\"report-errors\" role=\"alert\" hidden></div>\n");
          w.write("<h1>" + escapeHtml(title) + "</h1>\n");
          w.write(body.toString());
          w.write("<script type=\"application/json\" id=\"report-figures\">");
          w.write(figuresJson);
          w.write("</script>\n<script>\n" + RENDER + "</script>\n");
          for (String script : extraScripts) {
            w.write("<script>\n" + PlotlyJs.scriptSafe(script) + "\n</script>\n");
          }
          w.write("</body>\n</html>\n");
          w.flush();
        });
  }

  /** Test hook: a script run after the plots are started (to prove that the checks catch a broken page). */
  HtmlReport extraScript(String js) {
    extraScripts.add(js);
    return this;
  }

  /** The number of plots (scatter plots and graphs) added so far. */
  public int plotCount() {
    return figures.size();
  }

  private Map<String, Object> nodeTrace(GraphPlot graph, double[][] xy, boolean seeds) {
    List<Float> x = new ArrayList<>();
    List<Float> y = new ArrayList<>();
    List<String> text = new ArrayList<>();
    int[] degree = new int[graph.nodes().size()];
    for (GraphPlot.Edge edge : graph.edges()) {
      degree[edge.source()]++;
      degree[edge.target()]++;
    }
    List<String> hover = new ArrayList<>();
    for (int i = 0; i < graph.nodes().size(); i++) {
      if (graph.seeds().contains(i) == seeds) {
        x.add((float) xy[i][0]);
        y.add((float) xy[i][1]);
        String label = plotlyText(graph.nodes().get(i));
        text.add(label);
        hover.add(label + "<br>" + (seeds ? "seed, " : "") + degree[i] + (degree[i] == 1 ? " edge" : " edges"));
      }
    }
    Map<String, Object> trace = xyTrace("markers+text", seeds ? "seeds" : "neighbours", x, y, true);
    trace.put("text", text);
    trace.put("textposition", "top center");
    trace.put("textfont", Map.of("size", seeds ? 13 : 10, "color", seeds ? "#b03000" : "#333"));
    trace.put("hovertext", hover);
    trace.put("hoverinfo", "text");
    trace.put(
        "marker",
        seeds
            ? Map.of("size", 15, "color", "#ff7f0e", "line", Map.of("width", 1.5, "color", "#8a3b00"))
            : Map.of("size", 7, "color", "#1f77b4"));
    return trace;
  }

  /** A 2-D plotly trace with its points; the caller adds the styling. */
  private static Map<String, Object> xyTrace(String mode, String name, Object x, Object y, boolean legend) {
    Map<String, Object> trace = new LinkedHashMap<>();
    trace.put("type", "scatter");
    trace.put("mode", mode);
    trace.put("name", name);
    trace.put("x", x);
    trace.put("y", y);
    trace.put("showlegend", legend);
    return trace;
  }

  private void addFigure(List<Object> data, Map<String, Object> layout) {
    String id = "plot-" + (figures.size() + 1);
    Map<String, Object> figure = new LinkedHashMap<>();
    figure.put("id", id);
    figure.put("data", data);
    figure.put("layout", layout);
    figures.add(figure);
    body.append("<div class=\"plot\" id=\"").append(id).append("\"></div>\n");
  }

  /** Escapes text for HTML element content and quoted attribute values. */
  static String escapeHtml(String text) {
    StringBuilder sb = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /**
   * Escapes text that plotly renders as its own small markup language (titles, legend names, SVG text and hover
   * labels), so that {@code <b>} or {@code &amp;} in a token is shown as typed.
   */
  static String plotlyText(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** JSON safe inside a script element: no {@code <}, {@code >}, {@code &} or non-ASCII character left raw. */
  static String json(Object value) throws IOException {
    return JSON.writer(new ScriptSafeEscapes()).writeValueAsString(value);
  }

  private static final class ScriptSafeEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] escapes;

    ScriptSafeEscapes() {
      escapes = CharacterEscapes.standardAsciiEscapesForJSON();
      for (char c : new char[] {'<', '>', '&', '\''}) {
        escapes[c] = CharacterEscapes.ESCAPE_STANDARD;
      }
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return escapes;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return null;
    }
  }
}
