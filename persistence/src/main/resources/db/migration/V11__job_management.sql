-- Job management: retry, delete and bulk operations.

-- A deleted job's last event names the state DELETED (the row goes with it, in the same transaction).
alter table jobs drop constraint jobs_state;
alter table jobs add constraint jobs_state check (state in ('RECEIVED', 'QUEUED', 'SCANNING', 'QUARANTINED',
    'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED', 'DEAD_LETTERED', 'DELETED'));
alter table job_events drop constraint job_events_state;
alter table job_events add constraint job_events_state check (state in ('RECEIVED', 'QUEUED', 'SCANNING',
    'QUARANTINED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED', 'DEAD_LETTERED', 'DELETED'));

-- Deleting a job takes its idempotency record with it (the key may be used again), and a later job
-- of the same bytes no longer names it as the one it duplicates.
alter table idempotency_keys drop constraint idempotency_keys_job_id_fkey;
alter table idempotency_keys add constraint idempotency_keys_job_id_fkey
    foreign key (job_id) references jobs (id) on delete cascade;
alter table jobs drop constraint jobs_duplicate_of_job_id_fkey;
alter table jobs add constraint jobs_duplicate_of_job_id_fkey
    foreign key (duplicate_of_job_id) references jobs (id) on delete set null;

-- Stored objects to remove once the rows naming them are gone: a deleted job's records (sha256 null)
-- and its file when no job references those bytes any more. Done rows are kept a day, so that an
-- upload that found the bytes in place just before they went can tell (removed = true).
create table object_removals (
    id            uuid           primary key,
    tenant_id     varchar(64)    not null,
    sha256        varchar(64),
    uri           varchar(2048)  not null,
    requested_at  timestamptz    not null,
    done_at       timestamptz,
    removed       boolean        not null default false
);
create index object_removals_due on object_removals (requested_at) where done_at is null;
create index object_removals_content on object_removals (tenant_id, sha256) where sha256 is not null;

-- A bulk operation too large to answer at once: its request, who asked (their rights are applied
-- to every item), its counts, and one row per job with the outcome once handled.
create table bulk_operations (
    id            uuid           primary key,
    tenant_id     varchar(64)    not null references tenants (id),
    action        varchar(16)    not null,
    priority      smallint,
    dry_run       boolean        not null,
    requested_by  varchar(200)   not null,
    caller_roles  varchar(200)   not null,
    caller_method varchar(16)    not null,
    state         varchar(16)    not null,
    total         integer        not null,
    done          integer        not null default 0,
    skipped       integer        not null default 0,
    failed        integer        not null default 0,
    created_at    timestamptz    not null,
    updated_at    timestamptz    not null,
    finished_at   timestamptz,
    constraint bulk_operations_action check (action in ('CANCEL', 'RETRY', 'DELETE', 'REPRIORITIZE')),
    constraint bulk_operations_state check (state in ('RUNNING', 'COMPLETED')),
    constraint bulk_operations_priority check (priority is null or priority between 0 and 9)
);
create index bulk_operations_running on bulk_operations (created_at) where state = 'RUNNING';

create table bulk_operation_items (
    operation_id   uuid           not null references bulk_operations (id) on delete cascade,
    position       integer        not null,
    job_id         uuid           not null,
    outcome        varchar(16),
    reason         varchar(64),
    job_state      varchar(24),
    problem_code   varchar(64),
    problem_status integer,
    detail         varchar(500),
    primary key (operation_id, position),
    constraint bulk_operation_items_outcome check (outcome is null or outcome in ('DONE', 'SKIPPED', 'FAILED'))
);
create index bulk_operation_items_pending on bulk_operation_items (operation_id, position) where outcome is null;
