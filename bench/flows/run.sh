#!/usr/bin/env bash
# Flows benchmark (issue 7): messages/s and p50/p99 per inbound message through a published 10-node
# flow (no LLM), next to the plain sandbox ingest path in the same run.
# Overrides via BENCH_JAVA_OPTS: -Dmessages=1000 -Drate=200 -Dwarmup=100 -DappOpts=...
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
jar="target/switchboard-0.1.0-SNAPSHOT.jar"
if [ ! -f "$jar" ]; then
  ./mvnw -B -q -DskipTests -Dskip.frontend=true -Dskip.browser-check=true package
fi
command -v psql >/dev/null || sudo apt-get install -y postgresql-client
java25="$(find /usr/lib/jvm -maxdepth 1 -name '*25*' -type d | sort -rV | head -1)/bin/java"
mkdir -p bench/out
exec "$java25" ${BENCH_JAVA_OPTS:-} bench/flows/FlowsBench.java "$jar" bench/out
