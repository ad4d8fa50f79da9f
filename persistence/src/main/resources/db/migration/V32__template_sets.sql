-- A task message names the published template versions it needs by one key instead of carrying their
-- documents (every system template and every published one of the tenant: 18 KB of a 24 KB message with
-- the eleven system templates alone, and about 1.5 KB more per template of the tenant). The key names a
-- list of versions, each naming its document by its own key, all kept in Redis for the workers.
--
-- The lists, content-addressed: the key is the SHA-256 of the list, so a row never changes; the relay
-- reads it to store the list and its documents in Redis again when Redis lost them.
create table template_sets (
    set_key    varchar(100) primary key,
    entries    text         not null,
    created_at timestamptz  not null
);

-- The Redis keys of the lists a message names (space-separated), which the relay makes sure are there
-- before it pushes the message; null when it names none.
alter table dispatch_outbox add column template_keys text;
