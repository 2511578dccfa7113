package io.github.embeddings4j.tfidf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.embeddings4j.testutil.FixtureLines;
import io.github.embeddings4j.testutil.SharedData;
import io.github.embeddings4j.tfidf.TfIdfConfig.InverseDocumentFrequency;
import io.github.embeddings4j.tfidf.TfIdfConfig.TermFrequency;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * scikit-learn's {@code TfidfVectorizer} on lee_background.cor, to 1e-6: the fixture
 * {@code sklearn/tfidf_lee_background.txt.gz} was made by {@code sklearn/sklearn_fixtures.py} (Debian
 * python3-sklearn 1.2.1) and holds the vocabulary, both idf arrays and the whole CSR matrix of each fit.
 */
class TfIdfSklearnTest {
  private static int docs;
  private static int terms;
  private static List<String> vocabulary;
  private static double[] smoothIdf;
  private static double[] plainIdf;
  private static int[] indptr;
  private static int[] indices;
  private static long[] defaultValues;
  private static long[] sublinearValues;

  @BeforeAll
  static void readFixture() {
    try (FixtureLines in = FixtureLines.open("/sklearn/tfidf_lee_background.txt.gz")) {
      int[] shape = in.ints();
      docs = shape[0];
      terms = shape[1];
      vocabulary = List.of(in.next());
      smoothIdf = in.doubles();
      plainIdf = in.doubles();
      indptr = in.ints();
      indices = in.ints();
      defaultValues = in.longs();
      sublinearValues = in.longs();
      assertEquals(shape[2], indices.length);
    }
  }

  private static List<String> leeDocuments() {
    Path file = SharedData.path("corpora/lee_background.cor");
    try {
      // Python's text-mode lines: split after each \n; the last line has no newline.
      String text = Files.readString(file, StandardCharsets.UTF_8);
      List<String> lines = Arrays.asList(text.split("\n", -1));
      return text.endsWith("\n") ? lines.subList(0, lines.size() - 1) : lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void defaultOptions() {
    TfIdf model = TfIdf.fit(leeDocuments(), TfIdfConfig.sklearnDefaults());
    check(model, smoothIdf, defaultValues);
  }

  @Test
  void nonSmoothIdfAndSublinearTf() {
    TfIdf model = TfIdf.fit(leeDocuments(), TfIdfConfig.sklearnDefaults()
        .withIdf(InverseDocumentFrequency.LN_PLUS_ONE).withTf(TermFrequency.SUBLINEAR));
    check(model, plainIdf, sublinearValues);
  }

  @Test
  void transformOfTheFittedDocumentsIsTheFittedMatrix() {
    List<String> lee = leeDocuments();
    TfIdf model = TfIdf.fit(lee, TfIdfConfig.sklearnDefaults());
    SparseMatrix again = model.transform(lee);
    assertArrayEquals(model.documentTerms().indptr(), again.indptr());
    assertArrayEquals(model.documentTerms().indices(), again.indices());
    assertArrayEquals(model.documentTerms().values(), again.values(), 0);
  }

  private static void check(TfIdf model, double[] idf, long[] scaledValues) {
    assertEquals(docs, model.documents());
    assertEquals(vocabulary, model.vocabulary().tokens());
    assertArrayEquals(idf, model.idf(), 1e-12);
    SparseMatrix m = model.documentTerms();
    assertEquals(docs, m.rows());
    assertEquals(terms, m.columns());
    assertArrayEquals(indptr, m.indptr());
    assertArrayEquals(indices, m.indices());
    double[] values = m.values();
    for (int i = 0; i < values.length; i++) {
      assertEquals(scaledValues[i] * 1e-9, values[i], 1e-6, "value " + i + " (column " + indices[i] + ")");
    }
  }
}
