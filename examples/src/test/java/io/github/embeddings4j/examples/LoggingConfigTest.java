package io.github.embeddings4j.examples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The examples' {@code simplelogger.properties} turns down third-party noise only: DJL's CUDA warning (twice per
 * tokenizer open on a machine with a CUDA runtime and no driver), its platform line and ND4J's remaining INFO
 * lines, while the library's own INFO lines stay.
 */
class LoggingConfigTest {

  @Test
  void thirdPartyNoiseIsDownAndTheLibraryStillSpeaks() {
    assertFalse(LoggerFactory.getLogger("ai.djl.util.cuda.CudaUtils").isWarnEnabled());
    assertTrue(LoggerFactory.getLogger("ai.djl.util.cuda.CudaUtils").isErrorEnabled());
    assertFalse(LoggerFactory.getLogger("ai.djl.util.Platform").isInfoEnabled());
    assertFalse(LoggerFactory.getLogger("org.nd4j.linalg.factory.Nd4jBackend").isInfoEnabled());
    assertTrue(LoggerFactory.getLogger("org.nd4j.linalg.factory.Nd4jBackend").isWarnEnabled());
    assertTrue(LoggerFactory.getLogger("io.github.embeddings4j.internal.simd.Kernels").isInfoEnabled());
    assertTrue(LoggerFactory.getLogger("ai.djl.huggingface.tokenizers.HuggingFaceTokenizer").isWarnEnabled());
  }
}
