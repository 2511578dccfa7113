package io.github.embeddings4j.testutil;

import java.lang.reflect.Method;

/**
 * Measures the bytes the current thread allocates on the heap with HotSpot's {@code
 * com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes()}. It is reached by reflection, which needs no
 * {@code requires java.management} in the modules under test (core reflection adds the read edge itself).
 */
public final class Allocations {
  private static final Object BEAN;
  private static final Method ALLOCATED;

  static {
    try {
      BEAN = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
      ALLOCATED = Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes");
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private Allocations() {}

  /**
   * Returns the bytes this thread has allocated so far.
   *
   * @return the running total
   */
  public static long currentThread() {
    try {
      return (Long) ALLOCATED.invoke(BEAN);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("thread allocation counting is not available", e);
    }
  }

  /**
   * Runs an action (typically an {@code assertThrows} around a parse) and returns the bytes this thread
   * allocated meanwhile. The measurement itself costs well under a kilobyte.
   *
   * @param action the code to measure
   * @return the bytes allocated
   */
  public static long during(Runnable action) {
    long before = currentThread();
    action.run();
    return currentThread() - before;
  }
}
