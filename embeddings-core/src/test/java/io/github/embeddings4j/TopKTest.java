package io.github.embeddings4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link TopK} is an immutable value; {@link TokenVectors} is a value over the arrays it shares. */
class TopKTest {
  @Test
  void topKCopiesItsArraysInAndOut() {
    int[] ids = {3, 1};
    float[] scores = {0.9f, 0.5f};
    TopK top = new TopK(ids, scores);
    ids[0] = 7;
    scores[0] = -1f;
    assertArrayEquals(new int[] {3, 1}, top.ids(), "the caller's array changed after construction");
    assertArrayEquals(new float[] {0.9f, 0.5f}, top.scores());
    top.ids()[1] = 8;
    top.scores()[1] = 8f;
    assertEquals(1, top.id(1), "a returned array changed");
    assertEquals(0.5f, top.score(1));
    assertNotSame(top.ids(), top.ids());
    assertEquals(2, top.size());
    assertThrows(IndexOutOfBoundsException.class, () -> top.id(2));
    assertThrows(IndexOutOfBoundsException.class, () -> top.score(-1));
  }

  @Test
  void topKEqualityIsByValue() {
    TopK a = new TopK(new int[] {3, 1}, new float[] {0.9f, 0.5f});
    TopK b = new TopK(new int[] {3, 1}, new float[] {0.9f, 0.5f});
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, new TopK(new int[] {1, 3}, new float[] {0.9f, 0.5f}));
    assertNotEquals(a, new TopK(new int[] {3, 1}, new float[] {0.9f, 0.4f}));
    assertNotEquals(new TopK(new int[] {0}, new float[] {0f}), new TopK(new int[] {0}, new float[] {-0f}));
    assertEquals(new TopK(new int[] {0}, new float[] {Float.NaN}), new TopK(new int[] {0}, new float[] {Float.NaN}));
    assertNotEquals(a, "TopK");
    assertEquals("TopK[ids=[3, 1], scores=[0.9, 0.5]]", a.toString());
  }

  @Test
  void topKChecksItsArrays() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new TopK(new int[2], new float[3]));
    assertEquals("ids and scores differ in length: 2 != 3", e.getMessage());
    assertThrows(NullPointerException.class, () -> new TopK(null, new float[0]));
    assertThrows(NullPointerException.class, () -> new TopK(new int[0], null));
  }

  @Test
  void searchesReturnEqualValues() {
    VectorTable table = VectorTable.of(new float[][] {{1, 0}, {0, 1}, {1, 1}});
    TopK first = NearestNeighbors.search(table, new float[] {1, 0.5f}, 2, Similarity.COSINE);
    TopK second = NearestNeighbors.search(table, new float[] {1, 0.5f}, 2, Similarity.COSINE);
    assertEquals(first, second);
    assertEquals(List.of(first), NearestNeighbors.searchBatch(table, new float[][] {{1, 0.5f}}, 2,
        Similarity.COSINE, null));
  }

  @Test
  void tokenVectorsShareTheirArraysAndCompareByValue() {
    int[] ids = {4, 7};
    float[][] vectors = {{1, 2}, {3, 4}};
    TokenVectors t = new TokenVectors(List.of("a", "b"), ids, vectors);
    assertSame(ids, t.ids(), "shared, as documented");
    assertSame(vectors, t.vectors());
    TokenVectors same = new TokenVectors(List.of("a", "b"), new int[] {4, 7}, new float[][] {{1, 2}, {3, 4}});
    assertEquals(t, same);
    assertEquals(t.hashCode(), same.hashCode());
    assertNotEquals(t, new TokenVectors(List.of("a", "b"), new int[] {4, 7}, new float[][] {{1, 2}, {3, 5}}));
    assertNotEquals(t, new TokenVectors(List.of("a", "c"), new int[] {4, 7}, new float[][] {{1, 2}, {3, 4}}));
    assertNotEquals(t, new TokenVectors(List.of("a", "b"), new int[] {4, 8}, new float[][] {{1, 2}, {3, 4}}));
    assertEquals("TokenVectors[tokens=[a, b], ids=[4, 7], vectors=2 x 2]", t.toString());
    vectors[1][1] = 5;
    assertNotEquals(t, same, "equality reads the shared arrays at the time of the call");
    assertThrows(IllegalArgumentException.class, () -> new TokenVectors(List.of("a"), ids, vectors));
  }
}
