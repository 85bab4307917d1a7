-- PostgreSQL partitions roll-ups and cost lines by time from this version on (its V18); the embedded H2 database, for
-- one node and a demo's data, keeps them as plain tables. This version exists here so both databases number alike.
select 1;
