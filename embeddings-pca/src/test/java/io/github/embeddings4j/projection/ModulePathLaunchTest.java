package io.github.embeddings4j.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PCA in an application launched as the README says: {@code java -p <embeddings4j and slf4j-api> -cp <ND4J>
 * -m app/app.Main}, with no {@code --add-modules}. A small application module, compiled here, fits a PCA in a
 * child JVM and prints the explained variance ratios, which must equal the ones computed in this JVM. A second
 * launch puts everything on the class path of a JVM without {@code jdk.unsupported}: {@code fit} must throw the
 * {@link io.github.embeddings4j.EmbeddingException} naming the flag, not JavaCPP's bare NullPointerException.
 * ND4J's start-up report stays out of the child's log unless {@code -Dorg.nd4j.log.initialization=true}.
 */
class ModulePathLaunchTest {
  private static final String MAIN = String.join("\n",
      "package app;",
      "import io.github.embeddings4j.EmbeddingException;",
      "import io.github.embeddings4j.projection.Pca;",
      "public final class Main {",
      "  public static void main(String[] args) {",
      "    try {",
      "      Pca pca = Pca.fit(ModulePathLaunchRows.ROWS, 2);",
      "      System.out.println(\"ratios \" + java.util.Arrays.toString(pca.explainedVarianceRatio()));",
      "    } catch (EmbeddingException e) {",
      "      System.out.println(\"EmbeddingException: \" + e.getMessage());",
      "      System.exit(3);",
      "    }",
      "  }",
      "}");
  private static final String ROWS = String.join("\n",
      "package app;",
      "final class ModulePathLaunchRows {",
      "  static final float[][] ROWS = {{1, 2, 3}, {2, 4, 7}, {3, 5, 5}, {4, 9, 1}, {0, 1, 2}};",
      "}");
  private static final float[][] SAME_ROWS = {{1, 2, 3}, {2, 4, 7}, {3, 5, 5}, {4, 9, 1}, {0, 1, 2}};

  @TempDir
  static Path temp;

  private static final List<String> modulePath = new ArrayList<>();
  private static final List<String> classPath = new ArrayList<>();
  private static Path app;

  @BeforeAll
  static void compileTheApplication() throws Exception {
    // This JVM's own paths (surefire splits them into a module path and a class path): embeddings4j's main classes
    // and slf4j-api go on the child's module path, every jar else (ND4J, JavaCPP, OpenBLAS, slf4j-simple) on its
    // class path; test classes stay out.
    List<String> entries = new ArrayList<>();
    for (String property : List.of("jdk.module.path", "java.class.path")) {
      String value = System.getProperty(property, "");
      if (!value.isEmpty()) {
        entries.addAll(Arrays.asList(value.split(File.pathSeparator)));
      }
    }
    for (String entry : entries) {
      Path p = Path.of(entry);
      String name = p.getFileName().toString();
      boolean ours = p.endsWith(Path.of("embeddings-core", "target", "classes"))
          || p.endsWith(Path.of("embeddings-pca", "target", "classes"))
          || name.matches("embeddings-(core|pca)-[^-]+(-SNAPSHOT)?\\.jar");
      if (ours || name.startsWith("slf4j-api-")) {
        modulePath.add(entry);
      } else if (name.endsWith(".jar") && !name.startsWith("surefire") && !name.contains("-tests")) {
        classPath.add(entry);
      }
    }
    assertEquals(3, modulePath.size(), "core, pca and slf4j-api among " + entries);
    app = temp.resolve("app");
    Path src = temp.resolve("src");
    Files.createDirectories(src.resolve("app"));
    Files.writeString(src.resolve("module-info.java"), "module app { requires io.github.embeddings4j.pca; }");
    Files.writeString(src.resolve("app/Main.java"), MAIN);
    Files.writeString(src.resolve("app/ModulePathLaunchRows.java"), ROWS);
    // javac as a tool process: the test classes are patched into the pca module, which does not read java.compiler.
    Launch javac = launch(List.of(tool("javac"), "--release", "17", "-d", app.toString(), "--module-path",
        String.join(File.pathSeparator, modulePath), src.resolve("module-info.java").toString(),
        src.resolve("app/Main.java").toString(), src.resolve("app/ModulePathLaunchRows.java").toString()));
    assertEquals(0, javac.exit(), "javac: " + javac);
  }

  @Test
  void fitsUnderJavaMinusMWithoutAddModules() throws Exception {
    Launch launch = launch(moduleLaunch());
    assertEquals(0, launch.exit(), launch.toString());
    String expected = "ratios " + Arrays.toString(Pca.fit(SAME_ROWS, 2).explainedVarianceRatio());
    assertTrue(launch.stdout().lines().anyMatch(expected::equals), "expected " + expected + " in " + launch);
    assertFalse(launch.stderr().contains("NullPointerException"), launch.toString());
    // ND4J's start-up report (about 15 INFO lines) is off by default...
    assertFalse(launch.stderr().contains("Blas vendor"), launch.toString());
  }

  @Test
  void ndFourJsStartUpReportComesBackWhenAskedFor() throws Exception {
    List<String> command = moduleLaunch();
    command.add(1, "-D" + Pca.ND4J_LOG_INITIALIZATION + "=true");
    Launch launch = launch(command);
    assertEquals(0, launch.exit(), launch.toString());
    assertTrue(launch.stderr().contains("Blas vendor"), launch.toString());
  }

  /** java -p app:core:pca:slf4j-api -cp ND4J... -m app/app.Main, as a list to add options to. */
  private static List<String> moduleLaunch() {
    return new ArrayList<>(List.of(java(), "-p", app + File.pathSeparator + String.join(File.pathSeparator,
        modulePath), "-cp", String.join(File.pathSeparator, classPath), "-m", "app/app.Main"));
  }

  @Test
  void withoutJdkUnsupportedFitSaysWhichFlagToAdd() throws Exception {
    // All on the class path, modules limited to java.se (which does not hold jdk.unsupported).
    List<String> all = new ArrayList<>(List.of(app.toString()));
    all.addAll(modulePath);
    all.addAll(classPath);
    Launch launch = launch(List.of(java(), "--limit-modules", "java.se", "-cp", String.join(File.pathSeparator, all),
        "app.Main"));
    assertEquals(3, launch.exit(), launch.toString());
    assertTrue(launch.stdout().contains("EmbeddingException: ") && launch.stdout().contains(
        "add --add-modules jdk.unsupported"), launch.toString());
  }

  private static String java() {
    return tool("java");
  }

  private static String tool(String name) {
    return Path.of(System.getProperty("java.home"), "bin", name).toString();
  }

  private record Launch(int exit, String stdout, String stderr) {
    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
    }
  }

  private static Launch launch(List<String> command) throws IOException, InterruptedException {
    Path out = Files.createTempFile(temp, "out", ".txt");
    Path err = Files.createTempFile(temp, "err", ".txt");
    Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("child JVM did not finish: " + command.stream().collect(Collectors.joining(" ")));
    }
    return new Launch(p.exitValue(), Files.readString(out), Files.readString(err));
  }
}
