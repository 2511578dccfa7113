package io.github.embeddings4j.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.jar.JarEntry;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies class-path resources (a model inside a jar) into a cache folder once, so that ONNX Runtime and the
 * tokenizer can map or open them as files. A cached file's name carries the resource's size and CRC-32
 * ({@code all-minilm-l6-v2-90387606-1a2b3c4d.onnx}): another version of the resource gets another file, and a
 * file of the right name is used as it is. A copy is written to a temporary file in the same folder, checked
 * against the size and CRC-32, forced to disk and renamed atomically, so a crash never leaves a partial file
 * under the final name and concurrent processes at worst copy twice.
 */
final class ModelCache {
  private static final Logger LOG = LoggerFactory.getLogger(ModelCache.class);

  private ModelCache() {}

  /**
   * Returns a file holding the resource's bytes, copying it into the cache folder when needed.
   *
   * @param loader the class loader to find the resource with
   * @param resource the resource name, e.g. {@code all-minilm-l6-v2.onnx}
   * @param cacheDirectory the cache folder, created when missing
   * @return the cached file
   * @throws NoSuchFileException if the resource is not on the class path
   * @throws IOException if it cannot be read or copied, or the copy does not match the resource
   */
  static Path file(ClassLoader loader, String resource, Path cacheDirectory) throws IOException {
    URL url = loader.getResource(resource);
    if (url == null) {
      throw new NoSuchFileException(resource, null, "not on the class path");
    }
    long size;
    long crc;
    URLConnection connection = url.openConnection();
    if (connection instanceof JarURLConnection jar && jar.getJarEntry() != null
        && jar.getJarEntry().getSize() >= 0 && jar.getJarEntry().getCrc() >= 0) {
      // The jar's directory holds both: no need to read 90 MB to know whether the cached copy is this one.
      JarEntry entry = jar.getJarEntry();
      size = entry.getSize();
      crc = entry.getCrc();
    } else {
      CRC32 sum = new CRC32();
      long n = 0;
      byte[] buffer = new byte[1 << 16];
      try (InputStream in = url.openStream()) {
        for (int r; (r = in.read(buffer)) > 0; ) {
          sum.update(buffer, 0, r);
          n += r;
        }
      }
      size = n;
      crc = sum.getValue();
    }
    String name = Path.of(resource).getFileName().toString();
    int dot = name.lastIndexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    String extension = dot > 0 ? name.substring(dot) : "";
    Path target = cacheDirectory.resolve(
        stem + "-" + size + "-" + String.format(Locale.ROOT, "%08x", crc) + extension);
    if (Files.isRegularFile(target) && Files.size(target) == size) {
      LOG.debug("{}: cached as {}", resource, target);
      return target;
    }
    Files.createDirectories(cacheDirectory);
    Path temp = cacheDirectory.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + "."
        + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
    try {
      CRC32 sum = new CRC32();
      long n = 0;
      byte[] buffer = new byte[1 << 16];
      try (InputStream in = url.openStream();
          OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW)) {
        for (int r; (r = in.read(buffer)) > 0; ) {
          sum.update(buffer, 0, r);
          out.write(buffer, 0, r);
          n += r;
        }
      }
      if (n != size || sum.getValue() != crc) {
        throw new IOException("the copy of " + resource + " in " + temp + " has " + n + " bytes and CRC-32 "
            + Long.toHexString(sum.getValue()) + ", expected " + size + " and " + Long.toHexString(crc));
      }
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("cannot rename " + temp + " to " + target + " atomically", e);
      }
      LOG.info("{}: copied once into {} ({} bytes)", resource, target, size);
      return target;
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
