package io.github.embeddings4j.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns a text into one vector. Implementations are thread-safe.
 *
 * <pre>{@code
 * try (ContextualEncoder encoder = ContextualEncoder.openDefault()) {
 *   float[] v = encoder.encode("A man is playing a guitar.").vector();   // 384 values, unit length
 * }
 * }</pre>
 */
public interface TextEncoder {
  /**
   * Returns the length of every vector this encoder returns.
   *
   * @return the dimension
   */
  int dimension();

  /**
   * Encodes one text.
   *
   * @param text any text, possibly empty
   * @return its vector with how many tokens made it
   * @throws NullPointerException if {@code text} is null
   */
  TextVector encode(String text);

  /**
   * Encodes texts; implementations may batch them. The default encodes them one by one.
   *
   * @param texts any texts
   * @return one result per text, in order
   * @throws NullPointerException if the list or a text is null
   */
  default List<TextVector> encodeAll(List<String> texts) {
    Objects.requireNonNull(texts, "texts");
    List<TextVector> out = new ArrayList<>(texts.size());
    for (String t : texts) {
      out.add(encode(t));
    }
    return out;
  }
}
