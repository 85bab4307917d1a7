#!/usr/bin/env bash
# Where a request's time goes: records a JFR profile of the running server while wrk loads one URL, then prints the
# methods most often on CPU (self) and the application's methods most often on the stack (inclusive).
#   bench/profile.sh URL [API_KEY] [SECONDS]     e.g. against a server started by bench/run.sh or wildfly-config/run.sh
# Needs wrk and the JDK's jcmd and jfr. The profile is left in bench/.state/profile.jfr.
set -euo pipefail
url=$1 key=${2:-} seconds=${3:-30}
root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/bench/.state/profile.jfr
mkdir -p "$(dirname "$out")"
pid=${AIA_PID:-$(pgrep -f "jboss-modules.jar" | head -1)}
[[ -n "$pid" ]] || { echo "no WildFly running" >&2; exit 1; }
auth=(); [[ -n "$key" ]] && auth=(-H "Authorization: Bearer $key")
wrk -t2 -c32 -d10s "${auth[@]}" "$url" > /dev/null   # warm
jcmd "$pid" JFR.start name=aia-profile settings=profile filename="$out" > /dev/null
wrk -t2 -c32 -d"${seconds}s" "${auth[@]}" "$url" | sed -n 's/^Requests\/sec: */requests\/s: /p'
jcmd "$pid" JFR.stop name=aia-profile > /dev/null
jfr print --events jdk.ExecutionSample --stack-depth 128 "$out" | python3 -c '
import re, sys, collections
self_counts, incl, total, stack = collections.Counter(), collections.Counter(), 0, []
def flush():
    global total, stack
    if stack:
        total += 1
        self_counts[stack[0]] += 1
        for frame in set(f for f in stack if f.startswith("com.aiaops")):
            incl[frame] += 1
    stack = []
for line in sys.stdin:
    if line.startswith("jdk.ExecutionSample"):
        flush()
    m = re.match(r"\s+([\w$.<>]+)\(", line)
    if m and "line:" in line:
        stack.append(m.group(1))
flush()
print(f"{total} samples")
print("-- on CPU (self)")
for frame, n in self_counts.most_common(25):
    print(f"{100*n/total:5.1f}%  {frame}")
print("-- application methods on the stack (inclusive)")
for frame, n in incl.most_common(30):
    print(f"{100*n/total:5.1f}%  {frame}")
'
