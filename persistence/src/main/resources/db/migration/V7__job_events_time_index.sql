-- A tenant-wide event stream resumes from a point in time: the events recorded since then.
create index job_events_at on job_events (at);
