package io.github.embeddings4j;

/**
 * Keeps the k best (score, id) pairs seen, in a binary min-heap whose root is the worst kept pair. "Better" is a
 * higher score, or an equal score and a lower id. Not thread-safe: one per search thread.
 */
final class TopKCollector {
  private final int capacity;
  private final float[] scores;
  private final int[] ids;
  private int size;

  TopKCollector(int capacity) {
    this.capacity = capacity;
    this.scores = new float[capacity];
    this.ids = new int[capacity];
  }

  /** Whether (score, id) would enter the heap; cheap enough to call for every row. */
  boolean accepts(float score, int id) {
    return size < capacity || better(score, id, scores[0], ids[0]);
  }

  /**
   * The score a pair needs at least to enter the heap: the worst kept score once the heap is full, else negative
   * infinity. A score below it is never {@link #accepts accepted}, so a scan can skip {@link #accepts} for it.
   */
  float floor() {
    return size < capacity ? Float.NEGATIVE_INFINITY : scores[0];
  }

  /** Adds a pair that {@link #accepts} said yes to. */
  void add(float score, int id) {
    if (size < capacity) {
      int i = size++;
      scores[i] = score;
      ids[i] = id;
      siftUp(i);
    } else {
      scores[0] = score;
      ids[0] = id;
      siftDown(0);
    }
  }

  /** Merges another collector's pairs into this one. */
  void addAll(TopKCollector other) {
    for (int i = 0; i < other.size; i++) {
      if (accepts(other.scores[i], other.ids[i])) {
        add(other.scores[i], other.ids[i]);
      }
    }
  }

  /** Returns the kept pairs sorted best first; the collector is empty afterwards. */
  TopK result() {
    int n = size;
    int[] outIds = new int[n];
    float[] outScores = new float[n];
    for (int i = n - 1; i >= 0; i--) {
      outIds[i] = ids[0];
      outScores[i] = scores[0];
      size--;
      if (size > 0) {
        scores[0] = scores[size];
        ids[0] = ids[size];
        siftDown(0);
      }
    }
    return new TopK(outIds, outScores);
  }

  private static boolean better(float s1, int id1, float s2, int id2) {
    return s1 > s2 || (s1 == s2 && id1 < id2);
  }

  private void siftUp(int i) {
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!better(scores[parent], ids[parent], scores[i], ids[i])) {
        break;
      }
      swap(i, parent);
      i = parent;
    }
  }

  private void siftDown(int i) {
    while (true) {
      int l = 2 * i + 1;
      if (l >= size) {
        return;
      }
      int worst = l;
      int r = l + 1;
      if (r < size && better(scores[l], ids[l], scores[r], ids[r])) {
        worst = r;
      }
      if (!better(scores[i], ids[i], scores[worst], ids[worst])) {
        return;
      }
      swap(i, worst);
      i = worst;
    }
  }

  private void swap(int a, int b) {
    float s = scores[a];
    scores[a] = scores[b];
    scores[b] = s;
    int t = ids[a];
    ids[a] = ids[b];
    ids[b] = t;
  }
}
