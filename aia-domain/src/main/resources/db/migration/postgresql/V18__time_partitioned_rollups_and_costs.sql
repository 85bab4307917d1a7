-- Roll-ups and cost lines grow with time and are read and expired by time: they become partitioned by it, so a query
-- for some days reads those days' partitions only and minute retention drops a whole day's partition instead of
-- deleting its rows one by one (which left dead tuples for VACUUM to chase every hour). Roll-ups are first split by
-- resolution (minutes are kept 35 days, hours and days for good), minutes then by day, hours and days by month; cost
-- lines by the month their charge period starts in. Partitions are made ahead of time and their rows moved out of
-- the default partitions by com.aiaops.partitioning.TimePartitions (at start and every night); each default partition
-- holds what no partition holds yet (rows written right after this migration, far past or future dates).
-- A key must contain the partition key: a cost line's becomes (id, charge_period_start); its id alone stays unique, a
-- random UUID the platform makes.

alter table telemetry_rollup rename to telemetry_rollup_v17;
alter index telemetry_rollup_pkey rename to telemetry_rollup_v17_pkey;
alter index telemetry_rollup_resolution_start rename to telemetry_rollup_v17_resolution_start;
create table telemetry_rollup (
    like telemetry_rollup_v17 including defaults including constraints,
    primary key (service_id, resolution, bucket_start)
) partition by list (resolution);
create table telemetry_rollup_minute partition of telemetry_rollup for values in ('MINUTE') partition by range (bucket_start);
create table telemetry_rollup_hour partition of telemetry_rollup for values in ('HOUR') partition by range (bucket_start);
create table telemetry_rollup_day partition of telemetry_rollup for values in ('DAY') partition by range (bucket_start);
create table telemetry_rollup_minute_default partition of telemetry_rollup_minute default;
create table telemetry_rollup_hour_default partition of telemetry_rollup_hour default;
create table telemetry_rollup_day_default partition of telemetry_rollup_day default;
create index telemetry_rollup_resolution_start on telemetry_rollup (resolution, bucket_start);
insert into telemetry_rollup select * from telemetry_rollup_v17;
drop table telemetry_rollup_v17;

alter table cost_line rename to cost_line_v17;
alter index cost_line_pkey rename to cost_line_v17_pkey;
alter index cost_line_org_period rename to cost_line_v17_org_period;
create table cost_line (
    like cost_line_v17 including defaults including constraints,
    primary key (id, charge_period_start)
) partition by range (charge_period_start);
create table cost_line_default partition of cost_line default;
create index cost_line_org_period on cost_line (organization_id, charge_period_start);
insert into cost_line select * from cost_line_v17;
drop table cost_line_v17;
