-- Resumable (tus 1.0) uploads: what has been received so far, so that an upload survives a restart
-- and resumes on any instance. The bytes are in staging (one staged object per accepted chunk, in
-- order); the SHA-256 of what was received is carried as the digest's exported state.
create table resumable_uploads (
    id              uuid             primary key,
    tenant_id       varchar(64)      not null references tenants (id),
    owner           varchar(200)     not null,
    upload_length   bigint,
    upload_offset   bigint           not null,
    raw_metadata    varchar(8192),
    filename        varchar(1024),
    filetype        varchar(255),
    priority        integer          not null,
    template_id     varchar(100),
    metadata        text,
    queue_priority  integer,
    digest_state    bytea            not null,
    sha256          varchar(64),
    state           varchar(20)      not null,
    job_id          uuid,
    failure_code    varchar(60),
    failure_detail  varchar(2000),
    bytes_per_second double precision not null,
    created_at      timestamptz      not null,
    updated_at      timestamptz      not null,
    expires_at      timestamptz      not null,
    constraint resumable_uploads_state check (state in ('receiving', 'completed', 'failed', 'terminated')),
    constraint resumable_uploads_offset check (upload_offset >= 0
        and (upload_length is null or upload_offset <= upload_length))
);
-- The cleanup finds expired and finished uploads by expiry.
create index resumable_uploads_expiry on resumable_uploads (expires_at);

-- The chunks of an upload, each a staged object, in the order of their first byte.
create table resumable_segments (
    id            uuid          primary key,
    upload_id     uuid          not null references resumable_uploads (id) on delete cascade,
    start_offset  bigint        not null,
    size          bigint        not null,
    staged_key    varchar(200)  not null,
    constraint resumable_segments_start unique (upload_id, start_offset)
);
