-- The job a webhook message tells of, so a job's page can list its deliveries to every endpoint
-- (GET /jobs/{jobId}/webhook-deliveries). Null for messages of no job (webhook.test, alerts). No
-- foreign key: the messages of a deleted job (job.deleted among them) stay in the delivery log.
alter table webhook_messages add column job_id uuid;

-- Messages written before this column: the job id is the top-level "jobId" of their body.
update webhook_messages
   set job_id = (payload::jsonb ->> 'jobId')::uuid
 where event_type like 'job.%'
   and payload::jsonb ->> 'jobId' ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

create index webhook_messages_job on webhook_messages (job_id, seq) where job_id is not null;
