-- Latency SLOs good above their threshold (OpenSLO op gt or gte): counted as the complement of the requests within.
alter table slo add column latency_good_above boolean default false not null;
