package io.github.embeddings4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** The command line: help for every subcommand, options parsed into what the examples use. */
class CliTest {
  @TempDir Path dir;

  private static String run(String... args) {
    CommandLine cli = Embeddings4jCli.commandLine();
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(out));
    assertEquals(0, cli.execute(args), () -> String.join(" ", args) + " failed:\n" + out);
    return out.toString();
  }

  @Test
  void topLevelHelpListsTheFiveSubcommandsInOrder() {
    String help = run("--help");
    int last = -1;
    for (String sub : List.of("tfidf", "word2vec", "llm", "graph", "tour")) {
      int at = help.indexOf("  " + sub + " ");
      assertTrue(at > last, sub + " missing or out of order in:\n" + help);
      last = at;
    }
  }

  @ParameterizedTest
  @CsvSource({
      "tfidf, --corpus, --model",
      "word2vec, --epochs, --model",
      "llm, --model, --corpus",
      "graph, --model, --corpus",
      "tour, --model, --nothing"})
  void eachSubcommandHasItsHelp(String sub, String option, String absent) {
    String help = run(sub, "--help");
    assertTrue(help.startsWith("Usage: embeddings4j " + sub), help);
    assertTrue(help.contains("--out=DIR"), help);
    assertTrue(help.contains(option), help);
    assertFalse(help.contains(absent), help);
  }

  @Test
  void tourTakesEveryOption() {
    CommandLine cli = Embeddings4jCli.commandLine();
    CommandLine.ParseResult parsed = cli.parseArgs("tour", "--out", dir.toString(), "--corpus", "c.txt.gz",
        "--model", "org/model", "--seed", "7", "--threads", "3", "--epochs", "2", "--quiet");
    Embeddings4jCli.TourCommand tour = parsed.subcommand().commandSpec().commandLine().getCommand();
    assertEquals(dir, tour.common.out);
    assertTrue(tour.common.quiet);
    assertEquals(Path.of("c.txt.gz"), tour.corpus.corpus);
    assertEquals("org/model", tour.model.model);
    assertEquals(7, tour.training.config().seed());
    assertEquals(3, tour.training.config().threads());
    assertEquals(2, tour.training.config().epochs());
  }

  @Test
  void corpusOptionReadsGzipAndPlainText() throws IOException {
    List<String> lines = List.of("the king and the queen", "a rose is a rose", "ünïcode lines stay intact");
    Path gz = dir.resolve("corpus.txt.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
    }
    Path plain = Files.write(dir.resolve("corpus.txt"), lines, StandardCharsets.UTF_8);
    for (Path file : List.of(gz, plain)) {
      CommandLine.ParseResult parsed = Embeddings4jCli.commandLine().parseArgs("tfidf", "--corpus", file.toString());
      Embeddings4jCli.TfIdfCommand tfidf = parsed.subcommand().commandSpec().commandLine().getCommand();
      assertEquals(lines, tfidf.corpus.lines(Progress.NONE), file.toString());
    }
  }

  @Test
  void theDefaultModelIsCopiedUnderOutAndRemovedOnClose() throws IOException {
    CommandLine.ParseResult parsed = Embeddings4jCli.commandLine().parseArgs("llm", "--quiet", "--out",
        dir.toString());
    Embeddings4jCli.LlmCommand llm = parsed.subcommand().commandSpec().commandLine().getCommand();
    Path work;
    try (Embeddings4jCli.OpenModel m = llm.model.open(llm.common)) {
      work = m.workDir();
      assertTrue(work.startsWith(dir), work.toString());
      assertFalse(Files.exists(work.resolve("model.onnx")), "the model file is deleted once read");
      assertEquals(List.of("html"), m.embeddings().embed("HTML").tokens());
    }
    assertFalse(Files.exists(work), "the copies are deleted on close");
  }

  @Test
  void aMissingCorpusFileFailsNamingIt() {
    CommandLine cli = Embeddings4jCli.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));
    cli.setOut(new PrintWriter(new StringWriter()));
    Path missing = dir.resolve("no-such-corpus.txt");
    int code = cli.execute("tfidf", "--quiet", "--out", dir.toString(), "--corpus", missing.toString());
    assertTrue(code != 0);
    assertTrue(err.toString().contains("no-such-corpus.txt"), err.toString());
  }
}
