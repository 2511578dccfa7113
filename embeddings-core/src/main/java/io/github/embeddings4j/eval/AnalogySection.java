package io.github.embeddings4j.eval;

import java.util.Objects;

/**
 * The score of one section of an analogy test set (a {@code : name} block of {@code questions-words.txt}), or of
 * all of them together ({@link AnalogyResult#total()}, named {@value AnalogyResult#TOTAL_NAME} as in gensim).
 *
 * @param name the section name, without the leading {@code ": "}
 * @param correct questions answered right
 * @param incorrect questions answered wrong (with {@code dummy4unknown}, also those with unknown words)
 */
public record AnalogySection(String name, int correct, int incorrect) {
  /**
   * Checks the values.
   *
   * @param name the section name
   * @param correct questions answered right, at least 0
   * @param incorrect questions answered wrong, at least 0
   * @throws NullPointerException if the name is null
   * @throws IllegalArgumentException if a count is negative
   */
  public AnalogySection {
    Objects.requireNonNull(name, "name");
    if (correct < 0 || incorrect < 0) {
      throw new IllegalArgumentException("counts must be >= 0: correct " + correct + ", incorrect " + incorrect);
    }
  }

  /**
   * Returns the number of questions scored.
   *
   * @return correct + incorrect
   */
  public int questions() {
    return correct + incorrect;
  }

  /**
   * Returns the fraction answered right, as gensim's {@code _log_evaluate_word_analogies}.
   *
   * @return correct / (correct + incorrect), or 0 when no question was scored
   */
  public double accuracy() {
    int n = questions();
    return n == 0 ? 0.0 : (double) correct / n;
  }
}
