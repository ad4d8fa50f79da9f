-- A resumable upload whose chunks are checked as they arrive has its SHA-256 carried in memory by
-- the instance that holds its checks; the stored state is then absent (null), and where the chunks
-- go on elsewhere the complete upload is hashed when it is read back to be checked.
alter table resumable_uploads alter column digest_state drop not null;

comment on column resumable_uploads.digest_state is
    'exported SHA-256 state after the bytes received so far; null while an instance carries it in memory';
