package io.github.embeddings4j.examples.report;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's {@code chromium} run headless on a report page: {@code --dump-dom} for the DOM after the page settled,
 * {@code --screenshot} for a PNG. The network is cut off ({@code --host-resolver-rules}), so a page that needs
 * anything from outside fails. WebGL (3-D plots) runs on SwiftShader, since there is no GPU.
 *
 * <p>When no browser is installed the calling test is skipped, unless {@code -Dembeddings.requireBrowser=true},
 * which makes it fail.
 */
public final class HeadlessChromium {

  private static final List<String> NAMES =
      List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable");
  private static final long TIMEOUT_SECONDS = 300;
  private static final Pattern ERROR_BOX =
      Pattern.compile("<div id=\"report-errors\"([^>]*)>(.*?)</div>", Pattern.DOTALL);

  private final Path binary;

  private HeadlessChromium(Path binary) {
    this.binary = binary;
  }

  /** The browser, or the calling test skipped (failed under {@code -Dembeddings.requireBrowser=true}). */
  public static HeadlessChromium findOrSkip() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      for (String name : NAMES) {
        Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
        if (Files.isExecutable(candidate)) {
          return new HeadlessChromium(candidate);
        }
      }
    }
    String message = "no headless browser (" + String.join(", ", NAMES) + ") on the PATH; apt-get install chromium";
    if (Boolean.getBoolean("embeddings.requireBrowser")) {
      fail(message + " (required by -Dembeddings.requireBrowser=true)");
    }
    Assumptions.abort(message);
    throw new AssertionError("unreachable");
  }

  /**
   * What the browser made of a page.
   *
   * @param dom the serialized DOM after the page settled
   * @param errors JavaScript errors: the page's own error box (uncaught errors, rejected promises,
   *     console.error, failed loads) and every "Uncaught" console line of the browser's log
   * @param seconds the browser's wall time
   */
  public record Page(String dom, List<String> errors, double seconds) {}

  /** Opens the page, lets it settle (30 s of virtual time) and returns its DOM and errors. */
  public Page open(Path html) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("chromium-dom");
    try {
      Path out = dir.resolve("dom.html");
      Path log = dir.resolve("stderr.txt");
      double seconds =
          run(
              dir,
              out,
              log,
              List.of("--window-size=1280,1024", "--enable-logging=stderr", "--v=0", "--dump-dom", url(html)));
      String dom = Files.readString(out, StandardCharsets.UTF_8);
      List<String> errors = new ArrayList<>();
      Matcher box = ERROR_BOX.matcher(dom);
      if (!box.find()) {
        errors.add("the page has no #report-errors box (did it load at all?)");
      } else if (!box.group(1).contains("hidden") || !box.group(2).isBlank()) {
        errors.add("error box: " + unescape(box.group(2)));
      }
      for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
        if (line.contains(":CONSOLE") && line.contains("\"Uncaught")) {
          errors.add("browser log: " + line);
        }
      }
      return new Page(dom, errors, seconds);
    } finally {
      deleteTree(dir);
    }
  }

  /** Saves a screenshot of the top {@code height} pixels of the page at {@code width} pixels wide; returns seconds. */
  public double screenshot(Path html, Path png, int width, int height) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("chromium-shot");
    try {
      Files.createDirectories(png.toAbsolutePath().getParent());
      return run(
          dir,
          dir.resolve("stdout.txt"),
          dir.resolve("stderr.txt"),
          List.of("--window-size=" + width + "," + height, "--screenshot=" + png.toAbsolutePath(), url(html)));
    } finally {
      deleteTree(dir);
    }
  }

  private double run(Path dir, Path out, Path log, List<String> action) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(
        List.of(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--enable-unsafe-swiftshader",
            "--disable-dev-shm-usage",
            "--hide-scrollbars",
            "--mute-audio",
            "--no-first-run",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--virtual-time-budget=30000",
            "--user-data-dir=" + dir.resolve("profile")));
    command.addAll(action);
    long start = System.nanoTime();
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      fail("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + command);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (p.exitValue() != 0) {
      fail("chromium exited with " + p.exitValue() + ": " + Files.readString(log, StandardCharsets.UTF_8));
    }
    return seconds;
  }

  private static String url(Path html) {
    return html.toAbsolutePath().toUri().toString();
  }

  private static String unescape(String html) {
    return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    }
  }
}
