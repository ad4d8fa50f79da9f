-- Back-tests of a draft template version: the tenant's recent files the template read, read again
-- by a worker with the draft and the current version side by side (the jobs are not touched).
-- RUNNING until the worker's answer (a Celery result, task_id) is collected; then COMPLETED with
-- the comparison, or FAILED with why.
create table template_backtests (
    id               uuid          primary key,
    tenant_id        varchar(64)   not null references tenants (id),
    template_id      uuid          not null references templates (id) on delete cascade,
    version          integer       not null,
    against_version  integer       not null,
    state            varchar(16)   not null,
    task_id          uuid          not null,
    files            integer       not null,
    result           jsonb,
    error            varchar(2000),
    created_by       varchar(200)  not null,
    created_at       timestamptz   not null,
    finished_at      timestamptz,
    constraint template_backtests_state check (state in ('RUNNING', 'COMPLETED', 'FAILED'))
);
create index template_backtests_template on template_backtests (template_id, created_at);
