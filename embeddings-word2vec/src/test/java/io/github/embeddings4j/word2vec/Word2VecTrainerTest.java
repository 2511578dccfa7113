package io.github.embeddings4j.word2vec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.embeddings4j.EmbeddingException;
import io.github.embeddings4j.VectorTable;
import io.github.embeddings4j.WordVectors;
import io.github.embeddings4j.io.Word2VecBinaryFormat;
import io.github.embeddings4j.io.Word2VecTextFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Word2VecTrainerTest {
  @TempDir Path dir;

  /** Sentences over a Zipf-like vocabulary of {@code words} words, fixed by the seed. */
  static List<List<String>> synthetic(int sentences, int words, long seed) {
    Random r = new Random(seed);
    List<List<String>> out = new ArrayList<>();
    for (int i = 0; i < sentences; i++) {
      int n = 3 + r.nextInt(15);
      List<String> s = new ArrayList<>(n);
      for (int j = 0; j < n; j++) {
        s.add("w" + (int) Math.floor(Math.pow(words, r.nextDouble())));
      }
      out.add(s);
    }
    return out;
  }

  private static final Corpus SMALL = Corpus.of(synthetic(3000, 400, 3));

  private static Word2VecConfig small(Word2VecConfig c) {
    return c.withDimension(24).withEpochs(2).withMinCount(2);
  }

  private static float[] all(WordVectors wv) {
    VectorTable t = wv.vectors();
    float[] out = new float[t.rows() * t.dimension()];
    float[] row = new float[t.dimension()];
    for (int i = 0; i < t.rows(); i++) {
      System.arraycopy(t.row(i, row), 0, out, i * t.dimension(), t.dimension());
    }
    return out;
  }

  @AfterEach
  void noTrainingThreadOutlivesARun() {
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      assertFalse(t.getName().startsWith("word2vec-train-") && t.isAlive(), "left running: " + t.getName());
    }
  }

  @Test
  void oneThreadSameSeedIsBitIdenticalOtherSeedDiffers() throws Exception {
    for (Word2VecConfig mode : List.of(Word2VecConfig.skipGram(), Word2VecConfig.cbow())) {
      Word2VecConfig c = small(mode).withSeed(11);
      float[] a = all(Word2VecTrainer.train(SMALL, c));
      float[] b = all(Word2VecTrainer.train(SMALL, c));
      assertArrayEquals(a, b, mode.mode() + ": same seed, one thread");
      float[] other = all(Word2VecTrainer.train(SMALL, c.withSeed(12)));
      assertFalse(java.util.Arrays.equals(a, other), mode.mode() + ": another seed");
    }
  }

  @Test
  void trainingMovesTheVectorsAndLossFallsOnSeveralThreads() throws Exception {
    List<TrainingProgress> reports = new CopyOnWriteArrayList<>();
    Word2VecConfig c = small(Word2VecConfig.skipGram()).withThreads(3).withEpochs(4)
        .withProgressInterval(Duration.ofMillis(1));
    Word2VecModel m = Word2VecTrainer.train(SMALL, c, reports::add);
    assertFalse(m.cancelled());
    assertTrue(m.outputWeights().isEmpty());
    TrainingVocabulary vocab = TrainingVocabulary.learn(SMALL, c);
    assertEquals(vocab.totalWords() * 4, m.wordsProcessed(), "every word of every epoch, once");
    TrainingProgress last = reports.get(reports.size() - 1);
    assertEquals(1.0, last.fraction(), 1e-9);
    assertEquals(0.025 * 1e-4, last.alpha(), 1e-9);
    float[] init = TrainingModel.initialVectors(vocab.size(), 24, c.seed());
    float[] trained = all(m.vectors());
    assertFalse(java.util.Arrays.equals(init, trained));
    // The vocabulary comes out sorted by count with the counts attached.
    assertEquals(vocab.words(), m.vectors().vocabulary().tokens());
  }

  @Test
  void lossOfTheLastEpochIsBelowTheFirst() throws Exception {
    List<TrainingProgress> reports = new ArrayList<>();
    Word2VecConfig c = small(Word2VecConfig.cbow()).withEpochs(6).withProgressInterval(Duration.ofNanos(1));
    Word2VecTrainer.train(Corpus.of(synthetic(20_000, 300, 5)), c, p -> reports.add(p));
    List<Double> early = new ArrayList<>();
    List<Double> late = new ArrayList<>();
    for (TrainingProgress p : reports) {
      if (!Double.isNaN(p.loss())) {
        (p.fraction() < 0.2 ? early : p.fraction() > 0.8 ? late : new ArrayList<Double>()).add(p.loss());
      }
    }
    assertFalse(early.isEmpty() || late.isEmpty(), reports.toString());
    assertTrue(Collections.max(late) < Collections.min(early) + 0.05 && mean(late) < mean(early),
        early + " vs " + late);
  }

  private static double mean(List<Double> xs) {
    return xs.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }

  @Test
  void listenerCancelsCleanly() throws Exception {
    Corpus big = Corpus.of(synthetic(200_000, 2000, 9));
    Word2VecConfig c = small(Word2VecConfig.skipGram()).withThreads(2).withEpochs(50)
        .withProgressInterval(Duration.ofMillis(20));
    int[] calls = {0};
    Word2VecModel m = assertTimeoutPreemptively(Duration.ofSeconds(60),
        () -> Word2VecTrainer.train(big, c, p -> ++calls[0] < 3));
    assertTrue(m.cancelled());
    assertTrue(m.wordsProcessed() > 0);
    TrainingVocabulary vocab = TrainingVocabulary.learn(big, c);
    assertTrue(m.wordsProcessed() < vocab.totalWords() * 50, "stopped early");
    assertEquals(vocab.size(), m.vectors().vocabulary().size());
  }

  @Test
  void interruptCancelsAndKeepsTheInterruptStatus() throws Exception {
    Corpus big = Corpus.of(synthetic(200_000, 2000, 9));
    Word2VecConfig c = small(Word2VecConfig.cbow()).withThreads(2).withEpochs(200);
    AtomicReference<Object> result = new AtomicReference<>();
    Thread caller = new Thread(() -> {
      try {
        Word2VecModel m = Word2VecTrainer.train(big, c, p -> true);
        result.set(List.of(m.cancelled(), Thread.currentThread().isInterrupted()));
      } catch (Exception | Error e) {
        result.set(e);
      }
    });
    caller.start();
    Thread.sleep(1500);
    caller.interrupt();
    caller.join(30_000);
    assertFalse(caller.isAlive());
    assertEquals(List.of(true, true), result.get());
  }

  @Test
  void edgeCases() throws Exception {
    assertThrows(EmbeddingException.class, () -> Word2VecTrainer.train(Corpus.of(List.of()),
        Word2VecConfig.skipGram()));
    assertThrows(EmbeddingException.class, () -> Word2VecTrainer.train(Corpus.of(List.of(List.of("a", "b"))),
        Word2VecConfig.skipGram()));
    // One-word sentences: no context, so no update; training ends with the initial vectors.
    List<List<String>> single = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      single.add(List.of("w" + i % 4));
    }
    for (Word2VecConfig mode : List.of(Word2VecConfig.skipGram(), Word2VecConfig.cbow())) {
      Word2VecConfig c = mode.withDimension(8).withMinCount(1).withThreads(2);
      WordVectors wv = Word2VecTrainer.train(Corpus.of(single), c);
      assertEquals(4, wv.vocabulary().size());
      assertArrayEquals(TrainingModel.initialVectors(4, 8, c.seed()), all(wv));
    }
    // A vocabulary of one word: every negative sample is the word itself and is skipped.
    WordVectors one = Word2VecTrainer.train(Corpus.of(List.of(List.of("a", "a", "a", "a", "a"))),
        Word2VecConfig.cbow().withDimension(4).withMinCount(1));
    assertEquals(1, one.vocabulary().size());
  }

  @Test
  void aMillionTokenLineTrainsInPieces() throws Exception {
    StringBuilder sb = new StringBuilder(7_000_000);
    Random r = new Random(1);
    for (int i = 0; i < 1_000_000; i++) {
      sb.append('w').append((int) Math.floor(Math.pow(500, r.nextDouble()))).append(' ');
    }
    Path f = dir.resolve("line.txt");
    java.nio.file.Files.writeString(f, sb);
    Word2VecConfig c = Word2VecConfig.cbow().withDimension(16).withEpochs(1).withThreads(2);
    Word2VecModel m = assertTimeoutPreemptively(Duration.ofSeconds(60),
        () -> Word2VecTrainer.train(Corpus.lines(f), c, p -> true));
    assertEquals(1_000_000, m.wordsProcessed());
    assertTrue(m.vectors().vocabulary().size() > 300);
  }

  @Test
  void savedVectorsLoadBackThroughTheCoreFormats() throws Exception {
    Word2VecModel m = Word2VecTrainer.train(SMALL, small(Word2VecConfig.skipGram()).withKeepOutputWeights(true),
        p -> true);
    WordVectors wv = m.vectors();
    VectorTable out = m.outputWeights().orElseThrow();
    assertEquals(wv.vocabulary().size(), out.rows());
    assertEquals(24, out.dimension());
    Path bin = dir.resolve("v.bin");
    Word2VecBinaryFormat.write(wv, bin);
    WordVectors back = Word2VecBinaryFormat.read(bin);
    assertEquals(wv.vocabulary().tokens(), back.vocabulary().tokens());
    assertArrayEquals(all(wv), all(back));
    Path txt = dir.resolve("v.txt");
    Word2VecTextFormat.write(wv, txt);
    WordVectors backText = Word2VecTextFormat.read(txt);
    assertEquals(wv.vocabulary().tokens(), backText.vocabulary().tokens());
    assertArrayEquals(all(wv), all(backText), 1e-6f);
    assertEquals(wv.nearest("w1", 3), back.nearest("w1", 3));
  }

  @Test
  void continuedTrainingStartsFromTheModelAndKeepsItsVocabulary() throws Exception {
    Corpus corpus = Corpus.of(synthetic(20_000, 300, 5));
    Word2VecConfig c = small(Word2VecConfig.cbow()).withEpochs(3).withSeed(5).withKeepOutputWeights(true)
        .withProgressInterval(Duration.ofNanos(1));
    List<TrainingProgress> firstReports = new ArrayList<>();
    Word2VecModel first = Word2VecTrainer.train(corpus, c, firstReports::add);
    assertTrue(first.outputWeights().isPresent());
    WordVectors before = first.vectors();
    float[] beforeValues = all(before);
    // The new corpus: the same text plus an unknown word in every sentence, and without the most frequent word.
    String absent = before.vocabulary().token(0);
    List<List<String>> more = new ArrayList<>();
    long known = 0;
    for (List<String> sentence : synthetic(20_000, 300, 5)) {
      List<String> s = new ArrayList<>();
      for (String w : sentence) {
        if (!w.equals(absent)) {
          s.add(w);
          known += before.contains(w) ? 1 : 0;
        }
      }
      s.add("unseen-word");
      more.add(s);
    }
    List<TrainingProgress> moreReports = new ArrayList<>();
    Word2VecModel second = Word2VecTrainer.continueTraining(first, Corpus.of(more), c, moreReports::add);
    WordVectors after = second.vectors();
    assertEquals(before.vocabulary().tokens(), after.vocabulary().tokens(), "the vocabulary is kept");
    assertFalse(after.contains("unseen-word"));
    assertEquals(known * c.epochs(), second.wordsProcessed(), "only words of the vocabulary are trained on");
    // It starts where the first run ended, not from random vectors (whose loss is ln 2 per prediction): its
    // first reported loss is far below the first run's.
    double firstEarly = early(firstReports).get(0);
    double moreEarly = early(moreReports).get(0);
    assertTrue(moreEarly < firstEarly - 0.1, firstEarly + " vs " + moreEarly);
    assertFalse(java.util.Arrays.equals(beforeValues, all(after)), "training moved the vectors");
    // The first model is unchanged, and the word the new corpus never has did not move.
    assertArrayEquals(beforeValues, all(first.vectors()));
    assertArrayEquals(before.vector(absent), after.vector(absent));
  }

  private static List<Double> early(List<TrainingProgress> reports) {
    List<Double> out = new ArrayList<>();
    for (TrainingProgress p : reports) {
      if (!Double.isNaN(p.loss()) && p.fraction() < 0.2) {
        out.add(p.loss());
      }
    }
    assertFalse(out.isEmpty(), reports.toString());
    return out;
  }

  @Test
  void continuedTrainingNeedsOutputWeightsAMatchingDimensionAndKnownWords() throws Exception {
    Word2VecConfig c = small(Word2VecConfig.cbow()).withSeed(5);
    Word2VecModel dropped = Word2VecTrainer.train(SMALL, c, p -> true);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Word2VecTrainer.continueTraining(dropped, SMALL, c, p -> true));
    assertTrue(e.getMessage().contains("keepOutputWeights"), e.getMessage());
    Word2VecModel kept = Word2VecTrainer.train(SMALL, c.withKeepOutputWeights(true), p -> true);
    e = assertThrows(IllegalArgumentException.class,
        () -> Word2VecTrainer.continueTraining(kept, SMALL, c.withDimension(25), p -> true));
    assertTrue(e.getMessage().contains("25") && e.getMessage().contains("24"), e.getMessage());
    io.github.embeddings4j.EmbeddingException none = assertThrows(io.github.embeddings4j.EmbeddingException.class,
        () -> Word2VecTrainer.continueTraining(kept, Corpus.of(List.of(List.of("nothing", "known"))), c,
            p -> true));
    assertTrue(none.getMessage().contains("vocabulary"), none.getMessage());
  }
}
