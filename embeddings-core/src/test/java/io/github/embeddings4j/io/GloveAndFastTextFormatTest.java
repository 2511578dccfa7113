package io.github.embeddings4j.io;

import static io.github.embeddings4j.io.Fixtures.assertFormatError;
import static io.github.embeddings4j.io.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.embeddings4j.DType;
import io.github.embeddings4j.WordVectors;
import io.github.embeddings4j.testutil.SharedData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GloveAndFastTextFormatTest {
  private static final Fixtures.Reader GLOVE = new Fixtures.Reader(GloveFormat::read, GloveFormat::read);

  @TempDir
  Path dir;

  @ParameterizedTest
  @CsvSource({"1, 1", "7, 13", "1021, 7"})
  void gloveRoundTripsExactly(int rows, int dim) throws IOException {
    WordVectors wv = Fixtures.random(rows, dim, DType.F32, false, rows + dim);
    Path file = dir.resolve("glove.txt");
    GloveFormat.write(wv, file);
    Fixtures.assertSame(wv, GloveFormat.read(file));
    Fixtures.assertSame(wv.limit(5), GloveFormat.read(file, 5));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    GloveFormat.write(wv, out);
    Fixtures.assertSame(wv, GloveFormat.read(new ByteArrayInputStream(out.toByteArray())));
  }

  @Test
  void readsTheSharedGloveFileLikePlainText() throws IOException {
    Path file = SharedData.path("vectors/test_glove.txt");
    WordVectors wv = GloveFormat.read(file);
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertEquals(76, wv.vocabulary().size());
    assertEquals(50, wv.dimension());
    for (int i = 0; i < 76; i++) {
      String[] parts = lines.get(i).trim().split(" +");
      float[] expected = new float[50];
      for (int j = 0; j < 50; j++) {
        expected[j] = Float.parseFloat(parts[j + 1]);
      }
      assertEquals(parts[0], wv.vocabulary().token(i));
      assertArrayEquals(expected, wv.vector(i), parts[0]);
    }
    assertEquals(0.418f, wv.vector("the")[0]);
  }

  @Test
  void gloveRejectsBadFiles() throws IOException {
    assertFormatError(GLOVE, dir, new byte[0], "empty file");
    assertFormatError(GLOVE, dir, utf8("a 1 2\nb 1 2 3\n"), "expected 2 values, found 3", "line 2");
    assertFormatError(GLOVE, dir, utf8("3 2\na 1 2\n"), "word2vec header", "line 2");
    assertFormatError(GLOVE, dir, utf8("a 1 2\na 1 2\n"), "duplicate word", "line 2");
    assertFormatError(GLOVE, dir, utf8("a 1 -Infinity\n"), "not finite", "line 1");
  }

  @Test
  void fastTextVecFilesWithTrailingSpacesRoundTrip() throws IOException {
    String vec = "2 3\nthe 0.1 -0.2 0.3 \n</s> 1 2 3 \n";
    WordVectors wv = FastTextVecFormat.read(new ByteArrayInputStream(utf8(vec)));
    assertEquals(List.of("the", "</s>"), wv.vocabulary().tokens());
    assertArrayEquals(new float[] {0.1f, -0.2f, 0.3f}, wv.vector("the"));
    Path file = dir.resolve("model.vec");
    FastTextVecFormat.write(wv, file);
    Fixtures.assertSame(wv, FastTextVecFormat.read(file));
    Fixtures.assertSame(wv.limit(1), FastTextVecFormat.read(file, 1));
  }
}
