#!/usr/bin/env bash
# Observation ingest of two builds side by side on one machine, from a client whose own cost is small: both servers run at
# once (wildfly-config/run.sh from two checkouts, port offsets 300 and 400, each with a service "bench" and an INGEST key)
# and wrk (bench/src/post_bodies.lua) posts the same 16 batches of BATCH observations to one, then the other, round by round,
# the order swapped every round. A run with any answer that is not 2xx stops the script: only acknowledged batches count.
#   bench/ingest-side-by-side.sh BEFORE_API BEFORE_KEY AFTER_API AFTER_KEY ROUNDS [CONNECTIONS] [SECONDS] [BATCH]
# Prints each run's observations/s, the medians and their ratio (after ÷ before).
set -euo pipefail
before=$1 before_key=$2 after=$3 after_key=$4 rounds=$5 connections=${6:-8} seconds=${7:-20} batch=${8:-5000}
root=$(cd "$(dirname "$0")/.." && pwd)
state=$root/bench/.state/ingest-side-by-side
"$root/bench/client.sh" "$state" > /dev/null
rm -rf "$state/bodies"
java -cp "$state/classes:$state/lib/*" Bench bodies "$state/bodies" bench "$batch"
rate() {  # observations acknowledged per second, one run
  local out
  out=$(wrk -t2 -c"$connections" -d"${seconds}s" -s "$root/bench/src/post_bodies.lua" -H "Authorization: Bearer $2" \
        "$1/telemetry/observations" -- "$RANDOM$RANDOM" "$state"/bodies/body-*.json)
  if grep -q "Non-2xx" <<< "$out"; then echo "$1: $(grep Non-2xx <<< "$out"): not measured" >&2; exit 1; fi
  sed -n 's/^Requests\/sec: *//p' <<< "$out" | awk -v n="$batch" '{printf "%.0f\n", $1 * n}'
}
median() { sort -n | awk '{v[NR]=$1} END{print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
b=() a=()
for round in $(seq 1 "$rounds"); do
  if (( round % 2 )); then b+=("$(rate "$before" "$before_key")"); a+=("$(rate "$after" "$after_key")")
  else a+=("$(rate "$after" "$after_key")"); b+=("$(rate "$before" "$before_key")"); fi
  echo "round $round: before ${b[-1]} obs/s, after ${a[-1]} obs/s"
done
mb=$(printf '%s\n' "${b[@]}" | median) ma=$(printf '%s\n' "${a[@]}" | median)
echo "median: before $mb obs/s, after $ma obs/s, after ÷ before ×$(echo "scale=2; $ma / $mb" | bc)"
