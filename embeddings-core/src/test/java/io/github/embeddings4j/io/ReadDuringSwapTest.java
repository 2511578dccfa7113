package io.github.embeddings4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.embeddings4j.DType;
import io.github.embeddings4j.Embedding;
import io.github.embeddings4j.WordVectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A file replaced atomically (rename over it, as {@code AtomicFiles} saves) while it is read: the reader sees the
 * old file or the new one, whole, and never fails for the swap. Before the fix the size came from one open and the
 * content from another, and about one read in a few hundred failed ("header claims 2000 words ... only ... follow").
 */
class ReadDuringSwapTest {
  /** Reads for this long per format; each format sees thousands of swaps. */
  private static final long READ_NANOS = 2_500_000_000L;

  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"text", "fasttext", "glove", "binary", "native", "projector"})
  void aReaderSeesTheOldOrTheNewFileWholeWhileItIsSwapped(String format) throws Exception {
    // Only the projector's vectors file is swapped (the pair is not atomic as a pair, see ProjectorTsv): both
    // tables have the same tokens, so one metadata file serves both.
    boolean sameTokens = format.equals("projector");
    Fixtures.FileFormat f = Fixtures.FileFormat.named(format);
    WordVectors small = Fixtures.random(sameTokens ? 2000 : 3, 4, DType.F32, false, 1);
    WordVectors large = Fixtures.random(2000, sameTokens ? 4 : 6, DType.F32, false, 2);
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    Files.createDirectories(a);
    Files.createDirectories(b);
    Path aFile = a.resolve("vectors");
    Path bFile = b.resolve("vectors");
    f.write().write(small, aFile);
    f.write().write(large, bFile);
    Path target = dir.resolve("vectors");
    Files.copy(aFile, target);
    if (sameTokens) {
      Files.copy(Fixtures.projectorMetadata(aFile), Fixtures.projectorMetadata(target));
    }

    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong swaps = new AtomicLong();
    AtomicReference<Throwable> swapFailure = new AtomicReference<>();
    Thread swapper = new Thread(() -> {
      Path link = dir.resolve(".vectors.swap");
      try {
        while (!stop.get()) {
          // A new name for one of the two files, renamed over the target: rename(2), as a save does.
          Files.createLink(link, swaps.get() % 2 == 0 ? bFile : aFile);
          Files.move(link, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
          swaps.incrementAndGet();
        }
      } catch (IOException | RuntimeException e) {
        swapFailure.set(e);
      }
    }, "swapper");
    Fixtures.FileReader read = f.read();
    long reads = 0;
    long smallSeen = 0;
    long largeSeen = 0;
    swapper.start();
    try {
      long end = System.nanoTime() + READ_NANOS;
      while (System.nanoTime() < end && swapFailure.get() == null) {
        WordVectors got = read.read(target);
        reads++;
        if (equal(small, got)) {
          smallSeen++;
        } else {
          Fixtures.assertSame(large, got);
          largeSeen++;
        }
      }
    } finally {
      stop.set(true);
      swapper.join();
    }
    assertEquals(null, swapFailure.get());
    assertTrue(swaps.get() >= 1000, "only " + swaps.get() + " swaps in " + reads + " reads");
    assertTrue(smallSeen > 0 && largeSeen > 0, smallSeen + " old and " + largeSeen + " new files read");
  }

  /** Whether two embeddings have the same tokens and bit-identical vectors. */
  private static boolean equal(Embedding expected, Embedding actual) {
    if (expected.dimension() != actual.dimension()
        || !expected.vocabulary().tokens().equals(actual.vocabulary().tokens())) {
      return false;
    }
    for (int i = 0; i < expected.vocabulary().size(); i++) {
      float[] e = expected.vector(i);
      float[] g = actual.vector(i);
      for (int j = 0; j < e.length; j++) {
        if (Float.floatToRawIntBits(e[j]) != Float.floatToRawIntBits(g[j])) {
          return false;
        }
      }
    }
    return true;
  }
}
