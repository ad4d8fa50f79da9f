-- A resumable upload carries the options of POST /upload to the job its last byte makes: the template
-- version to pin, the jobs it waits for (ids, comma-separated, in the order named), what a dependency
-- that does not complete does, and the instant it may start at.
alter table resumable_uploads
    add column template_version      integer,
    add column depends_on            text,
    add column on_dependency_failure varchar(16),
    add column schedule_at           timestamptz;
