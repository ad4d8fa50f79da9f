-- When the worker made the progress report a job last applied (the report's own "at", to the
-- microsecond). Every application-server instance hears each report; one that hears an earlier
-- report after a later one was applied must not record it again.
alter table jobs add column progress_reported_at timestamptz;
