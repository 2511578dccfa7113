package io.github.embeddings4j.internal.simd;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the kernel implementations once, when this class is first used: the Vector API ones when the {@code
 * jdk.incubator.vector} module is in the boot layer (run with {@code --add-modules jdk.incubator.vector}), the
 * scalar ones otherwise. Setting the system property {@code embeddings.simd=false} forces scalar.
 *
 * <p>The generic kernels ({@link #get()}) are what most code needs; the search asks once for {@link #search()}:
 * its block kernels and, present or absent, the transposed-panel kernels.
 */
public final class Kernels {
  private static final Logger LOG = LoggerFactory.getLogger(Kernels.class);
  private static final SearchKernels INSTANCE = pick();

  private Kernels() {}

  /**
   * Returns the generic kernels chosen at startup.
   *
   * @return the kernels
   */
  public static VectorKernels get() {
    return INSTANCE.vector();
  }

  /**
   * Returns every kernel the search uses, chosen at startup.
   *
   * @return the kernels
   */
  public static SearchKernels search() {
    return INSTANCE;
  }

  private static SearchKernels pick() {
    if (!Boolean.parseBoolean(System.getProperty("embeddings.simd", "true"))) {
      LOG.info("Vector kernels: scalar (embeddings.simd=false)");
      return SearchKernels.SCALAR;
    }
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      LOG.info("Vector kernels: scalar (add --add-modules jdk.incubator.vector for SIMD)");
      return SearchKernels.SCALAR;
    }
    try {
      // Loaded by name so that this class links without the incubator module.
      VectorKernels vector = (VectorKernels) load("PanamaKernels");
      ScanKernels scan = (ScanKernels) load("PanamaScanKernels");
      PanelKernels panels = (PanelKernels) load("PanamaPanelKernels");
      LOG.info("Vector kernels: {}", vector.name());
      return new SearchKernels(vector, scan, Optional.of(panels));
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      LOG.info("Vector kernels: scalar (Vector API unusable: {})", e.toString());
      return SearchKernels.SCALAR;
    }
  }

  private static Object load(String simpleName) throws ReflectiveOperationException {
    return Class.forName(Kernels.class.getPackageName() + "." + simpleName).getDeclaredConstructor().newInstance();
  }
}
