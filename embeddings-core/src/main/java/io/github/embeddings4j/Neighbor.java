package io.github.embeddings4j;

/**
 * One result of a nearest-neighbour search: a row of the table, its token and its score.
 *
 * <p>Lists of neighbours are sorted by descending score ("higher is closer" for every {@link Similarity}); equal
 * scores are ordered by ascending id, so results are deterministic.
 *
 * @param id the row (token id)
 * @param token the token of that row
 * @param score the similarity to the query under the search's {@link Similarity}
 */
public record Neighbor(int id, String token, float score) {}
