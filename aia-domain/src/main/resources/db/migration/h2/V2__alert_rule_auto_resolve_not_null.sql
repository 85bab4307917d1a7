-- Rules made before auto-resolution existed hold NULL, which the code read as "no": say so, and require a value.
update alert_rule set auto_resolve_incident = false where auto_resolve_incident is null;
alter table alert_rule alter column auto_resolve_incident set not null;
