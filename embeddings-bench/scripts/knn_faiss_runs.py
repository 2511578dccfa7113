#!/usr/bin/env python3
"""FAISS IndexFlatIP batch search timed run by run, for knn-batch-vs-faiss.sh.

The same table as ../shared/anchors/knn_faiss.py (numpy default_rng(0), standard normal rows normalized with
faiss.normalize_L2), but where the anchor prints only its best of 5 this prints every timed run, so that the
best and the median can be set against the same statistics of a JMH single-shot run. One untimed search first.

usage: knn_faiss_runs.py ROWS DIM THREADS K QUERIES RUNS
prints: faiss_ms <run 1> <run 2> ...   (ms per batch)
"""
import sys
import time

import faiss
import numpy as np

rows, dim, threads, k, queries, runs = (int(a) for a in sys.argv[1:7])
faiss.omp_set_num_threads(threads)
rng = np.random.default_rng(0)
table = rng.standard_normal((rows, dim), dtype=np.float32)
faiss.normalize_L2(table)
index = faiss.IndexFlatIP(dim)
index.add(table)
batch = table[rng.integers(0, rows, queries)].copy()
index.search(batch, k)
times = []
for _ in range(runs):
    start = time.perf_counter()
    index.search(batch, k)
    times.append((time.perf_counter() - start) * 1e3)
print("faiss_ms " + " ".join(f"{t:.1f}" for t in times))
