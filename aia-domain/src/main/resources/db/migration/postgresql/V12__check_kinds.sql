-- Checks beyond an HTTP status: TCP port, TLS certificate expiry, heartbeat (push); HTTP body assertions.
alter table synthetic_check add column kind varchar(12) default 'HTTP' not null check (kind in ('HTTP','TCP','TLS','HEARTBEAT'));
alter table synthetic_check add column body_contains varchar(200);
alter table synthetic_check add column json_path varchar(200);
alter table synthetic_check add column json_expected varchar(200);
alter table synthetic_check add column tls_min_days integer;
alter table synthetic_check add column tls_verify boolean default true not null;
alter table synthetic_check add column tls_expires_at timestamp(6) with time zone;
alter table synthetic_check add column grace_seconds integer;
alter table synthetic_check add column heartbeat_digest varchar(64);
alter table synthetic_check add column last_beat_at timestamp(6) with time zone;
alter table synthetic_check add constraint synthetic_check_heartbeat_digest unique (heartbeat_digest);
