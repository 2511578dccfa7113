package io.github.embeddings4j.word2vec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.embeddings4j.Tokenizer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusTest {
  @TempDir Path dir;

  private static List<List<String>> pieces(Corpus corpus, int shard, int shards, int max) throws IOException {
    List<List<String>> out = new ArrayList<>();
    corpus.forEachPiece(shard, shards, max, p -> out.add(List.copyOf(p)));
    return out;
  }

  @Test
  void plainAndGzipFilesReadTheSameLowercasedTokens() throws IOException {
    String text = "The cat, the HAT!\n\nÉcole 42 c'est\n";
    Path plain = dir.resolve("c.txt");
    Files.writeString(plain, text);
    Path gz = dir.resolve("c.txt.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    List<List<String>> expected = List.of(List.of("the", "cat", "the", "hat"),
        List.of("école", "42", "c", "est"));
    assertEquals(expected, pieces(Corpus.lines(plain), 0, 1, 1000));
    assertEquals(expected, pieces(Corpus.lines(gz), 0, 1, 1000));
    assertEquals(List.of(List.of("The", "cat,", "the", "HAT!"), List.of("École", "42", "c'est")),
        pieces(Corpus.lines(plain, Tokenizer.WHITESPACE), 0, 1, 1000));
  }

  @Test
  void longSentencesAreSplitNotDropped() throws IOException {
    List<String> line = IntStream.range(0, 25).mapToObj(i -> "w" + i).collect(Collectors.toList());
    List<List<String>> p = pieces(Corpus.of(List.of(line, List.of("x"))), 0, 1, 10);
    assertEquals(List.of(line.subList(0, 10), line.subList(10, 20), line.subList(20, 25), List.of("x")), p);
    Path f = dir.resolve("long.txt");
    Files.writeString(f, String.join(" ", line) + "\nx\n");
    assertEquals(p, pieces(Corpus.lines(f), 0, 1, 10));
  }

  @Test
  void shardsPartitionThePiecesOfFilesAndIterables() throws IOException {
    StringBuilder sb = new StringBuilder();
    List<List<String>> sentences = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      List<String> s = IntStream.range(0, 1 + (i * 7) % 23).mapToObj(j -> "t" + j).collect(Collectors.toList());
      sentences.add(s);
      sb.append(String.join(" ", s)).append('\n');
    }
    Path f = dir.resolve("s.txt");
    Files.writeString(f, sb);
    for (Corpus c : List.of(Corpus.lines(f), Corpus.of(sentences), Corpus.of(sentences::stream))) {
      List<List<String>> all = pieces(c, 0, 1, 5);
      for (int shards : new int[] {2, 3, 7}) {
        List<String> union = new ArrayList<>();
        int total = 0;
        for (int s = 0; s < shards; s++) {
          List<List<String>> mine = pieces(c, s, shards, 5);
          total += mine.size();
          mine.forEach(union::addAll);
        }
        assertEquals(all.size(), total, c + " with " + shards + " shards");
        List<String> flat = new ArrayList<>();
        all.forEach(flat::addAll);
        flat.sort(null);
        union.sort(null);
        assertEquals(flat, union);
      }
    }
  }

  @Test
  void missingFileIsAnIoErrorNamingIt() {
    Path missing = dir.resolve("nope.txt");
    NoSuchFileException e = assertThrows(NoSuchFileException.class,
        () -> pieces(Corpus.lines(missing), 0, 1, 10));
    assertEquals(missing.toString(), e.getFile());
  }
}
