#!/usr/bin/env bash
# A local AIA Ops cluster on this machine: N nodes (2 or 3) of the built server, at port offsets 0, 100, 200, on one
# PostgreSQL database, forming one cluster over JGroups TCP with static discovery (no multicast).
#   wildfly-config/cluster.sh start [N]   build, (re)start N nodes (default 2), print where they are
#   wildfly-config/cluster.sh stop        stop every node
#   wildfly-config/cluster.sh status      each node's readiness and the cluster view it sees
# Database: AIA_DB_URL / AIA_DB_USER / AIA_DB_PASSWORD, default the local PostgreSQL database aia_cluster (created
# when missing). State (configuration, logs, backups) lives in $AIA_HOME/cluster (default .aia/cluster).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
# Server settings of your own, for example letting webhooks reach a receiver on this machine:
#   AIA_OPTS="-Daia.outbound.allowed-internal=127.0.0.1 -Daia.signup.enabled=false" wildfly-config/cluster.sh
# or key=value lines in $AIA_HOME/server.properties (default .aia/server.properties), read at every start.
extra_settings=()
if [[ -n "${AIA_OPTS:-}" ]]; then read -r -a extra_settings <<< "$AIA_OPTS"; fi
settings_file=${AIA_HOME:-$root/.aia}/server.properties
if [[ -f "$settings_file" ]]; then extra_settings+=("--properties=$settings_file"); fi
state=${AIA_HOME:-$root/.aia}/cluster
server=$root/wildfly-config/target/server
db_url=${AIA_DB_URL:-jdbc:postgresql://127.0.0.1:5432/aia_cluster}
db_user=${AIA_DB_USER:-postgres}
db_password=${AIA_DB_PASSWORD:-postgres}

node_pid() {
  pgrep -f -- "-Djboss.server.base.dir=$state/node$1 " || true
}

stop_all() {
  for n in 1 2 3; do
    local pid
    pid=$(node_pid $n)
    if [[ -n "$pid" ]]; then
      echo "Stopping node$n (pid $(echo $pid | tr "\n" " "))..."
      kill $pid
      for _ in $(seq 1 60); do [[ -z "$(node_pid $n)" ]] && break; sleep 1; done
      kill -9 $pid 2>/dev/null || true
    fi
  done
}

status() {
  for n in 1 2 3; do
    local offset=$(((n - 1) * 100))
    [[ -z "$(node_pid $n)" ]] && continue
    local ready view
    ready=$(curl -fsS "http://127.0.0.1:$((9990 + offset))/health/ready" 2>/dev/null | grep -o '"status":"[A-Z]*"' | head -1 || echo down)
    view=$(JAVA_OPTS="" "$server/bin/jboss-cli.sh" --connect --controller="127.0.0.1:$((9990 + offset))" \
      --command="/subsystem=jgroups/channel=ee:read-attribute(name=view)" 2>/dev/null | grep -o '"result" => "[^"]*"' || echo "?")
    echo "node$n  http://localhost:$((8080 + offset))  ready $ready  view $view"
  done
}

case "${1:-start}" in
  stop) stop_all; exit 0 ;;
  status) status; exit 0 ;;
  start) ;;
  *) echo "usage: $0 [start [N]|stop|status]" >&2; exit 2 ;;
esac
nodes=${2:-2}
if [[ "$nodes" != 2 && "$nodes" != 3 ]]; then
  echo "a local cluster has 2 or 3 nodes" >&2
  exit 2
fi

echo "Building AIA Ops and its server..."
(cd "$root" && mvn -B -q -DskipTests install)
stop_all

if [[ "$db_url" == "jdbc:postgresql://127.0.0.1:5432/aia_cluster" ]] \
  && ! psql -h 127.0.0.1 -U "$db_user" -d postgres -Atc "select 1 from pg_database where datname = 'aia_cluster'" | grep -q 1; then
  psql -h 127.0.0.1 -U "$db_user" -d postgres -qc "create database aia_cluster"
fi

mkdir -p "$state"
chmod 700 "$state"
password_file=$state/console-password
[[ -s "$password_file" ]] || printf '%s' "$(head -c 18 /dev/urandom | base64 | tr -d '/+=')-9" > "$password_file"
chmod 600 "$password_file"
console_password=$(cat "$password_file")

hosts=""
for n in $(seq 1 "$nodes"); do hosts="$hosts${hosts:+,}127.0.0.1[$((7600 + (n - 1) * 100))]"; done

for n in $(seq 1 "$nodes"); do
  base=$state/node$n
  offset=$(((n - 1) * 100))
  # A fresh configuration every start; data (backups) is kept beside it.
  rm -rf "$base/configuration" "$base/deployments" "$base/tmp"
  mkdir -p "$base/data"
  cp -r "$server/standalone/configuration" "$server/standalone/deployments" "$base/"
  JAVA_OPTS="" "$server/bin/add-user.sh" -sc "$base/configuration" -u admin -p "$console_password" -s > /dev/null
  cp "$root/aia-ear/target/aia-ops.ear" "$base/deployments/"
  demo=false
  [[ $n == 1 ]] && demo=true
  # Heap: WildFly's default of 512 MB spent seconds in GC under load (docs/BENCHMARKS.md, "Heap"); JBOSS_JAVA_SIZING
  # overrides it (nodes sharing one machine).
  export JBOSS_JAVA_SIZING="${JBOSS_JAVA_SIZING:--Xms512m -Xmx1g -XX:MetaspaceSize=96M -XX:MaxMetaspaceSize=512m}"
  # Undertow's threads: 16 request threads per core as WildFly sizes them (other sizes measured no better: docs/BENCHMARKS.md,
  # "Worker threads and the connection pool"), but one I/O thread per two cores, not WildFly's two per core: an I/O thread
  # woken by a finished request spins until that request's thread runs again ("Undertow's I/O threads on two cores").
  # AIA_WORKER_THREADS, AIA_WORKER_IO_THREADS override.
  export AIA_WORKER_THREADS="${AIA_WORKER_THREADS:-$(( $(nproc) * 16 ))}" AIA_WORKER_IO_THREADS="${AIA_WORKER_IO_THREADS:-$(( ($(nproc) + 1) / 2 ))}"
  nohup "$server/bin/standalone.sh" -c standalone-ha.xml \
    -Djboss.server.base.dir="$base" -Djboss.socket.binding.port-offset="$offset" -Djboss.node.name="node$n" \
    -Daia.cluster.hosts="$hosts" -Daia.data.dir="$base/data" \
    -Daia.db.driver=postgresql -Daia.db.url="$db_url" -Daia.db.user="$db_user" -Daia.db.password="$db_password" \
    -Daia.demo.enabled=$demo -Daia.demo.credentials-file="$state/demo-credentials.txt" \
    -Daia.platform.operator-organization="${AIA_OPERATOR_ORGANIZATION:-acme}" \
    ${extra_settings[@]+"${extra_settings[@]}"} \
    > "$base/console.log" 2>&1 &
  echo "Starting node$n (offset $offset, log $base/log/server.log)..."
  # One node at a time: the first creates the schema and the schedules, the next find them.
  ready=""
  for _ in $(seq 1 180); do
    if curl -fsS "http://127.0.0.1:$((9990 + offset))/health/ready" 2>/dev/null | grep -q '"status":"UP"'; then ready=yes; break; fi
    if [[ -z "$(node_pid $n)" ]]; then echo "node$n stopped while starting; see $base/console.log" >&2; exit 1; fi
    sleep 1
  done
  [[ -n "$ready" ]] || { echo "node$n did not become ready in 180 s; see $base/log/server.log" >&2; exit 1; }
done

cat <<TEXT

AIA Ops is running as a cluster of $nodes nodes on $db_url.
$(status)
  Admin consoles: http://localhost:9990/console, :10090, :10190   user: admin   password: $console_password
  Demo organisation (made by node1): $(tr '\n' ' ' < "$state/demo-credentials.txt" 2>/dev/null || echo "see $state/demo-credentials.txt")
Any node serves any request: a browser session, a rate limit, a cached answer are the cluster's, not the node's.
Stop: wildfly-config/cluster.sh stop
TEXT
