package io.github.embeddings4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.embeddings4j.DType;
import io.github.embeddings4j.WordVectors;
import io.github.embeddings4j.testutil.SharedData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files written here load in gensim ({@code KeyedVectors.load_word2vec_format}) with bit-identical vectors, and
 * files gensim writes load here identically. Runs when {@code /usr/bin/python3} can import gensim; otherwise
 * skipped, or failed under {@code embeddings.requireSharedData=true} (CI installs python3-gensim).
 */
class GensimInteropTest {
  private static final Path PYTHON = Path.of("/usr/bin/python3");

  /** Loads a file with gensim and prints per word: hex of its UTF-8, a tab, hex of its float32 LE values. */
  private static final String DUMP = String.join("\n",
      "import sys, binascii",
      "from gensim.models import KeyedVectors",
      "path, binary, no_header = sys.argv[1], sys.argv[2] == 'binary', sys.argv[3] == 'glove'",
      "limit = int(sys.argv[4]) if len(sys.argv) > 4 else None",
      "kv = KeyedVectors.load_word2vec_format(path, binary=binary, no_header=no_header, limit=limit)",
      "out = sys.stdout",
      "for key in kv.index_to_key:",
      "    v = kv[key].astype('<f4').tobytes()",
      "    out.write(key.encode('utf-8').hex() + '\\t' + binascii.hexlify(v).decode() + '\\n')");

  /** Loads a file with gensim and saves it with gensim's own writer. */
  private static final String RESAVE = String.join("\n",
      "import sys",
      "from gensim.models import KeyedVectors",
      "kv = KeyedVectors.load_word2vec_format(sys.argv[1], binary=True)",
      "kv.save_word2vec_format(sys.argv[2], binary=sys.argv[3] == 'binary')");

  @TempDir
  Path dir;

  @BeforeAll
  static void needsGensim() throws Exception {
    boolean ok = false;
    if (Files.isExecutable(PYTHON)) {
      Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import gensim").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      ok = p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
    if (!ok) {
      SharedData.skipOrFail("gensim is not importable by " + PYTHON + " (apt-get install python3-gensim)");
    }
  }

  private static String python(String script, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(PYTHON.toString(), "-c", script));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
    byte[] out = p.getInputStream().readAllBytes();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError("python failed: " + err);
    }
    return new String(out, StandardCharsets.UTF_8);
  }

  /** Asserts gensim's dump of a file equals the vectors, bit for bit and in order. */
  private static void assertGensimSees(WordVectors expected, Path file, String mode, String... limit)
      throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of(file.toString(), mode, mode));
    args.addAll(List.of(limit));
    String[] lines = python(DUMP, args.toArray(new String[0])).split("\n");
    assertEquals(expected.vocabulary().size(), lines.length);
    HexFormat hex = HexFormat.of();
    for (int i = 0; i < lines.length; i++) {
      String[] parts = lines[i].split("\t");
      assertEquals(expected.vocabulary().token(i), new String(hex.parseHex(parts[0]), StandardCharsets.UTF_8));
      float[] values = new float[expected.dimension()];
      ByteBuffer.wrap(hex.parseHex(parts[1])).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
      assertArrayEquals(expected.vector(i), values, expected.vocabulary().token(i));
    }
  }

  @Test
  void gensimReadsOurTextBinaryAndGloveFilesExactly() throws Exception {
    WordVectors wv = Fixtures.random(300, 13, DType.F32, false, 42);
    Path text = dir.resolve("v.txt");
    Path binary = dir.resolve("v.bin");
    Path glove = dir.resolve("glove.txt");
    Word2VecTextFormat.write(wv, text);
    Word2VecBinaryFormat.write(wv, binary);
    GloveFormat.write(wv, glove);
    assertGensimSees(wv, text, "text");
    assertGensimSees(wv, binary, "binary");
    assertGensimSees(wv, glove, "glove");
  }

  @Test
  void weReadGensimsOwnFilesExactly() throws Exception {
    WordVectors wv = Fixtures.random(200, 7, DType.F32, false, 7);
    Path ours = dir.resolve("ours.bin");
    Word2VecBinaryFormat.write(wv, ours);
    Path gensimBinary = dir.resolve("gensim.bin");
    Path gensimText = dir.resolve("gensim.txt");
    python(RESAVE, ours.toString(), gensimBinary.toString(), "binary");
    python(RESAVE, ours.toString(), gensimText.toString(), "text");
    Fixtures.assertSame(wv, Word2VecBinaryFormat.read(gensimBinary));
    Fixtures.assertSame(wv, Word2VecTextFormat.read(gensimText));
  }

  @Test
  void gensimAndWeAgreeOnTheSharedFiles() throws Exception {
    assertGensimSees(Word2VecBinaryFormat.read(SharedData.path("vectors/euclidean_vectors.bin")),
        SharedData.path("vectors/euclidean_vectors.bin"), "binary");
    assertGensimSees(Word2VecTextFormat.read(SharedData.path("vectors/toy-model.vec")),
        SharedData.path("vectors/toy-model.vec"), "text");
    assertGensimSees(GloveFormat.read(SharedData.path("vectors/test_glove.txt")),
        SharedData.path("vectors/test_glove.txt"), "glove");
  }

  @Test
  void limitMatchesGensimsLimit() throws Exception {
    Path binary = SharedData.path("vectors/euclidean_vectors.bin");
    assertGensimSees(Word2VecBinaryFormat.read(binary, 100), binary, "binary", "100");
    Path text = SharedData.path("vectors/toy-model.vec");
    assertGensimSees(Word2VecTextFormat.read(text, 3), text, "text", "3");
  }
}
