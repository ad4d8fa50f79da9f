-- Fair share of the workers (issues 12 and 13): a tenant has at most so many jobs in flight (pushed to
-- the broker and not finished); the relay holds the rest in the outbox and releases the next one when
-- one of the tenant's jobs finishes.

alter table tenants
    -- Jobs in flight at once; null: the tier's limit.
    add column max_jobs_in_flight integer,
    add constraint tenants_max_jobs_in_flight check (max_jobs_in_flight between 1 and 10000);

-- What the relay counts for a tenant before each release: its jobs a worker holds or may take now.
create index jobs_tenant_in_flight on jobs (tenant_id)
    where state = 'RUNNING' or (state = 'QUEUED' and dispatched_at is not null);
