-- Usage counted in stripes. One row per tenant, day and metric (and one running total of stored
-- bytes per tenant) made every upload of a tenant wait for the commit of the one before it: the
-- counter's row lock is held to the commit, so one tenant's uploads were registered one at a time
-- however many clients sent them. Each figure is now kept in up to 16 stripes: a transaction
-- counts into the stripe of the thread it runs on, concurrent ones mostly into different rows, and
-- a figure is the sum of its stripes. Within a stripe the row lock still orders the changes, so a
-- stripe's running total of stored bytes and its closing value per day stay exact, and the
-- tenant's closing value of a day is the sum over stripes of each one's latest value on or before
-- it. What was counted before this migration is stripe 0.
alter table usage_counters add column stripe smallint not null default 0;
alter table usage_counters alter column stripe drop default;
alter table usage_counters drop constraint usage_counters_pkey;
alter table usage_counters add primary key (tenant_id, day, metric, stripe);
alter table usage_counters add constraint usage_counters_stripe check (stripe between 0 and 15);

alter table usage_storage add column stripe smallint not null default 0;
alter table usage_storage alter column stripe drop default;
alter table usage_storage drop constraint usage_storage_pkey;
alter table usage_storage add primary key (tenant_id, stripe);
alter table usage_storage add constraint usage_storage_stripe check (stripe between 0 and 15);

alter table usage_storage_days add column stripe smallint not null default 0;
alter table usage_storage_days alter column stripe drop default;
alter table usage_storage_days drop constraint usage_storage_days_pkey;
alter table usage_storage_days add primary key (tenant_id, day, stripe);
alter table usage_storage_days add constraint usage_storage_days_stripe check (stripe between 0 and 15);
