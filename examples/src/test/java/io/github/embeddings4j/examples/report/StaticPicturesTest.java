package io.github.embeddings4j.examples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** PNGs are real images of the asked size; SVGs are well-formed XML of that size with the labels as text. */
class StaticPicturesTest {

  private static final Path OUT = Path.of("target", "report-pictures");

  private final ScatterPlot flat = ReportFixtures.scatter("2-D " + ReportFixtures.NASTY, 40, 2, 3, 1);
  private final ScatterPlot deep = ReportFixtures.scatter("3-D", 30, 3, 2, 3);
  private final ScatterPlot many = ReportFixtures.scatter("2-D, 3000 points", 3000, 2, 0, 2);
  private final GraphPlot graph = ReportFixtures.graph("20 × 20 " + ReportFixtures.NASTY, 20, 20, 5);

  @Test
  void pngsHaveTheAskedSizeAndAPicture() throws Exception {
    record Case(String name, Writer writer, int width, int height) {}
    List<Case> cases =
        List.of(
            new Case("scatter-2d", f -> StaticPictures.png(flat, f, 900, 700), 900, 700),
            new Case("scatter-3d", f -> StaticPictures.png(deep, f, 640, 480), 640, 480),
            new Case("scatter-many", f -> StaticPictures.png(many, f, 1001, 333), 1001, 333),
            new Case("graph", f -> StaticPictures.png(graph, f, 1200, 1000), 1200, 1000));
    for (Case c : cases) {
      Path png = OUT.resolve(c.name() + ".png");
      c.writer().write(png);
      assertTrue(Files.size(png) > 1000, c.name() + ": " + Files.size(png) + " bytes");
      BufferedImage image = ImageIO.read(png.toFile());
      assertEquals(c.width(), image.getWidth(), c.name());
      assertEquals(c.height(), image.getHeight(), c.name());
      assertTrue(PictureChecks.distinctColours(image) > 20, c.name() + " is (nearly) a single colour");
    }
  }

  @Test
  void pngsDifferWithTheData() throws Exception {
    Path a = OUT.resolve("a.png");
    Path b = OUT.resolve("b.png");
    StaticPictures.png(flat, a, 400, 300);
    StaticPictures.png(ReportFixtures.scatter("2-D " + ReportFixtures.NASTY, 40, 2, 3, 99), b, 400, 300);
    assertFalse(Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(b)), "other points, same image");
  }

  @Test
  void svgsAreWellFormedWithTheAskedSizeAndTheLabels() throws Exception {
    Path scatterSvg = OUT.resolve("scatter-2d.svg");
    StaticPictures.svg(flat, scatterSvg, 900, 700);
    Document scatter = parse(scatterSvg);
    assertSize(scatter, 900, 700);
    List<String> texts = texts(scatter);
    assertTrue(texts.contains(ReportFixtures.NASTY), "the label next to its point: " + texts);
    assertTrue(texts.contains("word39"), "the last label");
    assertTrue(texts.contains("group <0> & \"zero\""), "the legend");

    Path deepSvg = OUT.resolve("scatter-3d.svg");
    StaticPictures.svg(deep, deepSvg, 640, 480);
    Document d = parse(deepSvg);
    assertSize(d, 640, 480);
    assertTrue(texts(d).contains("first two of three coordinates"));

    Path graphSvg = OUT.resolve("graph.svg");
    StaticPictures.svg(graph, graphSvg, 1200, 1000);
    Document g = parse(graphSvg);
    assertSize(g, 1200, 1000);
    List<String> nodeLabels = texts(g);
    for (String node : graph.nodes()) {
      assertTrue(nodeLabels.contains(node), "node label " + node);
    }
    // An edge is a line annotation: the SVG holds at least one line element per edge.
    int lines = g.getElementsByTagName("line").getLength() + g.getElementsByTagName("path").getLength();
    assertTrue(lines >= graph.edges().size(), lines + " lines and paths for " + graph.edges().size() + " edges");
  }

  @Test
  void sizesOutOfRangeAreRejected() {
    Path f = OUT.resolve("never.png");
    assertThrows(IllegalArgumentException.class, () -> StaticPictures.png(flat, f, 0, 100));
    assertThrows(IllegalArgumentException.class, () -> StaticPictures.svg(graph, f, 100, StaticPictures.MAX_SIZE + 1));
  }

  @FunctionalInterface
  private interface Writer {
    void write(Path file) throws Exception;
  }

  private static Document parse(Path svg) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    return factory.newDocumentBuilder().parse(svg.toFile());
  }

  private static void assertSize(Document svg, int width, int height) {
    Element root = svg.getDocumentElement();
    assertEquals("svg", root.getLocalName());
    assertEquals(width, Double.parseDouble(root.getAttribute("width").replace("px", "")), 1e-9);
    assertEquals(height, Double.parseDouble(root.getAttribute("height").replace("px", "")), 1e-9);
  }

  private static List<String> texts(Document svg) {
    NodeList nodes = svg.getElementsByTagName("text");
    List<String> texts = new java.util.ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      texts.add(nodes.item(i).getTextContent());
    }
    return texts;
  }
}
