-- Workflow: a job may wait for other jobs of its tenant (WAITING) and for a point in time (SCHEDULED)
-- before it enters the queue.
alter table jobs drop constraint jobs_state;
alter table jobs add constraint jobs_state check (state in ('RECEIVED', 'QUEUED', 'SCANNING', 'QUARANTINED',
    'WAITING', 'SCHEDULED', 'RUNNING', 'NEEDS_MAPPING', 'COMPLETED', 'FAILED', 'CANCELLED', 'DEAD_LETTERED',
    'DELETED'));
alter table job_events drop constraint job_events_state;
alter table job_events add constraint job_events_state check (state in ('RECEIVED', 'QUEUED', 'SCANNING',
    'QUARANTINED', 'WAITING', 'SCHEDULED', 'RUNNING', 'NEEDS_MAPPING', 'COMPLETED', 'FAILED', 'CANCELLED',
    'DEAD_LETTERED', 'DELETED'));

-- The earliest instant the job may enter the queue (null: at once).
alter table jobs add column schedule_at timestamptz;
-- What a failed, cancelled, dead-lettered or deleted dependency does to the job: FAIL or CONTINUE
-- (null: the job has no dependencies).
alter table jobs add column on_dependency_failure varchar(16)
    constraint jobs_on_dependency_failure check (on_dependency_failure in ('FAIL', 'CONTINUE'));

-- The scheduler's claim: due scheduled jobs, oldest instant first.
create index jobs_scheduled_due on jobs (schedule_at, id) where state = 'SCHEDULED';

-- The jobs a job waits for. A dependency is named at the dependent's creation and must exist then,
-- so it has no foreign key: a deleted dependency stays listed with its last state (DELETED).
-- outcome is null while the dependency has not finished, else the terminal state it reached first.
create table job_dependencies (
    job_id            uuid        not null references jobs (id) on delete cascade,
    position          integer     not null,
    depends_on_job_id uuid        not null,
    outcome           varchar(24)
        constraint job_dependencies_outcome check (outcome in ('COMPLETED', 'FAILED', 'CANCELLED',
            'DEAD_LETTERED', 'DELETED')),
    primary key (job_id, position),
    constraint job_dependencies_unique unique (job_id, depends_on_job_id)
);
-- What a finishing job looks up: the dependents still waiting for it.
create index job_dependencies_open on job_dependencies (depends_on_job_id) where outcome is null;
