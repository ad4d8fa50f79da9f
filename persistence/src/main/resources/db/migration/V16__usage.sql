-- Usage for billing, counted as it happens (never recomputed by scanning jobs): one row per tenant,
-- UTC day and metric, raised by `value = value + x` in the transaction of the change it counts (an
-- upload registered, a job reaching an outcome, a stored file removed, a webhook attempt), so the
-- figures move with the changes and never without them. API calls are counted in Redis first and
-- folded in here periodically (see usage_folds). No foreign key to tenants: a tenant that only reads
-- is counted before it ever writes a row of its own.
create table usage_counters (
    tenant_id   varchar(64)  not null,
    day         date         not null,
    metric      varchar(40)  not null,
    value       bigint       not null,
    primary key (tenant_id, day, metric)
);

-- Each fold of Redis's API-call counts, as applied: a fold round takes a sequence number and moves
-- every live count under it; (seq, tenant, day, metric) is applied once however often a round is
-- retried, and the usage read leaves out what folds after its own Redis reading added (it counted
-- those from Redis). Kept a week, far longer than a fold waits.
create table usage_folds (
    seq         bigint       not null,
    tenant_id   varchar(64)  not null,
    day         date         not null,
    metric      varchar(40)  not null,
    value       bigint       not null,
    applied_at  timestamptz  not null,
    primary key (seq, tenant_id, day, metric)
);
create index usage_folds_applied_at on usage_folds (applied_at);

-- The bytes each tenant's stored files hold now, changed when a file is stored or removed (its row
-- lock orders the changes of one tenant), and the closing value of every day on which it changed.
create table usage_storage (
    tenant_id   varchar(64)  primary key,
    held_bytes  bigint       not null
);
create table usage_storage_days (
    tenant_id   varchar(64)  not null,
    day         date         not null,
    held_bytes  bigint       not null,
    primary key (tenant_id, day)
);

-- What is stored already when this migration runs is held from today.
insert into usage_storage (tenant_id, held_bytes)
    select tenant_id, sum(size_bytes) from stored_files
    where storage_uri not like 'removed:%' group by tenant_id;
insert into usage_storage_days (tenant_id, day, held_bytes)
    select tenant_id, (now() at time zone 'UTC')::date, held_bytes from usage_storage;
