package io.github.embeddings4j.testutil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What this process holds, as the operating system and the JVM count it (Linux): open file descriptors, resident
 * memory, mapped and direct buffers, live threads and committed heap. The buffer pools are read through {@code
 * java.lang.management} by reflection, which needs no {@code requires java.management} in the module under test.
 *
 * @param fileDescriptors entries of {@code /proc/self/fd}
 * @param rssBytes {@code VmRSS} of {@code /proc/self/status}
 * @param mappedBuffers live {@code MappedByteBuffer}s (the "mapped" buffer pool)
 * @param mappedBytes the bytes they map
 * @param directBuffers live direct buffers (the "direct" pool)
 * @param directBytes their bytes
 * @param threads live threads
 * @param heapCommittedBytes the heap the JVM has committed, part of the resident memory
 */
public record ProcessResources(long fileDescriptors, long rssBytes, long mappedBuffers, long mappedBytes,
    long directBuffers, long directBytes, int threads, long heapCommittedBytes) {

  /**
   * Counts now, without collecting garbage first.
   *
   * @return the counts
   */
  public static ProcessResources now() {
    long[] mapped = pool("mapped");
    long[] direct = pool("direct");
    return new ProcessResources(countFileDescriptors(), readRss(), mapped[0], mapped[1], direct[0], direct[1],
        Thread.getAllStackTraces().size(), Runtime.getRuntime().totalMemory());
  }

  /**
   * Collects garbage (which unmaps unreachable mappings and frees unreachable direct buffers) a few times, with
   * short pauses for the reference handler and cleaners, then counts.
   *
   * @return the counts
   * @throws InterruptedException if interrupted while waiting
   */
  public static ProcessResources afterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return now();
  }

  /**
   * Returns the resident memory that is not committed heap, to compare native memory across a run whose heap may
   * grow.
   *
   * @return resident bytes minus committed heap bytes
   */
  public long nonHeapResidentBytes() {
    return rssBytes - heapCommittedBytes;
  }

  private static long countFileDescriptors() {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long readRss() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return 1024 * Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
      throw new IllegalStateException("no VmRSS in /proc/self/status");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Count and bytes of a JVM buffer pool. */
  private static long[] pool(String name) {
    try {
      Class<?> beanType = Class.forName("java.lang.management.BufferPoolMXBean");
      Method all = Class.forName("java.lang.management.ManagementFactory").getMethod("getPlatformMXBeans",
          Class.class);
      for (Object bean : (List<?>) all.invoke(null, beanType)) {
        if (name.equals(beanType.getMethod("getName").invoke(bean))) {
          return new long[] {(Long) beanType.getMethod("getCount").invoke(bean),
              (Long) beanType.getMethod("getMemoryUsed").invoke(bean)};
        }
      }
      throw new IllegalStateException("no buffer pool " + name);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("buffer pools are not readable", e);
    }
  }
}
