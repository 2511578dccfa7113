package io.github.embeddings4j.llm;

import io.github.embeddings4j.EmbeddingException;
import io.github.embeddings4j.TokenVectors;
import io.github.embeddings4j.VectorTable;
import java.util.Optional;

/**
 * A model's learned position table (GPT-2's {@code wpe}, BERT's position embeddings) and token-type table (BERT's
 * segments), with their tensor names when they came from named tensors; both absent for rotary models.
 */
final class PositionTables {
  private final VectorTable positions;
  private final String positionName;
  private final VectorTable tokenTypes;
  private final String tokenTypeName;

  PositionTables(VectorTable positions, String positionName, VectorTable tokenTypes, String tokenTypeName) {
    this.positions = positions;
    this.positionName = positionName;
    this.tokenTypes = tokenTypes;
    this.tokenTypeName = tokenTypeName;
  }

  /** The position table, row p for position p, or {@code null}. */
  VectorTable positions() {
    return positions;
  }

  Optional<String> positionName() {
    return Optional.ofNullable(positionName);
  }

  /** The token-type table, or {@code null}. */
  VectorTable tokenTypes() {
    return tokenTypes;
  }

  Optional<String> tokenTypeName() {
    return Optional.ofNullable(tokenTypeName);
  }

  /**
   * Adds to each token's vector the vector of its position and, when there is a token-type table, its row 0: the
   * sum the model's first layer receives (before BERT's layer norm).
   *
   * @param t the tokens' own vectors, changed in place
   * @param tokenTableName the token table's name, for the message when there are no positions, or {@code null}
   * @return {@code t}
   * @throws EmbeddingException if there is no position table, or the text is longer than it
   */
  TokenVectors addTo(TokenVectors t, String tokenTableName) {
    if (positions == null) {
      throw new EmbeddingException("the model has no learned position table (rotary positions): "
          + (tokenTableName == null ? "" : tokenTableName));
    }
    if (t.size() > positions.rows()) {
      throw new EmbeddingException("text of " + t.size() + " tokens is longer than the " + positions.rows()
          + " positions of the model");
    }
    float[] type0 = tokenTypes == null ? null : tokenTypes.row(0);
    float[] pos = new float[positions.dimension()];
    for (int p = 0; p < t.size(); p++) {
      positions.row(p, pos);
      float[] v = t.vectors()[p];
      for (int i = 0; i < v.length; i++) {
        v[i] += pos[i] + (type0 == null ? 0f : type0[i]);
      }
    }
    return t;
  }
}
