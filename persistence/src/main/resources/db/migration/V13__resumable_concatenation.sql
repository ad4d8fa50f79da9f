-- tus concatenation: a partial upload is received like any other but is not a file of its own; a
-- final upload is the concatenation of partials, in order, and owns no chunks: its bytes are its
-- partials' chunks, read one after another once they are all complete.
alter table resumable_uploads add column concat varchar(10);
alter table resumable_uploads add constraint resumable_uploads_concat
    check (concat is null or concat in ('partial', 'final'));

-- The partials of each final upload, in order. A partial belongs to at most one final upload (the
-- key): it is consumed by the first final upload that names it.
create table resumable_concat_parts (
    partial_id  uuid     primary key references resumable_uploads (id) on delete cascade,
    final_id    uuid     not null references resumable_uploads (id) on delete cascade,
    position    integer  not null,
    constraint resumable_concat_parts_position unique (final_id, position)
);
