#!/usr/bin/env bash
# Credit ledger benchmark (issue 9): reserve+settle pairs per second through the real Credits API
# (in-process, the way the calls and mcp modules call it) with 8 concurrent clients, on one hot
# organisation and across 100 organisations, next to pgbench TPS on the same embedded PostgreSQL in
# the same run; the ledger sums are checked afterwards.
# Overrides via BENCH_JAVA_OPTS: -Dclients=8 -Dseconds=20 -Dorgs=100 -Dwarmup=5
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
jar="target/switchboard-0.1.0-SNAPSHOT.jar"
if [ ! -f "$jar" ] || [ -n "${BENCH_REBUILD:-}" ]; then
  ./mvnw -B -q -DskipTests -Dskip.frontend=true -Dskip.browser-check=true package
fi
command -v pgbench >/dev/null || sudo apt-get install -y postgresql-contrib
command -v psql >/dev/null || sudo apt-get install -y postgresql-client
java25="$(find /usr/lib/jvm -maxdepth 1 -name '*25*' -type d | sort -rV | head -1)/bin/java"
stamp="$(date -u +%Y%m%d-%H%M%S)"
out="bench/out/billing-run-$stamp"
mkdir -p "$out"
# the extracted layout puts the application's classes and its libraries on a plain class path, so
# the bench can start the application inside its own JVM and call the Credits bean directly
"$java25" -Djarmode=tools -jar "$jar" extract --destination "$out/app" >/dev/null
exec "$java25" -Xmx1g ${BENCH_JAVA_OPTS:-} -cp "$out/app/$(basename "$jar"):$out/app/lib/*" \
  bench/billing/BillingBench.java "$out"
