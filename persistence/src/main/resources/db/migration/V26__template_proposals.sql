-- Discovered templates: a layout no template fits (its job waits in NEEDS_MAPPING) becomes one
-- proposal per tenant and layout fingerprint (normalised header and column count), with the
-- worker's column profile and a proposed document. Every job seen with that layout is a sighting;
-- an admin approves (a template is made), edits or rejects it. A rejected fingerprint stays, so the
-- layout is not proposed again.
create table template_proposals (
    id               uuid          primary key,
    tenant_id        varchar(64)   not null references tenants (id),
    fingerprint      varchar(64)   not null,
    state            varchar(16)   not null,
    format           varchar(8)    not null,
    profile          jsonb         not null,
    document         jsonb         not null,
    sightings        integer       not null,
    first_job_id     uuid          not null,
    first_seen_at    timestamptz   not null,
    last_seen_at     timestamptz   not null,
    updated_by       varchar(200),
    updated_at       timestamptz   not null,
    decided_by       varchar(200),
    decided_at       timestamptz,
    reason           varchar(2000),
    template_id      uuid          references templates (id),
    template_version integer,
    row_version      bigint        not null default 0,
    constraint template_proposals_state check (state in ('DISCOVERED', 'APPROVED', 'REJECTED')),
    constraint template_proposals_format check (format in ('CSV', 'PDF', 'CDR')),
    constraint template_proposals_template check ((template_id is null) = (template_version is null))
);
create unique index template_proposals_fingerprint on template_proposals (tenant_id, fingerprint);
-- The list of a tenant's proposals by state, oldest first.
create index template_proposals_list on template_proposals (tenant_id, state, first_seen_at, id);

-- The jobs a proposal's layout was seen in: a job counts once however often its result is applied.
create table template_proposal_sightings (
    proposal_id  uuid         not null references template_proposals (id) on delete cascade,
    job_id       uuid         not null,
    seen_at      timestamptz  not null,
    primary key (proposal_id, job_id)
);
create index template_proposal_sightings_job on template_proposal_sightings (job_id);
