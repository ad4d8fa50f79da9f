-- One job state machine: every change of a job is an event with a per-job sequence number.

-- A job is born RECEIVED while its upload is registered (it leaves that state in the same
-- transaction, but its history starts there).
alter table jobs drop constraint jobs_state;
alter table jobs add constraint jobs_state check (state in ('RECEIVED', 'QUEUED', 'SCANNING', 'QUARANTINED',
    'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED', 'DEAD_LETTERED'));

-- The history is the job's events; the job row keeps the number of its last one.
alter table job_progress rename to job_events;
alter table job_events rename constraint job_progress_pkey to job_events_pkey;
alter table job_events
    add column from_state varchar(24),
    add constraint job_events_state check (state in ('RECEIVED', 'QUEUED', 'SCANNING', 'QUARANTINED',
        'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED', 'DEAD_LETTERED')),
    add constraint job_events_seq_positive check (seq > 0);

alter table jobs
    add column event_seq integer not null default 0,
    -- An admin's queue priority holds for every attempt, not only the first.
    add column queue_priority_override smallint,
    -- A retry waits out its backoff: not dispatched before this instant.
    add column available_at timestamptz,
    add constraint jobs_event_seq_non_negative check (event_seq >= 0),
    add constraint jobs_queue_priority_override_range
        check (queue_priority_override is null or queue_priority_override between 0 and 9);
update jobs j set event_seq = coalesce((select max(e.seq) from job_events e where e.job_id = j.id), 0);

-- Step names are a closed set now.
alter table job_steps add constraint job_steps_name check (name in ('received', 'stored', 'scanned',
    'validated', 'queued', 'dispatched', 'parsed'));
