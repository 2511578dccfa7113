package io.github.embeddings4j.testutil;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The class path for a child JVM that a test starts: the roots the given classes were loaded from, then everything
 * the test JVM sees (surefire puts a module on the module path and patches its test classes into it, so both
 * properties and the class locations count).
 */
public final class ChildClassPath {
  private ChildClassPath() {}

  /**
   * Returns the child's class path.
   *
   * @param roots classes whose class path roots come first (e.g. the child's main class and the library's)
   * @return the entries joined with the platform's path separator
   */
  public static String of(Class<?>... roots) {
    Set<String> entries = new LinkedHashSet<>();
    for (Class<?> c : roots) {
      entries.add(location(c));
    }
    for (String property : new String[] {"jdk.module.path", "java.class.path"}) {
      String value = System.getProperty(property);
      if (value != null && !value.isEmpty()) {
        entries.addAll(Arrays.asList(value.split(File.pathSeparator)));
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  /** The class path root a class was loaded from. */
  private static String location(Class<?> c) {
    String resource = c.getName().replace('.', '/') + ".class";
    var url = c.getResource("/" + resource);
    try {
      if (url != null && url.getProtocol().equals("file")) {
        String path = Path.of(url.toURI()).toString();
        return path.substring(0, path.length() - resource.length());
      }
      return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(c + " from " + url, e);
    }
  }
}
