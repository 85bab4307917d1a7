# Sourced by the benchmarks once their server is up (with api and AIA_HOME set): through the demo's key it makes a service
# "bench", an INGEST and a VIEWER key of 1,000,000 requests a minute and an availability SLO (99.9 %, 30 days), and sets
# demo, service, ingest_key, read_key and slo; post PATH JSON posts with the demo's key.
demo=$(grep apiKey "$AIA_HOME/data/demo-credentials.txt" | cut -d= -f2)
post() { curl -fsS -H "Authorization: Bearer $demo" -H 'Content-Type: application/json' -d "$2" "$api/$1"; }
service=$(post services '{"slug":"bench","displayName":"Bench","ownerTeam":"bench","tier":"PRO"}' | jq -r .id)
ingest_key=$(post api-keys '{"name":"bench ingest","scope":"INGEST","rateLimitPerMinute":1000000}' | jq -r .token)
read_key=$(post api-keys '{"name":"bench reader","scope":"VIEWER","rateLimitPerMinute":1000000}' | jq -r .token)
slo=$(post slos "{\"serviceId\":\"$service\",\"name\":\"bench-availability\",\"indicator\":\"AVAILABILITY\",\"targetPercent\":99.9,\"window\":\"30d\"}" | jq -r .id)
