/**
 * Intrinsic evaluation of word vectors with gensim's protocols: analogy accuracy on the Google
 * {@code questions-words.txt} format, and Spearman correlation on word-similarity sets (WordSim-353, SimLex-999).
 */
package io.github.embeddings4j.eval;
