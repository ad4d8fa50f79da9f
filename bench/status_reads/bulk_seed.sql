-- Seeds :count SCHEDULED jobs (a month ahead, so nothing fires) for tenant bench-bulk, each with its
-- stored file, its seven steps and its two history events, for the timed bulk cancel of run.py.
-- The ids carry :run, so every run adds a fresh set; earlier sets are CANCELLED by then.
\set ON_ERROR_STOP on
SET synchronous_commit = off;

BEGIN;
INSERT INTO tenants (id, tier, created_at) VALUES ('bench-bulk', 'standard', now() - interval '400 days')
ON CONFLICT (id) DO NOTHING;

CREATE TEMP TABLE bulk_seed ON COMMIT DROP AS
SELECT n,
       md5('bench-bulk-job-' || :'run' || '-' || n)::uuid AS id,
       md5('bench-bulk-file-' || :'run' || '-' || n)::uuid AS file_id,
       now() - interval '1 day' + make_interval(secs => n) AS created_at
FROM generate_series(1, :count) n;

INSERT INTO stored_files (id, tenant_id, sha256, size_bytes, mime_type, format, storage_uri,
                          original_filename, created_at, scan_status, scanned_at, validation_facts)
SELECT file_id, 'bench-bulk', encode(sha256(convert_to('bench-bulk-file-' || :'run' || '-' || n, 'UTF8')), 'hex'),
       1000 + n, 'text/csv', 'CSV', 'file:///bench/bench-bulk/' || file_id, 'bulk-' || n || '.csv',
       created_at, 'CLEAN', created_at + interval '1 second', '{"rows":10,"columns":4}'
FROM bulk_seed;

INSERT INTO jobs (id, tenant_id, file_id, filename, format, state, priority, submitted_by,
                  attempt_count, created_at, updated_at, percent, last_activity_at, event_seq, schedule_at)
SELECT id, 'bench-bulk', file_id, 'bulk-' || n || '.csv', 'CSV', 'SCHEDULED', 5, 'user:bench-user',
       0, created_at, created_at, 0, created_at, 2, now() + interval '30 days'
FROM bulk_seed;

INSERT INTO job_steps (job_id, position, name, status, started_at, finished_at)
SELECT s.id, p - 1, (ARRAY['received', 'stored', 'scanned', 'validated', 'queued', 'dispatched', 'parsed'])[p],
       CASE WHEN p <= 4 THEN 'DONE' ELSE 'PENDING' END,
       s.created_at + make_interval(secs => p - 1),
       CASE WHEN p <= 4 THEN s.created_at + make_interval(secs => p) END
FROM bulk_seed s, generate_series(1, 7) p;

INSERT INTO job_events (job_id, seq, at, state, message, from_state)
SELECT s.id, e, s.created_at + make_interval(secs => e),
       CASE e WHEN 1 THEN 'RECEIVED' ELSE 'SCHEDULED' END,
       CASE e WHEN 1 THEN 'received' ELSE 'scheduled' END,
       CASE e WHEN 1 THEN NULL ELSE 'RECEIVED' END
FROM bulk_seed s, generate_series(1, 2) e;
COMMIT;

ANALYZE jobs;
