#!/usr/bin/env bash
# A PostgreSQL server of the tests' own, from Debian's server binaries (the build installs them when missing), so
# that no test touches a PostgreSQL of the machine:
#   own-postgres.sh create <home>            a new cluster in <home>/data (trust authentication, loopback only)
#   own-postgres.sh start <home> <port>      start it, waiting until it accepts connections
#   own-postgres.sh stop <home>              fast shutdown (sessions are cut, as in an outage)
#   own-postgres.sh fresh <home> <port> <database>   create, start and create the database (the PostgreSQL suite)
# OWN_POSTGRES_FSYNC=on makes commits durable (benchmarks: an acknowledged batch is on disk); the tests run without.
# PostgreSQL refuses to run as root: as root, it runs as the user postgres, which Debian's package creates.
set -euo pipefail
action=$1 home=$2
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_postgres() {
  if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "$action" in
  create)
    if [[ -f "$home/data/postmaster.pid" ]]; then # an earlier run's, killed before it could stop it
      as_postgres "$bin/pg_ctl" -D "$home/data" -m immediate -w stop > /dev/null || true
    fi
    rm -rf "$home"
    mkdir -p "$home"
    if [[ $(id -u) == 0 ]]; then chown postgres:postgres "$home"; fi
    as_postgres "$bin/initdb" -D "$home/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync > /dev/null
    ;;
  start)
    as_postgres "$bin/pg_ctl" -D "$home/data" -l "$home/server.log" -w -t 60 \
      -o "-p $3 -c listen_addresses=127.0.0.1 -k $home -c fsync=${OWN_POSTGRES_FSYNC:-off} -c max_connections=200" start > /dev/null
    ;;
  stop)
    if [[ -f "$home/data/postmaster.pid" ]]; then
      as_postgres "$bin/pg_ctl" -D "$home/data" -m fast -w -t 60 stop > /dev/null
    fi
    ;;
  fresh)
    "$0" create "$home"
    "$0" start "$home" "$3"
    as_postgres "$bin/psql" -h 127.0.0.1 -p "$3" -U postgres -q -c "create database $4" postgres
    echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') of the tests' own on 127.0.0.1:$3 (database $4, in $home)"
    ;;
  *)
    echo "usage: $0 create|start|stop|fresh <home> [port] [database]" >&2
    exit 2
    ;;
esac
