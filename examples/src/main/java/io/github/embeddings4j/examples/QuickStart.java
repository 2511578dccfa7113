package io.github.embeddings4j.examples;

import io.github.embeddings4j.Analogies;
import io.github.embeddings4j.Embedding;
import io.github.embeddings4j.Neighbor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The smallest tour of the API: builds word vectors by hand from a few readable features, then asks for nearest
 * neighbours and an analogy. Runs in a blink, with no file and no network.
 *
 * <p>Each word is described on six axes — royalty, maleness, femaleness, age, vehicle, fruit — so the geometry is
 * easy to check by eye: "king" sits near "queen" and "prince", and king − man + woman lands on queen.
 */
public final class QuickStart {
  private QuickStart() {}

  /**
   * Prints the neighbours of a few words and one analogy.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    Map<String, float[]> words = new LinkedHashMap<>();
    //                                  royal  male  female  age  vehicle  fruit
    words.put("king", new float[] {0.95f, 0.60f, 0.05f, 0.70f, 0.00f, 0.00f});
    words.put("queen", new float[] {0.95f, 0.05f, 0.60f, 0.70f, 0.00f, 0.00f});
    words.put("prince", new float[] {0.85f, 0.60f, 0.05f, 0.20f, 0.00f, 0.00f});
    words.put("princess", new float[] {0.85f, 0.05f, 0.60f, 0.20f, 0.00f, 0.00f});
    words.put("man", new float[] {0.05f, 0.60f, 0.05f, 0.60f, 0.00f, 0.00f});
    words.put("woman", new float[] {0.05f, 0.05f, 0.60f, 0.60f, 0.00f, 0.00f});
    words.put("boy", new float[] {0.05f, 0.60f, 0.05f, 0.10f, 0.00f, 0.00f});
    words.put("girl", new float[] {0.05f, 0.05f, 0.60f, 0.10f, 0.00f, 0.00f});
    words.put("car", new float[] {0.00f, 0.00f, 0.00f, 0.30f, 0.95f, 0.00f});
    words.put("carriage", new float[] {0.40f, 0.00f, 0.00f, 0.80f, 0.85f, 0.00f});
    words.put("apple", new float[] {0.00f, 0.00f, 0.00f, 0.20f, 0.00f, 0.95f});
    words.put("pear", new float[] {0.00f, 0.00f, 0.00f, 0.25f, 0.00f, 0.60f});
    Embedding embedding = Embedding.of(words);

    for (String word : List.of("king", "car", "apple")) {
      System.out.println("nearest to " + word + ":");
      for (Neighbor n : embedding.nearest(word, 3)) {
        System.out.printf("  %-9s %.3f%n", n.token(), n.score());
      }
    }

    // 3CosAdd, as gensim's most_similar(positive=[king, woman], negative=[man]).
    Neighbor best = Analogies.mostSimilar(embedding, List.of("king", "woman"), List.of("man"), 1).get(0);
    System.out.printf("king - man + woman = %s (cosine %.3f)%n", best.token(), best.score());
  }
}
