package io.github.embeddings4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.embeddings4j.DType;
import io.github.embeddings4j.WordVectors;
import io.github.embeddings4j.internal.util.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A save keeps the replaced file's permissions, gives a new file the umask's default (not the 0600 of a
 * temporary file), never lets others read the content while it is written, and writes through a symbolic link
 * to the file it points to. Every writer saves through {@link AtomicFiles}; each is checked.
 */
class AtomicSavePermissionsTest {
  private static final WordVectors SMALL = Fixtures.random(5, 3, DType.F32, true, 1);
  private static final WordVectors OTHER = Fixtures.random(7, 3, DType.F32, true, 2);

  @TempDir
  Path dir;

  @BeforeEach
  void posixOnly() {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
  }

  private static Set<PosixFilePermission> mode(Path file) throws IOException {
    return Files.getPosixFilePermissions(file);
  }

  /** What the process's umask gives a new file here: the mode of a file created without explicit permissions. */
  private Set<PosixFilePermission> umaskDefault() throws IOException {
    Path probe = Files.createFile(dir.resolve("probe-" + System.nanoTime()));
    try {
      return mode(probe);
    } finally {
      Files.delete(probe);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"text", "fasttext", "binary", "glove", "native", "projector"})
  void aNewFileGetsTheUmaskDefaultNotTheTemporaryFilesMode(String name) throws IOException {
    Set<PosixFilePermission> expected = umaskDefault();
    // Under a umask of 077 the default is the temporary file's 0600 and the check below could not fail.
    assumeTrue(!expected.equals(PosixFilePermissions.fromString("rw-------")), "umask leaves 0600");
    Path file = dir.resolve("new-" + name);
    Fixtures.FileFormat.named(name).write().write(SMALL, file);
    assertEquals(PosixFilePermissions.toString(expected), PosixFilePermissions.toString(mode(file)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"text", "fasttext", "binary", "glove", "native", "projector"})
  void aReplacedFileKeepsItsMode(String name) throws IOException {
    Fixtures.FileFormat f = Fixtures.FileFormat.named(name);
    for (String perms : List.of("rw-r--r--", "rw-r-----", "rw-------", "r--r--r--", "rw-rw-rw-", "rwxr-x---")) {
      Path file = dir.resolve("old-" + name + "-" + perms.replace('-', '_'));
      f.write().write(SMALL, file);
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(perms));
      f.write().write(OTHER, file);
      assertEquals(perms, PosixFilePermissions.toString(mode(file)));
      Fixtures.assertSame(OTHER, f.read().read(file));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"text", "fasttext", "binary", "glove", "native", "projector"})
  void aSymbolicLinkIsWrittenThroughAndStaysALink(String name) throws IOException {
    Fixtures.FileFormat f = Fixtures.FileFormat.named(name);
    Path realDir = Files.createDirectories(dir.resolve("real"));
    Path real = realDir.resolve("vectors-" + name);
    f.write().write(SMALL, real);
    Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rw-r-----"));
    Path linkDir = Files.createDirectories(dir.resolve("links"));
    // A relative link, and a link to that link.
    Path link = Files.createSymbolicLink(linkDir.resolve("link-" + name), Path.of("..", "real", real
        .getFileName().toString()));
    Path linkToLink = Files.createSymbolicLink(linkDir.resolve("link2-" + name), link.getFileName());

    // The projector's metadata file is named after the path given, so it is read back through the link.
    Path readBack = name.equals("projector") ? link : real;
    f.write().write(OTHER, link);
    assertTrue(Files.isSymbolicLink(link));
    Fixtures.assertSame(OTHER, f.read().read(readBack));
    assertEquals("rw-r-----", PosixFilePermissions.toString(mode(real)));

    byte[] before = Files.readAllBytes(real);
    f.write().write(SMALL, linkToLink);
    assertTrue(Files.isSymbolicLink(linkToLink) && Files.isSymbolicLink(link));
    assertFalse(java.util.Arrays.equals(before, Files.readAllBytes(real)), "the file behind both links changed");
    if (!name.equals("projector")) {
      Fixtures.assertSame(SMALL, f.read().read(real));
    }
    assertFalse(hasTemporaryFile(linkDir) || hasTemporaryFile(realDir));
  }

  @Test
  void aDanglingLinkCreatesTheFileItPointsTo() throws IOException {
    Path link = Files.createSymbolicLink(dir.resolve("link"), Path.of("target.bin"));
    Word2VecBinaryFormat.write(SMALL, link);
    assertTrue(Files.isSymbolicLink(link));
    Fixtures.assertSame(SMALL, Word2VecBinaryFormat.read(dir.resolve("target.bin")));
    assertEquals(PosixFilePermissions.toString(umaskDefault()), PosixFilePermissions.toString(mode(
        dir.resolve("target.bin"))));
  }

  @Test
  void aLinkLoopIsAnErrorNamingTheLink() throws IOException {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    Files.createSymbolicLink(a, b.getFileName());
    Files.createSymbolicLink(b, a.getFileName());
    FileSystemException e = assertThrows(FileSystemException.class, () -> NativeFormat.write(SMALL, a));
    assertTrue(e.getMessage().contains(a.toString()), e.getMessage());
  }

  @Test
  void whileItIsWrittenOnlyTheOwnerCanReadTheContent() throws IOException {
    Path file = dir.resolve("shared.txt");
    Files.writeString(file, "old");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    List<String> seen = new ArrayList<>();
    AtomicFiles.write(file, out -> {
      out.write("new".getBytes(StandardCharsets.US_ASCII));
      try (Stream<Path> files = Files.list(dir)) {
        for (Path p : (Iterable<Path>) files::iterator) {
          if (p.getFileName().toString().endsWith(".tmp")) {
            seen.add(PosixFilePermissions.toString(mode(p)));
          }
        }
      }
    });
    assertEquals(List.of("rw-------"), seen);
    assertEquals("rw-r--r--", PosixFilePermissions.toString(mode(file)));
    assertArrayEquals("new".getBytes(StandardCharsets.US_ASCII), Files.readAllBytes(file));
  }

  @Test
  void aDirectoryTargetIsAnErrorNamingItAndStaysADirectory() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("folder"));
    FileSystemException e = assertThrows(FileSystemException.class, () -> GloveFormat.write(SMALL, folder));
    assertTrue(e.getMessage().contains(folder.toString()) && e.getMessage().contains("directory"),
        e.getMessage());
    assertTrue(Files.isDirectory(folder));
    assertFalse(hasTemporaryFile(dir));
  }

  private static boolean hasTemporaryFile(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp"));
    }
  }
}
