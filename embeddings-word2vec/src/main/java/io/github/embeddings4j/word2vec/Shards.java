package io.github.embeddings4j.word2vec;

import java.util.Arrays;

/**
 * Where to cut the corpus so that each training thread gets a contiguous run of pieces holding the same number of
 * words, as word2vec.c gives each thread {@code train_words / num_threads} words from its own part of the file.
 * Cutting by piece count instead would give one thread far more words when line lengths differ between the parts
 * of a corpus (1,000-word lines of text8 followed by 20-word sentences): that thread then trains alone, on its
 * own part, for the end of every run.
 *
 * <p>Recorded during a counting pass: the words before every {@code stride}-th piece, at most {@value #MAX_MARKS}
 * marks (512 KB), the stride doubling whenever they fill up, so a cut lands within one stride of the exact piece.
 */
final class Shards {
  static final int MAX_MARKS = 1 << 16;

  private long[] marks = new long[1024];
  private int size;
  private long stride = 1;
  private long pieces;
  private long words;

  /** Records the next piece, of {@code n} words. */
  void add(long n) {
    if (pieces % stride == 0) {
      if (size == marks.length) {
        if (size < MAX_MARKS) {
          marks = Arrays.copyOf(marks, size * 2);
        } else {
          for (int i = 0; i < size / 2; i++) {
            marks[i] = marks[2 * i];
          }
          size /= 2;
          stride *= 2;
        }
      }
      if (pieces % stride == 0) {
        marks[size++] = words;
      }
    }
    words += n;
    pieces++;
  }

  long pieces() {
    return pieces;
  }

  long words() {
    return words;
  }

  /**
   * The first piece of shard {@code shard} of {@code shards}: the first recorded piece before which at least
   * {@code words * shard / shards} words lie ({@code 0} for the first shard, {@link #pieces()} past the last).
   */
  long start(int shard, int shards) {
    if (shard <= 0) {
      return 0;
    }
    if (shard >= shards) {
      return pieces;
    }
    long target = (long) ((double) words * shard / shards);
    int i = Arrays.binarySearch(marks, 0, size, target);
    if (i < 0) {
      i = -i - 1;
    } else {
      while (i > 0 && marks[i - 1] == target) {
        i--;
      }
    }
    return Math.min(pieces, i * stride);
  }
}
