package io.github.embeddings4j;

import io.github.embeddings4j.testutil.ConcurrentReaders;
import io.github.embeddings4j.tfidf.SparseMatrix;
import io.github.embeddings4j.tfidf.SparseVector;
import io.github.embeddings4j.tfidf.TfIdf;
import io.github.embeddings4j.tfidf.TfIdfConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The read side of the core API is safe for many concurrent readers: 16 threads started together run lookups,
 * searches (single and batch, every dtype and similarity), analogies and TF-IDF transforms on shared objects,
 * and every result equals, bit for bit, the one computed on a single thread. (PCA projections: the same check in
 * embeddings-pca's {@code PcaConcurrentReadersTest}.)
 */
class ConcurrentReadersTest {
  private static final int ROWS = 2000;
  private static final int DIM = 48;
  private static final int ROUNDS = 6;

  static WordVectors table(DType dtype, long seed) {
    Random r = new Random(seed);
    List<String> words = new ArrayList<>();
    VectorTable.Builder b = VectorTable.builder(dtype, ROWS, DIM);
    float[] row = new float[DIM];
    for (int i = 0; i < ROWS; i++) {
      words.add("w" + i);
      for (int c = 0; c < DIM; c++) {
        row[c] = (float) r.nextGaussian();
      }
      b.set(i, row);
    }
    return new WordVectors(Vocabulary.of(words), b.build());
  }

  static String text(List<Neighbor> neighbors) {
    return neighbors.stream().map(n -> n.id() + ":" + n.token() + ":" + n.score()).collect(Collectors.joining(","));
  }

  static String text(SparseVector v) {
    return Arrays.toString(v.indices()) + Arrays.toString(v.values());
  }

  static String text(TopK top) {
    return Arrays.toString(top.ids()) + Arrays.toString(top.scores());
  }

  @Test
  void lookupsSearchesAnalogiesAndTfIdfGiveTheSingleThreadedResults() throws Exception {
    ConcurrentReaders readers = new ConcurrentReaders();
    Random r = new Random(42);
    for (DType dtype : DType.values()) {
      WordVectors wv = table(dtype, dtype.ordinal());
      float[][] queries = new float[64][DIM];
      for (float[] q : queries) {
        for (int c = 0; c < DIM; c++) {
          q[c] = (float) r.nextGaussian();
        }
      }
      for (int probe = 0; probe < 4; probe++) {
        String word = "w" + r.nextInt(ROWS);
        int id = wv.vocabulary().id(word);
        readers.add(dtype + " vector " + word, () -> Arrays.toString(wv.vector(word)) + wv.contains(word)
            + wv.contains(word + "x") + wv.vocabulary().id(word) + wv.vocabulary().token(id) + wv.vectors().norm(id));
        readers.add(dtype + " nearest " + word, () -> text(wv.nearest(word, 10)));
        readers.add(dtype + " similarity " + word, () -> Float.toString(wv.similarity(word, "w7")));
      }
      for (Similarity similarity : Similarity.values()) {
        float[] q = queries[similarity.ordinal()];
        readers.add(dtype + " search " + similarity, () -> text(NearestNeighbors.search(wv.vectors(), q, 10,
            similarity)));
        readers.add(dtype + " search excluding " + similarity, () -> text(NearestNeighbors.search(wv.vectors(), q,
            7, similarity, 1500, id -> id % 3 == 0)));
        // 64 queries × 2000 rows × 48 dims passes the parallel threshold: the batch also forks on the common pool.
        readers.add(dtype + " batch " + similarity, () -> NearestNeighbors.searchBatch(wv.vectors(), queries, 5,
            similarity, null).stream().map(ConcurrentReadersTest::text).collect(Collectors.joining(";")));
        readers.add(dtype + " nearest(query) " + similarity, () -> text(wv.nearest(q, 10, similarity,
            List.of("w1", "w2"))));
      }
      readers.add(dtype + " nearest batch", () -> wv.nearest(queries, 3).stream()
          .map(ConcurrentReadersTest::text).collect(Collectors.joining(";")));
      readers.add(dtype + " 3CosAdd", () -> text(Analogies.mostSimilar(wv, List.of("w1", "w2"), List.of("w3"), 5)));
      readers.add(dtype + " 3CosMul", () -> text(Analogies.mostSimilarCosMul(wv, List.of("w4", "w5"),
          List.of("w6"), 5)));
    }
    List<String> documents = new ArrayList<>();
    for (int d = 0; d < 300; d++) {
      StringBuilder doc = new StringBuilder();
      for (int t = 0; t < 30; t++) {
        doc.append(" term").append((int) Math.floor(Math.pow(500, r.nextDouble())));
      }
      documents.add(doc.toString());
    }
    TfIdf tfidf = TfIdf.fit(documents, TfIdfConfig.sklearnDefaults());
    // The first transform builds the term lookup table lazily: it must happen under the threads, not before.
    for (int d = 0; d < 5; d++) {
      String doc = documents.get(d * 7) + " unknownterm";
      readers.add("tfidf " + d, () -> text(tfidf.transform(doc)));
    }
    readers.add("tfidf batch", () -> {
      SparseMatrix m = tfidf.transform(documents.subList(0, 50));
      StringBuilder all = new StringBuilder();
      for (int row = 0; row < m.rows(); row++) {
        all.append(text(m.row(row))).append(';');
      }
      return all.toString();
    });
    long compared = readers.run(ROUNDS);
    System.out.println("ConcurrentReadersTest: " + compared + " results from " + ConcurrentReaders.THREADS
        + " threads, all equal to the single-threaded ones");
  }
}
