package io.github.embeddings4j.llm;

import io.github.embeddings4j.EmbeddingFormatException;
import io.github.embeddings4j.VectorTable;
import java.nio.file.Path;

/**
 * Checks a model's position and token-type tables when they are read, so that a file whose auxiliary table
 * cannot serve {@link TokenEmbeddings#embedWithPositions(String)} fails at open naming the tensor, not later with
 * an {@code IndexOutOfBoundsException} (issue 18: a BERT folder whose token-type table had 0 rows).
 */
final class AuxiliaryTables {
  private AuxiliaryTables() {}

  /**
   * Checks one auxiliary table against the token table: the same dimension, and at least one row (position 0,
   * token type 0).
   *
   * @param file the file the table was read from
   * @param tensor its tensor name
   * @param table the table read
   * @param token the token table
   * @return {@code table}
   * @throws EmbeddingFormatException if it has no rows or another dimension
   */
  static VectorTable check(Path file, String tensor, VectorTable table, VectorTable token)
      throws EmbeddingFormatException {
    if (table.dimension() != token.dimension()) {
      throw new EmbeddingFormatException(file, "tensor " + tensor, "dimension " + table.dimension()
          + " differs from the token table's " + token.dimension());
    }
    if (table.rows() == 0) {
      throw new EmbeddingFormatException(file, "tensor " + tensor, "has no rows: a position or token-type table"
          + " needs at least row 0");
    }
    return table;
  }

  /**
   * The builder's form of {@link #check}: a table given by the caller.
   *
   * @param what {@code "position"} or {@code "token-type"}
   * @param table the table, or null when not given
   * @param token the token table
   * @throws IllegalArgumentException if it has no rows or another dimension
   */
  static void checkGiven(String what, VectorTable table, VectorTable token) {
    if (table == null) {
      return;
    }
    if (table.dimension() != token.dimension()) {
      throw new IllegalArgumentException("vector dimensions differ: " + table.dimension() + " != "
          + token.dimension() + " (" + what + " table)");
    }
    if (table.rows() == 0) {
      throw new IllegalArgumentException("the " + what + " table has no rows (it needs at least row 0)");
    }
  }
}
