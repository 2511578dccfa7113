package io.github.embeddings4j.internal.util;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves a file so that readers see either the old content or the complete new one, never a part: the content is
 * written to a temporary file in the same folder, forced to disk, then renamed over the target (atomically where
 * the file system can), and the folder is forced too. If anything fails, the temporary file is removed and the
 * previous file is untouched.
 *
 * <p>The temporary file is named {@code .<target name>.<pid>.<random>.tmp}. A process killed mid-save cannot
 * remove it, so every save first deletes the temporary files of the same target whose process id is no longer
 * running on this machine. Temporary files of a live process (including this one) are never touched.
 */
public final class AtomicFiles {
  private static final Logger LOG = LoggerFactory.getLogger(AtomicFiles.class);
  private static final Pattern TMP_MIDDLE = Pattern.compile("(\\d+)\\.\\d+");
  private static final String TMP_SUFFIX = ".tmp";

  private AtomicFiles() {}

  /** Writes the body of a file. */
  @FunctionalInterface
  public interface Body {
    /**
     * Writes the content.
     *
     * @param out a buffered stream to the temporary file; do not close it
     * @throws IOException if writing fails
     */
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Writes {@code target} atomically.
   *
   * @param target the file to create or replace
   * @param body writes the content
   * @throws IOException if writing, syncing or renaming fails; the previous file is then intact
   */
  public static void write(Path target, Body body) throws IOException {
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    Files.createDirectories(dir);
    removeStaleTemporaryFiles(abs);
    Path tmp = Files.createTempFile(dir, tempPrefix(abs), TMP_SUFFIX);
    boolean done = false;
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
        body.writeTo(out);
        out.flush();
        ch.force(true);
      }
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
      done = true;
      forceDirectory(dir);
    } finally {
      if (!done) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  /**
   * The temporary files that saves of {@code target} left behind and whose process is gone.
   *
   * @param target the file whose temporary files to look for
   * @return the stale temporary files, possibly empty
   * @throws IOException if the folder cannot be listed
   */
  public static List<Path> staleTemporaryFiles(Path target) throws IOException {
    Path abs = target.toAbsolutePath();
    String prefix = "." + abs.getFileName() + ".";
    List<Path> stale = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(abs.getParent())) {
      for (Path p : files) {
        String name = p.getFileName().toString();
        if (!name.startsWith(prefix) || !name.endsWith(TMP_SUFFIX)
            || name.length() < prefix.length() + TMP_SUFFIX.length()) {
          continue;
        }
        var m = TMP_MIDDLE.matcher(name.substring(prefix.length(), name.length() - TMP_SUFFIX.length()));
        if (m.matches() && !isRunning(m.group(1))) {
          stale.add(p);
        }
      }
    }
    return stale;
  }

  private static void removeStaleTemporaryFiles(Path target) throws IOException {
    for (Path p : staleTemporaryFiles(target)) {
      if (Files.deleteIfExists(p)) {
        LOG.debug("Removed {}, left by an interrupted save", p);
      }
    }
  }

  private static boolean isRunning(String pid) {
    try {
      long id = Long.parseLong(pid);
      // A reused id only keeps a stale file longer, never deletes a live one.
      return id == ProcessHandle.current().pid() || ProcessHandle.of(id).map(ProcessHandle::isAlive).orElse(false);
    } catch (NumberFormatException e) {
      return true;
    }
  }

  private static String tempPrefix(Path abs) {
    return "." + abs.getFileName() + "." + ProcessHandle.current().pid() + ".";
  }

  private static void forceDirectory(Path dir) {
    // Makes the rename durable on Linux; not every platform lets a directory be opened, which is fine.
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // best effort
    }
  }
}
