#!/usr/bin/env bash
# The time to write a page of SLO statuses as JSON, JSON-B's defaults beside the API's writer (RecordAnswers), in one JVM.
#   bench/answers.sh [ROUNDS]      after `mvn install -DskipTests` (reads aia-web and aia-domain classes and the built server's JSON-B)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
rounds=${1:-20}
state=$root/bench/.state/answers
mkdir -p "$state"
modules=$root/wildfly-config/target/server/modules/system/layers/base
cp=$root/aia-web/target/classes:$root/aia-domain/target/classes
for jar in org/eclipse/yasson/main/yasson-*.jar org/eclipse/parsson/main/parsson-*.jar jakarta/json/api/main/jakarta.json-api-*.jar \
           jakarta/json/bind/api/main/jakarta.json.bind-api-*.jar; do
  cp=$cp:$(ls $modules/$jar | head -1)
done
# Compiling SloResource's records needs the Jakarta EE and MicroProfile APIs aia-web compiles against.
cp=$cp:$(cd "$root" && mvn -B -q -o dependency:build-classpath -pl aia-web -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=compile)
javac -d "$state" -cp "$cp" "$root/bench/src/AnswerWriting.java"
java -cp "$state:$cp" AnswerWriting "$rounds"
