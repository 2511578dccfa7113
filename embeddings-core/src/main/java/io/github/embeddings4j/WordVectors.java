package io.github.embeddings4j;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Static word vectors: a vocabulary, a table and a tokenizer. What vector files load into and what the word2vec
 * trainer returns. Immutable and safe for many concurrent readers.
 *
 * <pre>{@code
 * WordVectors wv = Word2VecTextFormat.read(Path.of("vectors.txt"));
 * wv.nearest("king", 10);
 * Analogies.mostSimilar(wv, List.of("king", "woman"), List.of("man"), 5); // queen
 * }</pre>
 */
public final class WordVectors implements Embedding {
  private final Vocabulary vocabulary;
  private final VectorTable vectors;
  private final Tokenizer tokenizer;

  /**
   * Joins a vocabulary and a table.
   *
   * @param vocabulary the tokens, one per row
   * @param vectors the table
   * @param tokenizer how {@link #embed(String)} cuts text
   * @throws IllegalArgumentException if the vocabulary size differs from the number of rows
   * @throws NullPointerException if an argument is null
   */
  public WordVectors(Vocabulary vocabulary, VectorTable vectors, Tokenizer tokenizer) {
    this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
    this.vectors = Objects.requireNonNull(vectors, "vectors");
    this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
    if (vocabulary.size() != vectors.rows()) {
      throw new IllegalArgumentException("vocabulary size " + vocabulary.size() + " != table rows " + vectors.rows());
    }
  }

  /**
   * Joins a vocabulary and a table, with whitespace tokenization.
   *
   * @param vocabulary the tokens, one per row
   * @param vectors the table
   * @throws IllegalArgumentException if the vocabulary size differs from the number of rows
   * @throws NullPointerException if an argument is null
   */
  public WordVectors(Vocabulary vocabulary, VectorTable vectors) {
    this(vocabulary, vectors, Tokenizer.WHITESPACE);
  }

  /**
   * Makes word vectors from a map, in its iteration order.
   *
   * @param vectors token → vector, all of one length
   * @return the word vectors
   * @throws IllegalArgumentException if the map is empty, lengths differ, or a value is NaN or infinite
   * @throws NullPointerException if the map, a token or a vector is null (naming the token)
   */
  public static WordVectors of(Map<String, float[]> vectors) {
    Objects.requireNonNull(vectors, "vectors");
    if (vectors.isEmpty()) {
      throw new IllegalArgumentException("no vectors");
    }
    List<String> tokens = new ArrayList<>(vectors.keySet());
    float[][] rows = new float[tokens.size()][];
    for (int i = 0; i < rows.length; i++) {
      String token = Objects.requireNonNull(tokens.get(i), "token");
      rows[i] = Objects.requireNonNull(vectors.get(token), () -> "vector of token \"" + token + "\"");
    }
    int dim = rows[0].length;
    VectorTable.Builder b = VectorTable.builder(DType.F32, tokens.size(), dim);
    for (int i = 0; i < tokens.size(); i++) {
      float[] v = rows[i];
      if (v.length != dim) {
        throw new IllegalArgumentException("vector dimensions differ: " + v.length + " != " + dim + " (token \""
            + tokens.get(i) + "\")");
      }
      try {
        b.set(i, v);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("token \"" + tokens.get(i) + "\": " + e.getMessage(), e);
      }
    }
    return new WordVectors(Vocabulary.of(tokens), b.build());
  }

  @Override
  public Vocabulary vocabulary() {
    return vocabulary;
  }

  @Override
  public VectorTable vectors() {
    return vectors;
  }

  /**
   * Returns the tokenizer {@link #embed(String)} uses.
   *
   * @return the tokenizer
   */
  public Tokenizer tokenizer() {
    return tokenizer;
  }

  /**
   * Returns the same vectors with another tokenizer.
   *
   * @param tokenizer how {@link #embed(String)} cuts text
   * @return a new instance sharing the table
   * @throws NullPointerException if the tokenizer is null
   */
  public WordVectors withTokenizer(Tokenizer tokenizer) {
    return new WordVectors(vocabulary, vectors, tokenizer);
  }

  /**
   * Returns the first {@code n} words (the most frequent, for frequency-sorted files) as new word vectors.
   *
   * @param n how many to keep
   * @return the prefix
   */
  public WordVectors limit(int n) {
    if (n >= vocabulary.size()) {
      return this;
    }
    return new WordVectors(vocabulary.prefix(n), vectors.prefix(n), tokenizer);
  }

  /**
   * Returns these vectors with some tokens added or replaced, as gensim's {@code add_vectors(keys, weights,
   * replace)}: tokens not in the vocabulary are appended in the given order (count 0 when the vocabulary has
   * counts, as gensim's); tokens already in it keep their vector unless {@code replace}. The result is a new
   * instance with a new table of the same dtype (new values rounded to it); this one is unchanged.
   *
   * <pre>{@code
   * WordVectors more = wv.addVectors(List.of("covid", "king"), new float[][] {covid, king2}, true);
   * }</pre>
   *
   * @param tokens the tokens, each at most once
   * @param vectors one vector of this dimension per token
   * @param replace whether a token already present gets the new vector
   * @return the extended word vectors (this instance when nothing changes)
   * @throws IllegalArgumentException if the counts or a dimension differ, a token repeats, a value is NaN or
   *     infinite, or the table would pass {@link Integer#MAX_VALUE} rows
   * @throws NullPointerException if a list, array, token or vector is null
   */
  public WordVectors addVectors(List<String> tokens, float[][] vectors, boolean replace) {
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(vectors, "vectors");
    if (tokens.size() != vectors.length) {
      throw new IllegalArgumentException("tokens and vectors differ in number: " + tokens.size() + " != "
          + vectors.length);
    }
    int dim = this.vectors.dimension();
    Map<String, Integer> seen = new HashMap<>();
    Map<String, Integer> newIds = new HashMap<>();
    List<String> added = new ArrayList<>();
    for (int i = 0; i < vectors.length; i++) {
      int index = i;
      String token = Objects.requireNonNull(tokens.get(i), () -> "tokens[" + index + "]");
      float[] v = Objects.requireNonNull(vectors[i], () -> "vector of token \"" + token + "\"");
      if (v.length != dim) {
        throw new IllegalArgumentException("vector dimensions differ: " + v.length + " != " + dim + " (token \""
            + token + "\")");
      }
      Integer before = seen.putIfAbsent(token, i);
      if (before != null) {
        throw new IllegalArgumentException("token \"" + token + "\" given twice, at " + before + " and " + i);
      }
      if (!vocabulary.contains(token)) {
        newIds.put(token, vocabulary.size() + added.size());
        added.add(token);
      }
    }
    if (added.isEmpty() && !replace) {
      return this;
    }
    int oldRows = this.vectors.rows();
    long total = (long) oldRows + added.size();
    if (total > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("too many rows: " + oldRows + " + " + added.size() + " > "
          + Integer.MAX_VALUE);
    }
    VectorTable.Builder b = VectorTable.builder(this.vectors.dtype(), (int) total, dim);
    copyRows(this.vectors, b);
    for (int i = 0; i < vectors.length; i++) {
      String token = tokens.get(i);
      int id = vocabulary.idOrMinusOne(token);
      if (id < 0) {
        id = newIds.get(token);
      } else if (!replace) {
        continue;
      }
      try {
        b.set(id, vectors[i]);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("token \"" + token + "\": " + e.getMessage(), e);
      }
    }
    List<String> allTokens = new ArrayList<>(vocabulary.tokens());
    allTokens.addAll(added);
    Vocabulary extended;
    if (vocabulary.hasCounts()) {
      long[] counts = new long[allTokens.size()];
      for (int id = 0; id < oldRows; id++) {
        counts[id] = vocabulary.count(id).getAsLong();
      }
      extended = Vocabulary.of(allTokens, counts);
    } else {
      extended = Vocabulary.of(allTokens);
    }
    return new WordVectors(extended, b.build(), tokenizer);
  }

  /**
   * Returns a copy with every vector scaled to unit length (gensim's {@code get_normed_vectors()}, or
   * {@code unit_normalize_all()} without changing this instance): each value divided by its row's norm in
   * float32, then rounded to the table's dtype. A zero vector stays zero (gensim: NaN). Cosine searches and
   * similarities give the same results on both; {@link Similarity#DOT} on the copy is cosine.
   *
   * @return new word vectors with the same vocabulary and tokenizer
   */
  public WordVectors normalized() {
    int dim = vectors.dimension();
    VectorTable.Builder b = VectorTable.builder(vectors.dtype(), vectors.rows(), dim);
    float[] row = new float[dim];
    for (int r = 0; r < vectors.rows(); r++) {
      vectors.row(r, row);
      float norm = vectors.norm(r);
      if (norm != 0f) {
        for (int c = 0; c < dim; c++) {
          row[c] /= norm;
        }
      }
      b.set(r, row);
    }
    return new WordVectors(vocabulary, b.build(), tokenizer);
  }

  /** Copies every row of a table into a builder of the same dtype and dimension, half precision bit for bit. */
  private static void copyRows(VectorTable from, VectorTable.Builder to) {
    int dim = from.dimension();
    if (from.dtype() == DType.F32) {
      float[] row = new float[dim];
      for (int r = 0; r < from.rows(); r++) {
        to.set(r, from.row(r, row));
      }
    } else {
      short[] bits = new short[dim];
      for (int r = 0; r < from.rows(); r++) {
        to.setBits(r, from.rowBits(r, bits, 0), 0);
      }
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws NullPointerException if the text is null
   */
  @Override
  public TokenVectors embed(String text) {
    Objects.requireNonNull(text, "text");
    List<String> tokens = tokenizer.tokenize(text);
    int[] ids = new int[tokens.size()];
    float[][] rows = new float[tokens.size()][];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = vocabulary.id(tokens.get(i));
      rows[i] = vectors.row(ids[i]);
    }
    return new TokenVectors(tokens, ids, rows);
  }

  @Override
  public String toString() {
    return "WordVectors[" + vocabulary.size() + " x " + vectors.dimension() + " " + vectors.dtype() + "]";
  }
}
