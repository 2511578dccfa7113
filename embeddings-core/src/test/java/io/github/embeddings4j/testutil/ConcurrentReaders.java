package io.github.embeddings4j.testutil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Runs read operations on shared objects from many threads at once and compares every result with the one the
 * operation gave on a single thread. Each operation returns an exact text form of its result (floats printed
 * with {@link Float#toString(float)}, which tells every two floats apart), so "the same" means bit for bit.
 */
public final class ConcurrentReaders {
  /** The threads of a run, as the reliability promise states it. */
  public static final int THREADS = 16;

  private final Map<String, Supplier<String>> operations = new LinkedHashMap<>();

  /**
   * Adds an operation.
   *
   * @param name a name for failure messages
   * @param operation reads shared state and returns an exact text form of the result
   * @return this
   */
  public ConcurrentReaders add(String name, Supplier<String> operation) {
    if (operations.putIfAbsent(name, operation) != null) {
      throw new IllegalArgumentException("duplicate operation " + name);
    }
    return this;
  }

  /**
   * Computes every operation's result on the calling thread, then starts {@link #THREADS} threads together
   * (a barrier) that each run every operation {@code rounds} times, in their own shuffled order, and compares
   * each result with the single-threaded one. Fails naming the first operations that differed or threw.
   *
   * @param rounds how many times each thread runs each operation
   * @return the number of results compared
   * @throws InterruptedException if interrupted while waiting for the threads
   */
  public long run(int rounds) throws InterruptedException {
    Map<String, String> expected = new LinkedHashMap<>();
    operations.forEach((name, op) -> expected.put(name, op.get()));
    List<String> names = new ArrayList<>(operations.keySet());
    CyclicBarrier start = new CyclicBarrier(THREADS);
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    AtomicLong compared = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      long seed = t;
      Thread thread = new Thread(() -> {
        List<String> order = new ArrayList<>(names);
        Random random = new Random(seed);
        try {
          start.await();
          for (int r = 0; r < rounds; r++) {
            Collections.shuffle(order, random);
            for (String name : order) {
              String got = operations.get(name).get();
              if (!got.equals(expected.get(name))) {
                failures.add(name + " on " + Thread.currentThread().getName() + ": " + abbreviate(got) + " != "
                    + abbreviate(expected.get(name)));
              }
              compared.incrementAndGet();
            }
          }
        } catch (Throwable e) {
          failures.add(Thread.currentThread().getName() + " threw " + e);
        }
      }, "concurrent-reader-" + t);
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join(TimeUnit.MINUTES.toMillis(5));
      assertTrue(!thread.isAlive(), thread.getName() + " still running after 5 minutes");
    }
    assertTrue(failures.isEmpty(), () -> failures.size() + " differences, first: " + failures.stream().limit(5)
        .toList());
    assertEquals((long) THREADS * rounds * names.size(), compared.get());
    return compared.get();
  }

  private static String abbreviate(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "...";
  }
}
