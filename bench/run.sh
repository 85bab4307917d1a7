#!/usr/bin/env bash
# The benchmarks of docs/BENCHMARKS.md, on this machine, on loopback only; every load is bounded in time.
#   bench/run.sh h2            our server on H2
#   bench/run.sh postgresql    our server on PostgreSQL (database aia_bench, recreated, bench/postgres.sh), plus PostgreSQL COPY
#   BENCH_ONLY=otlp bench/run.sh postgresql   only OTLP span ingest beside native JSON ingest
#   BENCH_ONLY=minutes bench/run.sh h2         only pre-counted minutes (200 services x 24 h) beside VictoriaMetrics'
#                                              import of the same counts (BENCH_MINUTES_THREADS, default 1)
#   BENCH_ONLY=calibrate bench/run.sh h2       the load client's own ceiling beside wrk and h2load (GET /ping), every
#                                              read endpoint's throughput as a share of /ping's (wrk), open-loop latency
# Also runs VictoriaMetrics (Debian package victoria-metrics, if installed) on 127.0.0.1:18428 with the
# equivalent per-minute series and queries. Results are printed; copy them into docs/BENCHMARKS.md.
set -euo pipefail

db=${1:-h2}
seconds=${BENCH_SECONDS:-30}
root=$(cd "$(dirname "$0")/.." && pwd)
state=$root/bench/.state/$db
offset=300
api=http://127.0.0.1:$((8080 + offset))/api/v1
mkdir -p "$state"

echo "== building the client"
"$root/bench/client.sh" "$state"
bench() { java -cp "$state/classes:$state/lib/*" Bench "$@"; }

echo "== starting AIA Ops on $db (port offset $offset)"
export AIA_HOME=$state/aia AIA_PORT_OFFSET=$offset
if [[ "$db" == postgresql ]]; then
  source "$root/bench/postgres.sh"
  bench_database aia_bench reWriteBatchedInserts=true
else
  rm -rf "$AIA_HOME/data"
fi
"$root/wildfly-config/run.sh" > "$state/run.log"
trap '"$root/wildfly-config/run.sh" stop > /dev/null; [[ -n "${vm_pid:-}" ]] && kill "$vm_pid" 2>/dev/null || true' EXIT
source "$root/bench/service.sh"
post slos "{\"serviceId\":\"$service\",\"name\":\"bench-latency\",\"indicator\":\"LATENCY\",\"latencyThresholdMs\":100,\"targetPercent\":99,\"window\":\"30d\"}" > /dev/null

if [[ "${BENCH_ONLY:-}" == otlp ]]; then
  echo "== OTLP span ingest against our native JSON ingest: the same requests, the same client, alternating"
  for threads in 2 4; do
    for round in 1 2; do
      bench ingest "$api/telemetry/observations" "$ingest_key" bench "$seconds" "$threads" 5000
      bench otlp "$api/otlp/v1/traces" "$ingest_key" bench "$seconds" "$threads" 5000
    done
  done
  exit 0
fi

vm_start() {
  rm -rf "$state/vm"
  victoria-metrics -httpListenAddr 127.0.0.1:18428 -storageDataPath "$state/vm" -loggerLevel ERROR > "$state/vm.log" 2>&1 &
  vm_pid=$!
  for _ in $(seq 1 30); do curl -fs http://127.0.0.1:18428/health > /dev/null && break; sleep 0.5; done
}
vm_import() {  # the equivalent per-minute series of $1 services x $2 minutes, timed until flushed
  python3 "$root/bench/src/vm_series.py" "$1" "$2" > "$state/series.prom"
  samples=$(grep -vc '^#' "$state/series.prom")
  start=$(date +%s.%N)
  curl -fsS --data-binary @"$state/series.prom" http://127.0.0.1:18428/api/v1/import/prometheus
  curl -fsS http://127.0.0.1:18428/internal/force_flush > /dev/null
  end=$(date +%s.%N)
  echo "victoria-metrics import: $samples samples ($1 services x $2 minutes) in $(echo "$end - $start" | bc) s = $(echo "$samples / ($end - $start)" | bc) samples/s"
}

if [[ "${BENCH_ONLY:-}" == minutes ]]; then
  echo "== pre-counted minutes: 200 services x 24 h, 5,000 minutes a request, beside VictoriaMetrics' import of the same counts"
  # warm-up: the same path for 40 other services (JIT, caches), then the measured load
  bench minutes "$api" "$demo" "$ingest_key" warm- 40 1440 5000 1 | sed 's/^/warm-up: /'
  bench minutes "$api" "$demo" "$ingest_key" svc- 200 1440 5000 "${BENCH_MINUTES_THREADS:-1}"
  if command -v victoria-metrics > /dev/null; then
    for round in 1 2 3; do   # a fresh store each time; the spread is large on two shared cores
      vm_start; vm_import 200 1440; kill "$vm_pid"; wait "$vm_pid" 2> /dev/null || true; vm_pid=""
    done
  fi
  exit 0
fi

if [[ "${BENCH_ONLY:-}" == calibrate ]]; then
  bench ingest "$api/telemetry/observations" "$ingest_key" bench 10 2 5000 > /dev/null   # roll-ups for the reads below
  ping=$api/ping
  # The JIT needs minutes of load on two cores: a 20 s warm-up left /ping at a third of its rate and reads at a fifth.
  echo "== warm-up: 6 rounds of 10 s each of /ping, SLO status and the service list"
  for _ in 1 2 3 4 5 6; do
    for path in ping "slos/$slo/status" services; do
      wrk -t2 -c32 -d10s -H "Authorization: Bearer $read_key" "$api/$path" > /dev/null
    done
  done
  echo "== the client's ceiling: GET /ping, 32 connections, closed loop, three rounds of wrk, h2load (HTTP/1.1) and Bench"
  for round in 1 2 3; do
    echo "round $round"
    wrk -t2 -c32 -d"${seconds}s" "$ping" | sed -n 's/^Requests\/sec: */wrk:        /p'
    h2load --h1 -t2 -c32 -D "$seconds" "$ping" | sed -n 's/^finished in .*, \([0-9.]*\) req\/s.*/h2load:     \1/p'
    bench throughput "$ping" "" "$seconds" 32
  done
  echo "== authenticated reads as a share of /ping (wrk, 32 connections, VIEWER key)"
  now=$(date -u +%Y-%m-%dT%H:%M:00Z); hour_ago=$(date -u -d '-1 hour' +%Y-%m-%dT%H:%M:00Z)
  for path in ping services "services/$service" "services/$service/telemetry" \
              "services/$service/telemetry/series?from=$hour_ago&to=$now&step=5m" slos "slos/$slo/status" slos/statuses \
              incidents alerts scorecard deployments dora "cost/budgets" security/findings checks schedules status-components \
              "metrics"; do
    rate=$(wrk -t2 -c32 -d"${seconds}s" -H "Authorization: Bearer $read_key" "$api/$path" \
           | awk '/^Requests\/sec/{r=$2} /Non-2xx/{bad=$NF} END{print r, (bad ? "NON-2xx " bad : "")}')
    echo "GET /$path  $rate"
  done
  echo "== open loop (Bench, 32 connections, latency from each request's due time)"
  for rate in 1000 2000 4000; do bench latency "$ping" "" "$rate" "$seconds" 32; done
  for rate in 1000 2000; do bench latency "$api/slos/$slo/status" "$read_key" "$rate" "$seconds" 32; done
  if command -v victoria-metrics > /dev/null; then
    echo "== VictoriaMetrics answering the equivalent burn rate (error ratio over 1 h) with the same client"
    vm_start; vm_import 200 1440 > /dev/null
    burn=$(python3 -c 'import urllib.parse; print(urllib.parse.quote("sum(increase(requests_total{service=\"svc-1\",code=\"5xx\"}[1h])) / sum(increase(requests_total{service=\"svc-1\"}[1h]))"))')
    for rate in 1000 2000; do bench latency "http://127.0.0.1:18428/api/v1/query?query=$burn" "" "$rate" "$seconds" 32; done
  fi
  exit 0
fi

echo "== seeding: 10 s of ingest, so the queries below read real roll-ups"
bench ingest "$api/telemetry/observations" "$ingest_key" bench 10 2 5000

echo "== SLO status latency, open loop (coordinated-omission corrected)"
bench latency "$api/slos/$slo/status" "$read_key" 200 20 > /dev/null   # warm-up: JIT and caches
for rate in 100 300 1000; do
  bench latency "$api/slos/$slo/status" "$read_key" "$rate" 20
done
echo "== telemetry summary (p50/p95/p99 over the last hour), open loop"
bench latency "$api/services/$service/telemetry" "$read_key" 300 20

echo "== ingest throughput (durably acknowledged observations)"
for threads in 2 4; do
  bench ingest "$api/telemetry/observations" "$ingest_key" bench "$seconds" "$threads" 5000
done

if [[ "$db" == postgresql ]]; then
  echo "== PostgreSQL COPY of roll-up rows and of raw observations (the database's own limit)"
  rows=1000000
  psql -h 127.0.0.1 -U postgres -d aia_bench -q <<SQL
\timing on
create unlogged table if not exists copy_source as select 1 as n limit 0;
drop table if exists bench_rollup_copy; create table bench_rollup_copy (like telemetry_rollup);
drop table if exists bench_observation_copy;
create table bench_observation_copy (service_id uuid, at timestamptz, status int, latency_ms double precision);
\o /dev/null
copy (select gen_random_uuid(), 'MINUTE', now() - (n || ' minutes')::interval, gen_random_uuid(), 1000, 997, 1000,
             42000.0, null::bytea, '100:990:1000' from generate_series(1, $rows) n) to '/tmp/aia_bench_rollups.csv' csv;
copy (select gen_random_uuid(), now() - (n || ' ms')::interval, 200, 42.5 from generate_series(1, $rows) n)
  to '/tmp/aia_bench_observations.csv' csv;
\o
\echo COPY of $rows roll-up rows:
copy bench_rollup_copy (service_id, resolution, bucket_start, organization_id, total, good, latency_count, latency_sum_ms,
                        latency_sketch, counts_at_or_under) from '/tmp/aia_bench_rollups.csv' csv;
\echo COPY of $rows observation rows:
copy bench_observation_copy from '/tmp/aia_bench_observations.csv' csv;
SQL
fi

if command -v victoria-metrics > /dev/null; then
  echo "== VictoriaMetrics: import of the equivalent per-minute series, and the equivalent PromQL queries"
  vm_start
  vm_import 200 1440
  q() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }
  ratio=$(q 'sum(increase(requests_total{service="svc-1",code="5xx"}[1d])) / sum(increase(requests_total{service="svc-1"}[1d]))')
  p99=$(q 'histogram_quantile(0.99, sum(increase(request_latency_ms_bucket{service="svc-1"}[1h])) by (le))')
  echo "PromQL error ratio over 1 day:"; curl -fsS "http://127.0.0.1:18428/api/v1/query?query=$ratio"; echo
  for rate in 100 300 1000; do bench latency "http://127.0.0.1:18428/api/v1/query?query=$ratio" "" "$rate" 20; done
  echo "PromQL histogram_quantile p99 over 1 hour:"; curl -fsS "http://127.0.0.1:18428/api/v1/query?query=$p99"; echo
  bench latency "http://127.0.0.1:18428/api/v1/query?query=$p99" "" 300 20
fi
