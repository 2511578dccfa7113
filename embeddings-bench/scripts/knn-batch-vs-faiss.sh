#!/usr/bin/env bash
# Batch kNN side by side: 256 queries, exact top-10 inner product over 151,936 x 1,536 random unit rows, at one
# thread count, alternating in rounds: FAISS IndexFlatIP as installed, FAISS with OpenBLAS's kernels forced to
# FORCE_CORETYPE (OpenBLAS 0.3.21 does not recognise AMD Zen 5 and falls back to AVX2 kernels; forcing SkylakeX
# gives it AVX-512, FAISS at its best), and ours (NearestNeighbors.searchBatch and BatchIndex.searchBatch, JMH
# single shot). Every side is timed run by run; the summary gives each side's best and median per round.
# Usage (from the repository root): embeddings-bench/scripts/knn-batch-vs-faiss.sh [ROUNDS] [THREADS] [RUNS]
# Env: FORCE_CORETYPE (default SkylakeX; empty skips that side), JAVA (default java), JAR (default the
# benchmarks jar, built if missing), OUT (default /tmp/knn-batch-vs-faiss). Each round runs under
# `flock /tmp/bench.lock`; OpenBLAS is pinned to one thread, as FAISS's own threads do the splitting.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
ROUNDS=${1:-3}; THREADS=${2:-1}; RUNS=${3:-10}
FORCE_CORETYPE=${FORCE_CORETYPE-SkylakeX}
JAVA=${JAVA:-java}
JAR=${JAR:-$ROOT/embeddings-bench/target/benchmarks.jar}
OUT=${OUT:-/tmp/knn-batch-vs-faiss}
[ -s "$JAR" ] || (cd "$ROOT" && ./mvnw -q -B -ntp -pl embeddings-bench -am package -DskipTests)
mkdir -p "$OUT"
faiss() {
  env OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 "$@" /usr/bin/python3 "$ROOT/embeddings-bench/scripts/knn_faiss_runs.py" \
    151936 1536 "$THREADS" 10 256 "$RUNS"
}
# Prints "best median" of the numbers on stdin.
stats() {
  sort -n | awk '{ v[NR] = $1 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%7.0f %7.0f", v[1], m }'
}
# Best and median of the FAISS side whose "== $1" header opens its block in log $2.
faissStats() { sed -n "/^== $1/,/^==/s/^faiss_ms //p" "$2" | tr ' ' '\n' | stats; }
row() { printf "%-6s %-5s %-32s %7s %7s\n" "$@"; }
row round time side best median
exec {lock}> /tmp/bench.lock
for r in $(seq 1 "$ROUNDS"); do
  log=$OUT/round-$r.log
  flock "$lock"
  {
    echo "== faiss as installed"
    faiss
    if [ -n "$FORCE_CORETYPE" ]; then
      echo "== faiss OPENBLAS_CORETYPE=$FORCE_CORETYPE"
      faiss OPENBLAS_CORETYPE="$FORCE_CORETYPE"
    fi
    echo "== ours"
    "$JAVA" -jar "$JAR" 'KnnBenchmark.search(Index)?$' -p queries=256 -p dtype=F32 -p threads="$THREADS" \
      -bm ss -wi 3 -i "$RUNS" -f 1 -tu ms
  } > "$log" 2>&1
  flock -u "$lock"
  when=$(date +%H:%M)
  row "$r" "$when" "FAISS as installed" $(faissStats "faiss as installed" "$log")
  [ -z "$FORCE_CORETYPE" ] || row "$r" "$when" "FAISS, OPENBLAS_CORETYPE=$FORCE_CORETYPE" \
    $(faissStats "faiss OPENBLAS_CORETYPE" "$log")
  for b in search searchIndex; do
    row "$r" "$when" "ours, ${b/searchIndex/BatchIndex}" $(awk -v b="$b" \
      '/^# Benchmark: / { on = $3 ~ ("KnnBenchmark\\." b "$") } on && /^Iteration / { print $3 }' "$log" | stats)
  done
done
echo "(ms per batch of 256 queries, $THREADS thread(s), $RUNS timed runs per side; logs in $OUT)"
