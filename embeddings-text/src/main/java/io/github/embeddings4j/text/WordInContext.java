package io.github.embeddings4j.text;

import io.github.embeddings4j.TokenVectors;
import io.github.embeddings4j.llm.TokenEmbeddings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The vectors of one word at each of its occurrences in some sentences, and their cosines: the "bank is near the
 * river bank" experiment. A contextual encoder gives each occurrence its own vector (the river "bank" apart from
 * the money "bank"); a static token table gives every occurrence the same row (all cosines 1); the table plus
 * position vectors differ only by where the word stands.
 *
 * <p>An occurrence is a run of the sentence's tokens equal to the word's own tokens (the word tokenized alone,
 * and with a leading space for byte-level tokenizers); a word of several word pieces gets the mean of their
 * vectors.
 *
 * <pre>{@code
 * WordInContext bank = WordInContext.of(encoder, "bank", List.of(
 *     "bank is near the river bank", "I took money out of the bank", "we fished from the river bank"));
 * bank.cosines();   // 4 x 4: the river banks are closer to each other than to the money bank
 * }</pre>
 *
 * @param word the word
 * @param occurrences every occurrence, sentence by sentence, in text order
 * @param cosines the cosine of every pair of occurrences (symmetric, 1 on the diagonal)
 */
public record WordInContext(String word, List<Occurrence> occurrences, double[][] cosines) {
  /**
   * One occurrence of the word.
   *
   * @param sentence the index of the sentence in the list given
   * @param token the index of the word's first token in the sentence's tokens (special tokens counted)
   * @param vector the word's vector there
   */
  public record Occurrence(int sentence, int token, float[] vector) {
    /**
     * Checks the fields.
     *
     * @param sentence the index of the sentence in the list given, from 0
     * @param token the index of the word's first token in the sentence's tokens (special tokens counted)
     * @param vector the word's vector there: the mean of its word pieces' vectors (kept, not copied)
     * @throws NullPointerException if {@code vector} is null
     */
    public Occurrence {
      Objects.requireNonNull(vector, "vector");
    }
  }

  /**
   * Checks the fields.
   *
   * @param word the word looked for
   * @param occurrences every occurrence, sentence by sentence, in text order; copied into an unmodifiable list
   * @param cosines the cosine of every pair of occurrences, occurrences × occurrences (symmetric, 1 on the
   *     diagonal)
   * @throws NullPointerException if a field is null
   */
  public WordInContext {
    Objects.requireNonNull(word, "word");
    occurrences = List.copyOf(occurrences);
    Objects.requireNonNull(cosines, "cosines");
  }

  /**
   * The word's contextual vectors ({@code last_hidden_state}) in each sentence.
   *
   * @param encoder the encoder
   * @param word the word
   * @param sentences sentences that contain it
   * @return the occurrences and their cosines
   * @throws IllegalArgumentException if a sentence does not contain the word, naming both
   * @throws IllegalStateException if the encoder is closed
   */
  public static WordInContext of(ContextualEncoder encoder, String word, List<String> sentences) {
    Objects.requireNonNull(encoder, "encoder");
    Set<List<Integer>> forms = forms(word, w -> encoder.tokenizer().encode(w, false).ids());
    return find(word, sentences, forms, s -> {
      ContextualTokens t = encoder.tokens(s);
      return new TokenVectors(t.tokens(), t.ids(), t.vectors());
    });
  }

  /**
   * The word's rows of a static token table in each sentence, or the rows plus their position vectors (what
   * the model's first layer receives, {@link TokenEmbeddings#embedWithPositions}).
   *
   * @param table the token table
   * @param withPositions whether to add the position vectors
   * @param word the word
   * @param sentences sentences that contain it
   * @return the occurrences and their cosines
   * @throws IllegalArgumentException if a sentence does not contain the word, naming both
   * @throws io.github.embeddings4j.EmbeddingException if positions are asked of a table without them
   * @throws IllegalStateException if the table is closed
   */
  public static WordInContext of(TokenEmbeddings table, boolean withPositions, String word,
      List<String> sentences) {
    Objects.requireNonNull(table, "table");
    Set<List<Integer>> forms = forms(word, w -> table.encode(w).ids());
    return find(word, sentences, forms, withPositions ? table::embedWithPositions : table::embed);
  }

  /**
   * Returns the cosine of two occurrences.
   *
   * @param i the first occurrence's index
   * @param j the second occurrence's index
   * @return their cosine
   * @throws IndexOutOfBoundsException if an index is outside the occurrences
   */
  public double cosine(int i, int j) {
    Objects.checkIndex(i, occurrences.size());
    Objects.checkIndex(j, occurrences.size());
    return cosines[i][j];
  }

  private static Set<List<Integer>> forms(String word, Function<String, int[]> ids) {
    Objects.requireNonNull(word, "word");
    if (word.isBlank()) {
      throw new IllegalArgumentException("the word is blank: \"" + word + "\"");
    }
    Set<List<Integer>> forms = new LinkedHashSet<>();
    for (String w : List.of(word, " " + word)) {
      int[] a = ids.apply(w);
      if (a.length > 0) {
        forms.add(Arrays.stream(a).boxed().toList());
      }
    }
    return forms;
  }

  private static WordInContext find(String word, List<String> sentences, Set<List<Integer>> forms,
      Function<String, TokenVectors> vectors) {
    Objects.requireNonNull(sentences, "sentences");
    List<Occurrence> found = new ArrayList<>();
    for (int s = 0; s < sentences.size(); s++) {
      String sentence = Objects.requireNonNull(sentences.get(s), "sentence " + s);
      TokenVectors t = vectors.apply(sentence);
      int before = found.size();
      int[] ids = t.ids();
      for (int i = 0; i < ids.length; i++) {
        for (List<Integer> form : forms) {
          if (startsAt(ids, i, form)) {
            float[] v = new float[t.vectors()[i].length];
            for (int k = 0; k < form.size(); k++) {
              float[] row = t.vectors()[i + k];
              for (int j = 0; j < v.length; j++) {
                v[j] += row[j] / form.size();
              }
            }
            found.add(new Occurrence(s, i, v));
            i += form.size() - 1;
            break;
          }
        }
      }
      if (found.size() == before) {
        throw new IllegalArgumentException("\"" + word + "\" is not a word of sentence " + s + ": \"" + sentence
            + "\" (tokens " + t.tokens() + ")");
      }
    }
    int n = found.size();
    double[][] cosines = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        cosines[i][j] = TextVector.cosine(found.get(i).vector(), found.get(j).vector());
      }
    }
    return new WordInContext(word, found, cosines);
  }

  private static boolean startsAt(int[] ids, int at, List<Integer> form) {
    if (at + form.size() > ids.length) {
      return false;
    }
    for (int k = 0; k < form.size(); k++) {
      if (ids[at + k] != form.get(k)) {
        return false;
      }
    }
    return true;
  }
}
