package io.github.embeddings4j;

import java.util.ArrayList;
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
   */
  public static WordVectors of(Map<String, float[]> vectors) {
    if (vectors.isEmpty()) {
      throw new IllegalArgumentException("no vectors");
    }
    List<String> tokens = new ArrayList<>(vectors.keySet());
    int dim = vectors.get(tokens.get(0)).length;
    VectorTable.Builder b = VectorTable.builder(DType.F32, tokens.size(), dim);
    for (int i = 0; i < tokens.size(); i++) {
      float[] v = vectors.get(tokens.get(i));
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

  @Override
  public TokenVectors embed(String text) {
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
