-- PagerDuty, Opsgenie and Microsoft Teams channels; PagerDuty's routing key and Opsgenie's API key are the
-- channel's credential. (The baseline's check constraints carry PostgreSQL's generated names.)
alter table notification_channel drop constraint notification_channel_type_check1;
alter table notification_channel alter column type type varchar(16);
alter table notification_channel add constraint notification_channel_type_check
    check (type in ('WEBHOOK','SLACK','EMAIL','PAGERDUTY','OPSGENIE','TEAMS'));
alter table notification drop constraint notification_channel_type_check;
alter table notification alter column channel_type type varchar(16);
alter table notification add constraint notification_channel_type_check2
    check (channel_type in ('WEBHOOK','SLACK','EMAIL','PAGERDUTY','OPSGENIE','TEAMS'));
alter table notification_channel add column credential varchar(200);
-- The outbox keeps the notifications about one thing to a stateful receiver in order.
create index notification_channel_source on notification (channel_id, source_id, state);
