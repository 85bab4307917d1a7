#!/usr/bin/env bash
# A server ready for the mixed workload (bench/mixed-side-by-side.sh): started by CHECKOUT's wildfly-config/run.sh (built
# there beforehand) at port offset OFFSET, on database DB of bench/postgres.sh's PostgreSQL (recreated), its state in
# bench/.state/mixed/DB; a service "bench" with an availability SLO, an INGEST and a VIEWER key (1,000,000 a minute).
# Writes bench/.state/mixed/DB.env (API, INGEST, READ, SERVICE, SLO, STATE) for the side-by-side script.
#   bench/mixed-server.sh CHECKOUT OFFSET DB [DATABASE SETTING …]    e.g. … aia_after plan_cache_mode=force_generic_plan
#   bench/mixed-server.sh stop DB
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
state=$root/bench/.state/mixed
mkdir -p "$state"
if [[ $1 == stop ]]; then
  AIA_HOME=$state/$2 "$root/wildfly-config/run.sh" stop
  exit 0
fi
checkout=$(cd "$1" && pwd) offset=$2 db=$3
shift 3
source "$root/bench/postgres.sh"
export AIA_HOME=$state/$db AIA_PORT_OFFSET=$offset
AIA_HOME=$AIA_HOME "$checkout/wildfly-config/run.sh" stop > /dev/null
rm -rf "$AIA_HOME"
bench_database "$db" reWriteBatchedInserts=true
for setting in "$@"; do psql -qc "alter database $db set ${setting%%=*} = '${setting#*=}'" postgres; done
"$checkout/wildfly-config/run.sh" > "$state/$db.log"
api=http://127.0.0.1:$((8080 + offset))/api/v1
source "$root/bench/service.sh"
source "$root/bench/mixed-env.sh"
mixed_env "$db" "$api" "$ingest_key" "$read_key" "$service" "$slo" "$AIA_HOME"
echo "$db: $api (state $AIA_HOME, settings in $state/$db.env)"
