package io.github.embeddings4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The one candidate hook of {@link Embedding}: every default {@code nearest} method (token, vector, vector with
 * exclusions, batch) asks {@link Embedding#isCandidate(int)}, so an embedding with gaps in its ids needs no search
 * of its own; {@link Embedding#neighbors(TopK, Vocabulary)} maps a result as {@code nearest} does.
 */
class EmbeddingCandidatesTest {
  private static final int ROWS = 101;
  private static final int DIM = 13;

  /** Rows 0..89 searchable, and of those the multiples of 3 left out (gaps in the ids). */
  private static final class Gapped implements Embedding {
    private final WordVectors words;

    Gapped(WordVectors words) {
      this.words = words;
    }

    @Override
    public Vocabulary vocabulary() {
      return words.vocabulary();
    }

    @Override
    public VectorTable vectors() {
      return words.vectors();
    }

    @Override
    public int searchableRows() {
      return 90;
    }

    @Override
    public boolean isCandidate(int id) {
      return id < searchableRows() && id % 3 != 0;
    }

    @Override
    public TokenVectors embed(String text) {
      return words.embed(text);
    }
  }

  private static WordVectors words() {
    Random r = new Random(7);
    Map<String, float[]> m = new LinkedHashMap<>();
    for (int i = 0; i < ROWS; i++) {
      float[] v = new float[DIM];
      for (int j = 0; j < DIM; j++) {
        v[j] = (float) r.nextGaussian();
      }
      m.put("t" + i, v);
    }
    return (WordVectors) Embedding.of(m);
  }

  /** The k best candidate rows by brute force, ties by id. */
  private static List<Integer> bruteForce(Embedding e, float[] q, int k, Similarity s, int excludedId) {
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < e.vectors().rows(); i++) {
      if (e.isCandidate(i) && i != excludedId) {
        ids.add(i);
      }
    }
    ids.sort((a, b) -> {
      int c = Float.compare(s.compare(q, e.vector(b)), s.compare(q, e.vector(a)));
      return c != 0 ? c : Integer.compare(a, b);
    });
    return ids.subList(0, k);
  }

  private static List<Integer> ids(List<Neighbor> ns) {
    return ns.stream().map(Neighbor::id).toList();
  }

  @Test
  void everyDefaultNearestMethodReturnsOnlyCandidates() {
    Gapped e = new Gapped(words());
    float[] q = e.vector("t4");
    assertEquals(bruteForce(e, q, 40, Similarity.COSINE, -1), ids(e.nearest(q, 40)));
    assertEquals(bruteForce(e, q, 40, Similarity.COSINE, 4), ids(e.nearest("t4", 40)));
    assertEquals(bruteForce(e, q, 40, Similarity.DOT, 4), ids(e.nearest(q, 40, Similarity.DOT, List.of("t4"))));
    float[][] queries = {q, e.vector("t50"), e.vector("t99")};
    List<List<Neighbor>> batch = e.nearest(queries, 40);
    for (int i = 0; i < queries.length; i++) {
      assertEquals(bruteForce(e, queries[i], 40, Similarity.COSINE, -1), ids(batch.get(i)), "query " + i);
    }
    // More than the candidates asked for: all 60 candidates, never a gap or a row past the searchable ones.
    List<Neighbor> all = e.nearest(q, ROWS);
    assertEquals(60, all.size());
    assertTrue(all.stream().allMatch(n -> n.id() < 90 && n.id() % 3 != 0), all.toString());
    assertTrue(e.nearest(queries, ROWS).stream().allMatch(l -> l.size() == 60));
  }

  @Test
  void theDefaultHookIsTheRowLimit() {
    WordVectors w = words();
    assertTrue(w.isCandidate(ROWS - 1));
    assertFalse(w.isCandidate(ROWS));
    assertEquals(ROWS, w.nearest(new float[DIM], ROWS + 5).size());
  }

  @Test
  void neighborsMapsAResultAsNearestDoes() {
    WordVectors w = words();
    float[] q = w.vector("t9");
    TopK top = NearestNeighbors.search(w.vectors(), q, 5, Similarity.COSINE);
    List<Neighbor> ns = Embedding.neighbors(top, w.vocabulary());
    assertEquals(w.nearest(q, 5), ns);
    for (int i = 0; i < ns.size(); i++) {
      assertEquals("t" + top.ids()[i], ns.get(i).token());
      assertEquals(top.scores()[i], ns.get(i).score());
    }
    Vocabulary small = Vocabulary.of(List.of("a", "b"));
    TopK far = new TopK(new int[] {7}, new float[] {1f});
    assertThrows(IndexOutOfBoundsException.class, () -> Embedding.neighbors(far, small));
  }
}
