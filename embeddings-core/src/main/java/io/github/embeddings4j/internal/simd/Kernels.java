package io.github.embeddings4j.internal.simd;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the kernel implementation once, when this class is first used: the Vector API one when the
 * {@code jdk.incubator.vector} module is in the boot layer (run with {@code --add-modules jdk.incubator.vector}),
 * the scalar one otherwise. Setting the system property {@code embeddings.simd=false} forces scalar.
 */
public final class Kernels {
  private static final Logger LOG = LoggerFactory.getLogger(Kernels.class);
  private static final VectorKernels INSTANCE = pick();

  private Kernels() {}

  /** Returns the kernels chosen at startup. */
  public static VectorKernels get() {
    return INSTANCE;
  }

  private static VectorKernels pick() {
    if (!Boolean.parseBoolean(System.getProperty("embeddings.simd", "true"))) {
      LOG.info("Vector kernels: scalar (embeddings.simd=false)");
      return ScalarKernels.INSTANCE;
    }
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      LOG.info("Vector kernels: scalar (add --add-modules jdk.incubator.vector for SIMD)");
      return ScalarKernels.INSTANCE;
    }
    try {
      // Loaded by name so that this class links without the incubator module.
      VectorKernels k = (VectorKernels) Class.forName("io.github.embeddings4j.internal.simd.PanamaKernels")
          .getDeclaredConstructor().newInstance();
      LOG.info("Vector kernels: {}", k.name());
      return k;
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      LOG.info("Vector kernels: scalar (Vector API unusable: {})", e.toString());
      return ScalarKernels.INSTANCE;
    }
  }
}
