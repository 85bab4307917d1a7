#!/usr/bin/env bash
# The mixed workload (Bench mixed: 40 % ingest of 10-observation batches, 30 % SLO status, 30 % summary and series; open
# loop, 32 connections) on two servers of bench/mixed-server.sh, one after the other at each rate, the order swapped every
# round. Besides latency it reports what a request cost: the server process's CPU and that of every process of
# bench/postgres.sh's PostgreSQL (autovacuum included), from /proc, over the run, and the load client's own (its whole
# process, JVM start included, from /usr/bin/time): the three share the machine's cores.
#   bench/mixed-side-by-side.sh BEFORE_DB AFTER_DB ROUNDS "RATES" [SECONDS]
#   e.g. bench/mixed-side-by-side.sh aia_before aia_after 2 "1000 1500 2000" 30
# Warm both first (a fresh server's JIT compiles for ~10 minutes): the same script at 500/s, 45 s, 8 rounds.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
state=$root/bench/.state/mixed
before=$1 after=$2 rounds=$3 rates=$4 seconds=${5:-30}
"$root/bench/client.sh" "$state/client" > /dev/null
ticks() { cat "$@" 2>/dev/null | awk '{s += $14 + $15} END {print s + 0}'; }  # a backend may end while it is read
postgres_ticks() {  # the postmaster's and its children's: backends, checkpointer, WAL writer, autovacuum
  local postmaster
  postmaster=$(head -1 "$root/bench/.state/postgres/data/postmaster.pid")
  ticks "/proc/$postmaster/stat" $(pgrep -P "$postmaster" | sed 's|.*|/proc/&/stat|')
}
run() {  # one run of the mixed workload on database $1's server at rate $2
  local env=$state/$1.env pid out requests server_before pg_before server_after pg_after client
  # shellcheck disable=SC1090
  source "$env"
  pid=$(pgrep -f -- "^java .*-Djboss.server.base.dir=$STATE/server( |$)")
  server_before=$(ticks /proc/$pid/stat) pg_before=$(postgres_ticks)
  out=$(/usr/bin/time -f 'client-cpu %U %S' -o "$state/client-time" \
        java -Xss512k -cp "$state/client/classes:$state/client/lib/*" Bench mixed "$API" "$INGEST" "$READ" "$SERVICE" "$SLO" "$2" "$seconds")
  client=$(awk '/^client-cpu/ {print $2 + $3}' "$state/client-time")
  server_after=$(ticks /proc/$pid/stat) pg_after=$(postgres_ticks)
  requests=$(sed -n 's/^mixed: \([0-9]*\) requests.*/\1/p' <<< "$out")
  awk -v db="$1" -v rate="$2" -v n="$requests" -v s=$((server_after - server_before)) -v p=$((pg_after - pg_before)) \
      -v c="$client" -v hz="$(getconf CLK_TCK)" -v line="$(head -1 <<< "$out")" 'BEGIN {
        match(line, /p50 [0-9.]+ ms/); p50 = substr(line, RSTART + 4, RLENGTH - 7)
        match(line, /p99 [0-9.]+ ms/); p99 = substr(line, RSTART + 4, RLENGTH - 7)
        match(line, /[0-9]+ errors/); errors = substr(line, RSTART, RLENGTH - 7)
        printf "%-12s %5d/s  p50 %8.1f ms  p99 %8.1f ms  non-2xx %6d  CPU a request: server %.3f ms, PostgreSQL %.3f ms, client %.3f ms\n",
               db, rate, p50, p99, errors, 1000 * s / hz / n, 1000 * p / hz / n, 1000 * c / n }'
}
for rate in $rates; do
  for round in $(seq 1 "$rounds"); do
    if (( round % 2 )); then run "$before" "$rate"; run "$after" "$rate"; else run "$after" "$rate"; run "$before" "$rate"; fi
  done
done
