#!/usr/bin/env bash
# Builds our WildFly server: unpack the distribution, add the PostgreSQL driver module, apply the
# offline CLI scripts in order. Skipped when the server is newer than every input (a second build is fast).
set -euo pipefail

dist_zip=$1
postgresql_jar=$2
server=$3
here=$(cd "$(dirname "$0")/.." && pwd)
marker="$server/.aia-configured"

if [[ -f "$marker" ]] && [[ -z "$(find "$here" "$dist_zip" -newer "$marker" -type f -print -quit)" ]]; then
  echo "Server at $server is up to date."
  exit 0
fi

mkdir -p "$(dirname "$server")"
work=$(mktemp -d "${server}.build.XXXX")
trap 'rm -rf "$work"' EXIT
if command -v unzip > /dev/null; then
  unzip -q "$dist_zip" -d "$work"
else
  # Only a JDK at hand: its jar tool unpacks zips but drops the execute bits, which the scripts need back.
  (cd "$work" && jar xf "$dist_zip")
fi
home=$(find "$work" -mindepth 1 -maxdepth 1 -type d -name 'wildfly-*' | head -n 1)
chmod +x "$home"/bin/*.sh

driver_dir="$home/modules/org/postgresql/main"
mkdir -p "$driver_dir"
cp "$postgresql_jar" "$driver_dir/"
sed "s/@POSTGRESQL_JAR@/$(basename "$postgresql_jar")/" "$here/modules/org/postgresql/main/module.xml" > "$driver_dir/module.xml"

for script in "$here"/cli/*.cli; do
  echo "Applying $(basename "$script")"
  # JAVA_OPTS empty: the embedded server must not inherit a caller's debugging or memory flags.
  if ! JAVA_OPTS="" "$home/bin/jboss-cli.sh" --file="$script" > "$work/cli.log" 2>&1 || grep -q '"outcome" => "failed"' "$work/cli.log"; then
    cat "$work/cli.log" >&2
    echo "CLI script $(basename "$script") failed" >&2
    exit 1
  fi
done
# The embedded server leaves history and logs of its own runs: start clean.
rm -rf "$home/standalone/configuration/standalone_xml_history" "$home/standalone/log" "$home/standalone/data" "$home/standalone/tmp"

rm -rf "$server"
mv "$home" "$server"
touch "$marker"
echo "Server built at $server"
