#!/usr/bin/env bash
# Campaign fan-out benchmark (issue 8): time to write the claim rows of a 100,000-contact campaign
# (the dispatcher's own fan-out: keyset pages of eligible contacts through the contacts API, one
# INSERT ... ON CONFLICT DO NOTHING per page), next to a plain INSERT ... SELECT of the same 100,000
# rows into a table of the same shape and pgbench TPC-B, on the same embedded PostgreSQL in the same run.
# Overrides via BENCH_JAVA_OPTS: -Dcontacts=100000 -Dseconds=20
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
out="bench/out/campaigns-run-$stamp"
mkdir -p "$out"
"$java25" -Djarmode=tools -jar "$jar" extract --destination "$out/app" >/dev/null
exec "$java25" -Xmx1g ${BENCH_JAVA_OPTS:-} -cp "$out/app/$(basename "$jar"):$out/app/lib/*" \
  bench/campaigns/CampaignsBench.java "$out"
