package io.github.embeddings4j.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import io.github.embeddings4j.EmbeddingFormatException;
import io.github.embeddings4j.eval.Correlation;
import io.github.embeddings4j.llm.TokenEmbeddings;
import io.github.embeddings4j.testutil.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The STS Benchmark reader, the correlations, and the scores of the encoders on the dev split. */
class StsBenchmarkTest {
  @TempDir
  Path dir;

  @Test
  void readsSevenOrNineColumnsAndKeepsQuotes() throws IOException {
    Path f = dir.resolve("sts.csv");
    Files.writeString(f, "main-captions\tMSRvid\t2012test\t0001\t4.2\tA \"u2\" sign.\tA sign (i.e.,\n"
        + "main-news\theadlines\t2016\t0012\t4\tDriver backs\tDriver backs off\tsource 1\tsource 2\n");
    List<StsBenchmark.Pair> pairs = StsBenchmark.read(f);
    assertEquals(2, pairs.size());
    assertEquals(new StsBenchmark.Pair("main-captions", "MSRvid", "2012test", "0001", 4.2, "A \"u2\" sign.",
        "A sign (i.e.,"), pairs.get(0));
    assertEquals("Driver backs off", pairs.get(1).sentence2());
    assertEquals(4.0, pairs.get(1).score());
  }

  @Test
  void badLinesNameTheFileAndLine() throws IOException {
    Path f = dir.resolve("bad.csv");
    Files.writeString(f, "g\tf\ty\t1\t3\ta\tb\ng\tf\ty\t2\tfive\ta\tb\n");
    EmbeddingFormatException e = assertThrows(EmbeddingFormatException.class, () -> StsBenchmark.read(f));
    assertEquals(f, e.file());
    assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("five"), e.getMessage());
    Files.writeString(f, "g\tf\ty\t1\t3\ta\n");
    e = assertThrows(EmbeddingFormatException.class, () -> StsBenchmark.read(f));
    assertTrue(e.getMessage().contains("line 1") && e.getMessage().contains("found 6"), e.getMessage());
    Files.writeString(f, "g\tf\ty\t1\t7.5\ta\tb\n");
    e = assertThrows(EmbeddingFormatException.class, () -> StsBenchmark.read(f));
    assertTrue(e.getMessage().contains("[0, 5]"), e.getMessage());
    Files.write(f, new byte[] {'g', '\t', (byte) 0xff, '\n'});
    e = assertThrows(EmbeddingFormatException.class, () -> StsBenchmark.read(f));
    assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
  }

  @Test
  void correlationsMatchScipy() {
    // scipy.stats.spearmanr / pearsonr on the same values (scipy 1.17.1), ties averaged.
    double[] x = {1, 2, 2, 3, 5, 5, 5, 0.5};
    double[] y = {2, 1, 4, 3, 6, 6, 1, 0};
    assertEquals(0.6025890932578919, Correlation.spearman(x, y), 1e-12);
    assertEquals(0.6169644732805307, Correlation.pearson(x, y), 1e-12);
    assertEquals(0.2721655269759087,
        Correlation.spearman(new double[] {0.1, 0.4, 0.4, 0.2}, new double[] {3, 3, 3, 1}), 1e-12);
    assertArrayEquals(new double[] {2, 3.5, 3.5, 1}, Correlation.ranks(new double[] {0.2, 0.7, 0.7, -1}));
  }

  @Test
  void realSplitsAreReadWhole() throws IOException {
    List<StsBenchmark.Pair> dev = StsBenchmark.read(SharedData.path("eval/stsbenchmark/sts-dev.csv"));
    List<StsBenchmark.Pair> train = StsBenchmark.read(SharedData.path("eval/stsbenchmark/sts-train.csv"));
    assertEquals(1500, dev.size());
    assertEquals(5749, train.size());
    assertEquals("A man with a hard hat is dancing.", dev.get(0).sentence1());
    assertEquals(5.0, dev.get(0).score());
  }

  /** langchain4j's model as a TextEncoder, so both go through the same evaluation code. */
  private static TextEncoder reference(EmbeddingModel model) {
    return new TextEncoder() {
      @Override
      public int dimension() {
        return model.dimension();
      }

      @Override
      public TextVector encode(String text) {
        return new TextVector(model.embed(text).content().vector(), 1, 0);
      }

      @Override
      public List<TextVector> encodeAll(List<String> texts) {
        List<TextVector> out = new ArrayList<>();
        for (dev.langchain4j.data.embedding.Embedding e
            : model.embedAll(texts.stream().map(TextSegment::from).toList()).content()) {
          out.add(new TextVector(e.vector(), 1, 0));
        }
        return out;
      }
    };
  }

  @Test
  void contextualMiniLmScoresAsTheReferenceOnTheDevSplit() throws IOException {
    List<StsBenchmark.Pair> dev = StsBenchmark.read(SharedData.path("eval/stsbenchmark/sts-dev.csv"));
    StsBenchmark.Result reference = StsBenchmark.evaluate(reference(new AllMiniLmL6V2EmbeddingModel()), dev);
    StsBenchmark.Result ours;
    try (ContextualEncoder encoder = ContextualEncoder.openDefault(
        EncoderOptions.defaults().withCacheDirectory(TestTexts.CACHE))) {
      ours = StsBenchmark.evaluate(encoder, dev);
    }
    System.out.printf(Locale.ROOT, "STS-B dev, contextual MiniLM: Spearman %.2f (langchain4j %.2f), Pearson %.2f"
        + " (langchain4j %.2f)%n", ours.spearman(), reference.spearman(), ours.pearson(), reference.pearson());
    assertEquals(1500, ours.pairs());
    assertEquals(0, ours.emptyPairs());
    assertEquals(reference.spearman(), ours.spearman(), 0.01);
    assertTrue(ours.spearman() > 80, "Spearman " + ours.spearman());
  }

  @Test
  void staticMiniLmTableScoresBelowTheContextualEncoder() throws IOException {
    List<StsBenchmark.Pair> dev = StsBenchmark.read(SharedData.path("eval/stsbenchmark/sts-dev.csv"));
    List<StsBenchmark.Pair> train = StsBenchmark.read(SharedData.path("eval/stsbenchmark/sts-train.csv"));
    ClassLoader loader = getClass().getClassLoader();
    Path model = ModelCache.file(loader, ContextualEncoder.DEFAULT_MODEL_RESOURCE, TestTexts.CACHE);
    Path tokenizer = ModelCache.file(loader, ContextualEncoder.DEFAULT_TOKENIZER_RESOURCE, TestTexts.CACHE);
    try (TokenEmbeddings table = TokenEmbeddings.openOnnx(model, tokenizer)) {
      StsBenchmark.Result mean = StsBenchmark.evaluate(StaticEncoder.mean(table), dev);
      // SIF: p(w) counted on the train split's sentences, the common component fitted on the dev sentences.
      List<String> trainSentences = new ArrayList<>();
      for (StsBenchmark.Pair p : train) {
        trainSentences.add(p.sentence1());
        trainSentences.add(p.sentence2());
      }
      WordFrequencies frequencies = WordFrequencies.count(trainSentences, text -> table.encode(text).tokens());
      LinkedHashSet<String> devSentences = new LinkedHashSet<>();
      for (StsBenchmark.Pair p : dev) {
        devSentences.add(p.sentence1());
        devSentences.add(p.sentence2());
      }
      StaticEncoder weighted = StaticEncoder.sif(table, frequencies, StaticEncoder.DEFAULT_SIF_A);
      StsBenchmark.Result sifWeights = StsBenchmark.evaluate(weighted, dev);
      StsBenchmark.Result sif = StsBenchmark.evaluate(
          weighted.withCommonComponentRemoved(new ArrayList<>(devSentences)), dev);
      System.out.printf(Locale.ROOT, "STS-B dev, static MiniLM token table: mean %.2f, SIF weights %.2f,"
          + " SIF %.2f (Spearman x 100)%n", mean.spearman(), sifWeights.spearman(), sif.spearman());
      assertEquals(0, mean.emptyPairs());
      // A token table knows no context: well above chance, well below the encoder's > 80.
      assertTrue(mean.spearman() > 30 && mean.spearman() < 80, "mean " + mean.spearman());
      assertTrue(sif.spearman() > mean.spearman(), "SIF " + sif.spearman() + " vs mean " + mean.spearman());
    }
  }
}
