package io.github.embeddings4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.embeddings4j.WordVectors;
import io.github.embeddings4j.internal.util.AtomicFiles;
import io.github.embeddings4j.testutil.ChildClassPath;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A save killed with SIGKILL in the middle leaves either the previous file or the complete new one, never a torn
 * file, and the temporary file it leaves behind is removed by the next save.
 *
 * <p>A child JVM ({@link SaveLoop}) saves a large table B again and again over a file holding a small table A.
 * The parent waits for the child to announce a save, sleeps a random part of the measured save time, and kills it.
 * A temporary file still present after the child died proves the kill landed inside the save.
 */
class KillMidSaveTest {
  private static final int ROUNDS = 4;
  private static final int SIGKILL_EXIT = 128 + 9;

  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(SaveLoop.Format.class)
  @EnabledOnOs(value = OS.LINUX, disabledReason = "kills the child with SIGKILL and reads its exit status 137")
  void aKilledSaveLeavesTheOldOrTheNewFileAndNoGarbage(SaveLoop.Format format) throws Exception {
    Path file = dir.resolve("out").resolve("vectors");
    int rows = format == SaveLoop.Format.TEXT ? 20_000 : 60_000;
    WordVectors a = SaveLoop.table(5, 100, 1);
    byte[] aBytes = format.bytes(a);
    byte[] bBytes = format.bytes(SaveLoop.table(rows, 100, 2));
    SplittableRandom random = new SplittableRandom(format.ordinal());
    long firstSaveNanos = 0;
    long lastSaveNanos = 0;
    int midSave = 0;
    int sawOld = 0;
    int sawNew = 0;
    for (int round = 0; round < ROUNDS; round++) {
      format.save(a, file);
      // Odd rounds kill the first save (the file then holds A), even rounds the third (it holds B). The sleep is a
      // random part of a save of the same kind: a first save (cold JIT) of an earlier child, or this child's second.
      int killDuring = round % 2 == 1 ? 0 : 2;
      Process child = start(format, file, rows);
      try (BufferedReader out = new BufferedReader(
          new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null && !line.equals("BEGIN " + killDuring)) {
          if (line.startsWith("END ")) {
            lastSaveNanos = Long.parseLong(line.split(" ")[2]);
            if (line.startsWith("END 0 ")) {
              firstSaveNanos = lastSaveNanos;
            }
          }
        }
        assertTrue(line != null, () -> "child ended early: " + stderr(child));
        long estimate = killDuring == 0 ? firstSaveNanos : lastSaveNanos;
        TimeUnit.NANOSECONDS.sleep(estimate == 0 ? 0 : random.nextLong(estimate / 8, estimate / 2));
        child.destroyForcibly();
        assertEquals(SIGKILL_EXIT, child.waitFor(), "exit status of a SIGKILLed process");
      }
      List<Path> leftovers = AtomicFiles.staleTemporaryFiles(file);
      String childTmp = ".vectors." + child.pid() + ".";
      if (!leftovers.isEmpty()) {
        midSave++;
        assertTrue(leftovers.stream().allMatch(p -> p.getFileName().toString().startsWith(childTmp)),
            leftovers::toString);
      }
      byte[] now = Files.readAllBytes(file);
      if (Arrays.equals(now, aBytes)) {
        sawOld++;
        assertEquals(5, format.read(file).vocabulary().size());
      } else if (Arrays.equals(now, bBytes)) {
        sawNew++;
        assertEquals(rows, format.read(file).vocabulary().size());
      } else {
        fail(format + " round " + round + ": torn file of " + now.length + " bytes (A " + aBytes.length + ", B "
            + bBytes.length + ")");
      }
      // The next save removes what the dead process left.
      format.save(a, file);
      assertEquals(Set.of("vectors"), names(file.getParent()));
    }
    System.out.printf("%s: %d kills, %d mid-save, file held A %d times and B %d times;"
        + " a warm save of %d bytes takes %d ms%n", format, ROUNDS, midSave, sawOld, sawNew, bBytes.length, lastSaveNanos / 1_000_000);
    assertTrue(midSave >= ROUNDS / 2, format + ": only " + midSave + " of " + ROUNDS + " kills landed mid-save");
    assertTrue(sawOld > 0 && sawNew > 0, format + ": A " + sawOld + " times, B " + sawNew + " times");
  }

  @Test
  void aSaveKeepsTemporaryFilesOfLiveProcessesAndOtherTargets() throws IOException {
    Path file = dir.resolve("vectors");
    long me = ProcessHandle.current().pid();
    String dead = Long.toString(Long.MAX_VALUE);
    Set<String> kept = Set.of(".vectors." + me + ".42.tmp", ".vectors2." + dead + ".42.tmp",
        ".vectors." + dead + ".tmp", "vectors." + dead + ".42.tmp", ".vectors.x.42.tmp");
    for (String name : kept) {
      Files.write(dir.resolve(name), new byte[] {1});
    }
    Files.write(dir.resolve(".vectors." + dead + ".42.tmp"), new byte[] {1});
    assertEquals(List.of(dir.resolve(".vectors." + dead + ".42.tmp")), AtomicFiles.staleTemporaryFiles(file));
    NativeFormat.write(SaveLoop.table(3, 4, 1), file);
    Set<String> expected = new LinkedHashSet<>(kept);
    expected.add("vectors");
    assertEquals(expected, names(dir));
  }

  private static Set<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    }
  }

  private Process start(SaveLoop.Format format, Path file, int rows) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-cp",
        ChildClassPath.of(SaveLoop.class, AtomicFiles.class, org.slf4j.LoggerFactory.class),
        SaveLoop.class.getName(), format.name(), file.toString(), Integer.toString(rows), "100", "2");
    pb.redirectError(dir.resolve("child.err").toFile());
    return pb.start();
  }

  private String stderr(Process child) {
    try {
      child.waitFor(5, TimeUnit.SECONDS);
      return Files.readString(dir.resolve("child.err"));
    } catch (IOException | InterruptedException e) {
      return e.toString();
    }
  }
}
