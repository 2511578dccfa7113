package io.github.embeddings4j.text;

/** How a contextual encoder turns its per-token vectors into one vector. */
public enum Pooling {
  /** The mean of the token vectors over the attention mask, special tokens included (sentence-transformers). */
  MEAN,
  /** The vector of the first token ({@code [CLS]} for BERT models). */
  CLS
}
