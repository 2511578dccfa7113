package io.github.embeddings4j.projection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.embeddings4j.Embedding;
import io.github.embeddings4j.testutil.SharedData;
import io.github.embeddings4j.tfidf.TfIdf;
import io.github.embeddings4j.tfidf.TfIdfConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The article's first picture, end to end: TinyShakespeare cut into 10 chunks, the article's TF-IDF (tf = count
 * ÷ chunk length, idf = ln(10 / df), no norm), every term as a 10-dimensional vector, and a 2-D PCA of all of
 * them. The numbers asserted were measured once and are deterministic (vocabulary order, svd_flip signs).
 */
class TinyShakespearePcaTest {

  @Test
  void tenChunksToTermVectorsToTwoDimensions() throws IOException {
    String text = Files.readString(SharedData.path("corpora/tinyshakespeare.txt"), StandardCharsets.UTF_8);
    List<String> chunks = TfIdf.chunks(text, 10);
    assertEquals(text, String.join("", chunks));
    TfIdf model = TfIdf.fit(chunks, TfIdfConfig.article());
    Embedding terms = model.terms();
    assertEquals(10, terms.dimension());
    assertEquals(11456, terms.vocabulary().size());

    Pca pca = Pca.fit(terms, 2);
    assertEquals(11456, pca.samples());
    // The picture shows 37% of the variance: the 10 chunks are nearly independent directions.
    assertArrayEquals(new double[] {0.19369, 0.17422}, pca.explainedVarianceRatio(), 1e-5);

    // Terms in every chunk ("the", "king", "love") have idf ln(10/10) = 0: one point, the projected origin.
    double[] origin = pca.project(new float[10]);
    for (String common : List.of("the", "king", "love")) {
      assertArrayEquals(origin, pca.project(terms.vector(common)), 0, common);
    }
    // The two axes are two plays: Padua (The Taming of the Shrew, the last chunk) along the first component,
    // Verona (Romeo and Juliet, the fifth chunk) along the second; their characters land together.
    for (String verona : List.of("romeo", "juliet", "capulet", "tybalt")) {
      double[] xy = pca.project(terms.vector(verona));
      assertTrue(xy[1] > 3 * Math.abs(xy[0]), verona + " " + xy[0] + ", " + xy[1]);
    }
    for (String padua : List.of("petruchio", "katharina", "bianca", "tranio")) {
      double[] xy = pca.project(terms.vector(padua));
      assertTrue(xy[0] > 3 * Math.abs(xy[1]), padua + " " + xy[0] + ", " + xy[1]);
    }
    assertTrue(cosine(pca.project(terms.vector("romeo")), pca.project(terms.vector("juliet"))) > 0.99);
    assertTrue(Math.abs(cosine(pca.project(terms.vector("romeo")), pca.project(terms.vector("petruchio")))) < 0.2);
    // In the full 10 dimensions too, Juliet is among Romeo's three nearest terms.
    assertTrue(terms.nearest("romeo", 3).stream().anyMatch(n -> n.token().equals("juliet")));
  }

  private static double cosine(double[] a, double[] b) {
    double dot = a[0] * b[0] + a[1] * b[1];
    return dot / Math.sqrt((a[0] * a[0] + a[1] * a[1]) * (b[0] * b[0] + b[1] * b[1]));
  }
}
