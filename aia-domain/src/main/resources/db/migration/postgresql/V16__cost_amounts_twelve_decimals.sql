-- Cost amounts and quantities keep 12 decimals: providers export up to 11 (AWS writes 0.00000080000), and 8 made
-- a month's stored sum differ from the file's (FinOps Foundation's FOCUS 1.0 sample: 14.97651422 for 14.97651418586).
alter table cost_line
    alter column billed_cost type numeric(30,12),
    alter column effective_cost type numeric(30,12),
    alter column list_cost type numeric(30,12),
    alter column contracted_cost type numeric(30,12),
    alter column pricing_quantity type numeric(30,12);
alter table cost_import alter column effective_cost type numeric(30,12);
