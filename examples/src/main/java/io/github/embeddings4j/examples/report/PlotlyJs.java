package io.github.embeddings4j.examples.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * plotly.js as read from the {@code org.webjars.npm:plotly.js-dist} WebJar on the class path, made safe to inline
 * in an HTML {@code <script>} element.
 */
final class PlotlyJs {

  private static final String WEBJAR = "META-INF/maven/org.webjars.npm/plotly.js-dist/pom.properties";

  /**
   * Sequences that would end the script element early ({@code </script}) or switch the HTML parser into its
   * "double escaped" script state ({@code <!--}). Rewriting the {@code <} as {@code \x3C} keeps their meaning
   * inside JavaScript strings, template literals and regular expressions, and is harmless inside comments.
   */
  private static final Pattern UNSAFE = Pattern.compile("</script|<!--", Pattern.CASE_INSENSITIVE);

  private PlotlyJs() {}

  /** The WebJar's version, e.g. {@code 3.3.1}. */
  static String version() throws IOException {
    Properties props = new Properties();
    try (InputStream in = open(WEBJAR)) {
      props.load(in);
    }
    String version = props.getProperty("version");
    if (version == null || version.isBlank()) {
      throw new IOException(WEBJAR + " names no version");
    }
    return version;
  }

  /** The library's source, safe to place between {@code <script>} and {@code </script>}. */
  static String inlineSource() throws IOException {
    String path = "META-INF/resources/webjars/plotly.js-dist/" + version() + "/plotly.js";
    String source;
    try (InputStream in = open(path)) {
      source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    return scriptSafe(source);
  }

  /** Rewrites every {@code </script} and {@code <!--} so that it cannot end or confuse the script element. */
  static String scriptSafe(String js) {
    Matcher m = UNSAFE.matcher(js);
    return m.find() ? m.replaceAll(r -> Matcher.quoteReplacement("\\x3C" + r.group().substring(1))) : js;
  }

  private static InputStream open(String resource) throws IOException {
    InputStream in = PlotlyJs.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new IOException(resource + " is not on the class path (the org.webjars.npm:plotly.js-dist WebJar)");
    }
    return in;
  }
}
