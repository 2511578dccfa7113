#!/usr/bin/env bash
# word2vec side by side: trains ours (skip-gram and CBOW), the C tool, gensim and fastText on the benchmark
# corpus with the same settings (dim 100, window 5, negative 5, sample 1e-3, min count 5), times each, scores
# every output with w2v_eval.py (gensim's evaluators) and ours also with core's evaluators, measures our peak
# live heap during training, and prints one table.
# Usage (from the repository root): embeddings-bench/scripts/w2v-side-by-side.sh [OUTDIR] [EPOCHS] [THREADS] [TOOLS]
#   TOOLS: anchors to run, default "c_sg c_cbow gensim_sg gensim_cbow ft_sg ft_cbow".
# Timed part runs under `flock /tmp/bench.lock`. Env: SHARED (default ../shared beside the repository),
# CORPUS (default /tmp/bench-corpus.txt, built if missing).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SHARED=${SHARED:-$(cd "$ROOT/.." && pwd)/shared}
OUT=${1:-/tmp/w2v-side-by-side}; EPOCHS=${2:-5}; THREADS=${3:-2}
TOOLS=${4:-c_sg c_cbow gensim_sg gensim_cbow ft_sg ft_cbow}
CORPUS=${CORPUS:-/tmp/bench-corpus.txt}
[ -s "$CORPUS" ] || bash "$SHARED/anchors/make_bench_corpus.sh" "$CORPUS"
JAR=$ROOT/embeddings-bench/target/benchmarks.jar
[ -s "$JAR" ] || (cd "$ROOT" && ./mvnw -q -B -ntp -pl embeddings-bench -am package -DskipTests)
rm -rf "$OUT"; mkdir -p "$OUT"
JAVA=(java --add-modules jdk.incubator.vector -cp "$JAR" io.github.embeddings4j.bench.Word2VecBench)
flock /tmp/bench.lock bash -c '
  set -euo pipefail
  "$@" > "'"$OUT"'/ours.txt" 2> "'"$OUT"'/ours.log"
  ITER='"$EPOCHS"' bash "'"$SHARED"'/anchors/w2v_anchors.sh" "'"$CORPUS"'" "'"$OUT"'" '"$THREADS $TOOLS"'
' _ "${JAVA[@]}" "$CORPUS" "$OUT" "$SHARED/data" sg,cbow "$EPOCHS" "$THREADS"
# Memory: untimed, one epoch, a full GC at each progress report.
"${JAVA[@]}" "$CORPUS" "$OUT/mem" "$SHARED/data" sg-mem,cbow-mem 1 "$THREADS" > "$OUT/mem.txt" 2> "$OUT/mem.log"
/usr/bin/python3 "$SHARED/anchors/w2v_eval.py" "$SHARED/data" "$OUT"/ours_sg.txt "$OUT"/ours_cbow.txt \
  $(for t in $TOOLS; do echo "$OUT/$t.txt"; done) 2>/dev/null > "$OUT/eval.txt"
# Seconds per tool: ours from ours.txt, the anchors from times.txt.
sed -n 's/^\(ours_[a-z]*\) seconds=\([0-9.]*\).*/\1 \2/p' "$OUT/ours.txt" > "$OUT/all-times.txt"
cat "$OUT/times.txt" >> "$OUT/all-times.txt"
echo "== ours, core evaluators"; cat "$OUT/ours.txt"
echo "== ours, peak live heap during training (1 epoch)"; cat "$OUT/mem.txt"
echo "== side by side (w2v_eval.py); ratio = seconds / C seconds of the same mode; $EPOCHS epochs, $THREADS threads"
awk 'NR == FNR { t[$1] = $2; next }
  { name = $1; sub(/\.txt$/, "", name); mode = name ~ /cbow/ ? "cbow" : "sg"
    c = t["c_" mode]; r = c > 0 ? sprintf("%.2f", t[name] / c) : "-"
    line = $0; sub(/^[^ ]+ +/, "", line)
    printf "%-12s seconds=%7.1f ratio_vs_C=%5s %s\n", name, t[name], r, line }' \
  "$OUT/all-times.txt" "$OUT/eval.txt"
