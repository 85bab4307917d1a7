-- A roll-up is always read and locked as one service's buckets of one resolution over a time range: with the key
-- led by bucket_start, such a range scanned every service's rows in that time (200 services: 200 times the rows).
-- Led by the service, the range is one contiguous stretch of the key. Minute retention deletes by resolution and
-- time across services, which the second index serves.
alter table telemetry_rollup drop primary key;
alter table telemetry_rollup add primary key (service_id, resolution, bucket_start);
create index telemetry_rollup_resolution_start on telemetry_rollup (resolution, bucket_start);
