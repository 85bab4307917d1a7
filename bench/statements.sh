#!/usr/bin/env bash
# What bench/postgres.sh's PostgreSQL spends on each statement, planning and executing apart (pg_stat_statements with
# track_planning): on PostgreSQL's partitioned tables planning can cost more than the statement's work.
#   bench/statements.sh on            preload pg_stat_statements and restart that PostgreSQL (stop the servers on it first)
#   bench/statements.sh reset DB…     forget what was counted in these databases (before a run)
#   bench/statements.sh top DB [N]    the database's totals, then its N (10) dearest statements, planning + executing
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/bench/postgres.sh"
case $1 in
  on)
    psql -qc "alter system set shared_preload_libraries = 'pg_stat_statements'" \
         -c "alter system set pg_stat_statements.track_planning = on" postgres
    "$root/aia-ear/src/test/tools/own-postgres.sh" stop "$bench_pg_home"
    OWN_POSTGRES_FSYNC=on "$root/aia-ear/src/test/tools/own-postgres.sh" start "$bench_pg_home" "$PGPORT"
    ;;
  reset)
    shift
    for db in "$@"; do
      psql -qc "create extension if not exists pg_stat_statements" "$db"
      psql -qAtc "select pg_stat_statements_reset(0, (select oid from pg_database where datname = current_database()), 0)" "$db" > /dev/null
    done
    ;;
  top)
    mine="dbid = (select oid from pg_database where datname = current_database())"
    psql -c "select sum(calls) as calls, sum(plans) as plans, round(sum(total_plan_time)::numeric) as planning_ms,
                    round(sum(total_exec_time)::numeric) as executing_ms from pg_stat_statements where $mine" "$2"
    psql -c "select calls, plans, round(total_plan_time::numeric) as planning_ms, round(total_exec_time::numeric) as executing_ms,
                    left(regexp_replace(query, '\s+', ' ', 'g'), 100) as statement
             from pg_stat_statements where $mine order by total_plan_time + total_exec_time desc limit ${3:-10}" "$2"
    ;;
  *)
    echo "usage: bench/statements.sh on | reset DB… | top DB [N]" >&2
    exit 2
    ;;
esac
