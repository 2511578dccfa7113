package io.github.embeddings4j.io;

import static io.github.embeddings4j.io.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.embeddings4j.DType;
import io.github.embeddings4j.EmbeddingFormatException;
import io.github.embeddings4j.WordVectors;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectorTsvTest {
  @TempDir
  Path dir;

  @Test
  void roundTripsWithEscapedTokens() throws IOException {
    Map<String, float[]> map = new LinkedHashMap<>();
    map.put("tab\there", new float[] {1, -2.5f});
    map.put("line\nbreak\r", new float[] {0, 1e-20f});
    map.put("back\\slash\\t", new float[] {3, 4});
    map.put("", new float[] {5, 6});
    map.put("plain", new float[] {7, 8});
    WordVectors wv = WordVectors.of(map);
    ProjectorTsv.write(wv, dir);
    assertEquals(List.of("1.0\t-2.5", "0.0\t1.0E-20", "3.0\t4.0", "5.0\t6.0", "7.0\t8.0"),
        Files.readAllLines(dir.resolve("vectors.tsv")));
    assertEquals("tab\\there\nline\\nbreak\\r\nback\\\\slash\\\\t\n\nplain\n",
        Files.readString(dir.resolve("metadata.tsv"), StandardCharsets.UTF_8));
    Fixtures.assertSame(wv, ProjectorTsv.read(dir));
    Fixtures.assertOnlyFiles(dir, "vectors.tsv", "metadata.tsv");

    WordVectors random = Fixtures.random(100, 13, DType.F32, false, 5);
    ByteArrayOutputStream v = new ByteArrayOutputStream();
    ByteArrayOutputStream m = new ByteArrayOutputStream();
    ProjectorTsv.write(random, v, m);
    Fixtures.assertSame(random, ProjectorTsv.read(new ByteArrayInputStream(v.toByteArray()),
        new ByteArrayInputStream(m.toByteArray())));
  }

  @Test
  void rejectsFilesThatDisagree() throws IOException {
    Files.write(dir.resolve("vectors.tsv"), utf8("1\t2\n3\t4\n5\t6\n"));
    Files.write(dir.resolve("metadata.tsv"), utf8("a\nb\n"));
    EmbeddingFormatException e = assertThrows(EmbeddingFormatException.class, () -> ProjectorTsv.read(dir));
    assertEquals(dir.resolve("vectors.tsv"), e.file());
    assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("more rows"), e.getMessage());

    Files.write(dir.resolve("vectors.tsv"), utf8("1\t2\n3\tx\n"));
    e = assertThrows(EmbeddingFormatException.class, () -> ProjectorTsv.read(dir));
    assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("not a number"), e.getMessage());

    e = assertThrows(EmbeddingFormatException.class, () -> ProjectorTsv.read(
        new ByteArrayInputStream(utf8("1\t2\n")), new ByteArrayInputStream(utf8("a\nb\n"))));
    assertNull(e.file());
    assertTrue(e.getMessage().contains("vectors byte") && e.getMessage().contains("truncated"), e.getMessage());

    e = assertThrows(EmbeddingFormatException.class, () -> ProjectorTsv.read(
        new ByteArrayInputStream(utf8("1\t2\n1\t2\n")), new ByteArrayInputStream(utf8("a\na\n"))));
    assertTrue(e.getMessage().contains("metadata line 2") && e.getMessage().contains("duplicate"), e.getMessage());
  }

  @Test
  void escapingIsReversible() {
    for (String s : List.of("", "\\", "\\\\n", "a\tb", "\n\r\t\\", "plain", "\\x")) {
      assertEquals(s, ProjectorTsv.unescape(ProjectorTsv.escape(s)));
      assertEquals(-1, ProjectorTsv.escape(s).indexOf('\n'));
    }
  }
}
