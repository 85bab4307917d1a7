-- On-call calendar feeds: a schedule's or a person's, opened by a secret token of which only the digest is kept.
create table calendar_feed (
    id uuid not null,
    organization_id uuid not null,
    schedule_id uuid,
    member_id uuid,
    token_digest varchar(64) not null,
    created_by varchar(80) not null,
    created_at timestamp(6) with time zone not null,
    last_read_at timestamp(6) with time zone,
    primary key (id),
    unique (token_digest)
);
create index calendar_feed_organization on calendar_feed (organization_id);
