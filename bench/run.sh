#!/usr/bin/env bash
# Switchboard benchmark: cold start to healthy, HTTP throughput/latency of authenticated
# requests, and a PostgreSQL baseline measured on the same embedded database.
#
# One command, from anywhere:  bench/run.sh
# Tunables (environment):      see bench/README.md, or the "Settings" block below.
#
# Every figure is printed next to a baseline taken in the same run on the same machine
# (wrk and the server share the cores, so absolute numbers move between runs; ratios move less).
set -Eeuo pipefail
# set -e alone exits silently; say which command failed.
trap 'log "ERROR: line $LINENO: \"$BASH_COMMAND\" failed (exit $?)"' ERR

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$ROOT/bench/out
TS=$(date -u +%Y%m%dT%H%M%SZ)
RESULTS=$OUT/results-$TS.txt
RUN=$OUT/run-$TS                  # one dir per run (two runs at once must not wipe each other)
DATA=$RUN/data                    # fresh SWITCHBOARD_DATA_DIR, so the first start really is first
AOT_CACHE=$RUN/app.aot            # rebuilt every run: a cache is only valid for the exact jar + JDK

# ---- Settings ---------------------------------------------------------------------------------
JAVA=${BENCH_JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JAR=${BENCH_JAR:-$ROOT/target/switchboard-0.1.0-SNAPSHOT.jar}   # another build to compare, if set
RUN_JAR=$RUN/switchboard.jar             # private copy: a concurrent build can't swap it mid-run
APP_JAR=$RUN/app/switchboard.jar           # Spring Boot's extracted layout of that copy
DURATION=${BENCH_DURATION:-20}             # seconds per measured wrk run and for pgbench -T
WARMUP=${BENCH_WARMUP:-10}                 # seconds of wrk per endpoint before measuring (JIT)
THREADS=${BENCH_THREADS:-2}                # wrk -t
CONNECTIONS=${BENCH_CONNECTIONS:-32}       # wrk -c
START_RUNS=${BENCH_START_RUNS:-3}          # repeated cold starts per variant (median reported)
PGBENCH_SCALE=${BENCH_PGBENCH_SCALE:-10}
PGBENCH_CLIENTS=${BENCH_PGBENCH_CLIENTS:-16}
PGBENCH_JOBS=${BENCH_PGBENCH_JOBS:-2}
JVM_OPTS=${BENCH_JVM_OPTS:--Xmx1g}         # used for every start so the variants stay comparable
START_TIMEOUT=${BENCH_START_TIMEOUT:-180}  # seconds to wait for UP
STOP_TIMEOUT=${BENCH_STOP_TIMEOUT:-180}    # seconds to wait for exit (AOT assembly happens here)
PORT=${BENCH_PORT:-}                       # empty: a free port from 18080-18300
REBUILD=${BENCH_REBUILD:-0}                # 1: rebuild the jar even if it exists
KEEP=${BENCH_KEEP:-0}                      # 1: keep data dir, jars and AOT cache (~600 MB) after success
WAIT_IDLE=${BENCH_WAIT_IDLE:-120}          # seconds to wait, before each measurement, for other CPU load to stop

ADMIN_EMAIL=bench@bench.test
ADMIN_PASSWORD=bench-password-$$-ok        # fresh data dir, so any 10+ char password works

# Targets from the issue.
TARGET_RPS=5000
TARGET_P99_MS=20
TARGET_START_MS=8000

read -r -a JVM_OPTS_ARR <<<"$JVM_OPTS"
SERVER_PID=""
declare -A R=()                            # every measured figure, by name

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# CPU ticks used so far by every process that is not this benchmark's, as "pid ticks" lines.
# Ours: this shell and its children (server, wrk, pgbench), the server's children (initdb, the
# AOT assembly JVM) and our PostgreSQL (postmaster on our data dir, and its backends).
others_ticks() {
  local pm=0
  [[ -f $DATA/postgres/postmaster.pid ]] && pm=$(head -n1 "$DATA/postgres/postmaster.pid" 2>/dev/null)
  # cat fails when a process exits between the glob and the read: that is expected here.
  { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v me=$$ -v srv="${SERVER_PID:-0}" -v pm="${pm:-0}" '{
    i = length($0); while (i > 0 && substr($0, i, 1) != ")") i--   # comm may contain spaces
    split(substr($0, i + 2), f, " ")                                # f[2] ppid, f[12] utime, f[13] stime
    pid = $1 + 0; ppid = f[2] + 0
    if (pid == me || ppid == me || (srv > 0 && (pid == srv || ppid == srv)) || (pm > 0 && (pid == pm || ppid == pm))) next
    print pid, f[12] + f[13] }'
}

# others_begin / others_end <name>: R[other_<name>] = share of the whole machine (%) that other
# processes used during the measurement. The check before a measurement can't see a build that
# starts halfway through it; this can (short-lived processes that end inside the window escape).
others_begin() {
  others_ticks >"$RUN/cpu-others-$1.before"
  OTHERS_T0=$(now_ms)
}
others_end() {
  local ms=$(( $(now_ms) - OTHERS_T0 ))
  others_ticks >"$RUN/cpu-others-$1.after"
  R[other_$1]=$(awk -v ms="$ms" -v hz="$(getconf CLK_TCK)" -v n="$(nproc)" '
    NR == FNR { before[$1] = $2; next }
    { d = $2 - (($1 in before) ? before[$1] : 0); if (d > 0) ticks += d }
    END { printf "%.0f", (ms > 0 ? 100 * ticks / hz / (ms / 1000) / n : 0) }' "$RUN/cpu-others-$1.before" "$RUN/cpu-others-$1.after")
  rm -f "$RUN/cpu-others-$1.before" "$RUN/cpu-others-$1.after"
}

# Before each measurement: wait (up to BENCH_WAIT_IDLE s) until other processes leave the machine
# alone (<= 20 % of it over 1 s), and remember what they took (R[bg_<name>]) for the report.
# Builds and test suites on the same 2 cores would otherwise halve a figure unnoticed.
background_check() {
  local name=$1 pct deadline=$(( $(now_ms) + WAIT_IDLE * 1000 )) announced=0
  while :; do
    others_begin "idle_$name"
    sleep 1
    others_end "idle_$name"
    pct=${R[other_idle_$name]}
    (( pct > 20 && $(now_ms) < deadline )) || break
    if (( ! announced )); then
      log "other processes are using ${pct}% of the CPU before [$name]; waiting up to ${WAIT_IDLE}s for them to stop"
      announced=1
    fi
    sleep 4
  done
  R[bg_$name]=$pct
  if (( pct > 20 )); then
    log "warning: other processes still use ${pct}% of the CPU before [$name]; measuring anyway, the figure will be low"
  fi
}

# ---- Cleanup ----------------------------------------------------------------------------------
# The JVM stops its embedded PostgreSQL on SIGTERM. Only if the JVM had to be killed do we stop
# the postmaster ourselves (it is ours: it runs on our data dir).
stop_leftover_postgres() {
  local pidfile=$DATA/postgres/postmaster.pid pid
  [[ -f $pidfile ]] || return 0
  pid=$(head -n1 "$pidfile" 2>/dev/null || true)
  [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 0
  [[ $(cat "/proc/$pid/comm" 2>/dev/null) == postgres ]] || return 0
  # The JVM may exit a moment before its shutdown of PostgreSQL completes: give that 10 s.
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  log "PostgreSQL (pid $pid) outlived the server; asking it to stop (fast shutdown)"
  kill -INT "$pid" 2>/dev/null || true
  for _ in $(seq 1 200); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  log "PostgreSQL (pid $pid) still running after 20 s"
}

cleanup() {
  local rc=$?
  trap - EXIT
  if [[ -n $SERVER_PID ]]; then
    log "cleanup: stopping server (pid $SERVER_PID)"
    stop_server 30 || true
  fi
  stop_leftover_postgres || true
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---- Preflight --------------------------------------------------------------------------------
apt_install() {
  local sudo=""
  [[ $(id -u) == 0 ]] || sudo="sudo"
  log "installing $* with apt-get"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null 2>&1 \
    || { $sudo apt-get update -q >/dev/null && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null; }
}

preflight() {
  command -v wrk >/dev/null || apt_install wrk
  command -v curl >/dev/null || apt_install curl
  command -v jq >/dev/null || apt_install jq
  command -v psql >/dev/null || apt_install postgresql-client
  # On Debian pgbench ships with the server package (postgresql-NN), pulled in by -contrib.
  command -v pgbench >/dev/null || apt_install postgresql-contrib
  for tool in wrk curl jq psql pgbench ss; do
    command -v "$tool" >/dev/null || die "$tool is required and could not be installed"
  done
  [[ -x $JAVA ]] || die "JDK 25 not found at $JAVA (set BENCH_JAVA)"
  "$JAVA" -XX:+PrintFlagsFinal -version 2>/dev/null | grep -q AOTCacheOutput \
    || die "$JAVA has no -XX:AOTCacheOutput (JDK 25+ needed)"
  [[ $KEEP =~ ^[01]$ ]] || die "BENCH_KEEP must be 0 or 1"
  [[ $WAIT_IDLE =~ ^[0-9]+$ ]] || die "BENCH_WAIT_IDLE must be a number of seconds"
  for n in DURATION WARMUP THREADS CONNECTIONS START_RUNS PGBENCH_SCALE PGBENCH_CLIENTS PGBENCH_JOBS; do
    [[ ${!n} =~ ^[1-9][0-9]*$ ]] || die "BENCH_$n must be a positive integer (got '${!n}')"
  done
}

build_jar() {
  if [[ -n ${BENCH_JAR:-} ]]; then
    [[ -f $JAR ]] || die "BENCH_JAR=$JAR does not exist"
    return
  fi
  if [[ -f $JAR && $REBUILD != 1 ]]; then
    # Not rebuilt automatically (the lead may be mid-edit), but say so when it looks stale.
    if [[ -n $(find "$ROOT/src/main" "$ROOT/pom.xml" -newer "$JAR" -type f -print -quit) ]]; then
      log "note: $JAR is older than src/main or pom.xml; BENCH_REBUILD=1 rebuilds it"
    fi
    return
  fi
  log "building the jar (frontend and browser check skipped: the bench never loads the dashboard)"
  (cd "$ROOT" && ./mvnw -B -q -DskipTests -Dskip.frontend=true -Dskip.browser-check=true package)
  [[ -f $JAR ]] || die "build finished but $JAR is missing"
}

pick_port() {
  if [[ -n $PORT ]]; then return; fi
  # Start at a pid-dependent offset so two runs at once don't race for the same port.
  local first=$(( 18080 + $$ % 100 ))
  for p in $(seq "$first" 18300); do
    if [[ -z $(ss -Htln "sport = :$p") ]]; then PORT=$p; return; fi
  done
  die "no free port in $first-18300 (set BENCH_PORT)"
}

# ---- Server lifecycle -------------------------------------------------------------------------
BASE=""  # http://127.0.0.1:PORT, set in main

# start_server <log file> <jar> [extra JVM options...]  -> SERVER_PID, LAUNCH_MS
start_server() {
  local logfile=$1 jar=$2
  shift 2
  [[ -z $(ss -Htln "sport = :$PORT") ]] || die "port $PORT is taken by another process"
  LAUNCH_MS=$(now_ms)
  SWITCHBOARD_DATA_DIR=$DATA SERVER_PORT=$PORT \
    SWITCHBOARD_BOOTSTRAP_ADMIN_EMAIL=$ADMIN_EMAIL SWITCHBOARD_BOOTSTRAP_ADMIN_PASSWORD=$ADMIN_PASSWORD \
    "$JAVA" "${JVM_OPTS_ARR[@]}" "$@" -jar "$jar" >"$logfile" 2>&1 &
  SERVER_PID=$!
}

# Poll /actuator/health every 50 ms; STARTUP_MS = launch to first {"status":"UP"}.
wait_healthy() {
  local logfile=$1 deadline=$(( $(now_ms) + START_TIMEOUT * 1000 ))
  while :; do
    if curl -fsS -m 1 "$BASE/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; then
      STARTUP_MS=$(( $(now_ms) - LAUNCH_MS ))
      return
    fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      tail -n 40 "$logfile" >&2 || true
      die "server exited before becoming healthy (log: $logfile)"
    fi
    (( $(now_ms) < deadline )) || { tail -n 40 "$logfile" >&2; die "not UP after ${START_TIMEOUT}s"; }
    sleep 0.05
  done
}

# SIGTERM and wait: a graceful stop is what writes the AOT cache and stops PostgreSQL cleanly.
stop_server() {
  local timeout=${1:-$STOP_TIMEOUT} pid=$SERVER_PID
  [[ -n $pid ]] || return 0
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$(( $(now_ms) + timeout * 1000 ))
  while kill -0 "$pid" 2>/dev/null; do
    if (( $(now_ms) > deadline )); then
      log "server (pid $pid) ignored SIGTERM for ${timeout}s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.1
  done
  wait "$pid" 2>/dev/null || true   # exit status 143 (SIGTERM) is the normal case
  SERVER_PID=""
  stop_leftover_postgres
}

# measure_start <label> <runs> <jar> [JVM options...] -> R[start_<label>] (median), _min, _max
measure_start() {
  local label=$1 runs=$2 jar=$3 i
  shift 3
  local times=()
  local bg_max=0 other_max=0
  for i in $(seq 1 "$runs"); do
    local logfile=$RUN/start-$label-$i.log
    background_check "start_${label}_$i"
    (( R[bg_start_${label}_$i] <= bg_max )) || bg_max=${R[bg_start_${label}_$i]}
    others_begin "start_${label}_$i"
    start_server "$logfile" "$jar" "$@"
    wait_healthy "$logfile"
    others_end "start_${label}_$i"
    times+=("$STARTUP_MS")
    (( R[other_start_${label}_$i] <= other_max )) || other_max=${R[other_start_${label}_$i]}
    log "start [$label] #$i: ${STARTUP_MS} ms to UP (other processes used ${R[other_start_${label}_$i]}% of the CPU meanwhile)"
    stop_server
  done
  R[start_${label}]=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}')
  R[start_${label}_min]=$(printf '%s\n' "${times[@]}" | sort -n | head -n1)
  R[start_${label}_max]=$(printf '%s\n' "${times[@]}" | sort -n | tail -n1)
  R[start_${label}_all]=${times[*]}
  R[bg_start_$label]=$bg_max
  R[other_start_$label]=$other_max
}

# ---- API helpers ------------------------------------------------------------------------------
# POST JSON, expect a 2xx, print the body.
post_json() {
  local path=$1 body=$2 auth=${3:-} code
  local args=(-sS -m 10 -o "$RUN/last-response.json" -w '%{http_code}' -H 'Content-Type: application/json' -d "$body")
  [[ -z $auth ]] || args+=(-H "Authorization: Bearer $auth")
  code=$(curl "${args[@]}" "$BASE$path") || return 1
  [[ $code == 2* ]] || { log "POST $path -> $code: $(head -c 300 "$RUN/last-response.json")"; return 1; }
  cat "$RUN/last-response.json"
}

# The bootstrap admin is created right after the web server is up, so health can be UP a moment
# before the account exists: retry the login briefly.
login() {
  local body i
  body=$(jq -nc --arg e "$ADMIN_EMAIL" --arg p "$ADMIN_PASSWORD" '{email: $e, password: $p}')
  for i in $(seq 1 60); do
    if TOKEN=$(post_json /api/v1/auth/login "$body" 2>/dev/null | jq -er .accessToken); then return; fi
    sleep 0.5
  done
  die "login as $ADMIN_EMAIL failed"
}

create_api_key() {
  API_KEY=$(post_json /api/v1/api-keys '{"name":"bench","scopes":["read"]}' "$TOKEN" | jq -er .key) \
    || die "could not create an API key"
}

# GET /me once and check it answers 200 with the expected kind of authentication, so wrk below
# never measures a fast 401.
check_me() {
  local cred=$1 expect=$2 code
  code=$(curl -sS -m 10 -o "$RUN/me-$expect.json" -w '%{http_code}' -H "Authorization: Bearer $cred" "$BASE/api/v1/me")
  [[ $code == 200 ]] || die "/me with $expect answered $code: $(head -c 300 "$RUN/me-$expect.json")"
  [[ $(jq -r .authentication "$RUN/me-$expect.json") == "$expect" ]] || die "/me did not report authentication=$expect"
}

# Training workload for the AOT cache: the same paths the server serves in production use.
training_traffic() {
  local i
  login
  create_api_key
  for i in $(seq 1 30); do
    curl -fsS -o /dev/null "$BASE/api/v1/system/ping"
    curl -fsS -o /dev/null -H "Authorization: Bearer $API_KEY" "$BASE/api/v1/me"
    curl -fsS -o /dev/null -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/me"
    curl -fsS -o /dev/null "$BASE/actuator/health"
  done
}

# ---- wrk ----------------------------------------------------------------------------------------
# wrk prints latencies as e.g. 812.00us, 13.15ms, 1.43s, 1.02m
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v; sub(/[a-z]+$/, "", n); u = v; sub(/^[0-9.]+/, "", u)
    f = (u == "us") ? 0.001 : (u == "ms") ? 1 : (u == "s") ? 1000 : (u == "m") ? 60000 : (u == "h") ? 3600000 : -1
    if (f < 0 || n == "") exit 1
    printf "%.2f", n * f }'
}

# run_wrk <name> <seconds> <path> [bearer credential]  -> R[<name>_rps|_p50|_p99|_non2xx]
run_wrk() {
  local name=$1 secs=$2 path=$3 cred=${4:-} out=$RUN/wrk-$1.txt
  local args=(-t"$THREADS" -c"$CONNECTIONS" -d"${secs}s" --latency)
  [[ -z $cred ]] || args+=(-H "Authorization: Bearer $cred")
  others_begin "$name"
  wrk "${args[@]}" "$BASE$path" >"$out" 2>&1 || { cat "$out" >&2; die "wrk failed for $path"; }
  others_end "$name"
  R[${name}_rps]=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$out")
  R[${name}_p50]=$(to_ms "$(awk '$1 == "50%" {print $2}' "$out")")
  R[${name}_p99]=$(to_ms "$(awk '$1 == "99%" {print $2}' "$out")")
  R[${name}_non2xx]=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$out")
  R[${name}_non2xx]=${R[${name}_non2xx]:-0}
  [[ -n ${R[${name}_rps]} && -n ${R[${name}_p99]} ]] || { cat "$out" >&2; die "could not parse wrk output for $path"; }
  log "wrk [$name] $path: ${R[${name}_rps]} req/s, p50 ${R[${name}_p50]} ms, p99 ${R[${name}_p99]} ms" \
      "(other processes: ${R[other_$name]}% of the CPU)"
  # Errors are shown verbatim: a benchmark of 401s or timeouts would look fast and mean nothing.
  grep -E 'Non-2xx|Socket errors' "$out" | sed "s/^ */[bench] wrk [$name]: /" >&2 || true
}

# ---- pgbench ------------------------------------------------------------------------------------
run_pgbench() {
  local pgport
  pgport=$(cat "$DATA/postgres.port")
  export PGHOST=localhost PGPORT=$pgport PGUSER=postgres PGCONNECT_TIMEOUT=10
  psql -X -q -v ON_ERROR_STOP=1 -d postgres \
    -c 'DROP DATABASE IF EXISTS pgbench_bench' -c 'CREATE DATABASE pgbench_bench' >/dev/null 2>&1 \
    || die "could not create database pgbench_bench on port $pgport"
  log "pgbench -i -s $PGBENCH_SCALE (embedded PostgreSQL on port $pgport)"
  pgbench -i -q -s "$PGBENCH_SCALE" pgbench_bench >"$RUN/pgbench-init.txt" 2>&1 \
    || { cat "$RUN/pgbench-init.txt" >&2; die "pgbench -i failed"; }
  background_check pgbench
  log "pgbench -S -c $PGBENCH_CLIENTS -j $PGBENCH_JOBS -T $DURATION (select-only)"
  others_begin pgbench
  pgbench -S -c "$PGBENCH_CLIENTS" -j "$PGBENCH_JOBS" -T "$DURATION" pgbench_bench >"$RUN/pgbench.txt" 2>&1 \
    || { cat "$RUN/pgbench.txt" >&2; die "pgbench failed"; }
  others_end pgbench
  R[pg_tps]=$(awk '/^tps = / {printf "%.0f", $3; exit}' "$RUN/pgbench.txt")
  R[pg_failed]=$(awk -F': ' '/number of failed transactions/ {split($2, a, " "); print a[1]}' "$RUN/pgbench.txt")
  [[ -n ${R[pg_tps]} ]] || { cat "$RUN/pgbench.txt" >&2; die "could not parse pgbench tps"; }
  log "pgbench: ${R[pg_tps]} tps (failed transactions: ${R[pg_failed]:-?}; other processes: ${R[other_pgbench]}% of the CPU)"
}

# ---- Report -------------------------------------------------------------------------------------
max_of() { printf '%s\n' "$@" | sort -n | tail -n1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0) print "-"; else printf "%.2f", a / b }'; }
verdict() { awk -v v="$1" -v t="$2" -v dir="$3" 'BEGIN { ok = (dir == "min") ? (v >= t) : (v <= t); print ok ? "PASS" : "MISS" }'; }
row() { printf '%-40s | %-22s | %-26s | %s\n' "$@"; }
rule() { printf '%s\n' "-----------------------------------------+------------------------+----------------------------+-------"; }

report() {
  local ping=${R[ping_rps]} key=${R[me_key_rps]} jwt=${R[me_jwt_rps]} warm=${R[start_warm]}
  local range_warm="${R[start_warm_min]}-${R[start_warm_max]}"
  echo "Switchboard benchmark  $TS"
  echo "commit $(git -C "$ROOT" rev-parse --short HEAD)$( [[ -z $(git -C "$ROOT" status --porcelain -- src pom.xml) ]] || echo ' (+ uncommitted changes)')," \
       "$(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $("$JAVA" -version 2>&1 | head -n1)"
  echo "jar: $JAR (built $(date -u -r "$JAR" +%FT%TZ))"
  echo "wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency after ${WARMUP}s warm-up per endpoint; JVM options: $JVM_OPTS"
  echo "wrk, the server and PostgreSQL share the same cores: compare ratios, not absolute numbers."
  local starts_bg starts_other worst
  starts_bg=$(max_of "${R[bg_start_first]}" "${R[bg_start_warm]}" "${R[bg_start_extracted]}" "${R[bg_start_aot]}")
  starts_other=$(max_of "${R[other_start_first]}" "${R[other_start_warm]}" "${R[other_start_extracted]}" "${R[other_start_aot]}")
  echo "Other processes' share of the CPU (whole machine) before / during each measurement:" \
       "starts max ${starts_bg}% / ${starts_other}%, ping ${R[bg_ping]}% / ${R[other_ping]}%," \
       "/me key ${R[bg_me_key]}% / ${R[other_me_key]}%, /me JWT ${R[bg_me_jwt]}% / ${R[other_me_jwt]}%," \
       "pgbench ${R[bg_pgbench]}% / ${R[other_pgbench]}%"
  worst=$(max_of "$starts_other" "${R[other_ping]}" "${R[other_me_key]}" "${R[other_me_jwt]}" "${R[other_pgbench]}")
  if (( worst > 10 )); then
    echo "WARNING: other processes took up to ${worst}% of the CPU during a measurement: figures are low and noisy; rerun on an idle machine."
  fi
  echo
  row "figure" "value" "baseline" "ratio"
  rule
  row "ping req/s (no auth, no DB)" "$ping" "-" "-"
  row "ping p50 / p99 ms" "${R[ping_p50]} / ${R[ping_p99]}" "-" "-"
  row "/me (API key) req/s" "$key" "ping $ping req/s" "$(ratio "$key" "$ping")"
  row "/me (API key) p50 ms" "${R[me_key_p50]}" "ping p50 ${R[ping_p50]} ms" "$(ratio "${R[me_key_p50]}" "${R[ping_p50]}")"
  row "/me (API key) p99 ms" "${R[me_key_p99]}" "ping p99 ${R[ping_p99]} ms" "$(ratio "${R[me_key_p99]}" "${R[ping_p99]}")"
  row "/me (JWT) req/s" "$jwt" "ping $ping req/s" "$(ratio "$jwt" "$ping")"
  row "/me (JWT) p99 ms" "${R[me_jwt_p99]}" "ping p99 ${R[ping_p99]} ms" "$(ratio "${R[me_jwt_p99]}" "${R[ping_p99]}")"
  row "pgbench select-only tps" "${R[pg_tps]}" "-" "-"
  row "/me (API key) req/s per pgbench tps" "$key" "pgbench ${R[pg_tps]} tps" "$(ratio "$key" "${R[pg_tps]}")"
  row "cold start ms, first (initdb+migrations)" "${R[start_first]}" "warm data dir $warm ms" "$(ratio "${R[start_first]}" "$warm")"
  row "cold start ms, warm data dir (jar)" "$warm (${range_warm})" "-" "-"
  row "cold start ms, extracted jar, no AOT" "${R[start_extracted]} (${R[start_extracted_min]}-${R[start_extracted_max]})" "warm data dir $warm ms" "$(ratio "${R[start_extracted]}" "$warm")"
  row "cold start ms, extracted jar + AOT cache" "${R[start_aot]} (${R[start_aot_min]}-${R[start_aot_max]})" "warm data dir $warm ms" "$(ratio "${R[start_aot]}" "$warm")"
  echo
  echo "Cold starts other than the first: median of $START_RUNS (min-max); all runs reuse the data dir of the first start."
  echo "AOT cache: $AOT_CACHE ($(du -h "$AOT_CACHE" | cut -f1)), trained by a run that served login/API key/me/ping, stopped with SIGTERM."
  echo
  row "target (issue)" "measured" "target" "result"
  rule
  row "/me (API key) req/s" "$key" ">= $TARGET_RPS" "$(verdict "$key" "$TARGET_RPS" min)"
  row "/me (API key) p99 ms" "${R[me_key_p99]}" "<= $TARGET_P99_MS" "$(verdict "${R[me_key_p99]}" "$TARGET_P99_MS" max)"
  row "cold start to healthy ms, first start" "${R[start_first]}" "<= $TARGET_START_MS" "$(verdict "${R[start_first]}" "$TARGET_START_MS" max)"
  row "cold start to healthy ms, warm data dir" "$warm" "<= $TARGET_START_MS" "$(verdict "$warm" "$TARGET_START_MS" max)"
  row "cold start to healthy ms, AOT cache" "${R[start_aot]}" "<= $TARGET_START_MS" "$(verdict "${R[start_aot]}" "$TARGET_START_MS" max)"
  echo
  echo "Harness ceiling: ping (no auth, no DB) reached $ping req/s with wrk on the same cores;" \
       "/me reaching $(ratio "$key" "$ping")x of that is the auth + DB cost."
  local errs=""
  for n in ping me_key me_jwt; do
    (( ${R[${n}_non2xx]} == 0 )) || errs+=" $n: ${R[${n}_non2xx]} non-2xx;"
  done
  echo "Errors: ${errs:-none (no Non-2xx responses in any wrk run)}${R[pg_failed]:+; pgbench failed transactions: ${R[pg_failed]}}"
}

# ---- Main ---------------------------------------------------------------------------------------
main() {
  preflight
  build_jar
  pick_port
  BASE=http://127.0.0.1:$PORT
  mkdir -p "$OUT" && mkdir "$RUN" "$DATA"
  cd "$RUN"   # anything a tool drops in its working directory lands here, not in the repo
  log "port $PORT, data dir $DATA, results $RESULTS"
  background_check before
  if (( R[bg_before] > 20 )); then
    log "busiest processes:"
    ps -eo pid,pcpu,etime,args --sort=-pcpu | sed -n '2,4p' | cut -c1-150 >&2
  fi

  cp "$JAR" "$RUN_JAR"
  # The AOT cache only covers classes loaded from plain jars on the class path, not from the
  # nested jars of the executable jar, so Spring Boot's extracted layout is needed (it also
  # proves the copied jar is complete before anything is measured).
  "$JAVA" -Djarmode=tools -jar "$RUN_JAR" extract --destination "$RUN/app" >"$RUN/extract.log" 2>&1 \
    || { cat "$RUN/extract.log" >&2; die "jar extraction failed"; }
  [[ -f $APP_JAR ]] || die "extraction did not produce $APP_JAR"

  # 1. Cold starts. The first one initialises PostgreSQL and runs the migrations.
  measure_start first 1 "$RUN_JAR"
  measure_start warm "$START_RUNS" "$RUN_JAR"
  # The extracted layout without the cache separates its effect from the cache's.
  measure_start extracted "$START_RUNS" "$APP_JAR"

  # Training run (JEP 514 one-step workflow): the JVM records while it serves real requests, and
  # on exit (SIGTERM) forks a child JVM that assembles the cache, so the stop takes a while.
  log "AOT training run (-XX:AOTCacheOutput=$AOT_CACHE)"
  start_server "$RUN/aot-training.log" "$APP_JAR" -XX:AOTCacheOutput="$AOT_CACHE"
  wait_healthy "$RUN/aot-training.log"
  training_traffic
  local t0
  t0=$(now_ms)
  stop_server
  [[ -s $AOT_CACHE ]] || { tail -n 30 "$RUN/aot-training.log" >&2; die "AOT cache was not written"; }
  log "AOT cache written in $(( $(now_ms) - t0 )) ms after SIGTERM ($(du -h "$AOT_CACHE" | cut -f1))"
  # AOTMode=on: refuse to start rather than silently run without a mismatched cache.
  measure_start aot "$START_RUNS" "$APP_JAR" -XX:AOTCache="$AOT_CACHE" -XX:AOTMode=on

  # 2. Throughput, on the executable jar as it is normally run.
  log "starting the server for the throughput runs"
  start_server "$RUN/server.log" "$RUN_JAR"
  wait_healthy "$RUN/server.log"
  login
  create_api_key
  check_me "$API_KEY" api_key
  check_me "$TOKEN" jwt
  [[ $(curl -sS -o /dev/null -w '%{http_code}' "$BASE/api/v1/system/ping") == 204 ]] || die "ping did not answer 204"

  log "warm-up: ${WARMUP}s of wrk per endpoint"
  run_wrk warmup_ping "$WARMUP" /api/v1/system/ping
  run_wrk warmup_me_key "$WARMUP" /api/v1/me "$API_KEY"
  run_wrk warmup_me_jwt "$WARMUP" /api/v1/me "$TOKEN"

  background_check ping
  run_wrk ping "$DURATION" /api/v1/system/ping
  background_check me_key
  run_wrk me_key "$DURATION" /api/v1/me "$API_KEY"
  background_check me_jwt
  login   # a fresh access token: waiting for idle may have taken a while (tokens live 15 min)
  run_wrk me_jwt "$DURATION" /api/v1/me "$TOKEN"

  # 3. Database baseline on the same embedded PostgreSQL (the server stays up but idle).
  run_pgbench

  stop_server

  mkdir -p "$OUT"
  {
    report
    echo
    echo "== raw output =="
    for f in wrk-ping wrk-me_key wrk-me_jwt pgbench; do echo "-- $f"; cat "$RUN/$f.txt"; done
  } >"$RESULTS"
  echo
  sed '/^== raw output ==$/,$d' "$RESULTS"
  echo "Written to $RESULTS (raw wrk/pgbench output appended; logs in $RUN)"
  if [[ $KEEP != 1 ]]; then
    # Logs and raw outputs stay; the bulky parts (pgbench tables, jars, AOT cache) go.
    rm -rf "$DATA" "$RUN/app" "$RUN_JAR" "$AOT_CACHE"
  fi

  # Errors from /me make the figures meaningless: fail the run (after printing everything).
  if (( ${R[me_key_non2xx]:-0} > 0 || ${R[me_jwt_non2xx]:-0} > 0 || ${R[ping_non2xx]:-0} > 0 )); then
    die "wrk saw non-2xx responses (see the table above)"
  fi
}

# On one line, so bash never reads past it: editing this file during a run can't inject commands.
main "$@"; exit
