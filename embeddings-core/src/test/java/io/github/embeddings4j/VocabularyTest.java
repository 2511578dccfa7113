package io.github.embeddings4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class VocabularyTest {
  @Test
  void idsFollowTheGivenOrder() {
    Vocabulary v = Vocabulary.of(List.of("the", "of", "and"));
    assertEquals(3, v.size());
    assertEquals(1, v.id("of"));
    assertEquals("and", v.token(2));
    assertTrue(v.contains("the"));
    assertFalse(v.contains("The"));
    assertEquals(-1, v.idOrMinusOne("missing"));
    assertEquals(List.of("the", "of", "and"), v.tokens());
    assertFalse(v.hasCounts());
    assertTrue(v.count(0).isEmpty());
  }

  @Test
  void unknownTokenIsNamed() {
    Vocabulary v = Vocabulary.of(List.of("a"));
    UnknownTokenException e = assertThrows(UnknownTokenException.class, () -> v.id("zebra"));
    assertEquals("zebra", e.token());
    assertTrue(e.getMessage().contains("zebra"));
  }

  @Test
  void duplicatesAreRejectedByName() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.of(List.of("a", "b", "a")));
    assertTrue(e.getMessage().contains("\"a\""), e.getMessage());
  }

  @Test
  void countsTravelWithTokensAndPrefixKeepsThem() {
    Vocabulary v = Vocabulary.of(List.of("x", "y", "z"), new long[] {30, 20, 10});
    assertEquals(20, v.count(1).getAsLong());
    Vocabulary p = v.prefix(2);
    assertEquals(2, p.size());
    assertEquals(20, p.count(1).getAsLong());
    assertFalse(p.contains("z"));
    assertThrows(IllegalArgumentException.class, () -> Vocabulary.of(List.of("x"), new long[] {1, 2}));
    assertThrows(IllegalArgumentException.class, () -> Vocabulary.of(List.of("x"), new long[] {-1}));
  }

  @Test
  void nullsAreNamed() {
    Vocabulary v = Vocabulary.of(List.of("a"));
    assertEquals("token", assertThrows(NullPointerException.class, () -> v.id(null)).getMessage());
    assertEquals("tokens", assertThrows(NullPointerException.class, () -> Vocabulary.of(null)).getMessage());
    assertEquals("counts", assertThrows(NullPointerException.class, () -> Vocabulary.of(List.of("a"), null))
        .getMessage());
    assertEquals("token at id 1 is null", assertThrows(NullPointerException.class,
        () -> Vocabulary.of(java.util.Arrays.asList("a", null))).getMessage());
  }

  @Test
  void outOfRangeIdsThrow() {
    Vocabulary v = Vocabulary.of(List.of("a"));
    assertThrows(IndexOutOfBoundsException.class, () -> v.token(1));
    assertThrows(IndexOutOfBoundsException.class, () -> v.token(-1));
  }
}
