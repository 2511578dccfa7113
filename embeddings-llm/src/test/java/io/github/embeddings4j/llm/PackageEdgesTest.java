package io.github.embeddings4j.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.embeddings4j.llm.format.OnnxInitializers;
import io.github.embeddings4j.llm.hub.HubCache;
import io.github.embeddings4j.llm.tokenizer.HfTokenizer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rule of docs/architecture.md's llm section: format, hub and tokenizer depend only on packages below the
 * facade, never on {@code io.github.embeddings4j.llm} itself. Read from the compiled classes' constant pools,
 * where every class a class uses is named (issue 19: {@code OnnxInitializers.wordEmbeddings} read {@code
 * ModelFamily.values()}).
 */
class PackageEdgesTest {
  /** A class of the facade package: {@code io/github/embeddings4j/llm/} then a name with no further slash. */
  private static final Pattern FACADE_CLASS = Pattern.compile(
      "io/github/embeddings4j/llm/([A-Za-z0-9_$]+)(?![/A-Za-z0-9_$])");

  @ParameterizedTest
  @ValueSource(strings = {"format", "hub", "tokenizer"})
  void lowerPackagesNameNoFacadeClass(String name) throws IOException, URISyntaxException {
    Class<?> member = switch (name) {
      case "format" -> OnnxInitializers.class;
      case "hub" -> HubCache.class;
      default -> HfTokenizer.class;
    };
    Path folder = Path.of(member.getProtectionDomain().getCodeSource().getLocation().toURI())
        .resolve("io/github/embeddings4j/llm").resolve(name);
    List<String> edges = new ArrayList<>();
    int classes = 0;
    try (Stream<Path> files = Files.list(folder)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
        classes++;
        // Constant-pool UTF-8 entries of class names are ASCII here; ISO-8859-1 keeps every byte one char.
        Matcher m = FACADE_CLASS.matcher(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
        while (m.find()) {
          edges.add(f.getFileName() + " -> " + m.group(1));
        }
      }
    }
    assertFalse(classes == 0, "no classes in " + folder);
    assertEquals(List.of(), edges, "edges up from llm." + name);
  }
}
