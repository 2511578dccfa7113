package io.github.embeddings4j.eval;

/**
 * The outcome of a {@link WordPairEvaluation}: how well cosine similarities follow human similarity scores.
 * gensim's {@code evaluate_word_pairs} returns the same three numbers (with p-values, not computed here).
 *
 * @param pearson Pearson's r between the human scores and the cosines; NaN with fewer than 2 pairs or constant
 *     values
 * @param spearman Spearman's rho (ties get their average rank); NaN like {@code pearson}
 * @param oovRatio pairs with an unknown word, in percent of all well-formed pairs
 * @param pairs pairs that entered the correlations
 * @param oov pairs with a word outside the evaluated vocabulary
 */
public record WordPairResult(double pearson, double spearman, double oovRatio, int pairs, int oov) {}
