package io.github.embeddings4j.examples.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * The report's plots as PNG and SVG files, for people without a browser, drawn with JFreeChart (SVG through
 * JFreeSVG). A 3-D scatter plot is drawn as its first two coordinates. Scatter plots colour each group and show a
 * legend when there are several; with at most {@value HtmlReport#MAX_TEXT_LABELS} points the labels are written
 * next to the points. Graphs use the same Fruchterman-Reingold layout as {@link HtmlReport} (fixed seed),
 * edges as grey segments, every node labelled, seeds larger and orange.
 *
 * <pre>{@code
 * StaticPictures.png(plot, Path.of("target/pca.png"), 1200, 900);
 * StaticPictures.svg(graph, Path.of("target/graph.svg"), 1200, 900);
 * }</pre>
 */
public final class StaticPictures {

  /** The largest width or height accepted, in pixels. */
  public static final int MAX_SIZE = 16_384;

  private static final Color[] PALETTE = {
    new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
    new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)
  };

  private static final UnaryOperator<String> PLAIN = UnaryOperator.identity();

  /**
   * JFreeSVG escapes text for XML but leaves an {@code &} alone when it already starts {@code &amp;}, {@code &lt;}
   * and the like, so a token that is literally {@code &amp;} would come out as {@code &}. Escaping every {@code &}
   * first makes all of them look pre-escaped, and the SVG shows each text exactly as given.
   */
  private static final UnaryOperator<String> SVG_TEXT = s -> s.replace("&", "&amp;");

  private StaticPictures() {}

  /**
   * Writes a scatter plot as a PNG image of the given size in pixels.
   *
   * @param plot the points to draw
   * @param file the PNG file, written atomically
   * @param width the width in pixels
   * @param height the height in pixels
   * @throws IOException if the file cannot be written
   * @throws IllegalArgumentException if a size is not in 1..{@value #MAX_SIZE}
   */
  public static void png(ScatterPlot plot, Path file, int width, int height) throws IOException {
    png(scatterChart(plot, PLAIN), file, width, height);
  }

  /**
   * Writes a scatter plot as an SVG image of the given size.
   *
   * @param plot the points to draw
   * @param file the SVG file, written atomically
   * @param width the width in pixels (SVG user units)
   * @param height the height in pixels (SVG user units)
   * @throws IOException if the file cannot be written
   * @throws IllegalArgumentException if a size is not in 1..{@value #MAX_SIZE}
   */
  public static void svg(ScatterPlot plot, Path file, int width, int height) throws IOException {
    svg(scatterChart(plot, SVG_TEXT), file, width, height);
  }

  /**
   * Writes an embedding graph (force-directed layout) as a PNG image of the given size in pixels.
   *
   * @param graph the graph to draw
   * @param file the PNG file, written atomically
   * @param width the width in pixels
   * @param height the height in pixels
   * @throws IOException if the file cannot be written
   * @throws IllegalArgumentException if a size is not in 1..{@value #MAX_SIZE}
   */
  public static void png(GraphPlot graph, Path file, int width, int height) throws IOException {
    png(graphChart(graph, PLAIN), file, width, height);
  }

  /**
   * Writes an embedding graph (force-directed layout) as an SVG image of the given size.
   *
   * @param graph the graph to draw
   * @param file the SVG file, written atomically
   * @param width the width in pixels (SVG user units)
   * @param height the height in pixels (SVG user units)
   * @throws IOException if the file cannot be written
   * @throws IllegalArgumentException if a size is not in 1..{@value #MAX_SIZE}
   */
  public static void svg(GraphPlot graph, Path file, int width, int height) throws IOException {
    svg(graphChart(graph, SVG_TEXT), file, width, height);
  }

  private static void png(JFreeChart chart, Path file, int width, int height) throws IOException {
    checkSize(width, height);
    AtomicWrite.write(file, out -> ChartUtils.writeChartAsPNG(out, chart, width, height));
  }

  private static void svg(JFreeChart chart, Path file, int width, int height) throws IOException {
    checkSize(width, height);
    SVGGraphics2D g = new SVGGraphics2D(width, height);
    chart.draw(g, new Rectangle(0, 0, width, height));
    byte[] bytes = g.getSVGDocument().getBytes(StandardCharsets.UTF_8);
    AtomicWrite.write(file, out -> out.write(bytes));
  }

  private static void checkSize(int width, int height) {
    if (width < 1 || width > MAX_SIZE || height < 1 || height > MAX_SIZE) {
      throw new IllegalArgumentException(
          "picture size " + width + "x" + height + " outside 1.." + MAX_SIZE + " pixels");
    }
  }

  private static JFreeChart scatterChart(ScatterPlot plot, UnaryOperator<String> text) {
    Map<String, XYSeries> series = new LinkedHashMap<>();
    Map<String, List<String>> labels = new LinkedHashMap<>();
    for (int i = 0; i < plot.labels().size(); i++) {
      String group = text.apply(plot.groups().isEmpty() ? "points" : plot.groups().get(i));
      series.computeIfAbsent(group, g -> new XYSeries(g, false, true)).add(plot.points()[i][0], plot.points()[i][1]);
      labels.computeIfAbsent(group, g -> new ArrayList<>()).add(text.apply(plot.labels().get(i)));
    }
    XYSeriesCollection dataset = new XYSeriesCollection();
    series.values().forEach(dataset::addSeries);
    List<List<String>> labelLists = new ArrayList<>(labels.values());
    boolean legend = series.size() > 1;
    JFreeChart chart =
        ChartFactory.createScatterPlot(
            text.apply(plot.title()), "x", "y", dataset, PlotOrientation.VERTICAL, legend, false, false);
    if (plot.dimensions() == 3) {
      chart.addSubtitle(new TextTitle("first two of three coordinates"));
    }
    chart.setBackgroundPaint(Color.WHITE);
    XYPlot xy = (XYPlot) chart.getPlot();
    style(xy);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
    for (int s = 0; s < series.size(); s++) {
      renderer.setSeriesPaint(s, PALETTE[s % PALETTE.length]);
      renderer.setSeriesShape(s, circle(8));
    }
    if (plot.labels().size() <= HtmlReport.MAX_TEXT_LABELS) {
      labelItems(renderer, (s, item) -> labelLists.get(s).get(item), new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    }
    xy.setRenderer(renderer);
    return chart;
  }

  private static JFreeChart graphChart(GraphPlot graph, UnaryOperator<String> text) {
    double[][] positions = GraphLayout.positions(graph);
    XYSeries neighbours = new XYSeries("neighbours", false, true);
    XYSeries seeds = new XYSeries("seeds", false, true);
    List<List<String>> labels = List.of(new ArrayList<>(), new ArrayList<>());
    for (int i = 0; i < graph.nodes().size(); i++) {
      boolean seed = graph.seeds().contains(i);
      (seed ? seeds : neighbours).add(positions[i][0], positions[i][1]);
      labels.get(seed ? 1 : 0).add(text.apply(graph.nodes().get(i)));
    }
    XYSeriesCollection dataset = new XYSeriesCollection();
    dataset.addSeries(neighbours);
    dataset.addSeries(seeds);
    NumberAxis x = new NumberAxis();
    NumberAxis y = new NumberAxis();
    for (NumberAxis axis : new NumberAxis[] {x, y}) {
      axis.setRange(-0.06, 1.06);
      axis.setVisible(false);
    }
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
    renderer.setSeriesPaint(0, new Color(0x1f77b4));
    renderer.setSeriesShape(0, circle(7));
    renderer.setSeriesPaint(1, new Color(0xff7f0e));
    renderer.setSeriesShape(1, circle(15));
    labelItems(renderer, (s, item) -> labels.get(s).get(item), new Font(Font.SANS_SERIF, Font.PLAIN, 10));
    renderer.setSeriesItemLabelFont(1, new Font(Font.SANS_SERIF, Font.BOLD, 12));
    renderer.setSeriesItemLabelPaint(1, new Color(0xb03000));
    BasicStroke thin = new BasicStroke(0.8f);
    Color edgeColour = new Color(110, 110, 110, 115);
    for (GraphPlot.Edge e : graph.edges()) {
      double[] a = positions[e.source()];
      double[] b = positions[e.target()];
      renderer.addAnnotation(new XYLineAnnotation(a[0], a[1], b[0], b[1], thin, edgeColour), Layer.BACKGROUND);
    }
    XYPlot plot = new XYPlot(dataset, x, y, renderer);
    style(plot);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(false);
    JFreeChart chart = new JFreeChart(text.apply(graph.title()), JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }

  /** The label of item {@code item} of series {@code series}. */
  private interface Labels {
    String label(int series, int item);
  }

  private static void labelItems(XYItemRenderer renderer, Labels labels, Font font) {
    renderer.setDefaultItemLabelGenerator((dataset, series, item) -> labels.label(series, item));
    renderer.setDefaultItemLabelsVisible(true);
    renderer.setDefaultItemLabelFont(font);
    renderer.setDefaultItemLabelPaint(new Color(0x333333));
    ItemLabelPosition above = new ItemLabelPosition(ItemLabelAnchor.OUTSIDE12, TextAnchor.BOTTOM_CENTER);
    renderer.setDefaultPositiveItemLabelPosition(above);
    renderer.setDefaultNegativeItemLabelPosition(above);
  }

  private static void style(XYPlot plot) {
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(0xdddddd));
    plot.setRangeGridlinePaint(new Color(0xdddddd));
    plot.setOutlineVisible(false);
  }

  private static Shape circle(double diameter) {
    return new Ellipse2D.Double(-diameter / 2, -diameter / 2, diameter, diameter);
  }
}
