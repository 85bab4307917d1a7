-- Alerts sent by other tools (Alertmanager, Grafana, PagerDuty's Events API) through an integration: no rule, but the
-- integration and the sender's fingerprint or dedup key, which de-duplicates them. The baseline's check constraint had
-- the name PostgreSQL gives an unnamed column constraint.
alter table alert drop constraint alert_kind_check;
alter table alert add constraint alert_kind_check check (kind in ('LATENCY','ERROR_RATE','CHECK_DOWN','BURN_RATE','EXTERNAL'));
alter table alert alter column rule_id drop not null;
alter table alert add column integration_id uuid;
alter table alert add column fingerprint varchar(255);
create index alert_integration_fingerprint on alert (integration_id, fingerprint);
-- Integrations: a sender wired to a service, with its secret (hashed; a GitHub integration also keeps the key its
-- HMAC signatures are checked with), and the last event and error it saw.
create table integration (
    id uuid not null,
    organization_id uuid not null,
    kind varchar(16) not null,
    name varchar(63) not null,
    service_id uuid not null,
    escalation_policy_id uuid,
    auto_resolve_incidents boolean not null,
    repository varchar(200),
    environments varchar(500) not null,
    secret_hash varchar(64) not null,
    signing_secret varchar(100),
    created_at timestamp(6) with time zone not null,
    secret_rotated_at timestamp(6) with time zone not null,
    last_event_at timestamp(6) with time zone,
    last_event varchar(500),
    last_error_at timestamp(6) with time zone,
    last_error varchar(500),
    version bigint not null,
    primary key (id),
    unique (secret_hash)
);
create index integration_org on integration (organization_id);

-- Commits pushed and not yet deployed (lead time for changes starts at their time), and deliveries already applied.
create table integration_commit (
    id uuid not null,
    organization_id uuid not null,
    integration_id uuid not null,
    sha varchar(64) not null,
    committed_at timestamp(6) with time zone not null,
    pushed_at timestamp(6) with time zone not null,
    primary key (id),
    unique (integration_id, sha)
);

create table integration_delivery (
    id uuid not null,
    organization_id uuid not null,
    integration_id uuid not null,
    delivery_key varchar(200) not null,
    received_at timestamp(6) with time zone not null,
    primary key (id),
    unique (integration_id, delivery_key)
);
