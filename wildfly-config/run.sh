#!/usr/bin/env bash
# AIA Ops for a newcomer: builds everything, starts the configured WildFly with the EAR on the embedded
# H2 database (or PostgreSQL when AIA_DB_* is set), loads the demo organisation once, prints where to go.
#   wildfly-config/run.sh          build, (re)start, print URLs and credentials
#   wildfly-config/run.sh stop     stop the server
# State (database, credentials, logs) lives in $AIA_HOME (default: .aia/ in the checkout) and survives reruns.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
# Server settings of your own, for example letting webhooks reach a receiver on this machine:
#   AIA_OPTS="-Daia.outbound.allowed-internal=127.0.0.1 -Daia.signup.enabled=false" wildfly-config/run.sh
# or key=value lines in $AIA_HOME/server.properties (default .aia/server.properties), read at every start.
extra_settings=()
if [[ -n "${AIA_OPTS:-}" ]]; then read -r -a extra_settings <<< "$AIA_OPTS"; fi
# Absolute, so that "stop" finds the server whichever directory it was started from (the process is matched by path).
mkdir -p "${AIA_HOME:-$root/.aia}"
state=$(cd "${AIA_HOME:-$root/.aia}" && pwd)
settings_file=$state/server.properties
if [[ -f "$settings_file" ]]; then extra_settings+=("--properties=$settings_file"); fi
server=$root/wildfly-config/target/server
base=$state/server
data=$state/data
offset=${AIA_PORT_OFFSET:-0}
http_port=$((8080 + offset))
management_port=$((9990 + offset))

running_pid() {
  pgrep -f -- "-Djboss.server.base.dir=$base " || true
}

stop_server() {
  local pid
  pid=$(running_pid)
  if [[ -n "$pid" ]]; then
    echo "Stopping the server (pid $(echo $pid | tr "\n" " "))..."
    kill $pid
    for _ in $(seq 1 60); do
      [[ -z "$(running_pid)" ]] && return 0
      sleep 1
    done
    kill -9 $pid 2>/dev/null || true
  fi
}

case "${1:-start}" in
  stop) stop_server; exit 0 ;;
  start) ;;
  *) echo "usage: $0 [start|stop]" >&2; exit 2 ;;
esac

echo "Building AIA Ops and its server (the first build downloads WildFly from Maven Central)..."
(cd "$root" && mvn -B -q -DskipTests install)

stop_server
mkdir -p "$state" "$data"
chmod 700 "$state"
# A fresh configuration every run, so the server always has the configuration this checkout builds;
# the data directory is separate and kept.
rm -rf "$base"
cp -r "$server/standalone" "$base"

password_file=$state/console-password
if [[ -n "${AIA_CONSOLE_PASSWORD:-}" ]]; then
  printf '%s' "$AIA_CONSOLE_PASSWORD" > "$password_file"
elif [[ ! -s "$password_file" ]]; then
  # Meets WildFly's password rules: letters, a digit and a non-alphanumeric character.
  printf '%s' "$(head -c 18 /dev/urandom | base64 | tr -d '/+=')-9" > "$password_file"
fi
chmod 600 "$password_file"
console_password=$(cat "$password_file")
JAVA_OPTS="" "$server/bin/add-user.sh" -sc "$base/configuration" -u admin -p "$console_password" -s > /dev/null

cp "$root/aia-ear/target/aia-ops.ear" "$base/deployments/"
credentials=$data/demo-credentials.txt
# The living demo (30 days of history, then live traffic every minute) unless AIA_DEMO=off.
demo=true
[[ ${AIA_DEMO:-on} == off ]] && demo=false
# Heap: WildFly's default of 512 MB spent seconds in GC under load (docs/BENCHMARKS.md, "Heap"); JBOSS_JAVA_SIZING
# overrides it (one node).
export JBOSS_JAVA_SIZING="${JBOSS_JAVA_SIZING:--Xms1g -Xmx2g -XX:MetaspaceSize=96M -XX:MaxMetaspaceSize=512m}"
# Undertow's threads: 16 request threads per core as WildFly sizes them (other sizes measured no better: docs/BENCHMARKS.md,
# "Worker threads and the connection pool"), but one I/O thread per two cores, not WildFly's two per core: an I/O thread
# woken by a finished request spins until that request's thread runs again ("Undertow's I/O threads on two cores").
# AIA_WORKER_THREADS, AIA_WORKER_IO_THREADS override.
export AIA_WORKER_THREADS="${AIA_WORKER_THREADS:-$(( $(nproc) * 16 ))}" AIA_WORKER_IO_THREADS="${AIA_WORKER_IO_THREADS:-$(( ($(nproc) + 1) / 2 ))}"
nohup "$server/bin/standalone.sh" -c standalone-ha.xml \
  -Djboss.server.base.dir="$base" \
  -Djboss.socket.binding.port-offset="$offset" \
  -Daia.data.dir="$data" \
  -Daia.demo.enabled="$demo" \
  -Daia.platform.operator-organization="${AIA_OPERATOR_ORGANIZATION:-acme}" \
  -Daia.demo.credentials-file="$credentials" \
  ${extra_settings[@]+"${extra_settings[@]}"} \
  > "$state/console.log" 2>&1 &
# Watched by its own pid: a search of the process list right after the start can miss it (seen on a restart).
started=$!

echo "Starting the server (log: $base/log/server.log)..."
ready=""
for _ in $(seq 1 180); do
  if curl -fsS "http://127.0.0.1:$management_port/health/ready" 2>/dev/null | grep -q '"status":"UP"'; then
    ready=yes
    break
  fi
  if ! kill -0 "$started" 2>/dev/null; then
    echo "The server stopped while starting; see $state/console.log" >&2
    exit 1
  fi
  sleep 1
done
if [[ -z "$ready" ]]; then
  echo "The server did not become ready in 180 s; see $base/log/server.log" >&2
  exit 1
fi

cat <<TEXT

AIA Ops is running.
  Dashboard:        http://localhost:$http_port/   (sign in with the demo e-mail and password below)
  API:              http://localhost:$http_port/api/v1/services
  OpenAPI document: http://localhost:$http_port/openapi
  Status page:      http://localhost:$http_port/status/acme   (public; JSON at /api/v1/status-pages/acme)
  Health:           http://localhost:$management_port/health
  Metrics:          http://localhost:$management_port/metrics
  Admin console:    http://localhost:$management_port/console   user: admin   password: $console_password

Demo organisation (created once; kept in $data):
$(sed 's/^/  /' "$credentials" 2>/dev/null || echo "  (no demo credentials file: the data directory predates it)")

Try:  curl -H "Authorization: Bearer \$(grep apiKey $credentials | cut -d= -f2)" http://localhost:$http_port/api/v1/services
Stop: wildfly-config/run.sh stop
TEXT
