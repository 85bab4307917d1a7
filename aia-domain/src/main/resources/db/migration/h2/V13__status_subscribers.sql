-- Status page subscribers: e-mail (double opt-in) or webhook, of every component or some.
create table status_subscriber (
    id uuid not null,
    organization_id uuid not null,
    kind varchar(8) not null,
    address varchar(2000) not null,
    service_ids varchar(4000) not null,
    confirm_digest varchar(64),
    unsubscribe_token varchar(64) not null,
    links_base varchar(2000) not null,
    created_at timestamp(6) with time zone not null,
    confirmed_at timestamp(6) with time zone,
    primary key (id),
    unique (unsubscribe_token)
);
create index status_subscriber_organization on status_subscriber (organization_id);
create index status_subscriber_confirm on status_subscriber (confirm_digest);
