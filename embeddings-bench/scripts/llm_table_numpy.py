#!/usr/bin/env python3
"""Reference for LlmTableBenchmark: the same model folder opened the way Python does without torch.

Parses the safetensors header with json, maps the bfloat16 table with numpy.memmap (numpy has no bfloat16,
so the rows are widened to float32 by a 16-bit shift, as safetensors' numpy loader cannot do it either), reads
the vocabulary from tokenizer.json, and answers the 10 nearest tokens of 'Ġking' by cosine (matmul over the
151,665 token rows + argpartition). Prints the open + first query time (cold Python process, warm page cache)
and the per-query time on the open table.

usage: llm_table_numpy.py MODEL_DIR [REPEATS]
"""
import json
import struct
import sys
import time

import numpy as np


def open_and_query(d):
    t0 = time.perf_counter()
    with open(f"{d}/model.safetensors", "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
    e = header["model.embed_tokens.weight"]
    rows, dim = e["shape"]
    b, _ = e["data_offsets"]
    raw = np.memmap(f"{d}/model.safetensors", dtype=np.uint16, mode="r", offset=8 + n + b, shape=(rows, dim))
    table = (raw.astype(np.uint32) << 16).view(np.float32)
    norms = np.linalg.norm(table, axis=1)
    with open(f"{d}/tokenizer.json", encoding="utf-8") as f:
        tok = json.load(f)
    vocab = tok["model"]["vocab"]
    size = max(max(vocab.values()), max(a["id"] for a in tok["added_tokens"])) + 1
    q_id = vocab["Ġking"]
    top = query(table, norms, size, table[q_id], q_id)
    return time.perf_counter() - t0, table, norms, size, q_id, top


def query(table, norms, size, q, exclude):
    scores = (table[:size] @ q) / (norms[:size] * np.linalg.norm(q) + 1e-30)
    scores[exclude] = -np.inf
    idx = np.argpartition(-scores, 10)[:10]
    return idx[np.argsort(-scores[idx])]


def main():
    d = sys.argv[1]
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    secs, table, norms, size, q_id, top = open_and_query(d)
    print(f"numpy open + first query: {secs * 1000:.0f} ms (top ids {top[:3].tolist()})")
    q = table[q_id].copy()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        query(table, norms, size, q, q_id)
        times.append(time.perf_counter() - t0)
    print(f"numpy nearest-token query: {min(times) * 1000:.1f} ms min, {np.mean(times) * 1000:.1f} ms mean "
          f"of {repeats}")


if __name__ == "__main__":
    main()
