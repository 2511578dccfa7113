package io.github.embeddings4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.embeddings4j.examples.report.HeadlessChromium;
import io.github.embeddings4j.examples.report.PictureChecks;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The README's main job end to end: {@code tour} on the embedded default data (WordNet glosses, MiniLM), then every
 * file it promises, and its HTML report opened in headless Chromium: no JavaScript error, every plot drawn.
 */
class TourTest {
  @TempDir Path out;

  @Test
  void tourWritesTheReportPicturesGraphsAndProjectorFilesAndTheReportRendersInABrowser() throws Exception {
    CommandLine cli = Embeddings4jCli.commandLine();
    StringWriter printed = new StringWriter();
    cli.setOut(new PrintWriter(printed));
    cli.setErr(new PrintWriter(printed));
    // Fewer epochs than the default 10 keep the test short; the pictures and files are the same kind.
    assertEquals(0, cli.execute("tour", "--out", out.toString(), "--quiet", "--epochs", "3", "--seed", "1"),
        () -> "tour failed:\n" + printed);

    List<Path> pngs = files(".png");
    List<Path> svgs = files(".svg");
    List<Path> graphMls = files(".graphml");
    List<Path> dots = files(".dot");
    // TF-IDF 2-D, word2vec 3-D, the two embedding graphs, at least.
    assertTrue(pngs.size() >= 4, "pictures: " + pngs);
    assertEquals(pngs.size(), svgs.size(), "one SVG per PNG");
    assertTrue(graphMls.size() >= 2, "graphs: " + graphMls);
    assertEquals(graphMls.size(), dots.size(), "one DOT per GraphML");
    for (Path png : pngs) {
      BufferedImage image = ImageIO.read(png.toFile());
      assertEquals(1200, image.getWidth(), png.toString());
      assertEquals(900, image.getHeight(), png.toString());
      assertTrue(PictureChecks.distinctColours(image) > 10, png + " is nearly blank");
    }
    for (Path svg : svgs) {
      assertTrue(Files.readString(svg).contains("<svg"), svg.toString());
    }
    for (Path graphMl : graphMls) {
      assertTrue(Files.readString(graphMl).contains("<edge"), graphMl + " has no edge");
    }
    try (Stream<Path> projector = Files.list(out.resolve("projector"))) {
      List<Path> folders = projector.collect(Collectors.toList());
      assertEquals(3, folders.size(), "projector folders: " + folders);
      for (Path folder : folders) {
        assertTrue(Files.size(folder.resolve("vectors.tsv")) > 0, folder.toString());
        assertTrue(Files.size(folder.resolve("metadata.tsv")) > 0, folder.toString());
      }
    }

    Path html = out.resolve("report.html");
    HeadlessChromium browser = HeadlessChromium.findOrSkip();
    HeadlessChromium.Page page = browser.open(html);
    assertEquals(List.of(), page.errors(), "JavaScript errors in the tour's report");
    int plots = pngs.size();
    assertTrue(page.dom().contains("data-plots-rendered=\"" + plots + "\""),
        "the page did not report its " + plots + " plots drawn");
    Matcher rendered = Pattern.compile("data-rendered=\"true\"").matcher(page.dom());
    int drawn = 0;
    while (rendered.find()) {
      drawn++;
    }
    assertEquals(plots, drawn, "plots marked as drawn");
    Path shot = Path.of("target", "tour", "report-screenshot.png");
    browser.screenshot(html, shot, 1280, 4000);
    BufferedImage image = ImageIO.read(shot.toFile());
    assertEquals(1280, image.getWidth());
    assertTrue(PictureChecks.distinctColours(image) > 50, "the screenshot is nearly blank");
  }

  private List<Path> files(String suffix) throws Exception {
    try (Stream<Path> s = Files.list(out)) {
      return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().collect(Collectors.toList());
    }
  }
}
