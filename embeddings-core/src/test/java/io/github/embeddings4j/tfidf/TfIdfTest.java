package io.github.embeddings4j.tfidf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.embeddings4j.Embedding;
import io.github.embeddings4j.Tokenizer;
import io.github.embeddings4j.UnknownTokenException;
import io.github.embeddings4j.tfidf.TfIdfConfig.DocumentFrequency;
import io.github.embeddings4j.tfidf.TfIdfConfig.InverseDocumentFrequency;
import io.github.embeddings4j.tfidf.TfIdfConfig.Normalization;
import io.github.embeddings4j.tfidf.TfIdfConfig.TermFrequency;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class TfIdfTest {

  /** Five documents; "bushfire" appears once in the 20-word first one and in no other. */
  private static List<String> articleCollection() {
    return List.of(
        "The bushfire reached the town at dawn and the people of the town left their homes before the winds rose",
        "The winds rose again over the town in the afternoon",
        "People returned to the town",
        "The town council met the people",
        "Rain came to the town at last");
  }

  @Test
  void reproducesTheArticlesWorkedExample() {
    List<String> docs = articleCollection();
    assertEquals(20, Tokenizer.LETTERS_AND_DIGITS.tokenize(docs.get(0)).size());
    TfIdf model = TfIdf.fit(docs, TfIdfConfig.article());
    int id = model.vocabulary().id("bushfire");
    assertEquals(1, model.documentFrequency()[id]);
    assertEquals(Math.log(5), model.idf("bushfire"), 1e-15);
    assertEquals(1.609, model.idf("bushfire"), 5e-4);
    assertEquals(0.05 * Math.log(5), model.documentTerms().get(0, id), 1e-15);
    assertEquals(0.0805, model.documentTerms().get(0, id), 5e-5);
    // "town" is in all five documents: ln(5/5) = 0, so it weighs nothing anywhere.
    assertEquals(0, model.idf("town"));
    assertEquals(0, model.documentTerms().get(0, model.vocabulary().id("town")));
    // "people" occurs once in the first document, and in 3 of 5: (1/20) * ln(5/3).
    assertEquals(0.05 * Math.log(5.0 / 3), model.documentTerms().get(0, model.vocabulary().id("people")), 1e-15);
  }

  @Test
  void vocabularyIsSortedByCodePointWhateverTheDocumentOrder() {
    List<String> docs = new ArrayList<>(articleCollection());
    TfIdf a = TfIdf.fit(docs, TfIdfConfig.sklearnDefaults());
    Collections.reverse(docs);
    TfIdf b = TfIdf.fit(docs, TfIdfConfig.sklearnDefaults());
    assertEquals(a.vocabulary().tokens(), b.vocabulary().tokens());
    List<String> sorted = new ArrayList<>(a.vocabulary().tokens());
    Collections.sort(sorted);
    assertEquals(sorted, a.vocabulary().tokens());
    // Past U+FFFF, code-point order differs from String.compareTo (UTF-16 units): U+FF41 < U+1D400.
    TfIdf wide = TfIdf.fit(List.of("\uD835\uDC00\uD835\uDC00 \uFF41\uFF41"), TfIdfConfig.sklearnDefaults());
    assertEquals(List.of("\uFF41\uFF41", "\uD835\uDC00\uD835\uDC00"), wide.vocabulary().tokens());
  }

  @Test
  void sklearnTokenizerKeepsRunsOfTwoWordCharacters() {
    Tokenizer t = Tokenizers.sklearnDefault();
    assertEquals(List.of("It", "isn", "re_use", "at", "4pm", "x²", "naïve", "日本"),
        t.tokenize("It isn't a re_use at 4pm: x² naïve 日本 - I"));
    assertEquals(List.of(), t.tokenize(""));
  }

  @Test
  void builtInTokenizersGiveWhatTheGenericPathGives() {
    // The built-in tokenizers are scanned as spans; a wrapping lambda takes the generic List<String> path.
    List<String> docs = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      docs.add("Doc " + i + ": Été naïve x² re_use \uD835\uDC00\uD835\uDC00b 日本語 ΣΊΣΥΦΟΣ " + "ab".repeat(i % 7)
          + " it's i " + (i % 13 == 0 ? "" : "common words here"));
    }
    for (Tokenizer builtIn : List.of(Tokenizers.sklearnDefault(), Tokenizer.LETTERS_AND_DIGITS)) {
      Tokenizer wrapped = text -> builtIn.tokenize(text);
      for (boolean lowercase : new boolean[] {true, false}) {
        TfIdfConfig config = TfIdfConfig.article().withTokenizer(builtIn).withLowercase(lowercase);
        TfIdf fast = TfIdf.fit(docs, config);
        TfIdf generic = TfIdf.fit(docs, config.withTokenizer(wrapped));
        assertEquals(generic.vocabulary().tokens(), fast.vocabulary().tokens());
        assertArrayEquals(generic.documentTerms().indices(), fast.documentTerms().indices());
        assertArrayEquals(generic.documentTerms().values(), fast.documentTerms().values(), 0);
        assertArrayEquals(generic.transform(docs).values(), fast.transform(docs).values(), 0);
      }
    }
  }

  @Test
  void tfVariantsAndNorms() {
    List<String> docs = List.of("aa aa aa bb", "bb cc");
    TfIdfConfig raw = TfIdfConfig.sklearnDefaults().withNorm(Normalization.NONE)
        .withIdf(InverseDocumentFrequency.LN_PLUS_ONE);
    TfIdf m = TfIdf.fit(docs, raw);
    double idfA = Math.log(2) + 1;
    assertEquals(3 * idfA, m.documentTerms().get(0, 0), 1e-15);
    assertEquals(1.0, m.documentTerms().get(0, 1), 1e-15);
    TfIdf sub = TfIdf.fit(docs, raw.withTf(TermFrequency.SUBLINEAR));
    assertEquals((1 + Math.log(3)) * idfA, sub.documentTerms().get(0, 0), 1e-15);
    TfIdf length = TfIdf.fit(docs, raw.withTf(TermFrequency.LENGTH_NORMALIZED));
    assertEquals(0.75 * idfA, length.documentTerms().get(0, 0), 1e-15);
    TfIdf l1 = TfIdf.fit(docs, raw.withNorm(Normalization.L1));
    assertEquals(3 * idfA / (3 * idfA + 1), l1.documentTerms().get(0, 0), 1e-15);
    TfIdf l2 = TfIdf.fit(docs, raw.withNorm(Normalization.L2));
    assertEquals(3 * idfA / Math.sqrt(9 * idfA * idfA + 1), l2.documentTerms().get(0, 0), 1e-15);
    TfIdf smooth = TfIdf.fit(docs, raw.withIdf(InverseDocumentFrequency.SMOOTH_LN_PLUS_ONE));
    assertEquals(Math.log(3.0 / 2) + 1, smooth.idf("aa"), 1e-15);
    assertEquals(1.0, smooth.idf("bb"), 1e-15);
  }

  @Test
  void documentFrequencyBoundsAndMaxFeatures() {
    List<String> docs = List.of("aa bb cc", "aa bb", "aa dd dd dd", "aa ee");
    TfIdf bounded = TfIdf.fit(docs, TfIdfConfig.sklearnDefaults()
        .withDocumentFrequency(DocumentFrequency.count(2), DocumentFrequency.proportion(0.9)));
    assertEquals(List.of("bb"), bounded.vocabulary().tokens());
    TfIdf top = TfIdf.fit(docs, TfIdfConfig.sklearnDefaults().withMaxFeatures(2));
    assertEquals(List.of("aa", "dd"), top.vocabulary().tokens());
    // Ties in collection frequency (bb: 2, then cc and ee: 1) keep the alphabetically first.
    TfIdf tied = TfIdf.fit(docs, TfIdfConfig.sklearnDefaults().withMaxFeatures(4));
    assertEquals(List.of("aa", "bb", "cc", "dd"), tied.vocabulary().tokens());
    assertEquals(4, tied.vocabulary().count(0).getAsLong());
  }

  @Test
  void emptyDocumentsAreZeroRowsThatCountInN() {
    TfIdf model = TfIdf.fit(List.of("", "aa bb", "  ...  "), TfIdfConfig.article());
    assertEquals(3, model.documents());
    assertEquals(0, model.documentTerms().row(0).nonZeros());
    assertEquals(0, model.documentTerms().row(2).nonZeros());
    assertEquals(Math.log(3), model.idf("aa"), 1e-15);
    assertEquals(0, model.transform("").nonZeros());
  }

  @Test
  void aSingleDocumentIsAllowed() {
    TfIdf sk = TfIdf.fit(List.of("aa bb aa"), TfIdfConfig.sklearnDefaults());
    assertArrayEquals(new double[] {1, 1}, sk.idf(), 1e-15);
    assertArrayEquals(new double[] {2 / Math.sqrt(5), 1 / Math.sqrt(5)}, sk.documentTerms().row(0).toDense(),
        1e-15);
    TfIdf article = TfIdf.fit(List.of("aa bb aa"), TfIdfConfig.article());
    assertArrayEquals(new double[] {0, 0}, article.idf());
    assertEquals(1, article.terms().dimension());
  }

  @Test
  void clearErrorsWhenNothingIsLeft() {
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> TfIdf.fit(List.of(), TfIdfConfig.article()));
    assertEquals("no documents to fit TF-IDF to", none.getMessage());
    IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
        () -> TfIdf.fit(List.of("", "a b c", "!"), TfIdfConfig.sklearnDefaults()));
    assertEquals("no terms: all 3 documents are empty after tokenization", empty.getMessage());
    IllegalArgumentException filtered = assertThrows(IllegalArgumentException.class,
        () -> TfIdf.fit(List.of("aa bb", "aa cc", "aa dd"), TfIdfConfig.sklearnDefaults()
            .withDocumentFrequency(DocumentFrequency.count(2), DocumentFrequency.proportion(0.7))));
    assertEquals("no terms remain: all 4 terms of the 3 documents are outside minDf 2 / maxDf 0.7; lower minDf "
        + "or raise maxDf", filtered.getMessage());
    IllegalArgumentException crossed = assertThrows(IllegalArgumentException.class,
        () -> TfIdf.fit(List.of("aa bb", "aa cc"), TfIdfConfig.sklearnDefaults()
            .withDocumentFrequency(DocumentFrequency.count(2), DocumentFrequency.count(1))));
    assertTrue(crossed.getMessage().startsWith("maxDf 1 (1.0 documents) is below minDf 2"), crossed.getMessage());
    List<String> withNull = new ArrayList<>(List.of("aa", "bb"));
    withNull.add(null);
    NullPointerException nullDocument = assertThrows(NullPointerException.class,
        () -> TfIdf.fit(withNull, TfIdfConfig.article()));
    assertTrue(String.valueOf(nullDocument.getMessage()).contains("document 2 is null")
        || String.valueOf(nullDocument.getCause()).contains("document 2 is null"), nullDocument.toString());
  }

  @Test
  void configValidationNamesFieldAndValue() {
    IllegalArgumentException features = assertThrows(IllegalArgumentException.class,
        () -> TfIdfConfig.article().withMaxFeatures(0));
    assertEquals("maxFeatures must be >= 1, got 0", features.getMessage());
    IllegalArgumentException share = assertThrows(IllegalArgumentException.class,
        () -> DocumentFrequency.proportion(1.5));
    assertEquals("document-frequency proportion must be in [0, 1], got 1.5", share.getMessage());
    assertThrows(IllegalArgumentException.class, () -> DocumentFrequency.count(-1));
    NullPointerException tokenizer = assertThrows(NullPointerException.class,
        () -> TfIdfConfig.article().withTokenizer(null));
    assertEquals("tokenizer", tokenizer.getMessage());
  }

  @Test
  void transformIgnoresUnknownTermsButCountsThemInTheLength() {
    TfIdf model = TfIdf.fit(articleCollection(), TfIdfConfig.article());
    SparseVector v = model.transform("Bushfire bushfire zebra giraffe");
    assertEquals(model.vocabulary().size(), v.dimension());
    assertEquals(1, v.nonZeros());
    assertEquals(0.5 * Math.log(5), v.get(model.vocabulary().id("bushfire")), 1e-15);
  }

  @Test
  void termVectorsAreTheColumns() {
    List<String> docs = articleCollection();
    TfIdf model = TfIdf.fit(docs, TfIdfConfig.article());
    Embedding terms = model.terms();
    assertEquals(docs.size(), terms.dimension());
    assertEquals(model.vocabulary().tokens(), terms.vocabulary().tokens());
    float[] winds = terms.vector("winds");
    int id = model.vocabulary().id("winds");
    for (int d = 0; d < docs.size(); d++) {
      assertEquals((float) model.documentTerms().get(d, id), winds[d]);
    }
    assertTrue(winds[0] > 0 && winds[1] > 0 && winds[2] == 0);
    // "rose" shares exactly the documents of "winds": the nearest term by cosine.
    assertEquals("rose", terms.nearest("winds", 1).get(0).token());
    assertEquals(List.of("winds", "rose"), terms.embed("WINDS Rose").tokens());
    assertThrows(UnknownTokenException.class, () -> terms.vector("zebra"));
  }

  @Test
  void chunksCoverTheTextAndCutAtWhitespace() {
    String text = "one two three four five six seven eight nine ten";
    List<String> chunks = TfIdf.chunks(text, 3);
    assertEquals(3, chunks.size());
    assertEquals(text, String.join("", chunks));
    assertEquals(List.of("one two three four", " five six seven", " eight nine ten"), chunks);
    assertEquals(List.of("ab", "", ""), TfIdf.chunks("ab", 3));
    assertEquals(List.of(""), TfIdf.chunks("", 1));
    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> TfIdf.chunks(text, 0));
    assertEquals("chunk count must be >= 1, got 0", zero.getMessage());
  }

  @Test
  void sparseMatrixChecksAndTransposes() {
    SparseMatrix m = new SparseMatrix(2, 3, new int[] {0, 2, 3}, new int[] {0, 2, 1}, new double[] {1, 2, 3});
    assertEquals(2, m.get(0, 2));
    assertEquals(0, m.get(1, 0));
    SparseMatrix t = m.transpose();
    assertEquals(3, t.rows());
    assertArrayEquals(new int[] {0, 1, 2, 3}, t.indptr());
    assertArrayEquals(new double[] {1, 3, 2}, t.values());
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> new SparseMatrix(2, 3, new int[] {0, 2, 3}, new int[] {2, 0, 1}, new double[] {1, 2, 3}));
    assertTrue(bad.getMessage().startsWith("row 0: column 0"), bad.getMessage());
  }
}
