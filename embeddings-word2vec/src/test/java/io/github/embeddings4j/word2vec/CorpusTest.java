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

  private static List<List<String>> pieces(Corpus corpus, long from, long to, int max) throws IOException {
    List<List<String>> out = new ArrayList<>();
    corpus.forEachPiece(from, to, max, p -> out.add(List.copyOf(p)));
    return out;
  }

  private static List<List<String>> all(Corpus corpus, int max) throws IOException {
    return pieces(corpus, 0, Long.MAX_VALUE, max);
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
    assertEquals(expected, all(Corpus.lines(plain), 1000));
    assertEquals(expected, all(Corpus.lines(gz), 1000));
    assertEquals(List.of(List.of("The", "cat,", "the", "HAT!"), List.of("École", "42", "c'est")),
        all(Corpus.lines(plain, Tokenizer.WHITESPACE), 1000));
  }

  @Test
  void aByteOrderMarkIsNotPartOfTheFirstToken() throws IOException {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    Path plain = dir.resolve("bom.txt");
    Files.write(plain, bom);
    Files.writeString(plain, "the cat\n\uFEFFsat\n", java.nio.file.StandardOpenOption.APPEND);
    Path gz = dir.resolve("bom.txt.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(Files.readAllBytes(plain));
    }
    // Only at the very start of the file; the same character later is data.
    List<List<String>> expected = List.of(List.of("the", "cat"), List.of("\uFEFFsat"));
    assertEquals(expected, all(Corpus.lines(plain, Tokenizer.WHITESPACE), 1000));
    assertEquals(expected, all(Corpus.lines(gz, Tokenizer.WHITESPACE), 1000));
  }

  @Test
  void aDirectoryIsAnErrorNamingIt() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("corpus"));
    java.nio.file.FileSystemException e = assertThrows(java.nio.file.FileSystemException.class,
        () -> all(Corpus.lines(folder), 1000));
    assertEquals(folder.toString(), e.getFile());
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
  }

  @Test
  void longSentencesAreSplitNotDropped() throws IOException {
    List<String> line = IntStream.range(0, 25).mapToObj(i -> "w" + i).collect(Collectors.toList());
    List<List<String>> p = all(Corpus.of(List.of(line, List.of("x"))), 10);
    assertEquals(List.of(line.subList(0, 10), line.subList(10, 20), line.subList(20, 25), List.of("x")), p);
    Path f = dir.resolve("long.txt");
    Files.writeString(f, String.join(" ", line) + "\nx\n");
    assertEquals(p, all(Corpus.lines(f), 10));
  }

  @Test
  void contiguousRangesPartitionThePiecesOfFilesAndIterables() throws IOException {
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
      List<List<String>> all = all(c, 5);
      long count = c.forEachPiece(0, Long.MAX_VALUE, 5, p -> true);
      assertEquals(all.size(), count, c.toString());
      for (int shards : new int[] {2, 3, 7}) {
        List<List<String>> union = new ArrayList<>();
        for (int s = 0; s < shards; s++) {
          union.addAll(pieces(c, count * s / shards, count * (s + 1) / shards, 5));
        }
        assertEquals(all, union, c + " with " + shards + " shards");
      }
    }
  }

  @Test
  void missingFileIsAnIoErrorNamingIt() {
    Path missing = dir.resolve("nope.txt");
    NoSuchFileException e = assertThrows(NoSuchFileException.class,
        () -> all(Corpus.lines(missing), 10));
    assertEquals(missing.toString(), e.getFile());
  }
}
