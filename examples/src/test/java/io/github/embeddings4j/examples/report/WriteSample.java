package io.github.embeddings4j.examples.report;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
class WriteSample {
  @Test void write() throws Exception { ReportFixtures.fullReport().write(Path.of("target/sample/report.html")); }
}
