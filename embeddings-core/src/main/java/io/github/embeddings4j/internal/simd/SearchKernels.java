package io.github.embeddings4j.internal.simd;

import java.util.Objects;
import java.util.Optional;

/**
 * The kernels an exact search runs on, chosen together so that they sum dot products the same way.
 *
 * @param vector the generic kernels (query norms, distances, half-precision decoding)
 * @param scan the block kernels every implementation has
 * @param panels the transposed-panel kernels for large batches, where the implementation has them
 */
public record SearchKernels(VectorKernels vector, ScanKernels scan, Optional<PanelKernels> panels) {
  /** The plain Java kernels, without panel kernels. */
  public static final SearchKernels SCALAR =
      new SearchKernels(ScalarKernels.INSTANCE, ScalarScanKernels.INSTANCE, Optional.empty());

  /**
   * Checks that every part is given.
   *
   * @param vector the generic kernels (query norms, distances, half-precision decoding)
   * @param scan the block kernels every implementation has (dot-product blocks, half rows, packed queries)
   * @param panels the transposed-panel kernels for large batches, or empty where the implementation has none
   * @throws NullPointerException if a part is null
   */
  public SearchKernels {
    Objects.requireNonNull(vector, "vector");
    Objects.requireNonNull(scan, "scan");
    Objects.requireNonNull(panels, "panels");
  }

  /**
   * Returns these kernels without the panel kernels: what a search runs on where the panel path is not wanted.
   *
   * @return the same generic and block kernels, no panel kernels
   */
  public SearchKernels withoutPanels() {
    return new SearchKernels(vector, scan, Optional.empty());
  }
}
