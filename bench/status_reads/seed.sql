-- Seeds 100 tenants (bench-000 .. bench-099) and :jobs jobs spread round-robin over them, each with
-- the rows a real job has: its stored file, its seven steps, its event history and, once parsed,
-- its result facts on the job row (classification, counts, records URI, summary). Job n has the id
-- md5('bench-job-' || n)::uuid, so run.py and pgbench name jobs without reading them back.
-- State by bucket (n / 100) % 100, independent of the tenant: 0-79 COMPLETED, 80-87 FAILED,
-- 88-90 RUNNING, 91-92 QUEUED, 93-94 NEEDS_MAPPING, 95-96 CANCELLED, 97 DEAD_LETTERED,
-- 98 SCHEDULED (a month ahead), 99 COMPLETED after waiting for the tenant's previous job.
-- In-flight jobs were active just now, so the dispatcher's silence window does not re-dispatch them.
\set ON_ERROR_STOP on
SET synchronous_commit = off;
SET maintenance_work_mem = '256MB';

BEGIN;
INSERT INTO tenants (id, tier, created_at)
SELECT 'bench-' || lpad(t::text, 3, '0'), 'standard', now() - interval '400 days'
FROM generate_series(0, 99) t
ON CONFLICT (id) DO NOTHING;

CREATE TEMP TABLE bench_seed ON COMMIT DROP AS
SELECT n,
       md5('bench-job-' || n)::uuid AS id,
       md5('bench-file-' || n)::uuid AS file_id,
       'bench-' || lpad(((n - 1) % 100)::text, 3, '0') AS tenant_id,
       CASE WHEN (n / 100) % 100 < 80 THEN 'COMPLETED'
            WHEN (n / 100) % 100 < 88 THEN 'FAILED'
            WHEN (n / 100) % 100 < 91 THEN 'RUNNING'
            WHEN (n / 100) % 100 < 93 THEN 'QUEUED'
            WHEN (n / 100) % 100 < 95 THEN 'NEEDS_MAPPING'
            WHEN (n / 100) % 100 < 97 THEN 'CANCELLED'
            WHEN (n / 100) % 100 < 98 THEN 'DEAD_LETTERED'
            WHEN (n / 100) % 100 < 99 THEN 'SCHEDULED'
            ELSE 'COMPLETED' END AS state,
       (ARRAY['CSV', 'CDR', 'PDF'])[1 + n % 3] AS format,
       -- a year of history, the newest job last
       now() - make_interval(secs => (:jobs - n) * (31536000.0 / :jobs)) - interval '1 hour' AS created_at
FROM generate_series(1, :jobs) n;

INSERT INTO stored_files (id, tenant_id, sha256, size_bytes, mime_type, format, storage_uri,
                          original_filename, created_at, scan_status, scanned_at, validation_facts)
SELECT file_id, tenant_id, encode(sha256(convert_to('bench-file-' || n, 'UTF8')), 'hex'),
       1000 + (n::bigint * 7919) % 5000000,
       CASE format WHEN 'CSV' THEN 'text/csv' WHEN 'CDR' THEN 'text/plain' ELSE 'application/pdf' END,
       format, 'file:///bench/' || tenant_id || '/' || file_id,
       'batch-' || n || '.' || lower(format), created_at, 'CLEAN', created_at + interval '1 second',
       CASE format WHEN 'PDF' THEN '{"pages":' || (1 + n % 40) || '}'
                   ELSE '{"rows":' || (10 + n % 90000) || ',"columns":12}' END
FROM bench_seed;

INSERT INTO jobs (id, tenant_id, file_id, filename, format, state, priority, metadata, submitted_by,
                  celery_task_id, attempt_count, error_category, error_message, remediation,
                  created_at, updated_at, queued_at, started_at, finished_at, kombu_priority,
                  percent, current_step, progress_message, last_activity_at, dispatched_at,
                  layout, confidence, needs_mapping, record_count, records_uri, result_summary,
                  event_seq, schedule_at, on_dependency_failure)
SELECT s.id, s.tenant_id, s.file_id, 'batch-' || s.n || '.' || lower(s.format), s.format, s.state,
       s.n % 10, CASE WHEN s.n % 4 = 0 THEN '{"batch":"' || (s.n / 1000) || '"}' END,
       'user:bench-user-' || (s.n % 7),
       CASE WHEN s.state NOT IN ('SCHEDULED') THEN md5('bench-task-' || s.n)::uuid::text END,
       CASE s.state WHEN 'SCHEDULED' THEN 0 WHEN 'DEAD_LETTERED' THEN 5 WHEN 'FAILED' THEN 1 + s.n % 3 ELSE 1 END,
       CASE WHEN s.state IN ('FAILED', 'DEAD_LETTERED') THEN 'parse_error' END,
       CASE WHEN s.state IN ('FAILED', 'DEAD_LETTERED') THEN 'line ' || (s.n % 500) || ': expected 12 columns, found 11' END,
       CASE WHEN s.state IN ('FAILED', 'DEAD_LETTERED') THEN 'fix the file and upload it again, or retry with a template' END,
       s.created_at,
       s.created_at + interval '40 seconds',
       CASE WHEN s.state <> 'SCHEDULED' THEN s.created_at + interval '2 seconds' END,
       CASE WHEN s.state NOT IN ('SCHEDULED', 'QUEUED') THEN s.created_at + interval '5 seconds' END,
       CASE WHEN s.state IN ('COMPLETED', 'FAILED', 'CANCELLED', 'DEAD_LETTERED') THEN s.created_at + interval '40 seconds' END,
       CASE WHEN s.state <> 'SCHEDULED' THEN 9 - s.n % 10 END,
       CASE s.state WHEN 'COMPLETED' THEN 100 WHEN 'RUNNING' THEN 40 + s.n % 50 WHEN 'NEEDS_MAPPING' THEN 60 ELSE 0 END,
       CASE WHEN s.state IN ('RUNNING', 'NEEDS_MAPPING') THEN 'parsing' WHEN s.state = 'COMPLETED' THEN 'done' END,
       CASE WHEN s.state = 'RUNNING' THEN 'parsed ' || (s.n % 9000) || ' rows' END,
       CASE WHEN s.state IN ('RUNNING', 'QUEUED') THEN now() ELSE s.created_at + interval '40 seconds' END,
       CASE WHEN s.state NOT IN ('SCHEDULED') THEN s.created_at + interval '3 seconds' END,
       CASE WHEN s.state IN ('COMPLETED', 'NEEDS_MAPPING') THEN lower(s.format) || '-layout-' || (s.n % 5) END,
       CASE WHEN s.state IN ('COMPLETED', 'NEEDS_MAPPING') THEN 0.6 + (s.n % 40) / 100.0 END,
       s.state = 'NEEDS_MAPPING',
       CASE WHEN s.state = 'COMPLETED' THEN 10 + s.n % 90000 END,
       CASE WHEN s.state = 'COMPLETED' THEN 'file:///bench/' || s.tenant_id || '/records/' || s.id || '.ndjson' END,
       CASE WHEN s.state = 'COMPLETED' THEN '{"records":' || (10 + s.n % 90000) || ',"rejected":' || (s.n % 7)
            || ',"quality":{"completeness":0.98,"validRows":' || (10 + s.n % 90000 - s.n % 7) || '}}' END,
       CASE s.state WHEN 'SCHEDULED' THEN 2 WHEN 'QUEUED' THEN 3 WHEN 'RUNNING' THEN 5
                    WHEN 'NEEDS_MAPPING' THEN 6 ELSE 7 END,
       CASE WHEN s.state = 'SCHEDULED' THEN now() + interval '30 days' END,
       CASE WHEN (s.n / 100) % 100 = 99 AND s.n > 100 THEN 'FAIL' END
FROM bench_seed s;

-- A job of bucket 99 waited for the tenant's previous job, which completed.
INSERT INTO job_dependencies (job_id, position, depends_on_job_id, outcome)
SELECT id, 0, md5('bench-job-' || (n - 100))::uuid, 'COMPLETED'
FROM bench_seed WHERE (n / 100) % 100 = 99 AND n > 100;

-- The seven steps of the breakdown, as the state machine leaves them.
INSERT INTO job_steps (job_id, position, name, status, started_at, finished_at, detail)
SELECT s.id, p - 1, (ARRAY['received', 'stored', 'scanned', 'validated', 'queued', 'dispatched', 'parsed'])[p],
       CASE
         WHEN p <= 4 THEN 'DONE'
         WHEN s.state = 'SCHEDULED' THEN 'PENDING'
         WHEN p = 5 THEN 'DONE'
         WHEN s.state = 'QUEUED' THEN 'PENDING'
         WHEN p = 6 THEN 'DONE'
         WHEN s.state = 'COMPLETED' THEN 'DONE'
         WHEN s.state IN ('FAILED', 'DEAD_LETTERED') THEN 'FAILED'
         WHEN s.state = 'CANCELLED' THEN 'SKIPPED'
         WHEN s.state = 'RUNNING' THEN 'RUNNING'
         ELSE 'PENDING' END,
       s.created_at + make_interval(secs => p - 1),
       CASE WHEN p <= 4 OR (p <= 6 AND s.state NOT IN ('SCHEDULED', 'QUEUED'))
                 OR s.state IN ('COMPLETED', 'FAILED', 'DEAD_LETTERED', 'CANCELLED')
            THEN s.created_at + make_interval(secs => CASE WHEN p = 7 THEN 40 ELSE p END) END,
       CASE WHEN p = 7 AND s.state IN ('FAILED', 'DEAD_LETTERED') THEN 'parse_error'
            WHEN p = 7 AND s.state = 'CANCELLED' THEN 'cancelled'
            WHEN p = 7 AND s.state = 'NEEDS_MAPPING' THEN 'needs mapping' END
FROM bench_seed s, generate_series(1, 7) p;

-- The history: one event per change, event_seq of them, the last one in the job's state.
INSERT INTO job_events (job_id, seq, at, state, step, percent, message, task_id, from_state)
SELECT s.id, e,
       s.created_at + make_interval(secs => CASE WHEN e = 7 THEN 40 ELSE e END),
       CASE
         WHEN e = 1 THEN 'RECEIVED'
         WHEN s.state = 'SCHEDULED' THEN 'SCHEDULED'
         WHEN e <= 3 THEN 'QUEUED'
         WHEN e <= 5 OR (e = 6 AND s.state <> 'NEEDS_MAPPING') THEN 'RUNNING'
         ELSE s.state END,
       CASE WHEN e IN (4, 5) THEN 'parsing' END,
       CASE e WHEN 4 THEN 20 WHEN 5 THEN 60 WHEN 6 THEN 90 END,
       CASE e WHEN 1 THEN 'received' WHEN 2 THEN 'queued' WHEN 3 THEN 'dispatched' ELSE NULL END,
       CASE WHEN e >= 3 AND s.state <> 'SCHEDULED' THEN md5('bench-task-' || s.n)::uuid END,
       CASE WHEN e = 1 THEN NULL
            WHEN s.state = 'SCHEDULED' THEN 'RECEIVED'
            WHEN e = 2 THEN 'RECEIVED'
            WHEN e = 3 THEN 'QUEUED'
            WHEN e = 4 THEN 'QUEUED'
            ELSE 'RUNNING' END
FROM bench_seed s,
     generate_series(1, CASE s.state WHEN 'SCHEDULED' THEN 2 WHEN 'QUEUED' THEN 3 WHEN 'RUNNING' THEN 5
                                     WHEN 'NEEDS_MAPPING' THEN 6 ELSE 7 END) e;
COMMIT;

ANALYZE tenants;
ANALYZE stored_files;
ANALYZE jobs;
ANALYZE job_steps;
ANALYZE job_events;
ANALYZE job_dependencies;
