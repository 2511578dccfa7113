#!/usr/bin/python3
"""Reference numbers for TfIdfSklearnTest and PcaSklearnTest, made with Debian's python3-sklearn.

Writes two gzip'd text fixtures into OUT_DIR (one value list per line, space-separated; '#' lines are comments):

tfidf_lee_background.txt.gz -- scikit-learn's TfidfVectorizer on lee_background.cor, one document per line
  (Python's text-mode line iteration, trailing newline removed), fitted twice: default options (lowercase,
  token_pattern r"(?u)\\b\\w\\w+\\b", smooth idf, raw tf, l2) and smooth_idf=False, sublinear_tf=True. Both share
  the vocabulary and the sparsity pattern. Lines: "docs terms nnz"; the terms in column order; idf (default);
  idf (smooth_idf=False); CSR indptr; CSR indices (sorted within each row); the values of the default fit and
  of the second fit, each as round(value * 1e9) integers (enough for a 1e-6 comparison, and it compresses).

pca.txt.gz (embeddings-pca's test resources) -- scikit-learn's PCA(n_components=k, svd_solver='full') on two float32 matrices drawn from a fixed
  numpy seed and given here in full (so Java reads the very same values): 200 x 12 with correlated columns,
  k=3, and 8 x 20 (fewer rows than columns), k=2. Per case: "rows cols k"; the rows; mean_; components_ (k
  lines); explained_variance_; explained_variance_ratio_; singular_values_; transform() of every row (rows
  lines). Floats in repr (shortest round-trip) form; everything computed in float64.

Usage: /usr/bin/python3 sklearn_fixtures.py SHARED_DATA_DIR OUT_DIR
"""
import gzip
import os
import sys

import numpy as np
import sklearn
from sklearn.decomposition import PCA
from sklearn.feature_extraction.text import TfidfVectorizer


def line(values):
    return " ".join(values) + "\n"


def floats(a):
    return line(repr(float(x)) for x in np.asarray(a, dtype=np.float64).ravel())


def tfidf(data_dir, out):
    with open(os.path.join(data_dir, "corpora", "lee_background.cor"), encoding="utf-8") as f:
        docs = [l.rstrip("\n") for l in f]
    plain = TfidfVectorizer()
    x = plain.fit_transform(docs).tocsr()
    other = TfidfVectorizer(smooth_idf=False, sublinear_tf=True)
    y = other.fit_transform(docs).tocsr()
    assert list(plain.get_feature_names_out()) == list(other.get_feature_names_out())
    x.sort_indices()
    y.sort_indices()
    assert (x.indptr == y.indptr).all() and (x.indices == y.indices).all()
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as w:
        w.write("# sklearn %s TfidfVectorizer on lee_background.cor; made by sklearn_fixtures.py\n" % sklearn.__version__)
        w.write(line(str(v) for v in (x.shape[0], x.shape[1], x.nnz)))
        w.write(line(plain.get_feature_names_out()))
        w.write(floats(plain.idf_))
        w.write(floats(other.idf_))
        w.write(line(str(v) for v in x.indptr))
        w.write(line(str(v) for v in x.indices))
        w.write(line(str(int(round(v * 1e9))) for v in x.data))
        w.write(line(str(int(round(v * 1e9))) for v in y.data))


def pca_case(w, data, k):
    p = PCA(n_components=k, svd_solver="full").fit(data.astype(np.float64))
    w.write(line(str(v) for v in (data.shape[0], data.shape[1], k)))
    for row in data:
        w.write(floats(row))
    w.write(floats(p.mean_))
    for c in p.components_:
        w.write(floats(c))
    w.write(floats(p.explained_variance_))
    w.write(floats(p.explained_variance_ratio_))
    w.write(floats(p.singular_values_))
    for row in p.transform(data.astype(np.float64)):
        w.write(floats(row))


def pca(out):
    rng = np.random.default_rng(20261123)
    mixing = rng.normal(size=(4, 12))
    a = (rng.normal(size=(200, 4)) * [5.0, 3.0, 1.5, 0.5]) @ mixing + rng.normal(scale=0.1, size=(200, 12)) + 2.0
    b = rng.normal(size=(8, 20)) * np.linspace(3.0, 0.5, 20)
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as w:
        w.write("# sklearn %s PCA(svd_solver='full'); made by sklearn_fixtures.py\n" % sklearn.__version__)
        pca_case(w, a.astype(np.float32), 3)
        pca_case(w, b.astype(np.float32), 2)


if __name__ == "__main__":
    data_dir, out_dir = sys.argv[1], sys.argv[2]
    tfidf(data_dir, os.path.join(out_dir, "tfidf_lee_background.txt.gz"))
    pca(os.path.join(out_dir, "pca.txt.gz"))
