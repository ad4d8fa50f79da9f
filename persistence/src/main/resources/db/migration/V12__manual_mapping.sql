-- Manual mapping: a job no template fits well enough waits in NEEDS_MAPPING until a person maps its
-- columns; the approved mapping reads the file and may become a template (or a new version of one).
alter table jobs drop constraint jobs_state;
alter table jobs add constraint jobs_state check (state in ('RECEIVED', 'QUEUED', 'SCANNING', 'QUARANTINED',
    'RUNNING', 'NEEDS_MAPPING', 'COMPLETED', 'FAILED', 'CANCELLED', 'DEAD_LETTERED', 'DELETED'));
alter table job_events drop constraint job_events_state;
alter table job_events add constraint job_events_state check (state in ('RECEIVED', 'QUEUED', 'SCANNING',
    'QUARANTINED', 'RUNNING', 'NEEDS_MAPPING', 'COMPLETED', 'FAILED', 'CANCELLED', 'DEAD_LETTERED', 'DELETED'));

-- The waiting list of a tenant, oldest first.
create index jobs_needs_mapping on jobs (tenant_id, created_at, id) where state = 'NEEDS_MAPPING';

-- One mapping per job: the person's draft (as sent), the template document built from it, and the
-- column choices (header, field, sample values) that train the tenant's suggestions once approved.
create table job_mappings (
    job_id                  uuid           primary key references jobs (id) on delete cascade,
    tenant_id               varchar(64)    not null references tenants (id),
    state                   varchar(16)    not null,
    draft                   text           not null,
    document                text           not null,
    choices                 text           not null,
    created_at              timestamptz    not null,
    updated_by              varchar(200)   not null,
    updated_at              timestamptz    not null,
    submitted_at            timestamptz,
    decided_by              varchar(200),
    decided_at              timestamptz,
    reason                  varchar(2000),
    saved_template_id       uuid           references templates (id),
    saved_template_version  integer,
    row_version             bigint         not null default 0,
    constraint job_mappings_state check (state in ('DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED')),
    constraint job_mappings_saved check ((saved_template_id is null) = (saved_template_version is null))
);
-- The tenant's approved choices, newest first: what ranks suggestions and retrains the field model.
create index job_mappings_approved on job_mappings (tenant_id, decided_at desc) where state = 'APPROVED';
