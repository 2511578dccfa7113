package io.github.embeddings4j.word2vec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class Word2VecConfigTest {
  @Test
  void modeDefaultsAreTheCToolsAndDifferOnlyInAlpha() {
    Word2VecConfig sg = Word2VecConfig.skipGram();
    Word2VecConfig cbow = Word2VecConfig.cbow();
    assertEquals(Word2VecConfig.Mode.SKIP_GRAM, sg.mode());
    assertEquals(0.025, sg.alpha());
    assertEquals(0.05, cbow.alpha());
    assertEquals(100, sg.dimension());
    assertEquals(5, sg.window());
    assertEquals(5, sg.negative());
    assertEquals(1e-3, sg.sample());
    assertEquals(5, sg.minCount());
    assertEquals(5, sg.epochs());
    assertEquals(sg.withAlpha(0.05).dimension(), cbow.dimension());
  }

  @Test
  void withersChangeOneField() {
    Word2VecConfig c = Word2VecConfig.skipGram().withDimension(300).withEpochs(10).withSeed(42).withThreads(2);
    assertEquals(300, c.dimension());
    assertEquals(10, c.epochs());
    assertEquals(42, c.seed());
    assertEquals(2, c.threads());
    assertEquals(5, c.window());
  }

  @Test
  void invalidValuesNameFieldAndValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Word2VecConfig.skipGram().withDimension(0));
    assertEquals("dimension must be >= 1: 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Word2VecConfig.cbow().withAlpha(-0.1));
    assertEquals("alpha must be in (0, 1]: -0.1", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Word2VecConfig.cbow().withSample(Double.NaN));
    assertEquals("sample must be in [0, 1): NaN", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Word2VecConfig.cbow().withWindow(0));
    assertThrows(IllegalArgumentException.class, () -> Word2VecConfig.cbow().withNegative(0));
    assertThrows(IllegalArgumentException.class, () -> Word2VecConfig.cbow().withMinCount(0));
    assertThrows(IllegalArgumentException.class, () -> Word2VecConfig.cbow().withThreads(0));
    assertThrows(IllegalArgumentException.class, () -> Word2VecConfig.cbow().withMaxSentenceLength(0));
    assertThrows(IllegalArgumentException.class, () -> Word2VecConfig.cbow().withMaxVocabularySize(-1));
    e = assertThrows(IllegalArgumentException.class, () -> Word2VecConfig.cbow().withMinAlphaFactor(1.5));
    assertEquals("minAlphaFactor must be in [0, 1]: 1.5", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Word2VecConfig.cbow().withProgressInterval(java.time.Duration.ZERO));
    assertEquals("progressInterval must be positive: PT0S", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Word2VecConfig.cbow().withEpochs(-3));
    assertEquals("epochs must be >= 1: -3", e.getMessage());
    assertThrows(NullPointerException.class, () -> new Word2VecConfig(null, 1, 1, 1, 0, 1, 0, 1, 0.1, 0, 1, 0, 1,
        Word2VecConfig.DEFAULT_PROGRESS_INTERVAL, false));
    assertThrows(NullPointerException.class, () -> Word2VecConfig.cbow().withProgressInterval(null));
  }
}
