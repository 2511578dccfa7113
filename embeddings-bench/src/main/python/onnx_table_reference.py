"""Reference for ModelFileBenchmark.onnxOpenAndReadWordTable: the onnx package (Debian python3-onnx) loading the
same all-MiniLM-L6-v2 file and turning its word table into a numpy array.

Usage: /usr/bin/python3 onnx_table_reference.py all-minilm-l6-v2.onnx [REPEATS]
Prints the mean and minimum milliseconds of onnx.load + numpy_helper.to_array over REPEATS runs (default 5) after
one warm-up run.
"""
import sys
import time

import onnx
from onnx import numpy_helper

path = sys.argv[1]
repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 5


def once():
    model = onnx.load(path)
    init = next(i for i in model.graph.initializer if i.name == "embeddings.word_embeddings.weight")
    return numpy_helper.to_array(init)


once()
times = []
for _ in range(repeats):
    t0 = time.perf_counter()
    table = once()
    times.append((time.perf_counter() - t0) * 1000)
print(f"onnx.load + to_array {table.shape} {table.dtype}: mean {sum(times) / len(times):.1f} ms, "
      f"min {min(times):.1f} ms over {repeats} runs")
