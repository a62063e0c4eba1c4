#!/usr/bin/env bash
# Agents benchmark (issue 5): offline agent answers end to end (sandbox inbound message in -> agent
# reply queued) with a knowledge base loaded, next to the sandbox ingest round trip without an agent
# measured in the same run. Overrides via BENCH_JAVA_OPTS: -Dmessages=300 -Drate=10 -Dwarmup=30
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
exec "$java25" ${BENCH_JAVA_OPTS:-} bench/agents/AgentsBench.java "$jar" bench/out
