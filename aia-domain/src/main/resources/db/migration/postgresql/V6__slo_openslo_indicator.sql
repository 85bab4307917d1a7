-- The indicator an imported OpenSLO document gave (queries on other metric systems included), written back on export.
alter table slo add column openslo_indicator varchar(20000);
