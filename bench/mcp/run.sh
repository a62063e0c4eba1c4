#!/usr/bin/env bash
# MCP overhead benchmark (issue 6): `tools/call get_credit_balance` over the MCP endpoint next to the
# plain HTTP `GET /api/v1/credits` answering the same question, with the same API key, in the same
# run on the same server; wrk for both (interleaved rounds), req/s and p99 and their ratios.
# Target: MCP costs at most 2× the plain endpoint (req/s ratio and p99 ratio ≤ 2).
#
# One command:   bench/mcp/run.sh
# Environment:   BENCH_DURATION (s per measured run, 15), BENCH_WARMUP (s, 10), BENCH_ROUNDS (2),
#                BENCH_THREADS (2), BENCH_CONNECTIONS (32), BENCH_JAVA, BENCH_REBUILD=1
set -Eeuo pipefail
trap 'echo "[mcp bench] ERROR: line $LINENO: \"$BASH_COMMAND\" failed" >&2' ERR

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
JAVA=${BENCH_JAVA:-$(find /usr/lib/jvm -maxdepth 1 -name '*25*' -type d | sort -rV | head -1)/bin/java}
JAR=target/switchboard-0.1.0-SNAPSHOT.jar
DURATION=${BENCH_DURATION:-15}
WARMUP=${BENCH_WARMUP:-10}
ROUNDS=${BENCH_ROUNDS:-2}
THREADS=${BENCH_THREADS:-2}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
TS=$(date -u +%Y%m%dT%H%M%SZ)
RUN=bench/out/mcp-run-$TS
RESULTS=bench/out/mcp-results-$TS.txt
mkdir -p "$RUN"

log() { printf '[mcp bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

command -v wrk >/dev/null || sudo apt-get install -y wrk
command -v jq >/dev/null || sudo apt-get install -y jq
if [ ! -f "$JAR" ] || [ "${BENCH_REBUILD:-0}" = 1 ]; then
  log "building the jar"
  ./mvnw -B -q -DskipTests -Dskip.frontend=true -Dskip.browser-check=true package
fi
cp "$JAR" "$RUN/switchboard.jar"   # a concurrent build can't swap it mid-run

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BASE=http://127.0.0.1:$PORT
log "starting the server on $PORT (data dir $RUN/data)"
SWITCHBOARD_BOOTSTRAP_ADMIN_EMAIL=bench@bench.test SWITCHBOARD_BOOTSTRAP_ADMIN_PASSWORD=bench-password-1 \
  "$JAVA" -Xmx1g -jar "$RUN/switchboard.jar" --server.port="$PORT" --switchboard.data-dir="$RUN/data" \
  --logging.level.root=WARN >"$RUN/server.log" 2>&1 &
SERVER=$!
stop() {
  if kill -0 "$SERVER" 2>/dev/null; then
    kill -TERM "$SERVER"
    for _ in $(seq 1 120); do kill -0 "$SERVER" 2>/dev/null || break; sleep 1; done
  fi
}
trap stop EXIT
for _ in $(seq 1 360); do
  curl -fs "$BASE/actuator/health" 2>/dev/null | grep -q UP && break
  kill -0 "$SERVER" 2>/dev/null || { tail -50 "$RUN/server.log"; exit 1; }
  sleep 0.5
done

TOKEN=$(curl -fs -H 'Content-Type: application/json' -d '{"email":"bench@bench.test","password":"bench-password-1"}' \
  "$BASE/api/v1/auth/login" | jq -r .accessToken)
KEY=$(curl -fs -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" \
  -d '{"name":"mcp bench","scopes":["read"],"tools":["get_credit_balance"]}' "$BASE/api/v1/api-keys" | jq -r .key)

BODY='{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"get_credit_balance","arguments":{}}}'
# both answer 200 with the balance before wrk measures anything (no fast 401s or tool errors)
curl -fs -H "Authorization: Bearer $KEY" "$BASE/api/v1/credits" | jq -e '.availableMinor != null' >/dev/null
curl -fs -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
  -H 'Accept: application/json, text/event-stream' -H 'MCP-Protocol-Version: 2025-11-25' \
  -d "$BODY" "$BASE/mcp" | jq -e '.result.isError == false and .result.structuredContent.available_minor != null' >/dev/null

cat >"$RUN/mcp.lua" <<LUA
wrk.method = "POST"
wrk.body = '$BODY'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json, text/event-stream"
wrk.headers["MCP-Protocol-Version"] = "2025-11-25"
wrk.headers["Authorization"] = "Bearer $KEY"
LUA
cat >"$RUN/plain.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $KEY"
LUA

measure() { # name script url seconds → wrk output in $RUN/<name>.txt
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$4s" --latency -s "$2" "$3" >"$RUN/$1.txt"
  if grep -qE 'Non-2xx|Socket errors' "$RUN/$1.txt"; then grep -E 'Non-2xx|Socket errors' "$RUN/$1.txt" >&2; fi
}
rps() { awk '/Requests\/sec/ {print $2}' "$1"; }
p99_ms() { awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub("us","",v); v/=1000} else if (v ~ /ms$/) {sub("ms","",v)} else if (v ~ /s$/) {sub("s","",v); v*=1000}; print v}' "$1"; }

log "warm-up ${WARMUP}s per endpoint"
measure warm-plain "$RUN/plain.lua" "$BASE/api/v1/credits" "$WARMUP"
measure warm-mcp "$RUN/mcp.lua" "$BASE/mcp" "$WARMUP"
declare -a PR=() PP=() MR=() MP=()
for round in $(seq 1 "$ROUNDS"); do
  log "round $round: plain, then MCP (${DURATION}s each)"
  measure "plain-$round" "$RUN/plain.lua" "$BASE/api/v1/credits" "$DURATION"
  measure "mcp-$round" "$RUN/mcp.lua" "$BASE/mcp" "$DURATION"
  PR+=("$(rps "$RUN/plain-$round.txt")"); PP+=("$(p99_ms "$RUN/plain-$round.txt")")
  MR+=("$(rps "$RUN/mcp-$round.txt")"); MP+=("$(p99_ms "$RUN/mcp-$round.txt")")
done
avg() { printf '%s\n' "$@" | awk '{s+=$1} END {printf "%.1f", s/NR}'; }
plain_rps=$(avg "${PR[@]}"); plain_p99=$(avg "${PP[@]}"); mcp_rps=$(avg "${MR[@]}"); mcp_p99=$(avg "${MP[@]}")
rps_ratio=$(awk -v a="$plain_rps" -v b="$mcp_rps" 'BEGIN {printf "%.2f", a/b}')
p99_ratio=$(awk -v a="$mcp_p99" -v b="$plain_p99" 'BEGIN {printf "%.2f", a/b}')
verdict() { awk -v r="$1" 'BEGIN {print (r <= 2.0 ? "PASS" : "MISS")}'; }
{
  echo "MCP overhead, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "wrk -t$THREADS -c$CONNECTIONS, ${DURATION}s × $ROUNDS interleaved rounds after ${WARMUP}s warm-up; same API key (read, limited to get_credit_balance)"
  printf '%-44s %10s %10s\n' "endpoint" "req/s" "p99 ms"
  printf '%-44s %10s %10s\n' "GET /api/v1/credits (plain HTTP)" "$plain_rps" "$plain_p99"
  printf '%-44s %10s %10s\n' "POST /mcp tools/call get_credit_balance" "$mcp_rps" "$mcp_p99"
  echo "plain req/s ÷ MCP req/s: $rps_ratio ($(verdict "$rps_ratio"), target ≤ 2)"
  echo "MCP p99 ÷ plain p99:     $p99_ratio ($(verdict "$p99_ratio"), target ≤ 2)"
  echo "per round (plain rps/p99, mcp rps/p99): ${PR[*]} / ${PP[*]} ; ${MR[*]} / ${MP[*]}"
} | tee "$RESULTS"
for f in "$RUN"/plain-*.txt "$RUN"/mcp-*.txt; do echo "--- $f"; cat "$f"; done >>"$RESULTS"
log "results in $RESULTS"
