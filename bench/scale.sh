#!/usr/bin/env bash
# Realistic scale on PostgreSQL (issue 20), then the read benchmarks at that size.
#   bench/scale.sh               50 organisations: the first with 100 services and 500 SLOs made through the API, 49 more
#                                with 18 services and 90 SLOs each (with the demo's own: 985 services, 4,914 SLOs); 35 days of
#                                minute roll-ups and 13 months of hour and day roll-ups for every service (59 million rows,
#                                14 GB); 10,000 incidents; 1,000,000 cost lines. Database aia_scale, recreated. Partitions are
#                                made for 400 days back first (POST /partitions/maintenance?since=), so the copies go to them.
#   SCALE_KEEP=1 bench/scale.sh  reuse the database of an earlier run (skips the generation)
#   BENCH_SECONDS=10 BENCH_LATENCY_SECONDS=65 …  10 s throughput runs, 65 s open-loop runs (each holds a minute's start)
#   SCALE_HOLD=1 …               leave the server running afterwards, ready for the mixed workload at this size: writes
#                                bench/.state/mixed/aia_scale.env (service svc-1 of the first organisation, its 30-day
#                                availability SLO, an INGEST and a VIEWER key) for bench/mixed-side-by-side.sh; stop it with
#                                AIA_HOME=bench/.state/scale/aia wildfly-config/run.sh stop
# Roll-ups are made by the platform (one day of minutes through POST /telemetry/minutes, so sketches and threshold
# counts are its own), then copied by SQL to the other days and organisations; other rows are copied from the
# demo's own. Prints row counts, table sizes, the hot queries' plans (EXPLAIN ANALYZE, BUFFERS) and the latencies.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
state=$root/bench/.state/scale
offset=300
api=http://127.0.0.1:$((8080 + offset))/api/v1
seconds=${BENCH_SECONDS:-20}
# The open-loop runs' length: over 60 s, each run holds the beginning of a minute (when cached SLO statuses are renewed).
latency_seconds=${BENCH_LATENCY_SECONDS:-$seconds}
mkdir -p "$state"
"$root/bench/client.sh" "$state"
bench() { java -cp "$state/classes:$state/lib/*" Bench "$@"; }
sql() { psql -h 127.0.0.1 -U postgres -d aia_scale -v ON_ERROR_STOP=1 -q "$@"; }

export AIA_HOME=$state/aia AIA_PORT_OFFSET=$offset
source "$root/bench/postgres.sh"
bench_database_settings aia_scale reWriteBatchedInserts=true
if [[ -z "${SCALE_KEEP:-}" ]]; then
  bench_database aia_scale reWriteBatchedInserts=true
  rm -rf "$AIA_HOME"
fi
echo "== starting AIA Ops on PostgreSQL (aia_scale)"
"$root/wildfly-config/run.sh" > "$state/run.log"
[[ -n "${SCALE_HOLD:-}" ]] || trap '"$root/wildfly-config/run.sh" stop > /dev/null' EXIT
admin=$(grep apiKey "$AIA_HOME/data/demo-credentials.txt" | cut -d= -f2)
post() { curl -fsS -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' -d "$2" "$api/$1"; }
admin=$(post api-keys '{"name":"scale admin","scope":"ADMIN","rateLimitPerMinute":1000000}' | jq -r .token)  # the demo key's 600/min is too few

if [[ -z "${SCALE_KEEP:-}" ]]; then
  start=$(date +%s)
  echo "== the first organisation through the API: 100 services, one day of their minutes, 5 SLOs each"
  ingest=$(post api-keys '{"name":"scale ingest","scope":"INGEST","rateLimitPerMinute":1000000}' | jq -r .token)
  bench minutes "$api" "$admin" "$ingest" svc- 100 1440 5000 1
  sql -Atc "select substring(slug from 5), id from service where slug like 'svc-%' order by 1" -F ' ' > "$state/services.txt"
  while read -r s id; do
    post slos "{\"serviceId\":\"$id\",\"name\":\"svc-$s-availability\",\"indicator\":\"AVAILABILITY\",\"targetPercent\":99.9,\"window\":\"30d\"}" > /dev/null
    post slos "{\"serviceId\":\"$id\",\"name\":\"svc-$s-availability-week\",\"indicator\":\"AVAILABILITY\",\"targetPercent\":99,\"window\":\"7d\"}" > /dev/null
    post slos "{\"serviceId\":\"$id\",\"name\":\"svc-$s-availability-day\",\"indicator\":\"AVAILABILITY\",\"targetPercent\":99.5,\"window\":\"1d\"}" > /dev/null
    post slos "{\"serviceId\":\"$id\",\"name\":\"svc-$s-latency\",\"indicator\":\"LATENCY\",\"latencyThresholdMs\":200,\"targetPercent\":99,\"window\":\"30d\"}" > /dev/null
    post slos "{\"serviceId\":\"$id\",\"name\":\"svc-$s-latency-fast\",\"indicator\":\"LATENCY\",\"latencyThresholdMs\":50,\"targetPercent\":90,\"window\":\"30d\"}" > /dev/null
  done < "$state/services.txt"
  echo "== partitions from 400 days back, before the copies (POST /partitions/maintenance?since=)"
  post "partitions/maintenance?since=$(date -u -d '-400 days' +%Y-%m-%dT00:00:00Z)" '{}' | jq -r '"\(.made | length) partitions made"'
  echo "== copies by SQL: 35 days of minutes, 13 months of hours and days, 49 more organisations, incidents, cost lines"
  sql <<'SQL'
\timing on
set synchronous_commit = off;
create temp table first_services as select s.id from service s where s.slug like 'svc-%';
-- one day of each roll-up, copied to the days before it (a copy that meets a row already there is left out)
insert into telemetry_rollup (service_id, resolution, bucket_start, organization_id, total, good, latency_count, latency_sum_ms,
                              latency_sketch, counts_at_or_under)
  select r.service_id, r.resolution, r.bucket_start - make_interval(days => d), r.organization_id, r.total, r.good,
         r.latency_count, r.latency_sum_ms, r.latency_sketch, r.counts_at_or_under
  from telemetry_rollup r join first_services f on f.id = r.service_id
  cross join generate_series(1, 394) d
  where r.resolution <> 'MINUTE' or d < 35
  on conflict do nothing;
insert into organization (created_at, version, id, slug, name)
  select now(), 0, gen_random_uuid(), 'scale-' || g, 'Scale organisation ' || g from generate_series(1, 49) g;
SQL
  sql <<'SQL'
\timing on
set synchronous_commit = off;
create temp table first_services as
  select s.id, (substring(s.slug from 5))::int as n from service s where s.slug like 'svc-%' and s.organization_id =
    (select organization_id from service where slug = 'svc-1' order by created_at limit 1);
create temp table service_map as
  select f.id as template, o.id as organization_id, gen_random_uuid() as id
  from first_services f cross join organization o where o.slug like 'scale-%' and f.n <= 18;
create temp table new_services as
  select s.*, m.id as new_id, m.organization_id as new_org from service s join service_map m on m.template = s.id;
update new_services set id = new_id, organization_id = new_org;
alter table new_services drop column new_id, drop column new_org;
insert into service select * from new_services;
create temp table new_slos as
  select s.*, m.id as new_service, m.organization_id as new_org from slo s join service_map m on m.template = s.service_id;
update new_slos set id = gen_random_uuid(), service_id = new_service, organization_id = new_org;
alter table new_slos drop column new_service, drop column new_org;
insert into slo select * from new_slos;
insert into telemetry_rollup (service_id, resolution, bucket_start, organization_id, total, good, latency_count, latency_sum_ms,
                              latency_sketch, counts_at_or_under)
  select m.id, r.resolution, r.bucket_start, m.organization_id, r.total, r.good, r.latency_count, r.latency_sum_ms,
         r.latency_sketch, r.counts_at_or_under
  from telemetry_rollup r join service_map m on m.template = r.service_id;
-- 10,000 incidents and 1,000,000 cost lines, copies of the demo's, spread over the organisations
create temp table orgs as select id, row_number() over (order by slug) - 1 as n from organization;
create temp table new_incidents as
  select i.*, g as k from incident i cross join generate_series(1, 10000 / greatest(1, (select count(*) from incident))) g;
update new_incidents set id = gen_random_uuid(), organization_id = o.id from orgs o where o.n = new_incidents.k % (select count(*) from orgs);
alter table new_incidents drop column k;
insert into incident select * from new_incidents;
create temp table new_costs as
  select c.*, g as k from cost_line c cross join generate_series(1, 1000000 / greatest(1, (select count(*) from cost_line))) g;
update new_costs set id = gen_random_uuid(), organization_id = o.id from orgs o where o.n = new_costs.k % (select count(*) from orgs);
alter table new_costs drop column k;
insert into cost_line select * from new_costs;
SQL
  echo "== partitions: a run after the copies (rows that went to a default partition would be moved into theirs)"
  partitioned=$(date +%s)
  post partitions/maintenance '{}' | jq -r '"\(.made | length) partitions made, \([.made[].rowsMoved] | add // 0) rows moved"'
  echo "partition maintenance took $(( $(date +%s) - partitioned )) s"
  sql -c "analyze"
  echo "generated in $(( $(date +%s) - start )) s"
fi

echo "== rows and sizes"
# Leaves only: a partitioned table's own estimate repeats its partitions' rows; a plain table is its own leaf.
sql -c "select t as table, sum(greatest(c.reltuples, 0))::bigint as rows, pg_size_pretty(sum(pg_total_relation_size(c.oid))) as size,
               count(*) filter (where c.relispartition) as partitions
        from unnest(array['telemetry_rollup','cost_line','incident','slo','service','organization']) t
        cross join lateral (select relid from pg_partition_tree(t::regclass) where isleaf
                            union all select t::regclass where not exists (select from pg_partition_tree(t::regclass))) p
        join pg_class c on c.oid = p.relid group by t order by 2 desc"
sql -c "select parent.relname as partitioned, count(*) as partitions, min(c.relname) as first, max(c.relname) filter (where c.relname not like '%_default') as last
        from pg_inherits i join pg_class c on c.oid = i.inhrelid join pg_class parent on parent.oid = i.inhparent
        where c.relkind = 'r' group by parent.relname order by 1"
first=$(sql -Atc "select organization_id from service where slug = 'svc-1' order by created_at limit 1")
svc=$(sql -Atc "select id from service where slug = 'svc-1' and organization_id = '$first'")
slo=$(sql -Atc "select id from slo where name = 'svc-1-availability' and organization_id = '$first'")
latency_slo=$(sql -Atc "select id from slo where name = 'svc-1-latency' and organization_id = '$first'")

echo "== the hot queries' plans (EXPLAIN ANALYZE, BUFFERS; the SQL Hibernate sends, with this run's values)"
sql <<SQL
\echo -- an SLO status reads the roll-ups of its service by resolution over a time range (minutes at the edges, hours, days)
explain (analyze, buffers, costs off) select * from telemetry_rollup where service_id = '$svc' and resolution = 'MINUTE'
  and bucket_start >= now() - interval '1 hour' and bucket_start < now() order by bucket_start;
explain (analyze, buffers, costs off) select * from telemetry_rollup where service_id = '$svc' and resolution = 'HOUR'
  and bucket_start >= now() - interval '2 days' and bucket_start < now() order by bucket_start;
explain (analyze, buffers, costs off) select * from telemetry_rollup where service_id = '$svc' and resolution = 'DAY'
  and bucket_start >= now() - interval '395 days' and bucket_start < now() order by bucket_start;
\echo -- minute retention, in transactions rolled back: the oldest day of minutes dropped whole as one partition (what the
\echo -- hourly run does once a day has passed the cutoff), then the strays of the default partition deleted
\echo -- (psql reads a quote in these lines as the start of a string: none here)
analyze telemetry_rollup_minute;
select min(c.relname) as oldest from pg_inherits i join pg_class c on c.oid = i.inhrelid
  where i.inhparent = 'telemetry_rollup_minute'::regclass and c.relname <> 'telemetry_rollup_minute_default' and c.reltuples > 0 \gset
select :'oldest' as partition, count(*) as rows from :oldest;
begin;
\timing on
drop table :oldest;
\timing off
rollback;
begin;
explain (analyze, buffers, costs off) delete from telemetry_rollup_minute_default where bucket_start < now() - interval '35 days';
rollback;
\echo -- the cost of an organisation for a month, by service (cost breakdown)
explain (analyze, buffers, costs off) select service_id, sum(effective_cost) from cost_line where organization_id = '$first'
  and charge_period_start >= date_trunc('month', now()) - interval '1 month' and charge_period_start < date_trunc('month', now())
  group by service_id;
\echo -- the newest incidents of an organisation (a page of the incident list)
explain (analyze, buffers, costs off) select * from incident where organization_id = '$first' order by id desc limit 51;
\echo -- a page of SLOs by name (the SLO list and its statuses)
explain (analyze, buffers, costs off) select * from slo where organization_id = '$first' and name > '' order by name limit 51;
SQL

echo "== reads at this size: throughput (wrk, 32 connections, ${seconds} s, after a warm-up) as a share of GET /ping"
read=$(post api-keys '{"name":"scale reader","scope":"VIEWER","rateLimitPerMinute":1000000}' | jq -r .token)
H="Authorization: Bearer $read"
for _ in 1 2 3 4 5 6; do
  for path in ping "slos/$slo/status" services slos/statuses; do wrk -t2 -c32 -d10s -H "$H" "$api/$path" > /dev/null; done
done
for path in ping "slos/$slo/status" "slos/$latency_slo/status" services "services/$svc/telemetry" "slos/statuses?limit=50" \
            scorecard "alerts?state=FIRING" "incidents?status=open&order=newest" "cost/budgets/status" "security/findings?state=overdue"; do
  rate=$(wrk -t2 -c32 -d"${seconds}s" -H "$H" "$api/$path" | awk '/^Requests\/sec/{r=$2} /Non-2xx/{bad=$NF} END{print r, (bad ? "NON-2xx " bad : "")}')
  echo "GET /$path  $rate"
done
echo "GET /ping without a key  $(wrk -t2 -c32 -d"${seconds}s" "$api/ping" | awk '/^Requests\/sec/{print $2}')"

echo "== SLO status, open loop (Bench, 32 connections, latency from each request's due time)"
for rate in 1000 2000; do bench latency "$api/slos/$slo/status" "$read" "$rate" "$latency_seconds" 32; done

prepared() {  # how many statuses this node prepared ahead so far (the demo's organisation is the operators')
  curl -fsS -H "Authorization: Bearer $admin" "$api/metrics/platform" | grep '^aia_slo_statuses_prepared' || echo "(metric not read)"
}
echo "== the dashboard overview's API calls for the organisation with 100 services and 500 SLOs (open loop, 20/s each)"
prepared
for path in scorecard "alerts?state=FIRING" "incidents?status=open&order=newest&limit=200" "slos/statuses?limit=200" \
            "security/findings?state=overdue" "cost/budgets/status"; do
  echo "GET /$path"
  bench latency "$api/$path" "$read" 20 "$latency_seconds" 4
done
prepared

if [[ -n "${SCALE_HOLD:-}" ]]; then
  ingest=$(post api-keys '{"name":"scale mixed ingest","scope":"INGEST","rateLimitPerMinute":1000000}' | jq -r .token)
  source "$root/bench/mixed-env.sh"
  mixed_env aia_scale "$api" "$ingest" "$read" "$svc" "$slo" "$AIA_HOME"
  echo "== held: $api, settings for bench/mixed-side-by-side.sh in bench/.state/mixed/aia_scale.env"
fi
