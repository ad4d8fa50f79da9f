-- Webhooks: endpoints a tenant registers, the messages owed to them (a durable outbox written in
-- the transaction of the job change), every delivery attempt, and facts for the owner to read.

-- An endpoint. The signing secret is sealed with fileparser.webhooks.secret-key (AES-256-GCM) so the
-- server can sign; during a rotation the previous secret signs too until previous_secret_until.
-- event_types: comma-separated wire names; empty means every job event. failing_since: the first
-- failed attempt of the current run of failures (null once an attempt succeeds).
create table webhook_endpoints (
    id                      uuid           primary key,
    tenant_id               varchar(64)    not null references tenants (id),
    url                     varchar(2048)  not null,
    description             varchar(500),
    event_types             varchar(1000)  not null default '',
    enabled                 boolean        not null,
    disabled_reason         varchar(500),
    disabled_at             timestamptz,
    secret_sealed           text           not null,
    previous_secret_sealed  text,
    previous_secret_until   timestamptz,
    failing_since           timestamptz,
    created_by              varchar(200)   not null,
    created_at              timestamptz    not null,
    updated_at              timestamptz    not null,
    constraint webhook_endpoints_previous check ((previous_secret_sealed is null) = (previous_secret_until is null))
);
create index webhook_endpoints_tenant on webhook_endpoints (tenant_id, created_at);

-- One message for one endpoint: the exact body sent, its id (the webhook-id header, the same for
-- every attempt), and when it is next due. seq comes from one sequence, so an endpoint's messages
-- are numbered in the order they were written (with gaps).
create table webhook_messages (
    id               uuid           primary key,
    endpoint_id      uuid           not null references webhook_endpoints (id) on delete cascade,
    tenant_id        varchar(64)    not null,
    seq              bigserial      not null,
    webhook_id       varchar(100)   not null,
    event_type       varchar(64)    not null,
    payload          text           not null,
    status           varchar(16)    not null,
    attempts         integer        not null default 0,
    retry_step       integer        not null default 0,
    next_attempt_at  timestamptz,
    last_attempt_at  timestamptz,
    last_status_code integer,
    delivered_at     timestamptz,
    created_at       timestamptz    not null,
    constraint webhook_messages_seq unique (seq),
    constraint webhook_messages_status check (status in ('PENDING', 'DELIVERED', 'FAILED'))
);
create index webhook_messages_due on webhook_messages (next_attempt_at) where status = 'PENDING';
create index webhook_messages_endpoint on webhook_messages (endpoint_id, seq);

-- The delivery log: one row per attempt.
create table webhook_attempts (
    id                uuid           primary key,
    message_id        uuid           not null references webhook_messages (id) on delete cascade,
    endpoint_id       uuid           not null,
    attempt           integer        not null,
    attempted_at      timestamptz    not null,
    status_code       integer,
    outcome           varchar(32)    not null,
    latency_ms        integer        not null,
    response_excerpt  varchar(1000),
    error             varchar(500),
    constraint webhook_attempts_number unique (message_id, attempt)
);

-- Facts about endpoints their owner should hear of (webhook.endpoint_disabled), for a notifications
-- feature to read and mark as read.
create table webhook_facts (
    id           uuid           primary key,
    tenant_id    varchar(64)    not null,
    endpoint_id  uuid           not null,
    kind         varchar(64)    not null,
    recipient    varchar(200)   not null,
    detail       varchar(1000)  not null,
    at           timestamptz    not null,
    read_at      timestamptz
);
create index webhook_facts_unread on webhook_facts (tenant_id, at) where read_at is null;
