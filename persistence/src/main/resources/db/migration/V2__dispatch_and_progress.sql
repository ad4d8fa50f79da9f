-- Celery dispatch (transactional outbox), progress history and parse results.

-- What the relay still has to push to Redis (sent_at null) and what it pushed. One row per attempt:
-- a re-dispatch gets a new Celery task id and a new row.
create table dispatch_outbox (
    id            uuid          primary key,
    job_id        uuid          not null references jobs (id) on delete cascade,
    task_id       uuid          not null,
    attempt       integer       not null,
    queue_key     varchar(100)  not null,
    priority      smallint      not null,
    delivery_tag  uuid          not null,
    envelope      text          not null,
    available_at  timestamptz   not null,
    created_at    timestamptz   not null,
    sent_at       timestamptz,
    constraint dispatch_outbox_task unique (task_id),
    constraint dispatch_outbox_attempt unique (job_id, attempt),
    constraint dispatch_outbox_priority check (priority between 0 and 9)
);
create index dispatch_outbox_due on dispatch_outbox (available_at) where sent_at is null;

alter table jobs
    add column kombu_priority      smallint,
    add column percent             smallint      not null default 0,
    add column current_step        varchar(32),
    add column progress_message    varchar(500),
    add column last_activity_at    timestamptz,
    add column dispatched_at       timestamptz,
    add column layout              varchar(64),
    add column template_matched    varchar(100),
    add column template_version    integer,
    add column confidence          double precision,
    add column needs_mapping       boolean       not null default false,
    add column record_count        bigint,
    add column records_uri         varchar(2048),
    add column result_summary      text,
    add column remediation         varchar(1000),
    add constraint jobs_percent_range check (percent between 0 and 100),
    add constraint jobs_confidence_range check (confidence is null or (confidence >= 0 and confidence <= 1)),
    add constraint jobs_kombu_priority_range check (kombu_priority is null or kombu_priority between 0 and 9);

create unique index jobs_celery_task on jobs (celery_task_id) where celery_task_id is not null;
-- The lost-work sweep looks for in-flight jobs that went silent.
create index jobs_in_flight on jobs (last_activity_at) where state in ('QUEUED', 'RUNNING');

-- Ordered progress history of each job: every state change and accepted progress report.
create table job_progress (
    job_id    uuid          not null references jobs (id) on delete cascade,
    seq       integer       not null,
    at        timestamptz   not null,
    state     varchar(24)   not null,
    step      varchar(32),
    percent   smallint,
    message   varchar(500),
    task_id   uuid,
    primary key (job_id, seq)
);
