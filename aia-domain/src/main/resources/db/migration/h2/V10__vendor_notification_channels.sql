-- PagerDuty, Opsgenie and Microsoft Teams channels; PagerDuty's routing key and Opsgenie's API key are the
-- channel's credential.
alter table notification_channel alter column type set data type enum ('EMAIL','SLACK','WEBHOOK','PAGERDUTY','OPSGENIE','TEAMS');
alter table notification alter column channel_type set data type enum ('EMAIL','SLACK','WEBHOOK','PAGERDUTY','OPSGENIE','TEAMS');
alter table notification_channel add column credential varchar(200);
-- The outbox keeps the notifications about one thing to a stateful receiver in order.
create index notification_channel_source on notification (channel_id, source_id, state);
