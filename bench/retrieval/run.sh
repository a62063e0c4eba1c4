#!/usr/bin/env bash
# Retrieval benchmark of the knowledge module on a BEIR folder (corpus.jsonl, queries.jsonl,
# qrels/test.tsv): nDCG@10 and Recall@100 of BM25, dense and hybrid, embedding throughput, query
# p50/p95 per mode, peak heap, and search p95 on a 100,000-chunk index next to a TermQuery baseline.
#   bench/retrieval/run.sh [beir-folder] [scale-chunks]
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${1:-/work/shared/data/nfcorpus}
SCALE=${2:-100000}
JAVA=${BENCH_JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
[[ -x $JAVA ]] || JAVA=$(find /usr/lib/jvm -maxdepth 3 -path '*25*' -name java -type f | head -n1)
[[ -x $JAVA ]] || { echo "JDK 25 not found (set BENCH_JAVA)" >&2; exit 1; }
for f in corpus.jsonl queries.jsonl qrels/test.tsv; do
  [[ -f $DATA/$f ]] || { echo "$DATA/$f missing: not a BEIR folder" >&2; exit 1; }
done

./mvnw -B -q -Dskip.frontend=true -Dskip.browser-check=true test-compile
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-retrieval.classpath >/dev/null
mkdir -p bench/out
OUT=bench/out/retrieval-$(date +%Y%m%d-%H%M%S).txt
echo "$(nproc) cores, $("$JAVA" -version 2>&1 | head -n1)" | tee "$OUT"
"$JAVA" -Xmx2g --add-modules jdk.incubator.vector -XX:+UseParallelGC \
  -cp "target/test-classes:target/classes:$(cat target/bench-retrieval.classpath)" \
  io.switchboard.knowledge.internal.RetrievalBenchmark "$DATA" "$SCALE" target/bench-retrieval 2>&1 \
  | grep --line-buffered -v -e 'WARNING: Using incubator modules' | tee -a "$OUT"
echo "written to $OUT"
