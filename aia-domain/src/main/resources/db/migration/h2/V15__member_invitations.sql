-- Invitations to join an organisation: the link's token is kept as its digest only; good once, until it expires.
create table member_invitation (
    id uuid primary key,
    organization_id uuid not null references organization(id),
    email varchar(254) not null,
    role varchar(16) not null,
    token_digest varchar(64) not null unique,
    invited_by uuid,
    created_at timestamp(6) with time zone not null,
    expires_at timestamp(6) with time zone not null,
    accepted_at timestamp(6) with time zone,
    member_id uuid
);
create index member_invitation_organization on member_invitation (organization_id, email);
