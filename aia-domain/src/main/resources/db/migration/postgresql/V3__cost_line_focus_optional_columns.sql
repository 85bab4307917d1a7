-- FOCUS files written by other tools carry only the columns they need (FOCUS's own examples have no ServiceName,
-- ProviderName or ListCost): these columns are kept when a file has them and empty when it has not.
alter table cost_line alter column list_cost drop not null;
alter table cost_line alter column contracted_cost drop not null;
alter table cost_line alter column billing_account_id drop not null;
alter table cost_line alter column invoice_issuer_name drop not null;
alter table cost_line alter column provider_name drop not null;
alter table cost_line alter column publisher_name drop not null;
alter table cost_line alter column service_category drop not null;
alter table cost_line alter column service_name drop not null;
