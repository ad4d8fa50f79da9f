-- The tenant of each dispatch message, copied from its job (a job never changes tenant), so that a
-- relay round finds the tenants with work due and their oldest message through an index instead of
-- reading every unsent message: with a backlog (tenants at their jobs-in-flight limit, thousands of
-- messages waiting) every round, and every upload starts one, read all of it.
alter table dispatch_outbox add column tenant_id varchar(64);

update dispatch_outbox m
   set tenant_id = j.tenant_id
  from jobs j
 where j.id = m.job_id;

alter table dispatch_outbox alter column tenant_id set not null;

-- The tenants with unsent messages (distinct, by skipping through the index) and each one's oldest.
create index dispatch_outbox_tenant_due on dispatch_outbox (tenant_id, available_at)
    where sent_at is null;
-- A tenant's messages in the order a relay claims them: most urgent, then oldest.
create index dispatch_outbox_tenant_claim on dispatch_outbox (tenant_id, priority, available_at)
    where sent_at is null;

-- Replaced by the two above: nothing looks for due messages across tenants by time any more, and
-- with it the planner walked the whole backlog in time order to find one tenant's oldest message.
drop index dispatch_outbox_due;
