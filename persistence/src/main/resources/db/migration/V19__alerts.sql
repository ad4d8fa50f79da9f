-- Alerts: one row per firing of a rule, cleared when its condition ends. At most one firing per rule,
-- tenant (null: the platform's, e.g. no live worker) and subject (e.g. a webhook endpoint) at a time,
-- which the database holds to: several instances evaluating the rules fire and clear each alert once.
create table alerts (
    id          uuid             primary key,
    tenant_id   varchar(64)      references tenants (id),
    rule        varchar(40)      not null,
    subject     varchar(200)     not null default '',
    state       varchar(16)      not null,
    value       double precision,
    threshold   double precision,
    message     varchar(500)     not null,
    fired_at    timestamptz      not null,
    cleared_at  timestamptz,
    constraint alerts_state check (state in ('FIRING', 'CLEARED')),
    constraint alerts_rule check (rule in ('queue.oldest_age', 'jobs.failure_rate', 'workers.none_live',
        'scanner.down', 'webhook.endpoint_disabled'))
);
create unique index alerts_one_firing on alerts (coalesce(tenant_id, ''), rule, subject) where state = 'FIRING';
create index alerts_by_tenant on alerts (tenant_id, fired_at desc, id desc);

-- A tenant's alerts go to the feed its admins and owners share (recipient 'group:admins').
alter table notifications drop constraint notifications_kind;
alter table notifications add constraint notifications_kind check (kind in ('job.completed', 'job.failed',
    'job.needs_mapping', 'job.dead_lettered', 'webhook.endpoint_disabled', 'alert.fired', 'alert.cleared'));
