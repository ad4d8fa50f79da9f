/**
 * Sending parse work to the Celery workers: the transactional outbox (written when a job's change
 * puts it in the queue) and its relay, the Celery wire format, queue priorities, retry decisions
 * with backoff, revokes, the sweep for lost work, pausing dispatch per tenant or globally
 * (audited), and fair share (a tenant's jobs in flight held to its limit, counted in PostgreSQL).
 * Stands on jobs, broker and audit; never parses anything and never reads results (progress does,
 * and may use its retry decisions).
 */
package io.fileparser.dispatch;
