package io.github.embeddings4j.word2vec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.embeddings4j.VectorTable;
import io.github.embeddings4j.WordVectors;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Training stops cleanly when cancelled mid-epoch, by the listener or by an interrupt of the calling thread, on
 * several training threads: {@code train} returns a complete, frozen model, the interrupt status is kept, and no
 * thread outlives the call. A model under training is never visible: the listener only gets numbers, and the
 * returned model no longer changes.
 */
class TrainingReliabilityTest {
  private static final int THREADS = 4;
  /** About 2 million words per epoch: far more than the first reports' worth at 20 ms intervals. */
  private static final Corpus BIG = Corpus.of(Word2VecTrainerTest.synthetic(200_000, 2000, 9));
  private static final Word2VecConfig CONFIG = Word2VecConfig.skipGram().withDimension(24).withMinCount(2)
      .withEpochs(3).withThreads(THREADS).withProgressInterval(Duration.ofMillis(20));

  private long epochWords;
  private int vocabularySize;

  @BeforeEach
  void countEpoch() throws Exception {
    TrainingVocabulary vocabulary = TrainingVocabulary.learn(BIG, CONFIG);
    epochWords = vocabulary.totalWords();
    vocabularySize = vocabulary.size();
  }

  /** Live threads by id, with their names. */
  private static Map<Long, String> liveThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
        .collect(Collectors.toMap(Thread::getId, Thread::getName, (a, b) -> a, TreeMap::new));
  }

  /** Waits up to 5 seconds for every thread started since {@code before} to end; returns those still alive. */
  private static Map<Long, String> threadsLeft(Map<Long, String> before) throws InterruptedException {
    Map<Long, String> extra = Map.of();
    for (int i = 0; i < 50; i++) {
      extra = new TreeMap<>(liveThreads());
      extra.keySet().removeAll(before.keySet());
      if (extra.isEmpty()) {
        break;
      }
      Thread.sleep(100);
    }
    return extra;
  }

  private static float[] all(VectorTable t) {
    float[] out = new float[t.rows() * t.dimension()];
    for (int r = 0; r < t.rows(); r++) {
      System.arraycopy(t.row(r), 0, out, r * t.dimension(), t.dimension());
    }
    return out;
  }

  /** The model is complete (every word has a finite vector) and frozen (it does not change after return). */
  private void assertCompleteAndFrozen(Word2VecModel m) throws InterruptedException {
    WordVectors wv = m.vectors();
    assertEquals(vocabularySize, wv.vocabulary().size());
    float[] now = all(wv.vectors());
    for (float v : now) {
      assertTrue(Float.isFinite(v));
    }
    Thread.sleep(300);
    assertArrayEquals(now, all(wv.vectors()), "the returned vectors changed after train returned");
  }

  @Test
  void theListenerCancelsMidEpochAndNoThreadOutlivesTheCall() throws Exception {
    Map<Long, String> before = liveThreads();
    int[] reports = {0};
    Set<String> trainingThreadsSeen = new java.util.TreeSet<>();
    Word2VecModel m = Word2VecTrainer.train(BIG, CONFIG, p -> {
      liveThreads().values().stream().filter(n -> n.startsWith("word2vec-train-")).forEach(trainingThreadsSeen::add);
      return ++reports[0] < 3;
    });
    assertEquals(Map.of(), threadsLeft(before), "threads left behind");
    assertEquals(THREADS, trainingThreadsSeen.size(), "the run trained on " + trainingThreadsSeen);
    assertTrue(m.cancelled());
    assertTrue(m.wordsProcessed() > 0 && m.wordsProcessed() < epochWords,
        m.wordsProcessed() + " words processed: not inside the first epoch of " + epochWords);
    assertFalse(Thread.currentThread().isInterrupted());
    assertCompleteAndFrozen(m);
  }

  @Test
  void anInterruptCancelsMidEpochKeepsTheInterruptStatusAndNoThreadOutlivesTheCall() throws Exception {
    Map<Long, String> before = liveThreads();
    CountDownLatch training = new CountDownLatch(1);
    AtomicReference<Object> result = new AtomicReference<>();
    Thread caller = new Thread(() -> {
      try {
        Word2VecModel m = Word2VecTrainer.train(BIG, CONFIG, p -> {
          training.countDown();
          return true;
        });
        boolean interrupted = Thread.currentThread().isInterrupted();
        result.set(new Object[] {m, interrupted});
      } catch (Exception | Error e) {
        result.set(e);
      }
    }, "word2vec-caller");
    caller.start();
    assertTrue(training.await(60, TimeUnit.SECONDS), "no progress report");
    caller.interrupt();
    caller.join(TimeUnit.SECONDS.toMillis(30));
    assertFalse(caller.isAlive(), "train did not return after an interrupt");
    assertEquals(Map.of(), threadsLeft(before), "threads left behind");
    Object r = result.get();
    assertTrue(r instanceof Object[], () -> "train threw " + r);
    Word2VecModel m = (Word2VecModel) ((Object[]) r)[0];
    assertEquals(true, ((Object[]) r)[1], "the interrupt status is set again when train returns");
    assertTrue(m.cancelled());
    assertTrue(m.wordsProcessed() > 0 && m.wordsProcessed() < epochWords,
        m.wordsProcessed() + " words processed: not inside the first epoch of " + epochWords);
    assertCompleteAndFrozen(m);
  }

  @Test
  void anAlreadyInterruptedCallerGetsACancelledModelAtOnce() throws Exception {
    Map<Long, String> before = liveThreads();
    Thread.currentThread().interrupt();
    Word2VecModel m;
    try {
      m = Word2VecTrainer.train(BIG, CONFIG, p -> true);
    } finally {
      assertTrue(Thread.interrupted(), "the interrupt status is kept (and cleared here)");
    }
    assertTrue(m.cancelled());
    assertTrue(m.wordsProcessed() < epochWords);
    assertEquals(Map.of(), threadsLeft(before), "threads left behind");
  }

  @Test
  void aFailingListenerStopsTheRunAndItsExceptionPropagates() throws Exception {
    Map<Long, String> before = liveThreads();
    IllegalStateException boom = new IllegalStateException("listener failed");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Word2VecTrainer.train(BIG, CONFIG,
        p -> {
          throw boom;
        }));
    assertSame(boom, e);
    assertEquals(Map.of(), threadsLeft(before), "threads left behind");
  }

  @Test
  void theListenerSeesNumbersOnlyAndContinuedTrainingLeavesItsInputAlone() throws Exception {
    // The listener's report is a record of immutable values: no live weights escape a running training.
    for (RecordComponent c : TrainingProgress.class.getRecordComponents()) {
      Class<?> t = c.getType();
      assertTrue(t.isPrimitive() || t == Duration.class, c + " of " + t);
    }
    for (var f : Word2VecModel.class.getDeclaredFields()) {
      assertTrue(Modifier.isFinal(f.getModifiers()), "Word2VecModel." + f.getName() + " is not final");
    }
    Corpus mid = Corpus.of(Word2VecTrainerTest.synthetic(30_000, 2000, 9));
    Word2VecModel base = Word2VecTrainer.train(mid, CONFIG.withEpochs(1).withKeepOutputWeights(true), p -> true);
    float[] input = all(base.vectors().vectors());
    float[] output = all(base.outputWeights().orElseThrow());
    int[] reports = {0};
    Word2VecModel more = Word2VecTrainer.continueTraining(base, mid, CONFIG.withEpochs(20), p -> ++reports[0] < 3);
    assertTrue(more.cancelled());
    assertArrayEquals(input, all(base.vectors().vectors()), "continued training changed its input model");
    assertArrayEquals(output, all(base.outputWeights().orElseThrow()));
    assertFalse(java.util.Arrays.equals(input, all(more.vectors().vectors())));
  }
}
