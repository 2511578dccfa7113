package io.github.embeddings4j.examples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Opens real reports in headless Chromium: no JavaScript error, every plot drawn, a screenshot saved. */
class HtmlReportBrowserTest {

  private static final Path OUT = Path.of("target", "report-browser");
  private static final Pattern PLOT_DIV = Pattern.compile("<div class=\"([^\"]*)\" id=\"(plot-\\d+)\"([^>]*)>");

  @Test
  void everyPlotRendersWithoutErrorsOffline() throws Exception {
    HeadlessChromium chromium = HeadlessChromium.findOrSkip();
    List<ScatterPlot> scatters =
        List.of(
            ReportFixtures.scatter("2-D, labelled, 3 groups " + ReportFixtures.NASTY, 40, 2, 3, 1),
            ReportFixtures.scatter("2-D, 2000 points, one group", 2000, 2, 0, 2),
            ReportFixtures.scatter("3-D, labelled, 2 groups " + ReportFixtures.NASTY, 30, 3, 2, 3),
            ReportFixtures.scatter("3-D, 1500 points, 5 groups", 1500, 3, 5, 4));
    List<GraphPlot> graphs =
        List.of(
            ReportFixtures.graph("20 seeds × 20 neighbours " + ReportFixtures.NASTY, 20, 20, 5),
            ReportFixtures.graph("3 seeds × 4 neighbours", 3, 4, 6));
    HtmlReport report = ReportFixtures.sections(new HtmlReport("Browser test " + ReportFixtures.NASTY));
    scatters.forEach(report::scatter);
    graphs.forEach(report::graph);
    Path html = OUT.resolve("report.html");
    report.write(html);

    HeadlessChromium.Page page = chromium.open(html);
    System.out.printf(
        "report.html %.1f MB, %d plots: chromium --dump-dom %.1f s%n",
        Files.size(html) / 1e6, report.plotCount(), page.seconds());
    assertEquals(List.of(), page.errors(), "JavaScript errors");
    String dom = page.dom();
    assertTrue(dom.contains("data-plots-rendered=\"6\""), "the page did not report all 6 plots drawn");

    List<String> segments = plotSegments(dom, 6);
    for (int i = 0; i < scatters.size(); i++) {
      String plot = segments.get(i);
      ScatterPlot scatter = scatters.get(i);
      assertTrue(plot.contains("class=\"main-svg\""), "plot " + (i + 1) + " has no plotly SVG");
      if (scatter.dimensions() == 2) {
        assertEquals(
            scatter.labels().size(), ReportFixtures.count(plot, "class=\"point\""), "points drawn in plot " + (i + 1));
      } else {
        Matcher canvas = Pattern.compile("<canvas width=\"(\\d+)\" height=\"(\\d+)\"").matcher(plot);
        assertTrue(canvas.find(), "3-D plot " + (i + 1) + " has no WebGL canvas");
        assertTrue(Integer.parseInt(canvas.group(1)) > 100 && Integer.parseInt(canvas.group(2)) > 100, canvas.group());
      }
    }
    for (int g = 0; g < graphs.size(); g++) {
      String plot = segments.get(scatters.size() + g);
      GraphPlot graph = graphs.get(g);
      // One marker per node and one (invisible, hoverable) marker per edge midpoint.
      assertEquals(
          graph.nodes().size() + graph.edges().size(),
          ReportFixtures.count(plot, "class=\"point\""),
          "markers of graph " + g);
      assertTrue(plot.contains("class=\"js-line\""), "graph " + g + " has no edge lines");
    }
    // The nasty label shows as text: in the table, in the 2-D labels, in titles; never as markup.
    String escaped = "&lt;/script&gt;&lt;b&gt;\"x\"";
    assertTrue(dom.contains("<td>" + escaped + "</td>"), "table cell");
    assertTrue(segments.get(0).contains(">" + escaped + "</text>"), "text label next to a 2-D point");
    assertTrue(segments.get(4).contains(">" + escaped + "</text>"), "node label in the graph");
    assertFalse(dom.contains("<b>\"x\""), "a label became markup");

    Path png = OUT.resolve("report.png");
    Files.deleteIfExists(png);
    double shot = chromium.screenshot(html, png, 1280, 5000);
    System.out.printf("chromium --screenshot %.1f s -> %s%n", shot, png);
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(1280, image.getWidth());
    assertEquals(5000, image.getHeight());
    assertTrue(PictureChecks.distinctColours(image) > 50, "the screenshot is nearly blank");
  }

  /** The checks must catch a broken page, or they prove nothing: each script breaks it in another way. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "notDefinedAnywhere();                                       | notDefinedAnywhere",
        "var = ;                                                     | SyntaxError",
        "Promise.reject(new Error('rejected on purpose'));           | rejected on purpose",
        "console.error('logged on purpose');                         | logged on purpose",
        "document.body.appendChild(document.createElement('img')).src = 'https://example.org/x.png'; | failed to load"
      })
  void aBrokenPageIsCaught(String badScript, String expected) throws Exception {
    HeadlessChromium chromium = HeadlessChromium.findOrSkip();
    Path html = OUT.resolve("broken.html");
    new HtmlReport("broken")
        .scatter(ReportFixtures.scatter("small", 5, 2, 0, 7))
        .extraScript(badScript)
        .write(html);
    HeadlessChromium.Page page = chromium.open(html);
    assertTrue(
        page.errors().stream().anyMatch(e -> e.contains(expected)),
        "no error mentioning \"" + expected + "\" for " + badScript + ": " + page.errors());
  }

  private static List<String> plotSegments(String dom, int expected) {
    Matcher m = PLOT_DIV.matcher(dom);
    List<Integer> starts = new ArrayList<>();
    int n = 0;
    while (m.find()) {
      n++;
      assertEquals("plot-" + n, m.group(2));
      assertTrue(m.group(1).contains("js-plotly-plot"), m.group() + " was not turned into a plot");
      assertTrue(m.group(3).contains("data-rendered=\"true\""), m.group() + " did not finish drawing");
      starts.add(m.start());
    }
    assertEquals(expected, n, "plot divs in the DOM");
    starts.add(dom.length());
    List<String> segments = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      segments.add(dom.substring(starts.get(i), starts.get(i + 1)));
    }
    return segments;
  }
}
