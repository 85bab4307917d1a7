-- Baseline: the schema of release c27587c (the last one whose schema Hibernate made with hbm2ddl=update),
-- as Hibernate generates it for this database. An installation made by that release is baselined at this
-- version instead of running it (SchemaMigrations). Released: never edit; change the schema in a new version.

create sequence audit_event_seq start with 1 increment by 50;

create sequence check_result_seq start with 1 increment by 50;

create sequence incident_timeline_seq start with 1 increment by 20;

create sequence oncall_override_seq start with 1 increment by 10;

create table account (
    created_at timestamp(6) with time zone not null,
    erased_at timestamp(6) with time zone,
    version bigint not null,
    id uuid not null,
    display_name varchar(200) not null,
    email varchar(254) not null unique,
    password_hash varchar(255),
    primary key (id)
);

create table action_item (
    due_on date not null,
    created_at timestamp(6) with time zone not null,
    finished_at timestamp(6) with time zone,
    version bigint not null,
    state varchar(12) not null check (state in ('OPEN','IN_PROGRESS','DONE','WONT_DO')),
    id uuid not null,
    incident_id uuid not null,
    organization_id uuid not null,
    owner_id uuid not null,
    title varchar(300) not null,
    primary key (id)
);

create table alert (
    last_value float(53),
    suggested_severity varchar(4) not null check (suggested_severity in ('P0','P1','P2','P3')),
    acknowledged_at timestamp(6) with time zone,
    fired_at timestamp(6) with time zone not null,
    last_seen_at timestamp(6) with time zone not null,
    occurrences bigint not null,
    resolved_at timestamp(6) with time zone,
    urgency varchar(8) not null check (urgency in ('PAGE','TICKET')),
    version bigint not null,
    kind varchar(12) not null check (kind in ('LATENCY','ERROR_RATE','CHECK_DOWN','BURN_RATE')),
    state varchar(12) not null check (state in ('FIRING','ACKNOWLEDGED','RESOLVED')),
    id uuid not null,
    incident_id uuid,
    organization_id uuid not null,
    rule_id uuid not null,
    service_id uuid not null,
    rule_name varchar(63) not null,
    acknowledged_by varchar(80),
    resolved_by varchar(80),
    muted_reason varchar(300),
    summary varchar(500) not null,
    primary key (id)
);

create table alert_rule (
    auto_resolve_incident boolean,
    enabled boolean not null,
    incident_severity varchar(4) not null check (incident_severity in ('P0','P1','P2','P3')),
    quantile float(53),
    threshold float(53),
    window_minutes integer not null,
    created_at timestamp(6) with time zone not null,
    minimum_requests bigint not null,
    next_evaluation_at timestamp(6) with time zone not null,
    urgency varchar(8) not null check (urgency in ('PAGE','TICKET')),
    version bigint not null,
    kind varchar(12) not null check (kind in ('LATENCY','ERROR_RATE','CHECK_DOWN','BURN_RATE')),
    check_id uuid,
    escalation_policy_id uuid,
    id uuid not null,
    open_alert_id uuid,
    organization_id uuid not null,
    service_id uuid not null,
    slo_id uuid,
    name varchar(63) not null,
    channel_ids varchar(2000) not null,
    primary key (id),
    unique (organization_id, name)
);

create table api_key (
    rate_limit_per_minute integer not null,
    created_at timestamp(6) with time zone not null,
    expires_at timestamp(6) with time zone,
    last_audited_use_at timestamp(6) with time zone,
    last_used_at timestamp(6) with time zone,
    revoked_at timestamp(6) with time zone,
    version bigint not null,
    id uuid not null,
    organization_id uuid not null,
    prefix varchar(16) not null unique,
    replaced_by uuid,
    scope varchar(16) not null check (scope in ('VIEWER','OPERATOR','ADMIN','INGEST')),
    created_by varchar(60),
    secret_digest varchar(64) not null,
    name varchar(100) not null,
    primary key (id)
);

create table audit_chain_head (
    last_sequence_number bigint not null,
    organization_id uuid not null,
    last_hash varchar(64) not null,
    primary key (organization_id)
);

create table audit_event (
    id bigint not null,
    occurred_at timestamp(6) with time zone not null,
    redacted_at timestamp(6) with time zone,
    sequence_number bigint not null,
    organization_id uuid not null,
    target_type varchar(40) not null,
    action varchar(60) not null,
    actor varchar(60) not null,
    target_id varchar(60),
    hash varchar(64) not null,
    payload_digest varchar(64) not null,
    previous_hash varchar(64) not null,
    after_state varchar(100000),
    before_state varchar(100000),
    primary key (id),
    unique (organization_id, sequence_number)
);

create table backup_run (
    finished_at timestamp(6) with time zone,
    job_instance_id bigint not null,
    started_at timestamp(6) with time zone not null,
    total_bytes bigint,
    total_rows bigint,
    status varchar(10) not null check (status in ('RUNNING','COMPLETED','FAILED')),
    manifest_sha256 varchar(64),
    name varchar(64) not null,
    primary key (name)
);

create table backup_run_drill (
    rto_seconds float(53) not null,
    tables integer not null,
    verified boolean not null,
    finished_at timestamp(6) with time zone not null,
    rows bigint not null,
    rpo_seconds bigint not null,
    started_at timestamp(6) with time zone not null,
    kind varchar(10) check (kind in ('DRILL','RESTORE')),
    id uuid not null,
    backup_name varchar(64) not null,
    problems varchar(4000),
    primary key (id)
);

create table backup_run_progress (
    table_index integer not null,
    file_length bigint not null,
    backup_name varchar(64) not null,
    table_name varchar(128) not null,
    last_key varchar(4000) not null,
    primary key (backup_name)
);

create table capacity_plan (
    capacity_rps float(53),
    down_cpu float(53) not null,
    down_memory float(53) not null,
    down_minutes integer not null,
    up_cpu float(53) not null,
    up_memory float(53) not null,
    up_minutes integer not null,
    organization_id uuid not null,
    service_id uuid not null,
    primary key (service_id)
);

create table cost_budget (
    currency varchar(3) not null,
    monthly_amount numeric(24,8) not null,
    alerted_month varchar(7),
    created_at timestamp(6) with time zone not null,
    scope varchar(12) not null check (scope in ('ORGANIZATION','SERVICE','CATEGORY')),
    alerted_level varchar(16) check (alerted_level in ('NONE','FORECAST_OVER','EXCEEDED')),
    id uuid not null,
    organization_id uuid not null,
    service_id uuid,
    service_category varchar(32),
    name varchar(63) not null,
    channel_ids varchar(2000) not null,
    primary key (id)
);

create table cost_import (
    effective_cost numeric(24,8) not null,
    first_charge_at timestamp(6) with time zone,
    imported_at timestamp(6) with time zone not null,
    last_charge_at timestamp(6) with time zone,
    rows bigint not null,
    unallocated_rows bigint not null,
    id uuid not null,
    organization_id uuid not null,
    digest varchar(64) not null,
    primary key (id),
    unique (organization_id, digest)
);

create table cost_line (
    billed_cost numeric(24,8) not null,
    billing_currency varchar(3) not null,
    contracted_cost numeric(24,8) not null,
    effective_cost numeric(24,8) not null,
    list_cost numeric(24,8) not null,
    pricing_quantity numeric(24,8),
    billing_period_end timestamp(6) with time zone not null,
    billing_period_start timestamp(6) with time zone not null,
    charge_period_end timestamp(6) with time zone not null,
    charge_period_start timestamp(6) with time zone not null,
    charge_category varchar(16) not null,
    charge_class varchar(16),
    id uuid not null,
    import_id uuid not null,
    organization_id uuid not null,
    service_id uuid,
    service_category varchar(32) not null,
    pricing_unit varchar(64),
    region_id varchar(64),
    billing_account_id varchar(200) not null,
    billing_account_name varchar(200),
    customer varchar(200),
    invoice_issuer_name varchar(200) not null,
    provider_name varchar(200) not null,
    publisher_name varchar(200) not null,
    service_name varchar(200) not null,
    sub_account_id varchar(200),
    resource_id varchar(500),
    resource_name varchar(500),
    charge_description varchar(1000),
    tags varchar(4000),
    primary key (id)
);

create table cost_mapping (
    kind varchar(16) not null check (kind in ('TAG','SERVICE_NAME','RESOURCE_ID')),
    organization_id uuid not null,
    customer_tag_key varchar(100),
    tag_key varchar(100),
    primary key (organization_id)
);

create table cost_mapping_resource (
    organization_id uuid not null,
    service_id uuid,
    resource_id varchar(500) not null,
    primary key (organization_id, resource_id)
);

create table deployment (
    finished_at timestamp(6) with time zone not null,
    first_commit_at timestamp(6) with time zone,
    recorded_at timestamp(6) with time zone not null,
    result varchar(8) not null check (result in ('SUCCESS','FAILURE')),
    started_at timestamp(6) with time zone not null,
    change_kind varchar(12) not null check (change_kind in ('NORMAL','P0_FIX','SECURITY_FIX')),
    id uuid not null,
    organization_id uuid not null,
    rollback_of uuid,
    service_id uuid not null,
    environment varchar(32) not null,
    version varchar(100) not null,
    freeze_override_reason varchar(500),
    primary key (id)
);

create table deployment_commit (
    position integer not null,
    committed_at timestamp(6) with time zone not null,
    deployment_id uuid not null,
    sha varchar(64) not null,
    primary key (position, deployment_id)
);

create table escalation_policy (
    repeats integer not null,
    created_at timestamp(6) with time zone not null,
    id uuid not null,
    organization_id uuid not null,
    name varchar(63) not null,
    steps varchar(4000) not null,
    primary key (id),
    unique (organization_id, name)
);

create table fix_sla_policy (
    critical_seconds bigint not null,
    high_seconds bigint not null,
    low_seconds bigint not null,
    medium_seconds bigint not null,
    organization_id uuid not null,
    primary key (organization_id)
);

create table incident (
    severity varchar(4) not null check (severity in ('P0','P1','P2','P3')),
    steps_paged integer not null,
    acknowledged_at timestamp(6) with time zone,
    closed_at timestamp(6) with time zone,
    escalation_started_at timestamp(6) with time zone,
    mitigated_at timestamp(6) with time zone,
    next_escalation_at timestamp(6) with time zone,
    resolved_at timestamp(6) with time zone,
    triggered_at timestamp(6) with time zone not null,
    version bigint not null,
    commander_id uuid,
    escalation_policy_id uuid,
    id uuid not null,
    liaison_id uuid,
    organization_id uuid not null,
    scribe_id uuid,
    state varchar(16) not null check (state in ('TRIGGERED','ACKNOWLEDGED','MITIGATED','RESOLVED','POSTMORTEM','CLOSED')),
    public_title varchar(200),
    title varchar(200) not null,
    service_ids varchar(2000) not null,
    primary key (id)
);

create table incident_timeline (
    public_update boolean not null,
    at timestamp(6) with time zone not null,
    id bigint not null,
    kind varchar(12) not null check (kind in ('STATE','SEVERITY','ROLE','NOTE','ALERT','PAGE')),
    incident_id uuid not null,
    actor varchar(60) not null,
    text varchar(4000) not null,
    primary key (id)
);

create table job_run_lease (
    execution_id bigint not null,
    node_started_at timestamp(6) with time zone not null,
    renewed_at timestamp(6) with time zone not null,
    job_name varchar(64) not null,
    node varchar(128) not null,
    primary key (execution_id)
);

create table job_schedule_firing (
    fired_at timestamp(6) with time zone not null,
    next_timeout timestamp(6) with time zone not null,
    job varchar(64) not null,
    id varchar(128) not null,
    node varchar(128) not null,
    primary key (id)
);

create table maintenance_window (
    created_at timestamp(6) with time zone not null,
    ends_at timestamp(6) with time zone not null,
    recurrence varchar(8) check (recurrence in ('NONE','DAILY','WEEKLY','MONTHLY')),
    repeat_until timestamp(6) with time zone,
    starts_at timestamp(6) with time zone not null,
    id uuid not null,
    organization_id uuid not null,
    service_id uuid,
    time_zone varchar(64),
    title varchar(200) not null,
    primary key (id)
);

create table member (
    created_at timestamp(6) with time zone not null,
    version bigint not null,
    account_id uuid not null,
    id uuid not null,
    organization_id uuid not null,
    role varchar(16) not null check (role in ('VIEWER','OPERATOR','ADMIN','INGEST')),
    primary key (id),
    unique (organization_id, account_id)
);

create table notification (
    attempts integer not null,
    channel_type varchar(8) not null check (channel_type in ('WEBHOOK','SLACK','EMAIL')),
    created_at timestamp(6) with time zone not null,
    delivered_at timestamp(6) with time zone,
    next_attempt_at timestamp(6) with time zone,
    state varchar(10) not null check (state in ('PENDING','DELIVERED','MUTED')),
    channel_id uuid,
    id uuid not null,
    organization_id uuid not null,
    source_id uuid,
    source_type varchar(32),
    event varchar(64) not null,
    subject varchar(300) not null,
    last_error varchar(500),
    target varchar(2000) not null,
    document varchar(16000) not null,
    primary key (id)
);

create table notification_channel (
    created_at timestamp(6) with time zone not null,
    type varchar(8) not null check (type in ('WEBHOOK','SLACK','EMAIL')),
    id uuid not null,
    organization_id uuid not null,
    name varchar(63) not null,
    signing_secret varchar(64),
    target varchar(2000) not null,
    primary key (id),
    unique (organization_id, name)
);

create table oncall_override (
    ends_at timestamp(6) with time zone not null,
    id bigint not null,
    starts_at timestamp(6) with time zone not null,
    member_id uuid not null,
    schedule_id uuid not null,
    primary key (id)
);

create table oncall_schedule (
    turn_length integer not null,
    created_at timestamp(6) with time zone not null,
    first_handoff timestamp(6) not null,
    turn_unit varchar(8) not null check (turn_unit in ('HOURS','DAYS','WEEKS')),
    id uuid not null,
    organization_id uuid not null,
    name varchar(63) not null,
    time_zone varchar(64) not null,
    member_ids varchar(4000) not null,
    primary key (id),
    unique (organization_id, name)
);

create table organization (
    created_at timestamp(6) with time zone not null,
    version bigint not null,
    id uuid not null,
    slug varchar(63) not null unique,
    name varchar(200) not null,
    primary key (id)
);

create table postmortem (
    updated_at timestamp(6) with time zone not null,
    version bigint not null,
    incident_id uuid not null,
    organization_id uuid not null,
    updated_by varchar(80) not null,
    impact varchar(8000),
    lessons varchar(8000),
    root_cause varchar(8000),
    summary varchar(8000) not null,
    primary key (incident_id)
);

create table report (
    created_at timestamp(6) with time zone not null,
    period_end timestamp(6) with time zone not null,
    period_start timestamp(6) with time zone not null,
    period varchar(10) not null,
    id uuid not null,
    kind varchar(16) not null check (kind in ('SLA_MONTHLY','COST_MONTHLY','WEEKLY_REVIEW')),
    organization_id uuid not null,
    csv varchar(1000000) not null,
    html varchar(1000000) not null,
    primary key (id)
);

create table scan_import (
    newly_fixed integer not null,
    newly_open integer not null,
    vulnerabilities integer not null,
    imported_at timestamp(6) with time zone not null,
    id uuid not null,
    organization_id uuid not null,
    service_id uuid not null,
    digest varchar(64) not null,
    artifact_name varchar(500),
    primary key (id)
);

create table scorecard_targets (
    critical_findings integer not null,
    error_rate_percent float(53) not null,
    p95_ms float(53) not null,
    uptime_percent float(53) not null,
    organization_id uuid not null,
    primary key (organization_id)
);

create table security_finding (
    due_at timestamp(6) with time zone not null,
    first_seen_at timestamp(6) with time zone not null,
    fixed_at timestamp(6) with time zone,
    last_seen_at timestamp(6) with time zone not null,
    severity varchar(8) not null check (severity in ('CRITICAL','HIGH','MEDIUM','LOW','UNKNOWN')),
    id uuid not null,
    organization_id uuid not null,
    service_id uuid not null,
    vulnerability_id varchar(64) not null,
    installed_version varchar(100),
    fixed_version varchar(200),
    package_name varchar(200) not null,
    target varchar(300) not null,
    title varchar(500),
    primary key (id),
    unique (service_id, vulnerability_id, package_name, target)
);

create table service (
    created_at timestamp(6) with time zone not null,
    updated_at timestamp(6) with time zone not null,
    version bigint not null,
    id uuid not null,
    organization_id uuid not null,
    tier varchar(16) not null check (tier in ('STANDARD','PRO','ENTERPRISE')),
    slug varchar(63) not null,
    owner_team varchar(100) not null,
    display_name varchar(200) not null,
    description varchar(2000),
    primary key (id),
    unique (organization_id, slug)
);

create table slo (
    latency_threshold_ms integer,
    rolling boolean not null,
    target float(53) not null,
    time_slice_minutes integer,
    time_slice_target float(53),
    calendar_start timestamp(6),
    created_at timestamp(6) with time zone not null,
    minimum_events bigint not null,
    version bigint not null,
    window_duration varchar(8) not null,
    budgeting_method varchar(16) not null check (budgeting_method in ('OCCURRENCES','TIMESLICES')),
    id uuid not null,
    indicator varchar(16) not null check (indicator in ('AVAILABILITY','LATENCY')),
    organization_id uuid not null,
    service_id uuid not null,
    name varchar(63) not null,
    time_zone varchar(64),
    display_name varchar(200),
    burn_rate_rules varchar(1000) not null,
    primary key (id),
    unique (organization_id, name)
);

create table status_component (
    position integer not null,
    updated_at timestamp(6) with time zone not null,
    id uuid not null,
    organization_id uuid not null,
    service_id uuid not null,
    override_status varchar(24) check (override_status in ('OPERATIONAL','UNDER_MAINTENANCE','DEGRADED_PERFORMANCE','PARTIAL_OUTAGE','MAJOR_OUTAGE')),
    name varchar(100) not null,
    override_note varchar(500),
    primary key (id),
    unique (organization_id, service_id)
);

create table synthetic_check (
    consecutive_failures integer not null,
    enabled boolean not null,
    expected_status integer not null,
    interval_seconds integer not null,
    last_latency_ms float(53),
    retries integer not null,
    timeout_ms integer not null,
    created_at timestamp(6) with time zone not null,
    last_run_at timestamp(6) with time zone,
    next_run_at timestamp(6) with time zone not null,
    status varchar(8) not null check (status in ('UNKNOWN','UP','DOWN')),
    id uuid not null,
    organization_id uuid not null,
    service_id uuid not null,
    name varchar(63) not null,
    last_error varchar(500),
    url varchar(2000) not null,
    primary key (id),
    unique (organization_id, name)
);

create table synthetic_check_result (
    attempts integer not null,
    http_status integer,
    latency_ms float(53),
    up boolean not null,
    id bigint not null,
    run_at timestamp(6) with time zone not null,
    check_id uuid not null,
    error varchar(500),
    primary key (id)
);

create table telemetry_ingest_batch (
    observations integer not null,
    received_at timestamp(6) with time zone not null,
    id uuid not null,
    organization_id uuid not null,
    body_digest varchar(64) not null,
    idempotency_key varchar(128) not null,
    primary key (id),
    unique (organization_id, idempotency_key)
);

create table telemetry_rollup (
    latency_sum_ms float(53) not null,
    bucket_start timestamp(6) with time zone not null,
    good bigint not null,
    latency_count bigint not null,
    resolution varchar(8) not null check (resolution in ('MINUTE','HOUR','DAY')),
    total bigint not null,
    organization_id uuid not null,
    service_id uuid not null,
    counts_at_or_under varchar(4000),
    latency_sketch bytea,
    primary key (bucket_start, resolution, service_id)
);

create table utilization_sample (
    cpu_percent float(53) not null,
    instances integer not null,
    memory_percent float(53) not null,
    minute_start timestamp(6) with time zone not null,
    id uuid not null,
    organization_id uuid not null,
    service_id uuid not null,
    primary key (id),
    unique (service_id, minute_start)
);

create index action_item_org_state 
   on action_item (organization_id, state);

create index alert_org_state 
   on alert (organization_id, state);

create index alert_incident 
   on alert (incident_id);

create index alert_rule_due 
   on alert_rule (enabled, next_evaluation_at);

create index audit_event_target 
   on audit_event (organization_id, target_type, target_id);

create index cost_line_org_period 
   on cost_line (organization_id, charge_period_start);

create index deployment_org_finished 
   on deployment (organization_id, finished_at);

create index timeline_by_incident 
   on incident_timeline (incident_id, id);

create index notification_due 
   on notification (state, next_attempt_at);

create index notification_source 
   on notification (organization_id, source_id);

create index report_org 
   on report (organization_id, created_at);

create index scan_import_service 
   on scan_import (service_id, imported_at);

create index finding_org_state 
   on security_finding (organization_id, fixed_at);

create index check_result_by_time 
   on synthetic_check_result (check_id, run_at);

alter table if exists cost_mapping_resource 
   add constraint FKd3j344n4m6cv7i7ty1icw7ded 
   foreign key (organization_id) 
   references cost_mapping;

alter table if exists deployment_commit 
   add constraint FKkj8l5h9o58w7olf8gsyhb99kl 
   foreign key (deployment_id) 
   references deployment;

alter table if exists member 
   add constraint FK4jsivcqa7rxm6w59nggnpywh9 
   foreign key (account_id) 
   references account;
