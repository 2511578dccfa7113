/**
 * embeddings4j PCA: {@link io.github.embeddings4j.projection.Pca}, principal component analysis of embeddings,
 * computed with ND4J. A module of its own so that {@code io.github.embeddings4j.core} needs no native library.
 *
 * <p>ND4J must be on the class path, not the module path: ND4J's module descriptors require modules that do not
 * exist under those names. No line here names it; {@code Pca} makes this module read the unnamed module at run
 * time. JavaCPP, under ND4J, needs {@code sun.misc.Unsafe}: {@code jdk.unsupported} is required here so that an
 * application launched with {@code java -m} resolves it without {@code --add-modules jdk.unsupported}.
 */
module io.github.embeddings4j.pca {
  requires transitive io.github.embeddings4j.core;
  requires jdk.unsupported;

  exports io.github.embeddings4j.projection;
}
