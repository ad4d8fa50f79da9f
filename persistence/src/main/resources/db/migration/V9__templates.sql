-- Templates: how to find and read the fields of a file layout. A template belongs to a tenant, or to
-- no tenant and has a key (a built-in vendor layout every tenant may read). Its versions are
-- immutable once published; at most one version is an open draft; current_version points at the
-- published one in use.
create table templates (
    id               uuid          primary key,
    tenant_id        varchar(64)   references tenants (id),
    template_key     varchar(64),
    name             varchar(200)  not null,
    format           varchar(8)    not null,
    state            varchar(16)   not null,
    current_version  integer,
    latest_version   integer       not null,
    created_by       varchar(200)  not null,
    created_at       timestamptz   not null,
    updated_at       timestamptz   not null,
    row_version      bigint        not null default 0,
    constraint templates_system_has_key check ((tenant_id is null) = (template_key is not null)),
    constraint templates_format check (format in ('CSV', 'PDF', 'CDR')),
    constraint templates_state check (state in ('ACTIVE', 'ARCHIVED'))
);
create unique index templates_system_key on templates (template_key) where tenant_id is null;
-- A name is taken once per tenant among its active templates (archived ones free it).
create unique index templates_tenant_name on templates (tenant_id, lower(name))
    where tenant_id is not null and state = 'ACTIVE';
-- The list, by creation time, for a tenant and for the system templates.
create index templates_list on templates (tenant_id, created_at, id);

create table template_versions (
    template_id   uuid          not null references templates (id) on delete cascade,
    version       integer       not null,
    state         varchar(16)   not null,
    document      jsonb         not null,
    created_by    varchar(200)  not null,
    created_at    timestamptz   not null,
    published_by  varchar(200),
    published_at  timestamptz,
    primary key (template_id, version),
    constraint template_versions_state check (state in ('DRAFT', 'PUBLISHED', 'SUPERSEDED')),
    constraint template_versions_positive check (version >= 1)
);
create unique index template_versions_one_draft on template_versions (template_id) where state = 'DRAFT';

-- A counter per scope (a tenant id, or '*' for the system templates) bumped whenever what the
-- workers receive changes (publish, archive): every instance's cache of the serialised list
-- compares it before reuse.
create table template_revisions (
    scope     varchar(64)  primary key,
    revision  bigint       not null
);

-- The template version a job was submitted with (the outcome's template_version is what the worker
-- matched).
alter table jobs add column pinned_template_version integer;
