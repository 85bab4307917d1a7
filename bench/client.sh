#!/usr/bin/env bash
# Builds the load client (bench/src/Bench.java) and its libraries into $1/classes and $1/lib; used by every bench script.
set -euo pipefail
state=$1
root=$(cd "$(dirname "$0")/.." && pwd)
for artifact in org.hdrhistogram:HdrHistogram:2.2.2 io.opentelemetry.proto:opentelemetry-proto:1.11.0-alpha \
                com.google.protobuf:protobuf-java:4.36.2; do
  (cd "$root" && mvn -q -B dependency:copy -Dartifact="$artifact" -DoutputDirectory="$state/lib")
done
javac -d "$state/classes" -cp "$state/lib/*" "$root/bench/src/Bench.java"
