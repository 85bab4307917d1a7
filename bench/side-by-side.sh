#!/usr/bin/env bash
# Two builds measured side by side on one machine: both servers run at once (e.g. wildfly-config/run.sh with
# AIA_PORT_OFFSET=300 and 400 from two checkouts) and wrk alternates between them, round by round, first one then the other
# (the order swapped every round), so that the machine's drift (warm-up, other load) falls on both alike.
#   bench/side-by-side.sh BEFORE_API BEFORE_KEY AFTER_API AFTER_KEY ROUNDS PATH...
#   e.g. bench/side-by-side.sh http://127.0.0.1:8480/api/v1 "$k1" http://127.0.0.1:8380/api/v1 "$k2" 6 /ping /slos/statuses
# Prints each path's requests/s per round for both, the medians and their ratio (after ÷ before). wrk -t2 -c32, 8 s a run.
# One object's read names its list after an @: /services/@services reads, on each server, the first service its list
# answers (the two servers' demo data have ids of their own).
set -euo pipefail
before=$1 before_key=$2 after=$3 after_key=$4 rounds=$5
shift 5
# A run any answer of which is not 2xx (a key's rate limit reached, say) measures the refusal, not the read: it stops.
rate() {
  local out
  out=$(wrk -t2 -c32 -d8s -H "Authorization: Bearer $2" "$1")
  if grep -q "Non-2xx" <<< "$out"; then echo "$1: $(grep Non-2xx <<< "$out"): not measured" >&2; exit 1; fi
  sed -n 's/^Requests\/sec: *//p' <<< "$out"
}
# The path with its @list replaced by the id of the first item that list answers on that server.
resolved() {
  local api=$1 key=$2 path=$3
  if [[ $path != *@* ]]; then echo "$path"; return; fi
  local list=${path#*@}
  local id
  id=$(curl -sf -H "Authorization: Bearer $key" "$api/$list" | python3 -c 'import json, sys; print(json.load(sys.stdin)["items"][0]["id"])')
  echo "${path%@*}$id"
}
for path in "$@"; do
  b=() a=()
  before_path=$(resolved "$before" "$before_key" "$path") after_path=$(resolved "$after" "$after_key" "$path")
  for code in "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $before_key" "$before$before_path")" \
              "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $after_key" "$after$after_path")"; do
    if [[ $code != 200 ]]; then echo "$path answers $code, not 200: not measured" >&2; exit 1; fi
  done
  for ((round = 1; round <= rounds; round++)); do
    if ((round % 2)); then
      b+=("$(rate "$before$before_path" "$before_key")"); a+=("$(rate "$after$after_path" "$after_key")")
    else
      a+=("$(rate "$after$after_path" "$after_key")"); b+=("$(rate "$before$before_path" "$before_key")")
    fi
  done
  python3 - "$path" "${b[*]}" "${a[*]}" <<'PY'
import statistics, sys
path, before, after = sys.argv[1], [float(x) for x in sys.argv[2].split()], [float(x) for x in sys.argv[3].split()]
mb, ma = statistics.median(before), statistics.median(after)
print(f"{path}: before {' '.join(f'{x:.0f}' for x in before)} (median {mb:.0f}); after {' '.join(f'{x:.0f}' for x in after)} "
      f"(median {ma:.0f}); after/before x{ma / mb:.2f}")
PY
done
