package io.github.embeddings4j.examples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page's structure, without a browser: self-contained, escaped, data intact. */
class HtmlReportTest {

  private static final String FIGURES_OPEN = "<script type=\"application/json\" id=\"report-figures\">";

  @TempDir Path dir;

  @Test
  void plotlyIsInlinedFromTheWebJarAndNothingElseIsReferenced() throws Exception {
    Path html = dir.resolve("report.html");
    ReportFixtures.sections(new HtmlReport("offline"))
        .scatter(ReportFixtures.scatter("s", 30, 2, 2, 1))
        .graph(ReportFixtures.graph("g", 3, 3, 2))
        .write(html);
    String page = Files.readString(html, StandardCharsets.UTF_8);

    String version = PlotlyJs.version();
    String library;
    try (InputStream in =
        getClass()
            .getClassLoader()
            .getResourceAsStream("META-INF/resources/webjars/plotly.js-dist/" + version + "/plotly.js")) {
      library = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    int at = page.indexOf(library);
    assertTrue(at > 0, "plotly.js " + version + " is not inlined byte for byte");
    // Outside the library (whose source names map-tile servers that this report never uses) the page names no
    // URL and loads nothing: no src/href attribute, no stylesheet link, no CSS url() or @import.
    String rest = page.substring(0, at) + page.substring(at + library.length());
    for (String banned : List.of("http:", "https:", "//", " src=", " href=", "<link", "url(", "@import")) {
      assertFalse(rest.contains(banned), "the page outside plotly.js contains " + banned);
    }
    assertEquals(4, ReportFixtures.count(page, "<script"), "script elements: error capture, plotly.js, data, render");
    assertEquals(4, ReportFixtures.count(page, "</script>"));
  }

  @Test
  void labelsThatLookLikeMarkupStayText() throws Exception {
    Path html = dir.resolve("nasty.html");
    String nasty = ReportFixtures.NASTY;
    ScatterPlot flat = ReportFixtures.scatter(nasty + " flat", 12, 2, 2, 3);
    ScatterPlot deep = ReportFixtures.scatter(nasty + " deep", 12, 3, 0, 4);
    ReportFixtures.sections(new HtmlReport(nasty)).scatter(flat).scatter(deep).write(html);
    String page = Files.readString(html, StandardCharsets.UTF_8);

    // Only the four script elements of the page open or close a script: the labels did not end any early.
    assertEquals(4, ReportFixtures.count(page.toLowerCase(), "<script"));
    assertEquals(4, ReportFixtures.count(page.toLowerCase(), "</script"));
    assertTrue(page.contains("<title>&lt;/script&gt;&lt;b&gt;&quot;x&quot;</title>"));
    assertTrue(page.contains("<td>&lt;/script&gt;&lt;b&gt;&quot;x&quot;</td>"));
    assertTrue(page.contains("<p>First paragraph with &lt;tags&gt; &amp; ampersands.</p>"));
    assertTrue(page.contains("<p>Second paragraph: 東京 🙂</p>"), "paragraphs split at the blank line");

    int open = page.indexOf(FIGURES_OPEN) + FIGURES_OPEN.length();
    String json = page.substring(open, page.indexOf("</script>", open));
    assertTrue(json.chars().allMatch(c -> c < 128 && c != '<' && c != '>' && c != '&'), "raw character in JSON");
    JsonNode figures = new ObjectMapper().readTree(json);
    assertEquals(2, figures.size());

    JsonNode flatTraces = figures.get(0).get("data");
    assertEquals(2, flatTraces.size(), "one trace per group");
    assertEquals("scatter", flatTraces.get(0).get("type").asText());
    assertEquals("markers+text", flatTraces.get(0).get("mode").asText(), "few points: labels drawn");
    // Plotly reads its text as markup, so the label is entity-escaped there; the hover text too.
    assertEquals("&lt;/script&gt;&lt;b&gt;\"x\"", flatTraces.get(0).get("text").get(0).asText());
    assertEquals("&lt;/script&gt;&lt;b&gt;\"x\"", flatTraces.get(0).get("hovertext").get(0).asText());
    assertEquals("&amp;amp;", flatTraces.get(1).get("text").get(4).asText(), "label 9, \"&amp;\", in group 1");
    assertEquals(flat.points()[0][0], flatTraces.get(0).get("x").get(0).asDouble(), 1e-6);
    assertEquals(flat.points()[1][1], flatTraces.get(1).get("y").get(0).asDouble(), 1e-6);
    assertEquals("&lt;/script&gt;&lt;b&gt;\"x\" flat", figures.get(0).at("/layout/title/text").asText());

    JsonNode deepTrace = figures.get(1).get("data").get(0);
    assertEquals("scatter3d", deepTrace.get("type").asText());
    assertFalse(deepTrace.get("showlegend").asBoolean(), "a single group needs no legend");
    // WebGL text is drawn as is, so the 3-D labels are not escaped; the hover labels are.
    assertEquals(nasty, deepTrace.get("text").get(0).asText());
    assertEquals("&lt;/script&gt;&lt;b&gt;\"x\"", deepTrace.get("hovertext").get(0).asText());
    assertEquals("東京", deepTrace.get("text").get(3).asText(), "unicode survives the \\u escapes");
    assertEquals(deep.points()[5][2], deepTrace.get("z").get(5).asDouble(), 1e-5);
  }

  @Test
  void largeScatterPlotsShowLabelsOnHoverOnly() throws Exception {
    ScatterPlot big = ReportFixtures.scatter("big", HtmlReport.MAX_TEXT_LABELS + 1, 2, 0, 5);
    JsonNode trace = figures(new HtmlReport("big").scatter(big)).get(0).get("data").get(0);
    assertEquals("markers", trace.get("mode").asText());
    assertFalse(trace.has("text"));
    assertEquals(HtmlReport.MAX_TEXT_LABELS + 1, trace.get("hovertext").size());
  }

  @Test
  void graphsDrawEdgesAsSegmentsAndSeedsApart() throws Exception {
    GraphPlot graph =
        new GraphPlot(
            "g",
            List.of("king", "queen", "prince", "<apple>"),
            List.of(new GraphPlot.Edge(0, 1, 0.81), new GraphPlot.Edge(0, 2, 0.75), new GraphPlot.Edge(3, 3, 1)),
            java.util.Set.of(0, 3));
    JsonNode data = figures(new HtmlReport("g").graph(graph)).get(0).get("data");
    JsonNode lines = data.get(0);
    assertEquals("lines", lines.get("mode").asText());
    assertEquals(9, lines.get("x").size(), "three segments, each two ends and a null");
    assertTrue(lines.get("x").get(2).isNull());
    double[][] xy = GraphLayout.positions(graph);
    assertEquals(xy[0][0], lines.get("x").get(0).asDouble(), 1e-6);
    assertEquals(xy[1][1], lines.get("y").get(1).asDouble(), 1e-6);
    assertTrue(data.get(1).get("hovertext").get(0).asText().contains("similarity 0.8100"));
    JsonNode neighbours = data.get(2);
    JsonNode seeds = data.get(3);
    assertEquals(List.of("queen", "prince"), texts(neighbours));
    assertEquals(List.of("king", "&lt;apple&gt;"), texts(seeds));
    assertTrue(seeds.at("/marker/size").asInt() > neighbours.at("/marker/size").asInt(), "seeds drawn larger");
  }

  @Test
  void badInputIsRejectedWithItsName() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new HtmlReport("t").table("cap", List.of("a", "b"), List.of(List.of("1", "2"), List.of("3"))));
    assertTrue(e.getMessage().contains("row 1"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new ScatterPlot("s", List.of("a", "b"), new double[][] {{0, 1}, {Double.NaN, 2}}, List.of()));
    assertTrue(e.getMessage().contains("\"b\""), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new GraphPlot.Edge(0, 1, Double.POSITIVE_INFINITY));
  }

  @Test
  void writingReplacesTheFileAndLeavesNoTemporaryFile() throws Exception {
    Path html = dir.resolve("sub").resolve("r.html");
    new HtmlReport("first").write(html);
    new HtmlReport("second").write(html);
    assertTrue(Files.readString(html).contains("<h1>second</h1>"));
    try (Stream<Path> files = Files.list(html.getParent())) {
      assertEquals(List.of(html), files.toList());
    }
  }

  @Test
  void scriptSafeRewritesOnlyWhatCouldEndTheScript() {
    assertEquals("a = '\\x3C/script>'; b = '\\x3C/SCRIPT'; c = '\\x3C!--'; d = '<script';",
        PlotlyJs.scriptSafe("a = '</script>'; b = '</SCRIPT'; c = '<!--'; d = '<script';"));
    String plain = "if (a < b) { c = '<div>'; }";
    assertEquals(plain, PlotlyJs.scriptSafe(plain));
  }

  private JsonNode figures(HtmlReport report) throws Exception {
    Path html = dir.resolve("figures.html");
    report.write(html);
    String page = Files.readString(html, StandardCharsets.UTF_8);
    int open = page.indexOf(FIGURES_OPEN) + FIGURES_OPEN.length();
    return new ObjectMapper().readTree(page.substring(open, page.indexOf("</script>", open)));
  }

  private static List<String> texts(JsonNode trace) {
    List<String> texts = new java.util.ArrayList<>();
    trace.get("text").forEach(t -> texts.add(t.asText()));
    return texts;
  }
}
