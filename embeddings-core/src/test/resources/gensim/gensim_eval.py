#!/usr/bin/python3
"""Reference numbers for GensimEvalCheckTest: gensim's own evaluators on a small word2vec model.

Trains a small Word2Vec on text8-prefix (skip-gram, 50 dims, min_count 5, 5 epochs, 1 worker, seed 1), saves it
in word2vec text format, loads that file back (so both sides read the very same float32 values) and prints one
JSON object: analogy sections (Google questions-words.txt, restrict_vocab=30000, case_insensitive=True), the
WordSim-353 and SimLex-999 correlations (gensim's defaults: restrict_vocab=300000, case_insensitive=True) and a
few most_similar / most_similar_cosmul queries.

Usage: /usr/bin/python3 gensim_eval.py SHARED_DATA_DIR OUT_DIR   (writes OUT_DIR/vectors.txt)
Run with PYTHONHASHSEED=0 for the same model every time.
"""
import json
import logging
import os
import sys

from gensim.models import KeyedVectors, Word2Vec
from gensim.models.word2vec import LineSentence


class Capture(logging.Handler):
    """Keeps gensim's evaluator log records: the OOV ratio of the analogies is only logged, not returned."""

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records = []

    def emit(self, record):
        self.records.append(record)


def main(data, out):
    logging.basicConfig(stream=sys.stderr, level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    model = Word2Vec(LineSentence(f"{data}/corpora/text8-prefix.txt.gz"), vector_size=50, window=5, min_count=5,
                     sg=1, negative=5, epochs=5, workers=1, seed=1)
    vectors_file = os.path.join(out, "vectors.txt")
    model.wv.save_word2vec_format(vectors_file, binary=False)
    kv = KeyedVectors.load_word2vec_format(vectors_file, binary=False)

    capture = Capture()
    logging.getLogger("gensim.models.keyedvectors").addHandler(capture)
    accuracy, sections = kv.evaluate_word_analogies(f"{data}/eval/questions-words.txt", restrict_vocab=30000,
                                                    case_insensitive=True)
    oov_ratio = next(r.args[0] for r in capture.records if r.msg.startswith("Quadruplets with out-of-vocabulary"))
    result = {
        "vectors": vectors_file,
        "vocab": len(kv),
        "analogy": {
            "accuracy": accuracy,
            "oov_ratio": oov_ratio,
            "sections": [{"section": s["section"], "correct": len(s["correct"]), "incorrect": len(s["incorrect"])}
                         for s in sections],
        },
    }
    for name, file in (("wordsim353", "wordsim353.tsv"), ("simlex999", "simlex999.txt")):
        capture.records.clear()
        pearson, spearman, oov = kv.evaluate_word_pairs(f"{data}/eval/{file}", case_insensitive=True)
        oov_pairs = sum(1 for r in capture.records if r.msg.startswith("Skipping line"))
        result[name] = {"pearson": float(pearson[0]), "spearman": float(spearman[0]), "oov_ratio": oov,
                        "oov_pairs": oov_pairs}

    queries = []
    for method in ("cosadd", "cosmul"):
        for positive, negative, restrict in ((["king", "woman"], ["man"], None), (["paris", "italy"], ["france"], 30000),
                                             (["good", "worse"], ["bad"], 5000), (["car"], [], None)):
            if method == "cosadd":
                sims = kv.most_similar(positive=positive, negative=negative, topn=5, restrict_vocab=restrict)
            else:
                # gensim 4.2 accepts restrict_vocab here but ignores it: always all rows.
                restrict = None
                sims = kv.most_similar_cosmul(positive=positive, negative=negative, topn=5)
            queries.append({"method": method, "positive": " ".join(positive), "negative": " ".join(negative),
                            "restrict_vocab": restrict or 0, "words": " ".join(w for w, _ in sims),
                            "scores": [float(s) for _, s in sims]})
    result["queries"] = queries
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
