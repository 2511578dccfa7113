package io.github.embeddings4j.eval;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of an {@link AnalogyEvaluation}: the score of every section in file order and the overall score.
 *
 * @param sections one entry per {@code : name} section, in file order (the total not included)
 * @param total all sections together, named {@value #TOTAL_NAME}
 * @param questions well-formed questions read, including those with unknown words
 * @param oov questions with a word outside the evaluated vocabulary
 */
public record AnalogyResult(List<AnalogySection> sections, AnalogySection total, int questions, int oov) {
  /** The name gensim gives the overall section. */
  public static final String TOTAL_NAME = "Total accuracy";

  /**
   * Copies the section list.
   *
   * @param sections one entry per section, in file order
   * @param total all sections together
   * @param questions well-formed questions read
   * @param oov questions with an unknown word
   * @throws NullPointerException if a value is null
   */
  public AnalogyResult {
    sections = List.copyOf(sections);
    Objects.requireNonNull(total, "total");
  }

  /**
   * Returns the overall accuracy, the first value gensim's {@code evaluate_word_analogies} returns.
   *
   * @return {@code total().accuracy()}
   */
  public double accuracy() {
    return total.accuracy();
  }

  /**
   * Returns the share of questions with an unknown word, in percent, as gensim logs it.
   *
   * @return 100 × oov / questions, or 0 when there was no question
   */
  public double oovRatio() {
    return questions == 0 ? 0.0 : 100.0 * oov / questions;
  }

  /**
   * Returns a section by name.
   *
   * @param name a section name, or {@value #TOTAL_NAME}
   * @return the first section of that name
   * @throws IllegalArgumentException if there is none
   */
  public AnalogySection section(String name) {
    if (TOTAL_NAME.equals(name)) {
      return total;
    }
    return sections.stream().filter(s -> s.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no section \"" + name + "\""));
  }
}
