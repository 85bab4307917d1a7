-- OpenSLO's third budgeting method, RatioTimeslices: the average of the slices' ratios. The baseline's check constraint
-- had the name PostgreSQL gives an unnamed column constraint.
alter table slo drop constraint slo_budgeting_method_check;
alter table slo add constraint slo_budgeting_method_check check (budgeting_method in ('OCCURRENCES','TIMESLICES','RATIO_TIMESLICES'));
