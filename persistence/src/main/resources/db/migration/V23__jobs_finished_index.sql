-- The dashboard summary and the diagnostics read the jobs that finished in a window (the last day,
-- at most a month): an index on the finish time keeps that a range scan at any table size.
create index jobs_finished on jobs (finished_at) where finished_at is not null;
