-- Searching the job list (GET /jobs?q=...): each term a case-insensitive part of the file name or
-- of the metadata as the client sent it (a JSON object stored as text). The search reads the same
-- expression as the trigram index below, so a term of three characters or more is an index scan
-- at any table size.
create function job_search_text(filename text, metadata text) returns text
  language sql immutable parallel safe
  return lower(filename || ' ' || coalesce(metadata, ''));

create index jobs_search_trgm on jobs using gin (job_search_text(filename, metadata) gin_trgm_ops);

-- A metadata condition (GET /jobs?metadata=key:value): the key's value as text, a JSON number or
-- boolean as written, null when the job has no metadata or not that key.
create function job_metadata_value(metadata text, key text) returns text
  language sql immutable parallel safe
  return (metadata::jsonb) ->> key;

-- Jobs finished in a range (completedFrom/completedTo) within one tenant.
create index jobs_tenant_finished on jobs (tenant_id, finished_at) where finished_at is not null;

-- The job list sorted by priority (GET /jobs?sort=-priority): most urgent first, oldest first within a
-- priority; read backwards for the other way round.
create index jobs_tenant_priority on jobs (tenant_id, priority desc, created_at, id);
