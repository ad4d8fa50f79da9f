-- Dispatch paused by an operator or a tenant's admin: while a row names a tenant (or the row with no
-- tenant, the global pause, exists) the outbox relay leaves that tenant's (everyone's) messages
-- unsent in dispatch_outbox. Nothing is dropped: on resume the row goes and the relay drains them.
-- Kept here, not in memory, so a pause holds on every instance and across restarts.
create table dispatch_pauses (
    scope       varchar(64)   primary key,
    tenant_id   varchar(64)   references tenants (id) on delete cascade,
    paused_by   varchar(200)  not null,
    paused_at   timestamptz   not null,
    -- '*' is the global pause; any other scope is the tenant it names
    constraint dispatch_pauses_scope check ((scope = '*' and tenant_id is null) or scope = tenant_id)
);
