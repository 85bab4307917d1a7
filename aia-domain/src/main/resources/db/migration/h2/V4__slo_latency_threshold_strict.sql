-- A latency SLO's bound is strict (good if < threshold, OpenSLO op lt) or not (good if <= threshold, op lte); every
-- SLO before this counted at or under its threshold.
alter table slo add column latency_threshold_strict boolean default false not null;
