-- OTLP: an organisation's settings (with per-service failure rules) and the last point of each cumulative histogram
-- series, so that the next point is counted as a delta on any node, after any restart.
create table otlp_settings (
    organization_id uuid not null,
    consumer_spans boolean not null,
    auto_register boolean not null,
    failure_rule varchar(32) not null,
    updated_at timestamp(6) with time zone not null,
    version bigint not null,
    primary key (organization_id)
);

create table otlp_service_failure_rule (
    organization_id uuid not null,
    service_id uuid not null,
    failure_rule varchar(32) not null,
    primary key (organization_id, service_id),
    foreign key (organization_id) references otlp_settings (organization_id)
);

create table otlp_cumulative_series (
    id uuid not null,
    organization_id uuid not null,
    series_key varchar(64) not null,
    start_time_unix_nano bigint not null,
    time_unix_nano bigint not null,
    point varchar(20000) not null,
    last_seen_at timestamp(6) with time zone not null,
    version bigint not null,
    primary key (id),
    unique (organization_id, series_key)
);

create index otlp_cumulative_series_seen on otlp_cumulative_series (last_seen_at);
