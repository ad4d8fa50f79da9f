-- Resumable uploads on a store with multipart uploads (S3): the chunks go straight into one
-- multipart upload of a staging object, a part at a time, instead of one staged object per chunk.
-- What a part is not full yet waits in an encrypted local buffer (buffer_key, buffer_size), carried
-- to the next request on whichever instance it arrives. One row per upload that has started one.
create table resumable_multipart (
    upload_id     uuid          primary key references resumable_uploads (id) on delete cascade,
    staged_key    varchar(200)  not null,
    multipart_id  varchar(1024) not null,
    -- Completed into the staged object: the parts are gone, the object is there.
    assembled     boolean       not null,
    buffer_key    varchar(200),
    buffer_size   bigint        not null,
    created_at    timestamptz   not null,
    constraint resumable_multipart_buffer check (buffer_size >= 0
        and (buffer_key is not null or buffer_size = 0))
);

-- The uploaded parts, numbered from 1 in the order of their bytes.
create table resumable_parts (
    upload_id    uuid          not null references resumable_multipart (upload_id) on delete cascade,
    part_number  integer       not null,
    size         bigint        not null,
    etag         varchar(1024) not null,
    primary key (upload_id, part_number),
    constraint resumable_parts_number check (part_number between 1 and 10000),
    constraint resumable_parts_size check (size > 0)
);
