package io.github.embeddings4j.projection;

import io.github.embeddings4j.DType;
import io.github.embeddings4j.VectorTable;
import io.github.embeddings4j.Vocabulary;
import io.github.embeddings4j.WordVectors;
import io.github.embeddings4j.testutil.ConcurrentReaders;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A fitted {@link Pca} is safe for many concurrent readers: 16 threads started together project vectors and tokens
 * with one shared instance, and every result equals, bit for bit, the one computed on a single thread (moved here
 * from core's {@code ConcurrentReadersTest} with the PCA code).
 */
class PcaConcurrentReadersTest {
  private static final int ROWS = 2000;
  private static final int DIM = 48;

  @Test
  void projectionsGiveTheSingleThreadedResults() throws Exception {
    Random r = new Random(0);
    List<String> words = new ArrayList<>();
    VectorTable.Builder b = VectorTable.builder(DType.F32, ROWS, DIM);
    float[] row = new float[DIM];
    for (int i = 0; i < ROWS; i++) {
      words.add("w" + i);
      for (int c = 0; c < DIM; c++) {
        row[c] = (float) r.nextGaussian();
      }
      b.set(i, row);
    }
    WordVectors f32 = new WordVectors(Vocabulary.of(words), b.build());
    ConcurrentReaders readers = new ConcurrentReaders();
    Pca pca = Pca.fit(f32, 3);
    for (int p = 0; p < 3; p++) {
      float[] v = f32.vector("w" + p);
      readers.add("pca " + p, () -> Arrays.toString(pca.project(v)));
    }
    readers.add("pca tokens", () -> Arrays.deepToString(pca.project(f32, List.of("w10", "w11", "w12"))));
    readers.run(6);
  }
}
