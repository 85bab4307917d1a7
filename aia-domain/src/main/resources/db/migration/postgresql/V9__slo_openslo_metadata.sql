-- What an imported OpenSLO SLO says that has no field here (labels, other annotations, description), written back on export.
alter table slo add column openslo_metadata varchar(8000);
