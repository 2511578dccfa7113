package io.github.embeddings4j.examples;

import io.github.embeddings4j.EmbeddingException;
import io.github.embeddings4j.WordVectors;
import io.github.embeddings4j.llm.TokenEmbeddings;
import io.github.embeddings4j.word2vec.Word2VecConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The examples as a command-line program: {@code tfidf}, {@code word2vec}, {@code llm}, {@code graph}, and
 * {@code tour} (all of them in order). Each prints its results and writes {@code report.html}, PNG and SVG
 * pictures, GraphML and DOT graphs and Embedding Projector TSV files into {@code --out}. Without {@code --corpus}
 * and {@code --model} it uses the WordNet 3.1 glosses and all-MiniLM-L6-v2 from the class path: no network.
 *
 * <pre>
 * java -cp ... io.github.embeddings4j.examples.Embeddings4jCli tour --out report
 * java -cp ... io.github.embeddings4j.examples.Embeddings4jCli word2vec --corpus text8.gz --epochs 5
 * </pre>
 */
@Command(name = "embeddings4j", mixinStandardHelpOptions = true, version = "embeddings4j examples",
    description = "The embeddings4j tour: TF-IDF, word2vec, LLM token tables and embedding graphs.",
    subcommands = {Embeddings4jCli.TfIdfCommand.class, Embeddings4jCli.Word2VecCommand.class,
        Embeddings4jCli.LlmCommand.class, Embeddings4jCli.GraphCommand.class, Embeddings4jCli.TourCommand.class})
public final class Embeddings4jCli implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /**
   * Runs the program.
   *
   * @param args a subcommand and its options; {@code --help} for the list
   */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * Returns the program's command line, for running it from code or tests.
   *
   * @return the command line
   */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Embeddings4jCli());
    // Unreadable files and bad models are the user's to fix: one line naming them, no stack trace.
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      if (!(e instanceof IOException) && !(e instanceof EmbeddingException)) {
        throw e;
      }
      commandLine.getErr().println("embeddings4j " + commandLine.getCommandName() + ": " + e);
      return 1;
    });
    return cli;
  }

  /** Without a subcommand: prints the usage. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  /** Options every subcommand has. */
  static final class Common {
    @Option(names = "--out", paramLabel = "DIR", defaultValue = "embeddings4j-report",
        description = "Folder for report.html, the pictures and the TSV files (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--quiet", description = "No progress bars.")
    boolean quiet;

    Progress progress() {
      return quiet ? Progress.NONE : Progress.forConsole();
    }
  }

  /** Options of the examples that read a corpus. */
  static final class CorpusOptions {
    @Option(names = "--corpus", paramLabel = "PATH",
        description = "A UTF-8 text file, one sentence per line, gzip-compressed or not (default: the WordNet 3.1 "
            + "glosses from the class path).")
    Path corpus;

    List<String> lines(Progress progress) throws IOException {
      return corpus == null ? DefaultData.wordNetGlosses(progress) : DefaultData.readLines(corpus);
    }
  }

  /** Options of the word2vec example. */
  static final class TrainingOptions {
    @Option(names = "--seed", defaultValue = "1", description = "Random seed of the training (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", description = "Training threads (default: the number of cores).")
    Integer threads;

    @Option(names = "--epochs", defaultValue = "10", description = "Passes over the corpus (default: ${DEFAULT-VALUE}).")
    int epochs;

    Word2VecConfig config() {
      int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
      return Word2VecConfig.skipGram().withSeed(seed).withThreads(t).withEpochs(epochs);
    }
  }

  /** Options of the examples that open a language model. */
  static final class ModelOptions {
    @Option(names = "--model", paramLabel = "PATH|HF-ID",
        description = "A model folder, an .onnx or .gguf file with tokenizer.json beside it, or a Hugging Face id "
            + "(default: all-MiniLM-L6-v2 from the class path).")
    String model;

    /** Opens the model; the default model's files are copied under {@code --out} until it is closed. */
    OpenModel open(Common common) throws IOException {
      Path work = Files.createDirectories(common.out).resolve(".model-tmp");
      try {
        return new OpenModel(DefaultData.openModel(model, work, common.progress()), work);
      } catch (IOException | RuntimeException e) {
        deleteTree(work);
        throw e;
      }
    }
  }

  /** An open model and the folder of its copied files, deleted on close. */
  record OpenModel(TokenEmbeddings embeddings, Path workDir) implements AutoCloseable {
    @Override
    public void close() throws IOException {
      embeddings.close();
      deleteTree(workDir);
    }
  }

  /** Runs sections, prints them, and writes the report. */
  abstract static class ExampleCommand implements Callable<Integer> {
    @Mixin
    Common common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final List<Section> sections = new ArrayList<>();

    /** Computes the example's sections, handing each to {@link #emit} as soon as it is done. */
    abstract void compute() throws IOException;

    /** Prints a section and keeps it for the report. */
    void emit(Section section) {
      PrintWriter out = spec.commandLine().getOut();
      section.toLines().forEach(out::println);
      out.flush();
      sections.add(section);
    }

    @Override
    public Integer call() throws IOException {
      compute();
      PrintWriter out = spec.commandLine().getOut();
      List<Path> files = ReportWriter.write("embeddings4j: " + spec.name(), sections, common.out);
      out.println("Wrote " + files.size() + " files; open " + common.out.resolve("report.html").toAbsolutePath());
      out.flush();
      return 0;
    }
  }

  /** The tfidf subcommand. */
  @Command(name = "tfidf", mixinStandardHelpOptions = true,
      description = "TF-IDF term vectors of the corpus cut into 10 chunks, projected to 2-D by PCA.")
  static final class TfIdfCommand extends ExampleCommand {
    @Mixin
    CorpusOptions corpus;

    @Override
    void compute() throws IOException {
      emit(TfIdfExample.compute(corpus.lines(common.progress())));
    }
  }

  /** The word2vec subcommand. */
  @Command(name = "word2vec", mixinStandardHelpOptions = true,
      description = "word2vec trained on the corpus: the words most similar to \"king\", analogies, and a 3-D PCA "
          + "of king's neighbours with software, internet and web.")
  static final class Word2VecCommand extends ExampleCommand {
    @Mixin
    CorpusOptions corpus;

    @Mixin
    TrainingOptions training;

    @Override
    void compute() throws IOException {
      List<String> lines = corpus.lines(common.progress());
      WordVectors vectors = Word2VecExample.train(lines, training.config(), common.progress());
      emit(Word2VecExample.compute(vectors));
    }
  }

  /** The llm subcommand. */
  @Command(name = "llm", mixinStandardHelpOptions = true,
      description = "The LLM token table of \"" + LlmTokensExample.SENTENCE + "\": tokens, ids, first values, norms.")
  static final class LlmCommand extends ExampleCommand {
    @Mixin
    ModelOptions model;

    @Override
    void compute() throws IOException {
      try (OpenModel m = model.open(common)) {
        emit(LlmTokensExample.compute(m.embeddings(), LlmTokensExample.SENTENCE));
      }
    }
  }

  /** The graph subcommand. */
  @Command(name = "graph", mixinStandardHelpOptions = true,
      description = "Embedding graphs of an LLM's tokens: each token of \"" + EmbeddingGraphExample.SENTENCE
          + "\" with its 20 nearest tokens, and \"list\" with its variants.")
  static final class GraphCommand extends ExampleCommand {
    @Mixin
    ModelOptions model;

    @Override
    void compute() throws IOException {
      try (OpenModel m = model.open(common)) {
        emit(EmbeddingGraphExample.compute(m.embeddings()));
      }
    }
  }

  /** The tour subcommand. */
  @Command(name = "tour", mixinStandardHelpOptions = true,
      description = "All the examples in order: tfidf, word2vec, llm, graph; one report.")
  static final class TourCommand extends ExampleCommand {
    @Mixin
    CorpusOptions corpus;

    @Mixin
    TrainingOptions training;

    @Mixin
    ModelOptions model;

    @Override
    void compute() throws IOException {
      Progress progress = common.progress();
      List<String> lines = corpus.lines(progress);
      emit(TfIdfExample.compute(lines));
      emit(Word2VecExample.compute(Word2VecExample.train(lines, training.config(), progress)));
      try (OpenModel m = model.open(common)) {
        emit(LlmTokensExample.compute(m.embeddings(), LlmTokensExample.SENTENCE));
        emit(EmbeddingGraphExample.compute(m.embeddings()));
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
