# Sourced by the benchmarks that run on PostgreSQL (after setting root): a PostgreSQL of the benchmarks' own, so that
# their figures do not depend on how the machine's PostgreSQL is set up. One machine's ran with autovacuum off: never
# analysed, its tables kept the plans made while they were empty, and ingest measured five times slower
# (docs/BENCHMARKS.md, "A PostgreSQL without autovacuum"). This one has PostgreSQL's defaults and durable commits,
# made by the tests' tool, on 127.0.0.1:$BENCH_PG_PORT (5433), its data in bench/.state/postgres, kept between runs (a
# database of an earlier run can be reused). psql, pg_dump and pg_restore reach it through PGPORT. To stop it:
#   aia-ear/src/test/tools/own-postgres.sh stop bench/.state/postgres
bench_pg_home=$root/bench/.state/postgres
export PGHOST=127.0.0.1 PGPORT=${BENCH_PG_PORT:-5433} PGUSER=postgres
if ! pg_isready -q -h "$PGHOST" -p "$PGPORT"; then
  if [[ ! -f "$bench_pg_home/data/PG_VERSION" ]]; then
    OWN_POSTGRES_FSYNC=on "$root/aia-ear/src/test/tools/own-postgres.sh" create "$bench_pg_home"
  fi
  OWN_POSTGRES_FSYNC=on "$root/aia-ear/src/test/tools/own-postgres.sh" start "$bench_pg_home" "$PGPORT"
fi

# The server's settings for database NAME of this PostgreSQL; URL options (e.g. reWriteBatchedInserts=true) after it.
bench_database_settings() {
  export AIA_DB_DRIVER=postgresql AIA_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$1${2:+?$2}" AIA_DB_USER=postgres AIA_DB_PASSWORD=postgres
}

# Database NAME recreated empty, and the server's settings for it.
bench_database() {
  psql -qc "drop database if exists $1 with (force)" -c "create database $1" postgres
  bench_database_settings "$@"
}
