#!/usr/bin/env bash
# FOCUS import benchmark (docs/BENCHMARKS.md): a 1,000,000-row cost file imported through the API on PostgreSQL,
# side by side with PostgreSQL's own COPY of the same file into a table of the same columns.
#   bench/focus.sh [rows]      (default 1000000)
set -euo pipefail

rows=${1:-1000000}
root=$(cd "$(dirname "$0")/.." && pwd)
state=$root/bench/.state/focus
offset=300
api=http://127.0.0.1:$((8080 + offset))/api/v1
mkdir -p "$state"
file=$state/focus-$rows.csv

if [[ ! -f "$file" ]]; then
  echo "== writing $rows FOCUS rows to $file"
  python3 "$root/bench/src/focus_csv.py" "$rows" "$file"
fi
echo "   $(du -h "$file" | cut -f1) on disk"

echo "== starting AIA Ops on PostgreSQL (database aia_bench_focus, recreated; port offset $offset)"
source "$root/bench/postgres.sh"
bench_database aia_bench_focus
export AIA_HOME=$state/aia AIA_PORT_OFFSET=$offset
"$root/wildfly-config/run.sh" > "$state/run.log"
trap '"$root/wildfly-config/run.sh" stop > /dev/null' EXIT
key=$(grep apiKey "$AIA_HOME/data/demo-credentials.txt" | cut -d= -f2)
for i in $(seq 0 9); do
  curl -fsS -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
    -d "{\"slug\":\"svc-$i\",\"displayName\":\"Service $i\",\"ownerTeam\":\"bench\",\"tier\":\"PRO\"}" "$api/services" > /dev/null
done

echo "== API import: POST /cost/imports (validated, allocated to services, written with COPY, one transaction)"
start=$(date +%s.%N)
curl -fsS -H "Authorization: Bearer $key" -H 'Content-Type: text/csv' --data-binary @"$file" "$api/cost/imports" > "$state/import.json"
end=$(date +%s.%N)
api_seconds=$(echo "$end - $start" | bc -l)
jq -c '{rows, unallocatedRows, effectiveCost}' "$state/import.json"

echo "== PostgreSQL COPY of the same file (psql \\copy, typed columns, no validation or allocation)"
psql -h 127.0.0.1 -U postgres -d aia_bench_focus -q <<'SQL'
create table focus_copy (billed_cost numeric(24,8), effective_cost numeric(24,8), list_cost numeric(24,8),
  contracted_cost numeric(24,8), pricing_quantity numeric(24,8), pricing_unit varchar(64), billing_account_id varchar(200),
  billing_account_name varchar(200), billing_currency varchar(3), billing_period_start timestamptz, billing_period_end timestamptz,
  charge_category varchar(16), charge_class varchar(16), charge_description varchar(1000), charge_period_start timestamptz,
  charge_period_end timestamptz, invoice_issuer_name varchar(200), provider_name varchar(200), publisher_name varchar(200),
  service_category varchar(32), service_name varchar(200), resource_id varchar(500), resource_name varchar(500),
  region_id varchar(64), sub_account_id varchar(200), tags varchar(4000));
SQL
start=$(date +%s.%N)
psql -h 127.0.0.1 -U postgres -d aia_bench_focus -qc "\\copy focus_copy from '$file' with (format csv, header)"
end=$(date +%s.%N)
copy_seconds=$(echo "$end - $start" | bc -l)

printf '\n%-44s %10s %12s\n' "" "seconds" "rows/s"
printf '%-44s %10.1f %12.0f\n' "API import (POST /cost/imports)" "$api_seconds" "$(echo "$rows / $api_seconds" | bc -l)"
printf '%-44s %10.1f %12.0f\n' "PostgreSQL COPY of the same file" "$copy_seconds" "$(echo "$rows / $copy_seconds" | bc -l)"
printf 'ratio API / COPY: %.2f×\n' "$(echo "$api_seconds / $copy_seconds" | bc -l)"
