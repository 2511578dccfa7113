package io.github.embeddings4j.examples;

import io.github.embeddings4j.Embedding;
import io.github.embeddings4j.TokenVectors;
import io.github.embeddings4j.llm.TokenEmbeddings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The token table of a language model: a sentence cut by the model's own tokenizer, each token's id and the
 * first values and length of its row in the model's input-embedding table.
 */
public final class LlmTokensExample {
  /** The sentence of the article. */
  public static final String SENTENCE = "HTML coders are not considered programmers";
  private static final int VALUES_SHOWN = 5;

  private LlmTokensExample() {}

  /**
   * Opens all-MiniLM-L6-v2 from the class path and prints the token table of the sentence.
   *
   * @param args ignored
   * @throws IOException if the model cannot be read
   */
  public static void main(String[] args) throws IOException {
    Path dir = Files.createTempDirectory("minilm");
    try (TokenEmbeddings model = DefaultData.openModel(null, dir, Progress.forConsole())) {
      compute(model, SENTENCE).toLines().forEach(System.out::println);
    }
  }

  /**
   * Embeds a sentence token by token.
   *
   * @param model the model's token table
   * @param sentence any text
   * @return the result
   */
  public static Section compute(TokenEmbeddings model, String sentence) {
    TokenVectors t = model.embed(sentence);
    List<List<String>> rows = new ArrayList<>();
    Map<String, float[]> distinct = new LinkedHashMap<>();
    for (int i = 0; i < t.size(); i++) {
      float[] v = t.vectors()[i];
      StringBuilder first = new StringBuilder();
      for (int j = 0; j < Math.min(VALUES_SHOWN, v.length); j++) {
        first.append(String.format(Locale.ROOT, "%+.4f ", v[j]));
      }
      first.append("...");
      rows.add(List.of(t.tokens().get(i), Integer.toString(t.ids()[i]), "\"" + model.readable(t.tokens().get(i))
          + "\"", first.toString(), String.format(Locale.ROOT, "%.4f", norm(v))));
      distinct.putIfAbsent(t.tokens().get(i), v);
    }
    List<String> text = List.of(
        "\"" + sentence + "\"",
        String.format(Locale.ROOT, "%d tokens; table of %,d rows x %d (%s).", t.size(), model.vectors().rows(),
            model.dimension(), model.vectors().dtype()));
    Map<String, Embedding> projector = Map.of("llm-tokens", Embedding.of(distinct));
    return new Section("llm", "LLM token table", text, List.of(new Section.Table("Tokens of the sentence",
        List.of("token", "id", "text", "first values", "norm"), rows)), List.of(), List.of(), projector);
  }

  private static double norm(float[] v) {
    double s = 0;
    for (float x : v) {
      s += (double) x * x;
    }
    return Math.sqrt(s);
  }
}
