-- OpenSLO's third budgeting method, RatioTimeslices: the average of the slices' ratios.
alter table slo alter column budgeting_method set data type enum ('OCCURRENCES','TIMESLICES','RATIO_TIMESLICES');
