#!/usr/bin/env bash
# Load benchmarks of issue 7 (docs/BENCHMARKS.md), on this machine, on loopback only, every load bounded in time:
#   1. 10,000 concurrent keep-alive connections held by one node (BENCH_CONNECTIONS to change)
#   2. a mixed workload at fixed rates, open loop, coordinated-omission corrected (HdrHistogram): 40 % ingest,
#      30 % SLO status, 30 % dashboard reads; the highest rate that keeps p99 < 100 ms
#   3. the same client against GET /api/v1/ping, the trivial endpoint of the same server: the framework's ceiling
# The server runs on PostgreSQL (database aia_bench, recreated, in bench/postgres.sh's own server) at port offset 300. Client and server share the cores.
#   bench/load.sh                 all three
#   BENCH_RATES="250 500" BENCH_SECONDS=20 bench/load.sh
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
state=$root/bench/.state/load
offset=300
port=$((8080 + offset))
api=http://127.0.0.1:$port/api/v1
seconds=${BENCH_SECONDS:-20}
rates=${BENCH_RATES:-100 200 250 300 350 400 500 750 1000}
ping_rates=${BENCH_PING_RATES:-250 500 750 1000 1500 2000 3000}
connections=${BENCH_CONNECTIONS:-10000}
mkdir -p "$state"

echo "== building the client"
"$root/bench/client.sh" "$state"
bench() { java -Xss512k -cp "$state/classes:$state/lib/*" Bench "$@"; }

echo "== starting AIA Ops on PostgreSQL (port offset $offset)"
export AIA_HOME=$state/aia AIA_PORT_OFFSET=$offset
source "$root/bench/postgres.sh"
bench_database aia_bench reWriteBatchedInserts=true
"$root/wildfly-config/run.sh" > "$state/run.log"
trap '"$root/wildfly-config/run.sh" stop > /dev/null' EXIT
source "$root/bench/service.sh"

echo "== $connections keep-alive connections held by one node"
bench connections 127.0.0.1 "$port" /api/v1/ping "$connections" 30

echo "== seeding and warming up (JIT, caches): a cold server answers the first minute ten times slower"
bench ingest "$api/telemetry/observations" "$ingest_key" bench 10 2 1000 > /dev/null
for rate in 50 100 150 200; do
  bench mixed "$api" "$ingest_key" "$read_key" "$service" "$slo" "$rate" 15 > /dev/null
done
bench latency "$api/ping" "" 500 15 > /dev/null

echo "== mixed workload, open loop, $seconds s per rate"
for rate in $rates; do
  bench mixed "$api" "$ingest_key" "$read_key" "$service" "$slo" "$rate" "$seconds"
done

echo "== trivial endpoint GET /api/v1/ping, same client, $seconds s per rate"
for rate in $ping_rates; do
  bench latency "$api/ping" "" "$rate" "$seconds"
done
