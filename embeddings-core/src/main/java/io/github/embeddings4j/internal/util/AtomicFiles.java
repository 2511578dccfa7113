package io.github.embeddings4j.internal.util;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves a file so that readers see either the old content or the complete new one, never a part: the content is
 * written to a temporary file in the same folder, forced to disk, then renamed over the target (atomically where
 * the file system can), and the folder is forced too. If anything fails, the temporary file is removed and the
 * previous file is untouched.
 *
 * <p><b>Permissions.</b> On a POSIX file system the saved file keeps the permission bits of the file it replaces;
 * a new file gets the default of the process's umask, as a file created by any other program would (0644 under
 * the usual umask 022). While it is written the temporary file is readable by its owner only, so a file kept
 * private is never readable by others, not even in part. Owner, group, ACLs and extended attributes are not
 * copied (a replaced file belongs to the saving user afterwards), and a target with several hard links is
 * replaced under this name only.
 *
 * <p><b>Symbolic links.</b> A target that is a symbolic link (or a chain of them) is saved through it: the file it
 * points to is replaced (created if the link dangles) and the link stays a link. The temporary file is made in the
 * folder of that file, so the rename stays on one file system.
 *
 * <p>The temporary file is named {@code .<target name>.<pid>.<random>.tmp}. A process killed mid-save cannot
 * remove it, so every save first deletes the temporary files of the same target whose process id is no longer
 * running on this machine. Temporary files of a live process (including this one) are never touched.
 */
public final class AtomicFiles {
  private static final Logger LOG = LoggerFactory.getLogger(AtomicFiles.class);
  private static final Pattern TMP_MIDDLE = Pattern.compile("(\\d+)\\.\\d+");
  private static final String TMP_SUFFIX = ".tmp";
  /** As Linux's {@code MAXSYMLINKS}: more links than this in a chain is a loop. */
  private static final int MAX_LINKS = 40;
  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

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
   * Writes {@code target} atomically, keeping its permissions, through a symbolic link to the file it points to
   * (see the class comment).
   *
   * @param target the file to create or replace, or a symbolic link to it
   * @param body writes the content
   * @throws IOException if writing, syncing or renaming fails (the previous file is then intact), or the target
   *     is a directory
   */
  public static void write(Path target, Body body) throws IOException {
    Path abs = followLinks(target.toAbsolutePath());
    if (Files.isDirectory(abs)) {
      throw new FileSystemException(abs.toString(), null, "is a directory, not a file");
    }
    Path dir = abs.getParent();
    Files.createDirectories(dir);
    removeStaleTemporaryFiles(abs);
    Path tmp = createTemporaryFile(dir, tempPrefix(abs));
    boolean done = false;
    try {
      Set<PosixFilePermission> mode = finalPermissions(abs, tmp);
      if (mode != null) {
        Files.setPosixFilePermissions(tmp, OWNER_ONLY);
      }
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
        body.writeTo(out);
        out.flush();
        if (mode != null) {
          // Before the force, so that the mode is on disk with the content.
          Files.setPosixFilePermissions(tmp, mode);
        }
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
   * The file a path names once symbolic links in its last part are followed: the path itself if it is not a link,
   * else the file the chain ends at (which need not exist). Links in the folders above are left to the system.
   */
  private static Path followLinks(Path abs) throws IOException {
    Path p = abs;
    for (int links = 0; Files.isSymbolicLink(p); links++) {
      if (links == MAX_LINKS) {
        throw new FileSystemException(abs.toString(), null, "more than " + MAX_LINKS
            + " symbolic links in a chain (a loop?)");
      }
      // A relative link is relative to the folder holding it.
      p = p.getParent().resolve(Files.readSymbolicLink(p));
    }
    return p;
  }

  /**
   * Creates an empty temporary file with the default permissions of a new file (the umask's), never reusing a
   * name.
   */
  private static Path createTemporaryFile(Path dir, String prefix) throws IOException {
    while (true) {
      Path tmp = dir.resolve(prefix + Long.toUnsignedString(ThreadLocalRandom.current().nextLong()) + TMP_SUFFIX);
      try {
        return Files.createFile(tmp);
      } catch (FileAlreadyExistsException e) {
        // Another save's name: draw again.
      }
    }
  }

  /**
   * The permissions the saved file gets: the replaced file's, or for a new file those the system gave the
   * freshly created temporary file (Java cannot read the umask, this is its effect); {@code null} where the file
   * system has no POSIX permissions.
   */
  private static Set<PosixFilePermission> finalPermissions(Path target, Path tmp) throws IOException {
    if (Files.getFileAttributeView(tmp, PosixFileAttributeView.class) == null) {
      return null;
    }
    try {
      return Files.getPosixFilePermissions(target);
    } catch (NoSuchFileException e) {
      return Files.getPosixFilePermissions(tmp);
    }
  }

  /**
   * The temporary files that saves of {@code target} left behind and whose process is gone (for a symbolic link,
   * those of the file it points to, where the saves put them).
   *
   * @param target the file whose temporary files to look for
   * @return the stale temporary files, possibly empty
   * @throws IOException if the folder cannot be listed
   */
  public static List<Path> staleTemporaryFiles(Path target) throws IOException {
    Path abs = followLinks(target.toAbsolutePath());
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
