#!/usr/bin/env bash
# Outbound webhooks benchmark (issue 8): deliveries per second from the transactional outbox to a
# local receiver (signed POSTs, Standard Webhooks), next to pgbench TPS on the same embedded
# PostgreSQL in the same run.
# Overrides via BENCH_JAVA_OPTS: -Devents=20000 -Dorgs=10 -Dpublishers=8 -DreceiverMs=0 -Dseconds=20
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
out="bench/out/webhooks-run-$stamp"
mkdir -p "$out"
# the extracted layout puts the application and its libraries on a plain class path, so the bench
# starts the application inside its own JVM and publishes module events the way other modules do
"$java25" -Djarmode=tools -jar "$jar" extract --destination "$out/app" >/dev/null
exec "$java25" -Xmx1g ${BENCH_JAVA_OPTS:-} -cp "$out/app/$(basename "$jar"):$out/app/lib/*" \
  bench/webhooks/WebhooksBench.java "$out"
