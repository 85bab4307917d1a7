#!/usr/bin/env bash
# Backup benchmark (docs/BENCHMARKS.md): a full backup and a restore drill of N roll-up rows (default 10,000,000)
# on PostgreSQL, side by side with pg_dump / pg_restore of the same table.
#   bench/backup.sh [rows]
set -euo pipefail

rows=${1:-10000000}
root=$(cd "$(dirname "$0")/.." && pwd)
state=$root/bench/.state/backup
offset=300
api=http://127.0.0.1:$((8080 + offset))/api/v1
mkdir -p "$state"

echo "== starting AIA Ops on PostgreSQL (database aia_bench_backup, recreated; port offset $offset)"
source "$root/bench/postgres.sh"
bench_database aia_bench_backup reWriteBatchedInserts=true
export AIA_HOME=$state/aia AIA_PORT_OFFSET=$offset
rm -rf "$AIA_HOME"
"$root/wildfly-config/run.sh" > "$state/run.log"
trap '"$root/wildfly-config/run.sh" stop > /dev/null' EXIT
key=$(grep apiKey "$AIA_HOME/data/demo-credentials.txt" | cut -d= -f2)   # the demo organisation operates this server

echo "== seeding $rows minute roll-up rows (SQL, outside the API)"
psql -h 127.0.0.1 -U postgres -d aia_bench_backup -q <<SQL
insert into telemetry_rollup (service_id, resolution, bucket_start, organization_id, total, good, latency_count, latency_sum_ms,
                              latency_sketch, counts_at_or_under)
select ('00000000-0000-7000-8000-' || lpad(to_hex(n % 100), 12, '0'))::uuid, 'MINUTE',
       timestamptz '2026-01-01' + ((n / 100) || ' minutes')::interval, '00000000-0000-7000-8000-000000000001'::uuid,
       1000, 997, 1000, 42000.0, null, '100:990:1000'
from generate_series(1, $rows) n;
analyze telemetry_rollup;
SQL

wait_job() {
  while :; do
    status=$(curl -fsS -H "Authorization: Bearer $key" "$api/backups/jobs/$1" | jq -r .batchStatus)
    [[ "$status" == COMPLETED ]] && return 0
    [[ "$status" == FAILED || "$status" == STOPPED ]] && { echo "job $1 $status" >&2; exit 1; }
    sleep 1
  done
}

echo "== AIA Ops full backup (POST /backups: chunks of 1,000 rows, gzip CSV per table, manifest with SHA-256)"
start=$(date +%s.%N)
execution=$(curl -fsS -X POST -H "Authorization: Bearer $key" "$api/backups" | jq -r .executionId)
wait_job "$execution"
backup_seconds=$(echo "$(date +%s.%N) - $start" | bc -l)
name=$(curl -fsS -H "Authorization: Bearer $key" "$api/backups" | jq -r '.items[0].name')
curl -fsS -H "Authorization: Bearer $key" "$api/backups/$name" | jq -c '{tables: (.tables | length), rows: ([.tables[].rows] | add), bytes: ([.tables[].bytes] | add)}'

echo "== AIA Ops restore drill (restore into a scratch schema, verify counts and content SHA-256)"
start=$(date +%s.%N)
execution=$(curl -fsS -X POST -H "Authorization: Bearer $key" "$api/backups/drills?backup=$name" | jq -r .executionId)
wait_job "$execution"
drill_seconds=$(echo "$(date +%s.%N) - $start" | bc -l)
curl -fsS -H "Authorization: Bearer $key" "$api/backups/drills" | jq -c '.items[0] | {verified, rows, rtoSeconds}'

echo "== pg_dump / pg_restore of the same table (custom format, compressed)"
start=$(date +%s.%N)
pg_dump -h 127.0.0.1 -U postgres -Fc -t telemetry_rollup -f "$state/rollups.dump" aia_bench_backup
dump_seconds=$(echo "$(date +%s.%N) - $start" | bc -l)
psql -h 127.0.0.1 -U postgres -qc "drop database if exists aia_bench_restore" -c "create database aia_bench_restore"
start=$(date +%s.%N)
pg_restore -h 127.0.0.1 -U postgres -d aia_bench_restore "$state/rollups.dump"
restore_seconds=$(echo "$(date +%s.%N) - $start" | bc -l)
ls -la "$state/rollups.dump" | awk '{print "   dump size: " $5 " bytes"}'

printf '\n%-52s %10s %12s\n' "" "seconds" "rows/s"
printf '%-52s %10.1f %12.0f\n' "AIA Ops full backup (all tables)" "$backup_seconds" "$(echo "$rows / $backup_seconds" | bc -l)"
printf '%-52s %10.1f %12.0f\n' "pg_dump -Fc (roll-up table)" "$dump_seconds" "$(echo "$rows / $dump_seconds" | bc -l)"
printf '%-52s %10.1f %12.0f\n' "AIA Ops restore drill (restore + verify)" "$drill_seconds" "$(echo "$rows / $drill_seconds" | bc -l)"
printf '%-52s %10.1f %12.0f\n' "pg_restore (roll-up table, with its index)" "$restore_seconds" "$(echo "$rows / $restore_seconds" | bc -l)"
printf 'ratios: backup / pg_dump %.2f×, drill / pg_restore %.2f×\n' "$(echo "$backup_seconds / $dump_seconds" | bc -l)" \
  "$(echo "$drill_seconds / $restore_seconds" | bc -l)"
