/**
 * Webhooks: tenants register endpoints; every job event they want is written as a message for each
 * of them in the transaction of the job change (a durable outbox), then posted, signed to the
 * Standard Webhooks specification, and retried on a schedule until delivered or given up. Owns the
 * SSRF guard that keeps deliveries off private networks. Stands on events, jobs, audit, security;
 * never changes a job, and never sends a request from inside a database transaction.
 */
package io.fileparser.webhooks;
