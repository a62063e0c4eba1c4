#!/usr/bin/env bash
# Channels benchmark (issue: channels/inbox): ingest of signed WhatsApp Cloud webhooks, paced sends to
# a fake Graph API, a kill -9 while sending, next to pgbench on the same PostgreSQL.
# Overrides: -Dingest=20000 -Dsend=10000 -Drate=200 -DkillSend=3000 via BENCH_JAVA_OPTS.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
jar="target/switchboard-0.1.0-SNAPSHOT.jar"
if [ ! -f "$jar" ]; then
  ./mvnw -B -q -DskipTests -Dskip.frontend=true package
fi
java25="$(find /usr/lib/jvm -maxdepth 1 -name '*25*' -type d | sort -rV | head -1)/bin/java"
mkdir -p bench/out
exec "$java25" ${BENCH_JAVA_OPTS:-} bench/channels/ChannelsBench.java "$jar" bench/out
