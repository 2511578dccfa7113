package io.github.embeddings4j.word2vec;

import io.github.embeddings4j.EmbeddingException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The vocabulary during training: words sorted by descending count (ties by first occurrence), their counts, and
 * a compact open-addressing lookup (two int arrays beside the words, far smaller than a {@code HashMap}), since
 * it lives beside the weight matrices for the whole run.
 */
final class TrainingVocabulary {
  // The words live in one char array (offsets[i] .. offsets[i + 1]), not as String objects: for a vocabulary of
  // short words that is a third of the memory, which counts since this lives beside the weight matrices.
  private final char[] chars;
  private final int[] offsets;
  private final long[] counts;
  private final long totalWords;
  private final int[] slots;
  private final int mask;
  private Shards shards = new Shards();
  private long trainWords;

  TrainingVocabulary(String[] words, long[] counts) {
    this.counts = counts;
    long total = 0;
    for (long c : counts) {
      total += c;
    }
    this.totalWords = total;
    this.trainWords = total;
    this.offsets = new int[words.length + 1];
    long length = 0;
    for (int i = 0; i < words.length; i++) {
      length += words[i].length();
      if (length > Integer.MAX_VALUE - 8) {
        throw new EmbeddingException("the vocabulary's words hold more than 2^31 chars");
      }
      offsets[i + 1] = (int) length;
    }
    this.chars = new char[(int) length];
    for (int i = 0; i < words.length; i++) {
      words[i].getChars(0, words[i].length(), chars, offsets[i]);
    }
    // A load factor of at most 2/3 keeps linear probing short.
    int size = Integer.highestOneBit(Math.max(4, words.length + words.length / 2)) << 1;
    this.slots = new int[size];
    this.mask = size - 1;
    Arrays.fill(slots, -1);
    for (int i = 0; i < words.length; i++) {
      int s = words[i].hashCode() & mask;
      while (slots[s] >= 0) {
        s = (s + 1) & mask;
      }
      slots[s] = i;
    }
  }

  /** Counts the words of a corpus as the C tool's {@code LearnVocabFromTrainFile} does; see {@link #count}. */
  static TrainingVocabulary learn(Corpus corpus, Word2VecConfig config) throws IOException {
    Counter counter = new Counter(config.maxVocabularySize());
    Shards shards = new Shards();
    corpus.forEachPiece(0, Long.MAX_VALUE, config.maxSentenceLength(), piece -> {
      for (String w : piece) {
        counter.add(w);
      }
      shards.add(piece.size());
      return true;
    });
    TrainingVocabulary vocab = counter.build(config.minCount(), config.maxVocabularySize(), corpus);
    vocab.shards = shards;
    return vocab;
  }

  /**
   * The vocabulary of an earlier run, kept as it is (its counts still drive subsampling and the negative-sampling
   * distribution, as gensim does when training more), with one pass over a new corpus to count its pieces and the
   * words it will train on: those in the vocabulary.
   *
   * @throws IllegalArgumentException if the vocabulary has no counts
   */
  static TrainingVocabulary of(io.github.embeddings4j.Vocabulary vocabulary, Corpus corpus, Word2VecConfig config)
      throws IOException {
    if (!vocabulary.hasCounts()) {
      throw new IllegalArgumentException("the vocabulary has no word counts; continue training needs the counts "
          + "of the run that made it");
    }
    String[] words = new String[vocabulary.size()];
    long[] counts = new long[words.length];
    for (int i = 0; i < words.length; i++) {
      words[i] = vocabulary.token(i);
      counts[i] = vocabulary.count(i).getAsLong();
    }
    TrainingVocabulary vocab = new TrainingVocabulary(words, counts);
    Shards shards = new Shards();
    corpus.forEachPiece(0, Long.MAX_VALUE, config.maxSentenceLength(), piece -> {
      long known = 0;
      for (String w : piece) {
        if (vocab.id(w) >= 0) {
          known++;
        }
      }
      shards.add(known);
      return true;
    });
    vocab.shards = shards;
    if (shards.words() == 0) {
      throw new EmbeddingException("no word of " + corpus + " is in the vocabulary of " + words.length
          + " words being trained");
    }
    vocab.trainWords = shards.words();
    return vocab;
  }

  /**
   * Counts words while reading. When the table grows past {@code maxSize} distinct words (0: no limit), it is
   * pruned as the C tool's {@code ReduceVocab} does: words seen at most {@code minReduce} times are dropped and
   * {@code minReduce} grows by one for the next pruning. Counts are therefore lower bounds for words that were
   * pruned and came back, exactly as in the C tool.
   */
  static final class Counter {
    private static final class Entry {
      long count;
      final long order;

      Entry(long order) {
        this.order = order;
      }
    }

    private final int maxSize;
    private final Map<String, Entry> map = new HashMap<>();
    private long order;
    private long tokens;
    private int minReduce = 1;

    Counter(int maxSize) {
      this.maxSize = maxSize;
    }

    void add(String word) {
      tokens++;
      Entry e = map.get(word);
      if (e == null) {
        e = new Entry(order++);
        map.put(word, e);
      }
      e.count++;
      if (maxSize > 0 && map.size() > maxSize) {
        prune();
      }
    }

    private void prune() {
      for (Iterator<Entry> it = map.values().iterator(); it.hasNext(); ) {
        if (it.next().count <= minReduce) {
          it.remove();
        }
      }
      minReduce++;
    }

    /** Keeps words seen at least {@code minCount} times, most frequent first, at most {@code maxSize}. */
    TrainingVocabulary build(int minCount, int maxSize, Object corpus) {
      List<Map.Entry<String, Entry>> kept = new ArrayList<>();
      for (Map.Entry<String, Entry> e : map.entrySet()) {
        if (e.getValue().count >= minCount) {
          kept.add(e);
        }
      }
      if (kept.isEmpty()) {
        throw new EmbeddingException("no word of " + corpus + " occurs at least minCount=" + minCount
            + " times (" + tokens + " tokens, " + map.size() + " distinct words left after counting)");
      }
      kept.sort((a, b) -> {
        int c = Long.compare(b.getValue().count, a.getValue().count);
        return c != 0 ? c : Long.compare(a.getValue().order, b.getValue().order);
      });
      int n = maxSize > 0 ? Math.min(maxSize, kept.size()) : kept.size();
      String[] words = new String[n];
      long[] counts = new long[n];
      for (int i = 0; i < n; i++) {
        words[i] = kept.get(i).getKey();
        counts[i] = kept.get(i).getValue().count;
      }
      return new TrainingVocabulary(words, counts);
    }
  }

  int size() {
    return counts.length;
  }

  /** Returns the id of a word, or -1. */
  int id(String word) {
    int s = word.hashCode() & mask;
    for (int id = slots[s]; id >= 0; id = slots[s]) {
      if (matches(id, word)) {
        return id;
      }
      s = (s + 1) & mask;
    }
    return -1;
  }

  private boolean matches(int id, String word) {
    int from = offsets[id];
    int n = offsets[id + 1] - from;
    if (n != word.length()) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (chars[from + i] != word.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  String word(int id) {
    return new String(chars, offsets[id], offsets[id + 1] - offsets[id]);
  }

  long count(int id) {
    return counts[id];
  }

  /** The sum of all counts: the words one epoch trains on before subsampling (the C tool's train_words). */
  long totalWords() {
    return totalWords;
  }

  /**
   * The words one epoch goes through before subsampling: {@link #totalWords()} for a vocabulary counted from the
   * corpus, the corpus's words in the vocabulary when training continues on another corpus.
   */
  long trainWords() {
    return trainWords;
  }

  /** The pieces of the corpus (see {@link Corpus#forEachPiece}) counted with this vocabulary; 0 if not counted. */
  long pieces() {
    return shards.pieces();
  }

  /** The first piece of a training thread's shard: shards of equal words (see {@link Shards}). */
  long shardStart(int shard, int shardCount) {
    return shards.start(shard, shardCount);
  }

  List<String> words() {
    String[] words = new String[size()];
    for (int i = 0; i < words.length; i++) {
      words[i] = word(i);
    }
    return List.of(words);
  }

  long[] counts() {
    return counts.clone();
  }
}
