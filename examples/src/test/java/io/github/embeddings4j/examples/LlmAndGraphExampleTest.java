package io.github.embeddings4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.embeddings4j.examples.report.GraphPlot;
import io.github.embeddings4j.llm.TokenEmbeddings;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The LLM token table and the embedding graphs on all-MiniLM-L6-v2 from the class path. */
class LlmAndGraphExampleTest {

  @Test
  void tokenTableRowsAreTheTokensOfTheSentenceWithTheirVectors() {
    TokenEmbeddings model = TestData.miniLm();
    Section s = LlmTokensExample.compute(model, LlmTokensExample.SENTENCE);
    List<List<String>> rows = s.tables().get(0).rows();
    // WordPiece (uncased): the tokens, "##" pieces glued back, spell the sentence in lowercase.
    StringBuilder spelled = new StringBuilder();
    for (List<String> row : rows) {
      String token = row.get(0);
      spelled.append(token.startsWith("##") ? token.substring(2) : " " + token);
      int id = Integer.parseInt(row.get(1));
      assertEquals(model.vocabulary().id(token), id);
      float[] v = model.vector(id);
      double norm = 0;
      for (float x : v) {
        norm += (double) x * x;
      }
      assertEquals(String.format(Locale.ROOT, "%.4f", Math.sqrt(norm)), row.get(4), token);
      assertTrue(row.get(3).startsWith(String.format(Locale.ROOT, "%+.4f", v[0])), row.get(3));
    }
    assertEquals(LlmTokensExample.SENTENCE.toLowerCase(Locale.ROOT), spelled.toString().strip());
    assertEquals(384, s.projector().get("llm-tokens").dimension());
  }

  @Test
  void graphsJoinEachSeedToItsTwentyNearestTokens() {
    TokenEmbeddings model = TestData.miniLm();
    Section s = EmbeddingGraphExample.compute(model);
    assertEquals(2, s.graphs().size());

    GraphPlot sentence = s.graphs().get(0);
    List<String> seeds = new ArrayList<>(new LinkedHashSet<>(model.embed(EmbeddingGraphExample.SENTENCE).tokens()));
    assertEquals(seeds, sentence.nodes().subList(0, seeds.size()));
    assertEquals(seeds.size(), sentence.seeds().size());
    for (int seed = 0; seed < seeds.size(); seed++) {
      List<String> expected = model.nearest(seeds.get(seed), EmbeddingGraphExample.K).stream()
          .map(n -> n.token()).toList();
      for (String neighbour : expected) {
        int node = sentence.nodes().indexOf(neighbour);
        final int s0 = seed;
        assertTrue(sentence.edges().stream().anyMatch(e -> (e.source() == s0 && e.target() == node)
            || (e.source() == node && e.target() == s0)), seeds.get(seed) + " -- " + neighbour);
      }
    }
    // MiniLM's WordPiece has no token "2025": it is "202" + "##5".
    assertEquals(List.of("ai", "agents", "will", "be", "the", "most", "hot", "topic", "of", "artificial",
        "intelligence", "in", "202", "##5", "."), seeds);

    GraphPlot list = s.graphs().get(1);
    List<String> variants = list.nodes().subList(0, list.seeds().size());
    assertTrue(variants.containsAll(List.of("list", "lists", "listed", "listing")), variants.toString());
    // Variants of one word share neighbours: fewer nodes than seeds times (k + 1).
    assertTrue(list.nodes().size() < variants.size() * (EmbeddingGraphExample.K + 1), list.nodes().toString());
  }
}
