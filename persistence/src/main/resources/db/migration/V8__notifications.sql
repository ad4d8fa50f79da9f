-- A person's (or an API key's) feed of notable events: what they submitted completed, failed, was
-- dead-lettered or needs a mapping; a webhook endpoint they own was disabled.
create table notifications (
    id          uuid          primary key,
    tenant_id   varchar(64)   not null references tenants (id),
    recipient   varchar(200)  not null,
    kind        varchar(40)   not null,
    job_id      uuid,
    event_id    varchar(100),
    title       varchar(200)  not null,
    message     varchar(2000),
    created_at  timestamptz   not null,
    read_at     timestamptz,
    constraint notifications_kind check (kind in ('job.completed', 'job.failed', 'job.needs_mapping',
        'job.dead_lettered', 'webhook.endpoint_disabled'))
);
-- The feed, newest first, and its unread part (the count).
create index notifications_feed on notifications (tenant_id, recipient, created_at desc, id desc);
create index notifications_unread on notifications (tenant_id, recipient) where read_at is null;

-- Browser Web Push subscriptions (RFC 8030): where to push a recipient's notifications, and the
-- keys that encrypt them for that browser (RFC 8291).
create table push_subscriptions (
    id          uuid          primary key,
    tenant_id   varchar(64)   not null references tenants (id),
    recipient   varchar(200)  not null,
    endpoint    varchar(2000) not null,
    p256dh      varchar(200)  not null,
    auth        varchar(100)  not null,
    created_at  timestamptz   not null,
    constraint push_subscriptions_endpoint_unique unique (tenant_id, recipient, endpoint)
);
