package io.github.embeddings4j.eval;

import io.github.embeddings4j.Embedding;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * gensim's {@code ok_vocab}: the first {@code restrict_vocab} words, keyed by their upper case when the evaluation
 * is case-insensitive. When several words share a key the first (most frequent) one wins, as in gensim's
 * {@code {k.upper(): index for k in reversed(ok_keys)}}.
 */
final class EvalVocabulary {
  private final Map<String, Integer> ids;
  private final boolean caseInsensitive;
  private final int rows;

  EvalVocabulary(Embedding embedding, int restrictVocab, boolean caseInsensitive) {
    this.caseInsensitive = caseInsensitive;
    this.rows = Math.min(restrictVocab, embedding.searchableRows());
    this.ids = new HashMap<>(Math.max(16, (int) (rows / 0.75f) + 1));
    for (int id = 0; id < rows; id++) {
      ids.putIfAbsent(key(embedding.vocabulary().token(id)), id);
    }
  }

  /** The word as looked up: upper case (root locale, like Python's {@code str.upper()}) or as is. */
  String key(String word) {
    return caseInsensitive ? word.toUpperCase(Locale.ROOT) : word;
  }

  /** The row of a key, or -1 when it is not among the first rows. */
  int id(String key) {
    Integer id = ids.get(key);
    return id == null ? -1 : id;
  }

  /** How many rows, from the first, are in the vocabulary. */
  int rows() {
    return rows;
  }
}
